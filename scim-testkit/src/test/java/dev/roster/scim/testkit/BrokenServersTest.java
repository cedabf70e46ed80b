package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.testkit.CheckResult.Outcome;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Servers that are wrong on purpose make the right checks fail, with useful output. */
class BrokenServersTest {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @Test
  void aServerAnswering404ToFiltersFailsTestConnectionWithTheExchange() throws Exception {
    try (RosterServer roster = RosterServer.start();
        Proxy proxy =
            Proxy.start(
                roster.baseUrl(),
                exchange -> {
                  String query = exchange.getRequestURI().getRawQuery();
                  if (query != null && query.contains("filter=")) {
                    Proxy.answer(exchange, 404, "text/html", "<html><h1>Not Found</h1></html>");
                    return true;
                  }
                  return false;
                })) {
      TestkitRun run =
          Testkit.of(
                  TestkitOptions.builder(proxy.baseUrl())
                      .bearerToken(RosterServer.TOKEN)
                      .suites(Suite.ENTRA)
                      .profile(Profile.USERS)
                      .build())
              .run();

      CheckResult testConnection = run.results().get(0);
      assertThat(testConnection.outcome()).isEqualTo(Outcome.FAILED);
      assertThat(testConnection.message())
          .contains("HTTP 200 OK")
          .contains("quarantine")
          .contains("found HTTP 404");
      assertThat(testConnection.details())
          .contains("See:      Microsoft Learn (Test Connection; Get User by query - Zero results)")
          .contains("GET " + proxy.baseUrl() + "/Users?filter=userName+eq+%22")
          .contains("Authorization: Bearer ****")
          .doesNotContain(RosterServer.TOKEN)
          .contains("HTTP 404 Not Found")
          .contains("<h1>Not Found</h1>");
      assertThat(outcome(run, "GET /Users/{id} for an id that does not exist: 404"))
          .isEqualTo(Outcome.PASSED);
      assertThat(outcome(run, "Create a duplicate user: 409 Conflict")).isEqualTo(Outcome.PASSED);
      assertThat(outcome(run, "Filter for an existing user with a different case finds it"))
          .isEqualTo(Outcome.FAILED);
      assertThat(run.summary()).matches("\\d+ passed, \\d+ failed, \\d+ skipped");
      assertThat(usersLeft(roster)).as("every user was deleted after its check").isZero();
    }
  }

  @Test
  void aServerRefusingEveryCredentialFailsAllButTheAuthenticationChecks() {
    try (RosterServer roster = RosterServer.start(request -> Optional.empty())) {
      TestkitRun run = Testkit.of(roster.options().profile(Profile.FULL).build()).run();

      List<String> passed =
          run.results().stream()
              .filter(r -> r.outcome() == Outcome.PASSED)
              .map(CheckResult::name)
              .collect(Collectors.toList());
      assertThat(passed)
          .containsExactlyInAnyOrder(
              "Test Connection with a wrong secret token: 401 (or 403)",
              "SPEC test 11: a wrong Authorization header answers 401 with a SCIM error");
      assertThat(run.results())
          .filteredOn(r -> r.outcome() == Outcome.FAILED)
          .isNotEmpty()
          .allSatisfy(r -> assertThat(r.message()).contains("HTTP 401"));
      assertThat(run.results())
          .filteredOn(r -> r.outcome() == Outcome.SKIPPED)
          .allSatisfy(r -> assertThat(r.message()).contains("/ServiceProviderConfig"));
      assertThat(run.successful()).isFalse();
    }
  }

  @Test
  void checksCleanUpAfterTheyFail() throws Exception {
    try (RosterServer roster = RosterServer.start();
        Proxy proxy =
            Proxy.start(
                roster.baseUrl(),
                exchange -> {
                  if (exchange.getRequestMethod().equals("PATCH")) {
                    Proxy.answer(exchange, 500, "text/plain", "Unsupported");
                    return true;
                  }
                  return false;
                })) {
      TestkitRun run =
          Testkit.of(
                  TestkitOptions.builder(proxy.baseUrl())
                      .bearerToken(RosterServer.TOKEN)
                      .suites(Suite.ENTRA, Suite.OKTA)
                      .build())
              .run();

      assertThat(run.failed()).isGreaterThan(10);
      CheckResult patch =
          run.results().stream()
              .filter(r -> r.name().startsWith("PATCH (no flag): one capitalised Replace"))
              .findFirst()
              .orElseThrow();
      assertThat(patch.details())
          .contains("Found:    HTTP 500")
          .contains("PATCH " + proxy.baseUrl() + "/Users/")
          .contains("\"op\" : \"Replace\"")
          .contains("Unsupported");
      assertThat(usersLeft(roster)).isZero();
      assertThat(count(roster, "/Groups")).isZero();
    }
  }

