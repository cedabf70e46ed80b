package dev.roster.example.teams;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.testkit.CheckResult;
import dev.roster.scim.testkit.Profile;
import dev.roster.scim.testkit.Testkit;
import dev.roster.scim.testkit.TestkitOptions;
import dev.roster.scim.testkit.TestkitRun;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

/**
 * The example on a real embedded server on 127.0.0.1, as Entra and Okta meet it, and as the
 * application's own users meet it.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "roster.scim.token=" + TeamsApplicationTest.TOKEN,
      "spring.datasource.url=jdbc:h2:mem:teams;DB_CLOSE_DELAY=-1"
    })
class TeamsApplicationTest {
  static final String TOKEN = "example-test-token";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @Test
  void theTestkitsEntraOktaAndRfcSuitesPassWithTheUsersGroupsProfile() {
    TestkitRun run =
        Testkit.of(
                TestkitOptions.builder(base() + "/scim/v2")
                    .bearerToken(TOKEN)
                    .profile(Profile.USERS_GROUPS)
                    .build())
            .run();

    List<String> failed =
        run.results().stream()
            .filter(r -> r.outcome() == CheckResult.Outcome.FAILED)
            .map(r -> r.id() + " " + r.name() + "\n" + r.details())
            .collect(Collectors.toList());
    assertThat(failed).isEmpty();
    assertThat(run.passed()).isGreaterThan(55);
  }

  @Test
  void aUserCreatedOverScimIsARowOfTheApplicationsOwnTable() throws Exception {
    JsonNode created =
        send(
            "POST",
            "/scim/v2/Users",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                + "\"userName\":\"grace@example.com\",\"title\":\"Rear Admiral\","
                + "\"name\":{\"givenName\":\"Grace\",\"familyName\":\"Hopper\"},"
                + "\"emails\":[{\"value\":\"grace@example.com\",\"type\":\"work\"}]}",
            201);

    JsonNode users = send("GET", "/api/users", null, 200);
    List<String> logins = new ArrayList<>();
    users.forEach(u -> logins.add(u.path("login").asText()));
    assertThat(logins).contains("grace@example.com");
    // Nothing the tables do not hold is echoed back as if stored.
    assertThat(created.has("title")).isFalse();
    assertThat(created.path("emails").get(0).path("value").asText()).isEqualTo("grace@example.com");
  }

  @Test
  void schemasDeclareExactlyWhatTheTablesHold() throws Exception {
    JsonNode user =
        send("GET", "/scim/v2/Schemas/urn:ietf:params:scim:schemas:core:2.0:User", null, 200);
    List<String> names = new ArrayList<>();
    user.path("attributes").forEach(a -> names.add(a.path("name").asText()));
    assertThat(names)
        .containsExactly("userName", "name", "active", "emails", "phoneNumbers", "groups");
    JsonNode types = send("GET", "/scim/v2/ResourceTypes/User", null, 200);
    assertThat(types.path("schemaExtensions").size()).isZero();
  }

  @Test
  void theApplicationsMvcEndpointsAndActuatorStillAnswer() throws Exception {
    assertThat(send("GET", "/api/teams", null, 200).isArray()).isTrue();
    assertThat(send("GET", "/actuator/health", null, 200).path("status").asText()).isEqualTo("UP");
  }

  @Test
  void aMegabyteFilterAndALongIdGetScimErrorsAndWhatTomcatRefusesIsScimJsonToo() throws Exception {
    String filter = "userName eq \"" + "x".repeat(1024 * 1024) + "\"";

    JsonNode longFilter =
        send(
            "GET",
            "/scim/v2/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8),
            null,
            400);
    JsonNode longId = send("GET", "/scim/v2/Users/" + "a".repeat(200_000), null, 404);
    HttpResponse<String> huge =
        HTTP.send(
            HttpRequest.newBuilder(
                    URI.create(base() + "/scim/v2/Users?filter=" + "y".repeat(5 * 1024 * 1024)))
                .header("Authorization", "Bearer " + TOKEN)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(huge.statusCode()).isEqualTo(400);
    assertThat(huge.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/scim+json");
    assertThat(JSON.readTree(huge.body()).path("status").asText()).isEqualTo("400");
    // The application's own pages keep Spring's error handling.
    assertThat(
            HTTP.send(
                    HttpRequest.newBuilder(URI.create(base() + "/api/nothing-here")).build(),
                    HttpResponse.BodyHandlers.ofString())
                .headers()
                .firstValue("Content-Type")
                .orElse(""))
        .doesNotContain("scim");

    assertThat(longFilter.path("scimType").asText()).isEqualTo("invalidFilter");
    assertThat(longId.path("status").asText()).isEqualTo("404");
  }

  private String base() {
    return "http://127.0.0.1:" + port;
  }

  private JsonNode send(String method, String path, String body, int expectedStatus)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base() + path))
            .header("Authorization", "Bearer " + TOKEN)
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/scim+json");
    }
    HttpResponse<String> response =
        HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return JSON.readTree(response.body());
  }
}
