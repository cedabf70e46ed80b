package dev.roster.scim.spring;

import static dev.roster.scim.spring.Http.bearer;
import static dev.roster.scim.spring.ScimAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.spring.app.ScimApplication;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Under a context path and a custom base path, SCIM and its base URL follow both. */
@SpringBootTest(
    classes = ScimApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "server.servlet.context-path=/app",
      "roster.scim.base-path=/identity/scim",
      "roster.scim.token=" + ContextPathTest.TOKEN
    })
class ContextPathTest {
  static final String TOKEN = "context-token";

  @LocalServerPort int port;

  @Test
  void servesBelowContextPathAndBasePath() {
    Http http = Http.port(port);

    HttpResponse<byte[]> created =
        http.send(
            "POST",
            "/app/identity/scim/Users",
            bearer(TOKEN),
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"ctx\"}");

    assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
    String id = json(created).path("id").asText();
    assertThat(created.headers().firstValue("Location"))
        .hasValue(http.url("/app/identity/scim/Users/" + id));
    assertThat(http.get("/app/api/hello", null).statusCode()).isEqualTo(200);
    assertThat(http.get("/app/scim/v2/Users", bearer(TOKEN)).statusCode()).isEqualTo(404);
  }
}
