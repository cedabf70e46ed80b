package dev.roster.scim.spring.security;

import static dev.roster.scim.spring.Http.bearer;
import static dev.roster.scim.spring.ScimAssertions.assertScimError;
import static dev.roster.scim.spring.ScimAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.spring.Http;
import dev.roster.scim.spring.app.BearerSecuredApplication;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Setup (a): Spring Security guards the application and permits the SCIM path; Roster's bearer
 * authenticator checks SCIM requests, so a bad token gets the engine's SCIM 401.
 */
@SpringBootTest(
    classes = BearerSecuredApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "roster.scim.token=" + BearerTokenBehindSpringSecurityTest.TOKEN,
      "spring.security.user.name=app",
      "spring.security.user.password=app-password"
    })
class BearerTokenBehindSpringSecurityTest {
  static final String TOKEN = "scim-bearer-token";

  @LocalServerPort int port;
  private Http http;

  @BeforeEach
  void client() {
    http = Http.port(port);
  }

  @Test
  void badTokenGetsTheEnginesScimUnauthorized() {
    HttpResponse<byte[]> refused = http.get("/scim/v2/Users", bearer("wrong"));

    assertScimError(refused, 401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"SCIM\"");
  }

  @Test
  void missingTokenGetsTheEnginesScimUnauthorized() {
    assertScimError(http.get("/scim/v2/Groups", null), 401);
  }

  @Test
  void goodTokenCreatesWithoutCsrfToken() {
    HttpResponse<byte[]> created =
        http.send(
            "POST",
            "/scim/v2/Groups",
            bearer(TOKEN),
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "Admins"}
            """);

    assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
    assertThat(json(created).path("displayName").asText()).isEqualTo("Admins");
  }

  @Test
  void applicationEndpointsStillNeedTheApplicationsLogin() {
    assertThat(http.get("/api/hello", null).statusCode()).isEqualTo(401);
    // The SCIM token is not a login for the rest of the application.
    assertThat(http.get("/api/hello", bearer(TOKEN)).statusCode()).isEqualTo(401);

    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString("app:app-password".getBytes(StandardCharsets.UTF_8));
    HttpResponse<byte[]> hello = http.get("/api/hello", basic);
    assertThat(hello.statusCode()).isEqualTo(200);
    assertThat(json(hello).path("message").asText()).isEqualTo("Hello from Spring MVC");
  }

  @Test
  void securityHeadersAreAddedToScimResponses() {
    HttpResponse<byte[]> response = http.get("/scim/v2/ServiceProviderConfig", bearer(TOKEN));

    assertThat(response.statusCode()).isEqualTo(200);
    // Spring Security's chain ran first: its header writer saw the SCIM response.
    assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
  }
}
