package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.server.Identity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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

  static Document parse(Path file) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    factory.setNamespaceAware(true);
    return factory.newDocumentBuilder().parse(file.toFile());
  }
}
