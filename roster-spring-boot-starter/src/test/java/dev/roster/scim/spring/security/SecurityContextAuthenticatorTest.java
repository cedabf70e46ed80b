package dev.roster.scim.spring.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimRequest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

class SecurityContextAuthenticatorTest {
  private static final ScimRequest REQUEST =
      new ScimRequest("GET", "/Users", Map.of(), Map.of(), null, "http://localhost/scim/v2");

  @AfterEach
  void clear() {
    SecurityContextHolder.clearContext();
  }

  @Test
  void takesTenantFromTheTidClaimAndPrincipalFromTheSubject() {
    JwtAuthenticationToken token = jwt(Map.of("sub", "alice", "tid", "tenant-a"));
    authenticate(token);

    Optional<Identity> identity = SecurityContextAuthenticator.tokenClaim().authenticate(REQUEST);

    assertThat(identity).map(Identity::tenant).hasValue("tenant-a");
    assertThat(identity).map(Identity::principal).hasValue("alice");
    assertThat(identity.orElseThrow().attributes())
        .containsEntry(SecurityContextAuthenticator.AUTHENTICATION_ATTRIBUTE, token);
  }

  @Test
  void readsAnotherClaimWhenConfigured() {
    authenticate(jwt(Map.of("sub", "alice", "tid", "t", "org_id", 42)));

    assertThat(SecurityContextAuthenticator.tokenClaim("org_id").authenticate(REQUEST))
        .map(Identity::tenant)
        .hasValue("42");
  }

  @Test
  void refusesAnAuthenticatedCallerWithoutTenantWith403() {
    authenticate(jwt(Map.of("sub", "alice", "tid", List.of("a", "b"))));

    assertThatThrownBy(() -> SecurityContextAuthenticator.tokenClaim().authenticate(REQUEST))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(403))
        .hasMessageContaining("claim 'tid'");
  }

  @Test
  void findsNobodyWithoutAuthenticationOrWithAnAnonymousOne() {
    assertThat(SecurityContextAuthenticator.tokenClaim().authenticate(REQUEST)).isEmpty();

    authenticate(
        new AnonymousAuthenticationToken(
            "key", "anonymousUser", AuthorityUtils.createAuthorityList("ROLE_ANONYMOUS")));
    assertThat(SecurityContextAuthenticator.singleTenant().authenticate(REQUEST)).isEmpty();

    TestingAuthenticationToken unauthenticated = new TestingAuthenticationToken("bob", "pw");
    unauthenticated.setAuthenticated(false);
    authenticate(unauthenticated);
    assertThat(SecurityContextAuthenticator.singleTenant().authenticate(REQUEST)).isEmpty();
  }

  @Test
  void singleTenantAndTenantFunctionSuitOtherAuthentications() {
    authenticate(new TestingAuthenticationToken("bob", "pw", "ROLE_SCIM"));

    assertThat(SecurityContextAuthenticator.singleTenant().authenticate(REQUEST))
        .map(Identity::tenant)
        .hasValue(RequestContext.SINGLE_TENANT);
    assertThat(
            SecurityContextAuthenticator.tenantFrom(a -> "t-" + a.getName()).authenticate(REQUEST))
        .map(Identity::tenant)
        .hasValue("t-bob");
    // A password login carries no token claims.
    assertThatThrownBy(() -> SecurityContextAuthenticator.tokenClaim().authenticate(REQUEST))
        .isInstanceOf(ScimException.class);
  }

  private static void authenticate(Authentication authentication) {
    SecurityContextHolder.getContext().setAuthentication(authentication);
  }

  private static JwtAuthenticationToken jwt(Map<String, Object> claims) {
    Jwt jwt =
        new Jwt(
            "token", Instant.now(), Instant.now().plusSeconds(60), Map.of("alg", "RS256"), claims);
    return new JwtAuthenticationToken(jwt, AuthorityUtils.createAuthorityList("SCOPE_scim"));
  }
}
