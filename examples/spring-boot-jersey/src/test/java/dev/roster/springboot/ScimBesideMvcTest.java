package dev.roster.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The application as configured, on embedded Tomcat: Spring MVC and Actuator answer beside SCIM,
 * which Jersey serves at {@code /scim/v2}.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "roster.scim.token=" + ScimBesideMvcTest.TOKEN})
class ScimBesideMvcTest {
  static final String TOKEN = "test-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void mvcControllerAnswersBesideScim() throws Exception {
    HttpResponse<String> hello = http.get("/api/hello", null);

    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(hello.body()).path("message").asText())
        .isEqualTo("Hello from Spring MVC");
  }

  @Test
  void actuatorHealthAnswersBesideScim() throws Exception {
    HttpResponse<String> health = http.get("/actuator/health", null);

    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(health.body()).path("status").asText()).isEqualTo("UP");
  }

  @Test
  void createsUserAndFindsItByFilter() throws Exception {
    HttpResponse<String> created =
        http.postScim(
            "/scim/v2/Users",
            TOKEN,
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName": "bjensen@example.com",
             "name": {"givenName": "Barbara", "familyName": "Jensen"}}
            """);

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = JSON.readTree(created.body()).path("id").asText();
    // Jersey's application path plus the feature's base path "/" make the SCIM base URL.
    assertThat(created.headers().firstValue("Location")).hasValue(http.url("/scim/v2/Users/" + id));

    String filter =
        URLEncoder.encode("userName eq \"BJensen@example.com\"", StandardCharsets.UTF_8);
    HttpResponse<String> found = http.get("/scim/v2/Users?filter=" + filter, TOKEN);

    assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
    JsonNode list = JSON.readTree(found.body());
    assertThat(list.path("totalResults").asInt()).isEqualTo(1);
    assertThat(list.path("Resources").path(0).path("id").asText()).isEqualTo(id);
  }

  @Test
  void refusesScimRequestWithoutTokenWithScimError() throws Exception {
    HttpResponse<String> refused = http.get("/scim/v2/Users", null);

    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/scim+json"));
    JsonNode error = JSON.readTree(refused.body());
    assertThat(error.path("schemas").path(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(error.path("status").asText()).isEqualTo("401");
  }

  @Test
  void refusesWrongToken() {
    assertThat(http.get("/scim/v2/Users", "not-" + TOKEN).statusCode()).isEqualTo(401);
  }
}
