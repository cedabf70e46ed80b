package dev.roster.scim.spring;

import static dev.roster.scim.spring.Http.bearer;
import static dev.roster.scim.spring.ScimAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.jaxrs.ScimFeature;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.spring.app.ScimApplication;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The same engine answers the same requests through this starter's Servlet filter (Spring Boot,
 * Tomcat) and through scim-jaxrs's {@link ScimFeature} (Jersey, Grizzly), with the same base URL
 * configured on both: status, content type, entity tag and body bytes must be identical.
 */
@SpringBootTest(
    classes = ScimApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "roster.scim.token=" + SameBytesAsJaxrsTest.TOKEN,
      "roster.scim.base-url=" + SameBytesAsJaxrsTest.BASE_URL
    })
class SameBytesAsJaxrsTest {
  static final String TOKEN = "bytes-token";
  static final String BASE_URL = "https://scim.example.com/scim/v2";

  @LocalServerPort int port;
  @Autowired ScimServer server;

  private HttpServer jersey;
  private Http spring;
  private Http jaxrs;

  @BeforeEach
  void startJersey() {
    jersey =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"),
            new ResourceConfig()
                .register(ScimFeature.builder().server(server).baseUrl(BASE_URL).build())
                .property(ServerProperties.WADL_FEATURE_DISABLE, true));
    spring = Http.port(port);
    jaxrs = Http.port(jersey.getListeners().iterator().next().getPort());
  }

  @AfterEach
  void stopJersey() {
    jersey.shutdownNow();
  }

  @Test
  void serviceProviderConfigIsTheSame() {
    assertSameGet("/scim/v2/ServiceProviderConfig");
  }

  @Test
  void schemasAreTheSame() {
    assertSameGet("/scim/v2/Schemas");
  }

  @Test
  void resourceTypesAreTheSame() {
    assertSameGet("/scim/v2/ResourceTypes");
  }

  @Test
  void aUserAndASearchAreTheSame() {
    HttpResponse<byte[]> created =
        spring.send(
            "POST",
            "/scim/v2/Users",
            bearer(TOKEN),
            """
            {"schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
             "userName": "same.bytes@example.com", "displayName": "Zoë Ümlaut",
             "emails": [{"value": "same.bytes@example.com", "type": "work", "primary": true}]}
            """);
    assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
    String id = json(created).path("id").asText();

    HttpResponse<byte[]> user = assertSameGet("/scim/v2/Users/" + id);
    assertThat(user.headers().firstValue("ETag")).isPresent();
    String filter = URLEncoder.encode("userName sw \"same.bytes\"", StandardCharsets.UTF_8);
    assertSameGet("/scim/v2/Users?filter=" + filter + "&attributes=userName,displayName");
  }

  @Test
  void errorsAreTheSame() {
    assertSame(spring.get("/scim/v2/Users", null), jaxrs.get("/scim/v2/Users", null));
    assertSameGet("/scim/v2/Widgets");
    assertSameGet("/scim/v2/Users?filter=" + URLEncoder.encode("x eqq 1", StandardCharsets.UTF_8));
  }

  private HttpResponse<byte[]> assertSameGet(String path) {
    HttpResponse<byte[]> viaFilter = spring.get(path, bearer(TOKEN));
    assertSame(viaFilter, jaxrs.get(path, bearer(TOKEN)));
    return viaFilter;
  }

  private static void assertSame(HttpResponse<byte[]> viaFilter, HttpResponse<byte[]> viaJaxrs) {
    assertThat(viaFilter.statusCode()).isEqualTo(viaJaxrs.statusCode());
    assertThat(viaFilter.headers().firstValue("Content-Type"))
        .isEqualTo(viaJaxrs.headers().firstValue("Content-Type"))
        .hasValue("application/scim+json");
    assertThat(viaFilter.headers().firstValue("ETag"))
        .isEqualTo(viaJaxrs.headers().firstValue("ETag"));
    assertThat(viaFilter.headers().firstValue("WWW-Authenticate"))
        .isEqualTo(viaJaxrs.headers().firstValue("WWW-Authenticate"));
    assertThat(viaFilter.body()).as(Http.text(viaFilter)).isEqualTo(viaJaxrs.body());
  }
}
