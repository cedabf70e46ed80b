package dev.roster.scim.spring;

import static dev.roster.scim.spring.Http.bearer;
import static dev.roster.scim.spring.ScimAssertions.assertScimError;
import static dev.roster.scim.spring.ScimAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.spring.app.ScimApplication;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The starter in an application without Spring Security, on embedded Tomcat: Spring MVC and
 * Actuator answer beside SCIM, and every SCIM answer, errors included, is SCIM JSON.
 */
@SpringBootTest(
    classes = ScimApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "roster.scim.token=" + ScimBesideMvcTest.TOKEN,
      "roster.scim.limits.max-request-body-bytes=4096"
    })
class ScimBesideMvcTest {
  static final String TOKEN = "test-token";

  @LocalServerPort int port;
  private Http http;

  @BeforeEach
  void client() {
    http = Http.port(port);
  }

  @Test
  void aBulkRequestLargerThanOneRequestMayBeIsReadWholeAndRun() {
    StringBuilder operations = new StringBuilder();
    for (int i = 0; i < 40; i++) {
      operations
          .append(i == 0 ? "" : ",")
          .append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u")
          .append(i)
          .append("\",\"data\":{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],")
          .append("\"userName\":\"bulk-")
          .append(i)
          .append("-")
          .append(System.nanoTime())
          .append("@example.com\"}}");
    }
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
            + operations
            + "]}";
    assertThat(body.length()).as("over max-request-body-bytes").isGreaterThan(4096);

    HttpResponse<byte[]> response = http.send("POST", "/scim/v2/Bulk", bearer(TOKEN), body);

    assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(200);
    JsonNode results = json(response).path("Operations");
    assertThat(results).hasSize(40);
    results.forEach(r -> assertThat(r.path("status").asText()).isEqualTo("201"));
  }

  @Test
  void mvcControllerAnswersBesideScim() {
    HttpResponse<byte[]> hello = http.get("/api/hello", null);

    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(json(hello).path("message").asText()).isEqualTo("Hello from Spring MVC");
  }

  @Test
  void actuatorHealthAnswersBesideScim() {
    HttpResponse<byte[]> health = http.get("/actuator/health", null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).path("status").asText()).isEqualTo("UP");
  }

  @Test
  void pathThatOnlyStartsLikeTheBasePathIsLeftToSpringMvc() {
    HttpResponse<byte[]> response = http.get("/scim/v2x/Users", bearer(TOKEN));

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).doesNotContain("scim");
  }

  @Test
  void createsUserAndFindsItByFilter() {
    HttpResponse<byte[]> created =
        http.send(
            "POST",
            "/scim/v2/Users",
            bearer(TOKEN),
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName": "bjensen@example.com",
             "name": {"givenName": "Barbara", "familyName": "Jensen"}}
            """);

    assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
    assertThat(created.headers().firstValue("Content-Type")).hasValue("application/scim+json");
    String id = json(created).path("id").asText();
    // No roster.scim.base-url: the base URL comes from the request.
    assertThat(created.headers().firstValue("Location")).hasValue(http.url("/scim/v2/Users/" + id));
    assertThat(json(created).path("meta").path("location").asText())
        .isEqualTo(http.url("/scim/v2/Users/" + id));

    String filter =
        URLEncoder.encode("userName eq \"BJensen@example.com\"", StandardCharsets.UTF_8);
    HttpResponse<byte[]> found = http.get("/scim/v2/Users?filter=" + filter, bearer(TOKEN));

    assertThat(found.statusCode()).as(Http.text(found)).isEqualTo(200);
    JsonNode list = json(found);
    assertThat(list.path("totalResults").asInt()).isEqualTo(1);
    assertThat(list.path("Resources").path(0).path("id").asText()).isEqualTo(id);
  }

  @Test
  void requestWithoutTokenIsRefusedWithScimError() {
    HttpResponse<byte[]> refused = http.get("/scim/v2/Users", null);

    assertScimError(refused, 401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"SCIM\"");
  }

  @Test
  void wrongTokenIsRefusedWithScimError() {
    assertScimError(http.get("/scim/v2/Users", bearer("not-" + TOKEN)), 401);
  }

  @Test
  void unknownEndpointIsScimNotFound() {
    assertScimError(http.get("/scim/v2/Widgets", bearer(TOKEN)), 404);
    assertScimError(http.get("/scim/v2", bearer(TOKEN)), 404);
    assertScimError(http.get("/scim/v2/Users/no-such-id", bearer(TOKEN)), 404);
  }

  @Test
  void invalidFilterIsScimBadRequest() {
    String filter = URLEncoder.encode("userName eqq \"x\"", StandardCharsets.UTF_8);

    JsonNode error =
        assertScimError(http.get("/scim/v2/Users?filter=" + filter, bearer(TOKEN)), 400);

    assertThat(error.path("scimType").asText()).isEqualTo("invalidFilter");
  }

  @Test
  void methodNotAllowedIsScimErrorWithAllow() {
    HttpResponse<byte[]> response = http.send("PUT", "/scim/v2/Users", bearer(TOKEN), "{}");

    assertScimError(response, 405);
    assertThat(response.headers().firstValue("Allow")).hasValue("GET, POST");
  }

  @Test
  void bodyOverTheConfiguredLimitIsScimPayloadTooLarge() {
    String big =
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"big\","
            + "\"displayName\":\""
            + "x".repeat(10_000)
            + "\"}";

    JsonNode error = assertScimError(http.send("POST", "/scim/v2/Users", bearer(TOKEN), big), 413);

    assertThat(error.path("detail").asText()).contains("maxRequestBodyBytes");
  }

  @Test
  void malformedJsonIsScimInvalidSyntax() {
    JsonNode error =
        assertScimError(http.send("POST", "/scim/v2/Users", bearer(TOKEN), "{\"userName\":"), 400);

    assertThat(error.path("scimType").asText()).isEqualTo("invalidSyntax");
  }
}
