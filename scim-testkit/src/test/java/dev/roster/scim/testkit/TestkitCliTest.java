package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.server.Identity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The command line against real servers: progress, reports, final line and exit code. */
class TestkitCliTest {
  @TempDir Path dir;

  /** What one CLI run printed and returned. */
  record Cli(int exitCode, String out, String err) {
    String lastLine() {
      List<String> lines = out.lines().toList();
      return lines.get(lines.size() - 1);
    }
  }

  static Cli cli(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        TestkitCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Cli(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void passingRunExitsZeroWithWellFormedReportsAndTheSummaryLast() throws Exception {
    Path html = dir.resolve("report.html");
    Path xml = dir.resolve("out/results.xml");
    try (RosterServer roster = RosterServer.start()) {
      Cli run =
          cli(
              "--url",
              roster.baseUrl(),
              "--token",
              RosterServer.TOKEN,
              "--suite",
              "entra",
              "--profile",
              "users",
              "--report",
              html.toString(),
              "--junit-xml=" + xml);

      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(run.lastLine()).matches("\\d+ passed, 0 failed, \\d+ skipped");
      assertThat(run.out())
          .contains("Roster SCIM testkit: " + roster.baseUrl())
          .contains("PASS entra:1  Test Connection: a filter for a random userName")
          .contains("SKIP entra:17 Manager round trip")
          .doesNotContain(RosterServer.TOKEN);

      Document report = parse(xml);
      Element root = report.getDocumentElement();
      assertThat(root.getTagName()).isEqualTo("testsuites");
      assertThat(root.getAttribute("failures")).isEqualTo("0");
      int cases = report.getElementsByTagName("testcase").getLength();
      int skipped = report.getElementsByTagName("skipped").getLength();
      assertThat(run.lastLine())
          .isEqualTo((cases - skipped) + " passed, 0 failed, " + skipped + " skipped");
      NodeList paragraphs = parse(html).getElementsByTagNameNS("*", "p");
      String summary = null;
      for (int i = 0; i < paragraphs.getLength(); i++) {
        Element p = (Element) paragraphs.item(i);
        if (p.getAttribute("id").equals("summary")) {
          summary = p.getTextContent();
        }
      }
      assertThat(summary).isEqualTo(run.lastLine());
    }
  }

  @Test
  void failingRunShowsTheExchangeAndExitsOne() throws Exception {
    Path xml = dir.resolve("results.xml");
    try (RosterServer roster = RosterServer.start(request -> Optional.empty())) {
      Cli run =
          cli(
              "--url", roster.baseUrl(),
              "--token", "wrong",
              "--suite", "okta",
              "--profile", "users",
              "--junit-xml", xml.toString());

      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.lastLine()).matches("1 passed, [1-9]\\d* failed, \\d+ skipped");
      assertThat(run.out())
          .contains("FAIL okta:1   Test API Credentials")
          .contains("Expected: HTTP 200 OK (a ListResponse)")
          .contains("Found:    HTTP 401")
          .contains(
              "See:      Okta SCIM 2.0 ref. (\"Retrieve Users\"): " + "https://developer.okta.com/")
          .contains("GET " + roster.baseUrl() + "/Users?startIndex=1&count=2")
          .contains("User-Agent: Okta SCIM Client 1.0.0")
          .contains("WWW-Authenticate: Bearer")
          .contains("PASS okta:8   SPEC test 11");
      Document report = parse(xml);
      assertThat(report.getElementsByTagName("failure").getLength())
          .isEqualTo(Integer.parseInt(run.lastLine().split(" ")[2]));
    }
  }

  @Test
  void basicAuthAndCustomHeadersAreSent() {
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("scim:s3cret".getBytes(StandardCharsets.UTF_8));
    try (RosterServer roster =
        RosterServer.start(
            request ->
                basic.equals(request.header("Authorization"))
                        && "acme".equals(request.header("X-Tenant"))
                    ? Optional.of(Identity.of("acme", "scim"))
                    : Optional.empty())) {
      Cli run =
          cli(
              "--url", roster.baseUrl(),
              "--basic", "scim:s3cret",
              "--header", "X-Tenant: acme",
              "--suite", "entra",
              "--profile", "users-groups");

      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(run.out()).doesNotContain("s3cret").doesNotContain("acme\n");
    }
  }

  @Test
  void anApiKeyHeaderCanBeTheOnlyCredential() {
    try (RosterServer roster =
        RosterServer.start(
            request ->
                "k3y".equals(request.header("X-Api-Key"))
                    ? Optional.of(Identity.of("acme", "key"))
                    : Optional.empty())) {
      Cli run =
          cli(
              "--url", roster.baseUrl(),
              "--header", "X-Api-Key: k3y",
              "--suite", "entra,okta",
              "--profile", "users");

      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(run.out())
          .contains("PASS entra:3  Test Connection with a wrong secret token")
          .contains("PASS okta:8   SPEC test 11")
          .doesNotContain("k3y");
    }
  }

  @Test
  void usageErrorsExitTwo() {
    Cli missing = cli("--token", "x");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--url is required");

    Cli profile = cli("--url", "http://127.0.0.1:9/scim", "--profile", "everything");
    assertThat(profile.exitCode()).isEqualTo(2);
    assertThat(profile.err()).contains("Unknown profile 'everything'");

    Cli unknown = cli("--url", "http://127.0.0.1:9/scim", "--colour");
    assertThat(unknown.exitCode()).isEqualTo(2);
    assertThat(unknown.err()).contains("unknown option --colour");

    Cli help = cli("--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains("--junit-xml FILE")
        .contains("--basic USER:PASSWORD")
        .contains("--check SELECTOR");

    Cli check = cli("--url", "http://127.0.0.1:9/scim", "--check", "okta:99");
    assertThat(check.exitCode()).isEqualTo(2);
    assertThat(check.err()).contains("'okta:99' chooses no check");
  }

  @Test
  void theAuthSuiteTakesItsFlagsAndNoOutputOrReportShowsASecretOrToken() throws Exception {
    Path html = dir.resolve("auth.html");
    Path xml = dir.resolve("auth.xml");
    try (TwoTenants server = TwoTenants.start();
        // Token responses with a lifetime of a day (auth:1 and auth:2 fail and show them), and
        // error responses echoing the client secret the request carried.
        Proxy proxy =
            Proxy.intercepting(
                server.roster.baseUrl(),
                (call, backend) -> {
                  Proxy.Reply reply = backend.send(call);
                  if (!call.scim && reply.json() instanceof ObjectNode body) {
                    if (reply.status == 200) {
                      body.put("expires_in", 86400);
                    } else {
                      body.put(
                          "error_description", "wrong secret: " + call.form().get("client_secret"));
                    }
                    reply.json(body);
                  }
                  return reply;
                })) {
      Cli run =
          cli(
              "--url",
              proxy.baseUrl(),
              "--suite",
              "auth",
              "--token-url",
              proxy.tokenUrl(),
              "--client-id",
              TwoTenants.ACME_CLIENT,
              "--client-secret",
              server.acmeSecret,
              "--other-client-id",
              TwoTenants.GLOBEX_CLIENT,
              "--other-client-secret",
              server.globexSecret,
              "--revoked-token",
              server.revokedToken,
              "--expired-token=" + server.expiredToken,
              "--report",
              html.toString(),
              "--junit-xml",
              xml.toString());

      assertThat(run.exitCode()).as(run.out()).isEqualTo(1);
      assertThat(run.out())
          .contains("suites auth; profile full; 8 checks")
          .contains("FAIL auth:1   Token request as Entra sends it")
          .contains("Found:    \"expires_in\": 86400")
          .contains("\"access_token\" : \"****\"")
          .contains("client_secret=****")
          .contains("PASS auth:3   Token endpoint errors")
          .contains("PASS auth:8   Two tenants");
      assertThat(run.lastLine()).isEqualTo("6 passed, 2 failed");
      String htmlText = Files.readString(html);
      String xmlText = Files.readString(xml);
      assertThat(xmlText).contains("wrong secret: ****").contains("Bearer **** (revoked token)");
      List<String> forbidden = new ArrayList<>(server.secrets());
      forbidden.add(basic(TwoTenants.ACME_CLIENT, server.acmeSecret));
      forbidden.add(basic(TwoTenants.GLOBEX_CLIENT, server.globexSecret));
      for (String text : List.of(run.out(), run.err(), htmlText, xmlText)) {
        assertThat(text).doesNotContainPattern(TwoTenants.ROSTER_TOKEN.pattern());
        for (String secret : forbidden) {
          assertThat(text).doesNotContain(secret);
        }
      }
      assertThat(parse(xml).getElementsByTagName("failure").getLength()).isEqualTo(2);
    }
  }

  @Test
  void authFlagsAreValidatedAndDocumented() {
    String url = "http://127.0.0.1:9/scim/v2";
    Cli lonely = cli("--url", url, "--token-url", url, "--client-id", "acme");
    assertThat(lonely.exitCode()).isEqualTo(2);
    assertThat(lonely.err()).contains("give --client-id and --client-secret together");

    Cli noTokenUrl = cli("--url", url, "--client-id", "acme", "--client-secret", "s3cret");
    assertThat(noTokenUrl.exitCode()).isEqualTo(2);
    assertThat(noTokenUrl.err()).contains("token URL").doesNotContain("s3cret");

    Cli both =
        cli(
            "--url", url,
            "--token-url", url,
            "--other-client-id", "globex",
            "--other-client-secret", "s3cret",
            "--other-token", "t0ken");
    assertThat(both.exitCode()).isEqualTo(2);
    assertThat(both.err()).contains("not both");

    Cli suite = cli("--url", url, "--suite", "entra,azure");
    assertThat(suite.exitCode()).isEqualTo(2);
    assertThat(suite.err()).contains("expected entra, okta, rfc or auth");

    Cli help = cli("--help");
    assertThat(help.out())
        .contains("--token-url URL")
        .contains("--client-id ID")
        .contains("--client-secret SECRET")
        .contains("--other-client-id ID")
        .contains("--other-client-secret SECRET")
        .contains("--other-token TOKEN")
        .contains("--revoked-token TOKEN")
        .contains("--expired-token TOKEN")
        .contains("default: entra,okta,rfc");
  }

  @Test
  void checkRunsOnlyTheSelectedChecks() {
    try (RosterServer roster = RosterServer.start()) {
      Cli run =
          cli(
              "--url",
              roster.baseUrl(),
              "--token",
              RosterServer.TOKEN,
              "--check",
              "okta:11",
              "--check",
              "rfc:Sorting");

      assertThat(run.exitCode()).as(run.out()).isZero();
      assertThat(run.out())
          .contains("2 checks")
          .contains("PASS okta:11  A PUT that leaves out active keeps the user active")
          .contains("PASS rfc:11   Sorting by userName");
      assertThat(run.lastLine()).isEqualTo("2 passed, 0 failed");
    }
  }

  @Test
  void anUnreachableServerFailsEveryCheckWithoutHanging() {
    Cli run =
        cli(
            "--url",
            "http://127.0.0.1:9/scim/v2",
            "--token",
            "t",
            "--suite",
            "rfc",
            "--timeout",
            "2");

    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out()).contains("Found:    no response (ConnectException");
    assertThat(run.lastLine()).matches("0 passed, \\d+ failed(, \\d+ skipped)?");
  }

  /** What {@code client_secret_basic} sends for a client: Base64 of id and secret. */
  private static String basic(String clientId, String secret) {
    return Base64.getEncoder()
        .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }
}
