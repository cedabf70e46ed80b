package dev.roster.quickstart;

import static dev.roster.scim.jdbc.TestDatabases.postgresUrl;
import static dev.roster.scim.jdbc.TestDatabases.setting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.jdbc.RequiresPostgres;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.testkit.CheckResult;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.Testkit;
import dev.roster.scim.testkit.TestkitOptions;
import dev.roster.scim.testkit.TestkitRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two Entra set-ups the quickstart README walks through: a secret token created for a tenant,
 * and OAuth 2.0 client credentials at the token endpoint; and, on PostgreSQL, two servers on one
 * database accepting each other's tokens.
 */
class AuthenticationTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @TempDir Path dataDir;

  @Test
  void aCreatedSecretTokenIsPrintedOnceWithTheTenantUrlAndWorks() {
    Options options =
        Options.parse(
            new String[] {
              "--port", "0", "--data-dir", dataDir.toString(), "--create-token", "acme"
            },
            Map.of());
    try (QuickstartServer server = QuickstartServer.start(options)) {
      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      Main.describe(server, options, new PrintStream(printed, true, StandardCharsets.UTF_8));
      String banner = printed.toString(StandardCharsets.UTF_8);
      String token = server.createdTokens().get(0).token();

      assertThat(banner)
          .contains("Tenant URL:   " + server.baseUri())
          .contains("Secret Token: " + token)
          .containsPattern("(?m)^token endpoint: " + server.tokenEndpoint() + "$");
      ScimClient acme = new ScimClient(server.baseUri(), token);
      assertThat(acme.post("/Users", "{\"userName\":\"wile\"}").status()).isEqualTo(201);
      assertThat(acme.get("/Users").json().path("totalResults").asInt()).isEqualTo(1);
    }
  }

  @Test
  void clientCredentialsGetAnAccessTokenForTheirTenantOnly() throws Exception {
    Options options =
        Options.parse(
            new String[] {
              "--port", "0",
              "--data-dir", dataDir.toString(),
              "--client", "acme:entra-acme:acme-secret-1",
              "--create-client", "globex:entra-globex"
            },
            Map.of());
    try (QuickstartServer server = QuickstartServer.start(options)) {
      String acmeToken = accessToken(server.tokenEndpoint(), "entra-acme", "acme-secret-1");
      String globexToken =
          accessToken(
              server.tokenEndpoint(), "entra-globex", server.createdClients().get(0).secret());
      ScimClient acme = new ScimClient(server.baseUri(), acmeToken);
      ScimClient globex = new ScimClient(server.baseUri(), globexToken);

      assertThat(acme.post("/Users", "{\"userName\":\"road\"}").status()).isEqualTo(201);
      assertThat(acme.get("/Users").json().path("totalResults").asInt()).isEqualTo(1);
      assertThat(globex.get("/Users").json().path("totalResults").asInt()).isZero();
      assertThat(post(server.tokenEndpoint(), "entra-acme", "wrong").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theTestkitsAuthSuitePassesWithAClientAndAnotherTenantsToken() {
    Options options =
        Options.parse(
            new String[] {
              "--port", "0",
              "--data-dir", dataDir.toString(),
              "--client", "acme:entra-acme:acme-secret-2",
              "--create-token", "globex"
            },
            Map.of());
    try (QuickstartServer server = QuickstartServer.start(options)) {
      TestkitRun run =
          Testkit.of(
                  TestkitOptions.builder(server.baseUri().toString())
                      .suites(Suite.AUTH)
                      .tokenUrl(server.tokenEndpoint().toString())
                      .clientCredentials("entra-acme", "acme-secret-2")
                      .otherToken(server.createdTokens().get(0).token())
                      .build())
              .run();

      assertThat(run.results())
          .as(run.summary())
          .noneMatch(r -> r.outcome() == CheckResult.Outcome.FAILED);
      // Only the revoked and expired token checks lack their input.
      assertThat(run.results())
          .filteredOn(r -> r.outcome() == CheckResult.Outcome.PASSED)
          .hasSize(run.results().size() - 2);
    }
  }

  @Test
  void aClientAddressThatKeepsFailingIs429WithRetryAfter() {
    Options options =
        Options.parse(
            new String[] {"--port", "0", "--data-dir", dataDir.toString(), "--token", "right"},
            Map.of());
    try (QuickstartServer server = QuickstartServer.start(options)) {
      ScimClient guesser = new ScimClient(server.baseUri(), "wrong");
      for (int i = 0; i < ScimServer.DEFAULT_FAILED_AUTHENTICATION_LIMIT; i++) {
        assertThat(guesser.get("/Users").status()).isEqualTo(401);
      }

      ScimClient.Reply throttled = new ScimClient(server.baseUri(), "right").get("/Users");
      assertThat(throttled.status())
          .as("the same address, now with the right token")
          .isEqualTo(429);
      assertThat(throttled.json().path("status").asText()).isEqualTo("429");
      assertThat(throttled.header("Retry-After")).matches("[1-9][0-9]*");
    }
  }

  @Test
  @ExtendWith(RequiresPostgres.class)
  void twoServersOnOnePostgresAcceptEachOthersTokens() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    Options options =
        Options.parse(
                new String[] {
                  "--port", "0", "--client", "tenant-" + run + ":client-" + run + ":s3cret-" + run
                },
                Map.of())
            .withJdbc(
                postgresUrl(),
                setting("ROSTER_TEST_JDBC_USER"),
                setting("ROSTER_TEST_JDBC_PASSWORD"));
    try (QuickstartServer first = QuickstartServer.start(options);
        QuickstartServer second = QuickstartServer.start(options)) {
      String accessToken = accessToken(first.tokenEndpoint(), "client-" + run, "s3cret-" + run);
      String secretToken;
      try (QuickstartServer admin =
          QuickstartServer.start(
              Options.parse(
                      new String[] {"--port", "0", "--create-token", "tenant-" + run}, Map.of())
                  .withJdbc(
                      postgresUrl(),
                      setting("ROSTER_TEST_JDBC_USER"),
                      setting("ROSTER_TEST_JDBC_PASSWORD")))) {
        secretToken = admin.createdTokens().get(0).token();
      }

      ScimClient viaFirst = new ScimClient(first.baseUri(), accessToken);
      ScimClient viaSecond = new ScimClient(second.baseUri(), accessToken);
      assertThat(viaFirst.post("/Users", "{\"userName\":\"shared-" + run + "\"}").status())
          .isEqualTo(201);
      assertThat(viaSecond.get("/Users").json().path("totalResults").asInt()).isEqualTo(1);
      assertThat(new ScimClient(second.baseUri(), secretToken).get("/Users").status())
          .isEqualTo(200);
    }
  }

  private static String accessToken(URI endpoint, String clientId, String secret) throws Exception {
    HttpResponse<String> response = post(endpoint, clientId, secret);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ScimClient.JSON.readTree(response.body()).path("access_token").asText();
  }

  private static HttpResponse<String> post(URI endpoint, String clientId, String secret)
      throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    "grant_type=client_credentials&client_id="
                        + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                        + "&client_secret="
                        + URLEncoder.encode(secret, StandardCharsets.UTF_8)))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
