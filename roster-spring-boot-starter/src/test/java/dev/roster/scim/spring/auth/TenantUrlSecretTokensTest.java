package dev.roster.scim.spring.auth;

import static dev.roster.scim.spring.ScimAssertions.assertScimError;
import static dev.roster.scim.spring.ScimAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.server.auth.IssuedToken;
import dev.roster.scim.server.auth.SecretTokens;
import dev.roster.scim.spring.Http;
import dev.roster.scim.spring.app.ScimApplication;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A Tenant URL per customer ({@code /scim/v2/<tenant>}, as per-customer URLs do): a generated
 * secret token works only under its own tenant's URL.
 */
@SpringBootTest(
    classes = ScimApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "roster.scim.tenant-from-path=true",
      "roster.scim.secret-tokens.enabled=true"
    })
class TenantUrlSecretTokensTest {
  @LocalServerPort int port;
  @Autowired SecretTokens tokens;

  @Test
  void aTenantUrlNeedsATokenOfThatTenant() {
    Http http = Http.port(port);
    IssuedToken acme = tokens.issue("acme", "Entra provisioning", null);
    String bearer = Http.bearer(acme.token());

    HttpResponse<byte[]> created =
        http.send(
            "POST",
            "/scim/v2/acme/Users",
            bearer,
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"road\"}");
    assertThat(created.statusCode()).as(Http.text(created)).isEqualTo(201);
    assertThat(created.headers().firstValue("Location").orElse(""))
        .startsWith(http.url("/scim/v2/acme/Users/"));
    assertThat(json(http.get("/scim/v2/acme/Users", bearer)).path("totalResults").asInt())
        .isEqualTo(1);
    HttpResponse<byte[]> otherTenant = http.get("/scim/v2/globex/Users", bearer);
    assertScimError(otherTenant, 403);
    assertThat(Http.text(otherTenant)).doesNotContain(acme.token());
    tokens.revoke("acme", acme.stored().id());
    assertScimError(http.get("/scim/v2/acme/Users", bearer), 401);
  }
}