  @Test
  void usersTheServerWillNotDeleteAreDeactivatedAndReported() throws Exception {
    try (RosterServer roster = RosterServer.start();
        Proxy proxy =
            Proxy.start(
                roster.baseUrl(),
                exchange -> {
                  if (exchange.getRequestMethod().equals("DELETE")
                      && exchange.getRequestURI().getPath().contains("/Users/")) {
                    Proxy.answer(
                        exchange,
                        405,
                        "application/scim+json",
                        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],"
                            + "\"status\":\"405\",\"detail\":\"Users are never deleted\"}");
                    return true;
                  }
                  return false;
                })) {
      TestkitRun run =
          Testkit.of(
                  TestkitOptions.builder(proxy.baseUrl())
                      .bearerToken(RosterServer.TOKEN)
                      .suites(Suite.OKTA)
                      .profile(Profile.USERS)
                      .build())
              .run();

      CheckResult assign = run.results().get(8);
      assertThat(assign.name()).startsWith("Assign a user");
      assertThat(assign.outcome()).isEqualTo(Outcome.PASSED);
      assertThat(assign.notes())
          .singleElement()
          .asString()
          .contains("DELETE /Users/")
          .contains("HTTP 405")
          .contains("deactivated instead");
      JsonNode left = list(roster, "/Users?count=500&filter=" + notMe());
      assertThat(left.path("totalResults").asInt()).isPositive();
      for (JsonNode user : left.path("Resources")) {
        assertThat(user.path("active").asBoolean(true)).as(user.toString()).isFalse();
      }
    }
  }

  @Test
  void bulkStatusesAsNumbersPassWithANote() throws Exception {
    TestkitRun run =
        behindProxy(
            Defects.responses(
                call -> call.is("POST", "/Bulk"),
                (call, reply) ->
                    Defects.eachBulkResult(
                        reply,
                        result ->
                            result.put(
                                "status", Integer.parseInt(result.path("status").asText())))),
            options -> options.checks("rfc:21", "rfc:22", "rfc:23"));

    assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
    assertThat(run.results())
        .hasSize(3)
        .allSatisfy(
            r ->
                assertThat(r.notes())
                    .anyMatch(
                        note ->
                            note.startsWith("The bulk results give \"status\" as a JSON number")
                                && note.contains("RFC 7644 §3.7.3 shows it as a string")));
  }

  /** Runs what {@code choose} selects against Roster behind a proxy with {@code interceptor}. */
  static TestkitRun behindProxy(
      Proxy.Interceptor interceptor, UnaryOperator<TestkitOptions.Builder> choose)
      throws IOException {
    try (RosterServer server = RosterServer.start();
        Proxy proxy = Proxy.intercepting(server.baseUrl(), interceptor)) {
      return Testkit.of(
              choose
                  .apply(TestkitOptions.builder(proxy.baseUrl()).bearerToken(RosterServer.TOKEN))
                  .build())
          .run();
    }
  }

  static Outcome outcome(TestkitRun run, String name) {
    return run.results().stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no check named " + name))
        .outcome();
  }

  /** How many users are left but the one /Me stands for, which the server created itself. */
  static int usersLeft(RosterServer roster) throws Exception {
    return count(roster, "/Users?filter=" + notMe());
  }

  /** A filter, form-encoded, for every user but the one /Me stands for. */
  private static String notMe() {
    return URLEncoder.encode(
        "userName ne \"" + RosterServer.ME_USER_NAME + "\"", StandardCharsets.UTF_8);
  }

  static int count(RosterServer roster, String endpoint) throws Exception {
    return list(roster, endpoint).path("totalResults").asInt(-1);
  }

  static JsonNode list(RosterServer roster, String path) throws Exception {
    return list(roster.baseUrl(), RosterServer.TOKEN, path);
  }

  /** GETs {@code path} below {@code baseUrl} with a bearer token; the JSON body. */
  static JsonNode list(String baseUrl, String token, String path) throws Exception {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", "Bearer " + token)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new ObjectMapper().readTree(response.body());
  }
}
