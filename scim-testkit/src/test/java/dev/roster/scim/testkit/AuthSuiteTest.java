package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.testkit.CheckResult.Outcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The auth suite against Roster's own server with a token endpoint and two tenants: everything
 * passes with every option, checks skip naming the option they lack, and throttling is no failure.
 */
class AuthSuiteTest {
  /** A fresh server for each test, so that throttled failures never carry over. */
  private TwoTenants server;

  @BeforeEach
  void start() {
    server = TwoTenants.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void everyCheckPassesAgainstRosterWithTwoTenantsAndCleansUpInBoth() throws Exception {
    TestkitRun run = Testkit.of(server.options().build()).run();

    assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
    assertThat(run.results())
        .extracting(CheckResult::id)
        .containsExactly(
            "auth:1", "auth:2", "auth:3", "auth:4", "auth:5", "auth:6", "auth:7", "auth:8");
    assertThat(run.results()).extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
    assertThat(run.summary()).isEqualTo("8 passed, 0 failed");
    assertThat(users(server.acmeToken)).as("acme's users after the run").isZero();
    assertThat(users(server.globexToken)).as("globex's users after the run").isZero();
  }

  @Test
  void withoutAnyOptionOnlyTheUnauthenticatedChecksRunAndTheOthersNameWhatTheyNeed() {
    TestkitRun run = auth(options -> options);

    assertThat(outcomes(run))
        .containsEntry("auth:4", "PASSED")
        .containsEntry("auth:5", "PASSED")
        .containsEntry(
            "auth:1",
            "SKIPPED no token endpoint given (--token-url, with --client-id and --client-secret)")
        .containsEntry(
            "auth:2",
            "SKIPPED no token endpoint given (--token-url, with --client-id and --client-secret)")
        .containsEntry(
            "auth:3",
            "SKIPPED no token endpoint given (--token-url, with --client-id and --client-secret)")
        .containsEntry(
            "auth:6",
            "SKIPPED no revoked token given (--revoked-token: a token the server issued, then"
                + " revoked)")
        .containsEntry(
            "auth:7",
            "SKIPPED no expired token given (--expired-token: a token the server issued that has"
                + " expired)")
        .containsEntry(
            "auth:8",
            "SKIPPED no second tenant's credentials given (--other-token, or --other-client-id"
                + " and --other-client-secret)");
    assertThat(run.summary()).isEqualTo("2 passed, 0 failed, 6 skipped");
  }

  @Test
  void aTokenEndpointWithoutAClientSkipsTheTokenChecksSayingSo() {
    TestkitRun run =
        auth(
            options ->
                options.tokenUrl(server.roster.tokenUrl()).checks("auth:1", "auth:2", "auth:3"));

    assertThat(run.results())
        .extracting(CheckResult::message)
        .containsOnly("no client given (--client-id and --client-secret)");
  }

  @Test
  void theIsolationCheckTakesTheRunsTokenAndTheOtherTenantsTokenWithoutATokenEndpoint() {
    TestkitRun run =
        auth(
            options ->
                options
                    .bearerToken(server.acmeToken)
                    .otherToken(server.globexToken)
                    .checks("auth:two tenants"));

    assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
    assertThat(run.summary()).isEqualTo("1 passed, 0 failed");
    String transcript = run.results().get(0).transcript();
    assertThat(transcript)
        .contains("Authorization: Bearer ****")
        .doesNotContain(server.acmeToken)
        .doesNotContain(server.globexToken)
        .doesNotContain("/oauth/token");
  }

  @Test
  void twoCredentialsOfOneTenantFailTheIsolationCheck() {
    TestkitRun run =
        auth(
            options ->
                options
                    .tokenUrl(server.roster.tokenUrl())
                    .clientCredentials(TwoTenants.ACME_CLIENT, server.acmeSecret)
                    .otherToken(server.acmeToken)
                    .checks("auth:8"));

    CheckResult result = run.results().get(0);
    assertThat(result.outcome()).isEqualTo(Outcome.FAILED);
    assertThat(result.message())
        .contains("tenant B does not see tenant A's user")
        .contains("if both credentials belong to one tenant")
        .contains("found HTTP 200");
    assertThat(result.details()).doesNotContain(server.acmeToken);
  }

  @Test
  void throttledFailuresAreNotedNotFailedAndAThrottledTokenRequestIsSkipped() {
    Testkit errors = Testkit.of(server.options().checks("auth:3").build());
    // Each run fails the client twice (a wrong secret with Basic and in the form); Roster
    // throttles a client id after ten failures within a minute.
    CheckResult result = null;
    for (int i = 0; i < 8; i++) {
      result = errors.run().results().get(0);
      assertThat(result.outcome()).as(result.details()).isEqualTo(Outcome.PASSED);
      if (!result.notes().isEmpty()) {
        break;
      }
    }

    assertThat(result.notes())
        .hasSize(2)
        .allSatisfy(
            note ->
                assertThat(note)
                    .contains("with 429 and Retry-After: ")
                    .contains("this case was not judged"));
    CheckResult token =
        Testkit.of(server.options().checks("auth:1").build()).run().results().get(0);
    assertThat(token.outcome()).isEqualTo(Outcome.SKIPPED);
    assertThat(token.message())
        .startsWith(
            "the token endpoint answered the client credentials grant in the form with 429 and"
                + " Retry-After: ")
        .endsWith("run again after that many seconds");
  }

  /** Runs the auth suite against the server with only the options {@code options} adds. */
  private TestkitRun auth(UnaryOperator<TestkitOptions.Builder> options) {
    return Testkit.of(
            options
                .apply(TestkitOptions.builder(server.roster.baseUrl()).suites(Suite.AUTH))
                .build())
        .run();
  }

  private static Map<String, String> outcomes(TestkitRun run) {
    Map<String, String> outcomes = new LinkedHashMap<>();
    for (CheckResult result : run.results()) {
      outcomes.put(
          result.id(),
          result.outcome() == Outcome.SKIPPED
              ? "SKIPPED " + result.message()
              : result.outcome().name());
    }
    return outcomes;
  }

  private int users(String token) throws Exception {
    return BrokenServersTest.list(server.roster.baseUrl(), token, "/Users")
        .path("totalResults")
        .asInt(-1);
  }
}
