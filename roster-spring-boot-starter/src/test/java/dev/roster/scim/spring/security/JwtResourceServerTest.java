package dev.roster.scim.spring.security;

import static dev.roster.scim.spring.Http.bearer;
import static dev.roster.scim.spring.ScimAssertions.assertScimError;
import static dev.roster.scim.spring.ScimAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.server.ChangeEvent;
import dev.roster.scim.spring.Http;
import dev.roster.scim.spring.TestkitAssertions;
import dev.roster.scim.spring.app.InMemoryRepositories.RecordedChanges;
import dev.roster.scim.spring.app.JwtSecuredApplication;
import dev.roster.scim.spring.app.TestJwts;
import dev.roster.scim.spring.metrics.ScimRequestMetrics;
import dev.roster.scim.testkit.Profile;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.Testkit;
import dev.roster.scim.testkit.TestkitOptions;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Setup (b): the application is an OAuth2 resource server; Spring Security validates the JWT and
 * answers its own 401 and 403 as SCIM errors, and {@link SecurityContextAuthenticator} hands the
 * JWT's tenant ({@code tid}) and subject to the repositories.
 */
@SpringBootTest(
    classes = JwtSecuredApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
class JwtResourceServerTest {
  private static final String TENANT_A = "tenant-a";
  private static final String TENANT_B = "tenant-b";

  @LocalServerPort int port;
  @Autowired RecordedChanges changes;
  @Autowired MeterRegistry meters;
  private Http http;

  @BeforeEach
  void client() {
    http = Http.port(port);
  }

  @Test
  void missingJwtGetsScimUnauthorizedFromSpringSecurity() {
    double answeredByRoster = scimRequests();

    HttpResponse<byte[]> refused = http.get("/scim/v2/Users", null);

    assertScimError(refused, 401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"SCIM\"");
    // Spring Security answered (through ScimAuthenticationEntryPoint); Roster's filter never ran.
    assertThat(scimRequests()).isEqualTo(answeredByRoster);
  }

  @Test
  void forgedJwtGetsScimUnauthorized() {
    assertScimError(
        http.get("/scim/v2/Users", bearer(TestJwts.forged("alice", TENANT_A, "scim"))), 401);
  }

  @Test
  void expiredJwtGetsScimUnauthorized() {
    assertScimError(
        http.get("/scim/v2/Users", bearer(TestJwts.expired("alice", TENANT_A, "scim"))), 401);
  }

  @Test
  void garbageTokenGetsScimUnauthorized() {
    assertScimError(http.get("/scim/v2/Users", bearer("not-a-jwt")), 401);
  }

  @Test
  void jwtWithoutScimScopeGetsScimForbidden() {
    assertScimError(
        http.get("/scim/v2/Users", bearer(TestJwts.token("alice", TENANT_A, "profile"))), 403);
  }

  @Test
  void jwtWithoutTenantClaimGetsScimForbiddenFromTheEngine() {
    JsonNode error =
        assertScimError(
            http.get("/scim/v2/Users", bearer(TestJwts.token("alice", null, "scim"))), 403);

    assertThat(error.path("detail").asText()).contains("'tid'");
  }

  @Test
  void tenantAndSubjectFromTheJwtReachTheRepositories() {
    String tokenA = TestJwts.token("alice@a", TENANT_A, "scim");
    String tokenB = TestJwts.token("bob@b", TENANT_B, "scim");
    String userName = "isolated-" + UUID.randomUUID() + "@example.com";

    HttpResponse<byte[]> created =
        http.send(
            "POST",
            "/scim/v2/Users",
            bearer(tokenA),
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
                + userName
                + "\"}");
    assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
    String id = json(created).path("id").asText();

    ChangeEvent event =
        changes.events().stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    assertThat(event.context().tenant()).isEqualTo(TENANT_A);
    assertThat(event.context().principal()).isEqualTo("alice@a");

    assertThat(http.get("/scim/v2/Users/" + id, bearer(tokenA)).statusCode()).isEqualTo(200);
    assertScimError(http.get("/scim/v2/Users/" + id, bearer(tokenB)), 404);
    String filter = URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8);
    assertThat(
            json(http.get("/scim/v2/Users?filter=" + filter, bearer(tokenB)))
                .path("totalResults")
                .asInt())
        .isZero();
    assertThat(
            json(http.get("/scim/v2/Users?filter=" + filter, bearer(tokenA)))
                .path("totalResults")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void applicationEndpointsKeepSpringSecuritysOwnAnswers() {
    HttpResponse<byte[]> refused = http.get("/api/hello", null);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("Content-Type").orElse("")).doesNotContain("scim");

    HttpResponse<byte[]> hello =
        http.get("/api/hello", bearer(TestJwts.token("alice", TENANT_A, "profile")));
    assertThat(hello.statusCode()).isEqualTo(200);
  }

  private double scimRequests() {
    return meters.find(ScimRequestMetrics.METER_NAME).timers().stream()
        .mapToLong(Timer::count)
        .sum();
  }

  @Test
  void testkitSuitesPassWithAJwt() {
    String token = TestJwts.token("testkit", "tenant-testkit", "scim");

    TestkitAssertions.assertNoFailures(
        Testkit.of(
                TestkitOptions.builder(http.url("/scim/v2"))
                    .bearerToken(token)
                    .suites(Suite.ENTRA, Suite.OKTA, Suite.RFC)
                    .profile(Profile.USERS_GROUPS)
                    .build())
            .run());
  }
}
