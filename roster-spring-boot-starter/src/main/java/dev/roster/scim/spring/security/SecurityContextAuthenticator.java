package dev.roster.scim.spring.security;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimRequest;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.util.ClassUtils;

/**
 * An {@link Authenticator} for applications whose Spring Security filter chain has already
 * authenticated the request: it takes the caller from the {@link SecurityContextHolder}'s {@link
 * Authentication} instead of reading credentials itself.
 *
 * <ul>
 *   <li>The principal is {@link Authentication#getName()}: for a JWT, its {@code sub} claim (or the
 *       claim the application's {@code JwtAuthenticationConverter} names).
 *   <li>The tenant comes from a token claim ({@link #tokenClaim(String)}, default {@value
 *       #DEFAULT_TENANT_CLAIM}, Entra ID's tenant id), is {@link RequestContext#SINGLE_TENANT} for
 *       every caller ({@link #singleTenant()}), or is whatever a function of the authentication
 *       says ({@link #tenantFrom(Function)}).
 *   <li>The authentication itself reaches repositories as the {@link RequestContext} attribute
 *       {@value #AUTHENTICATION_ATTRIBUTE}, for scope or role checks.
 * </ul>
 *
 * <p>No authentication, or an anonymous one, is a 401 from the engine; an authenticated caller
 * whose credentials name no tenant is a 403. Declare it as the application's {@code Authenticator}
 * bean, and let the security chain require authentication on the SCIM path (see {@link
 * ScimAuthenticationEntryPoint} for SCIM-shaped 401s from Spring Security itself):
 *
 * <pre>{@code
 * @Bean
 * Authenticator scimAuthenticator() {
 *   return SecurityContextAuthenticator.tokenClaim("tid");
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe; it reads the calling thread's security context.
 */
public final class SecurityContextAuthenticator implements Authenticator {
  /** The claim {@link #tokenClaim()} reads the tenant from: Entra ID's tenant id. */
  public static final String DEFAULT_TENANT_CLAIM = "tid";

  /** The {@link RequestContext} attribute that holds the Spring {@link Authentication}. */
  public static final String AUTHENTICATION_ATTRIBUTE = "spring.security.authentication";

  private static final String TOKEN_AUTHENTICATION =
      "org.springframework.security.oauth2.server.resource.authentication."
          + "AbstractOAuth2TokenAuthenticationToken";

  private final Function<? super Authentication, String> tenantOf;
  private final String tenantSource;

  private SecurityContextAuthenticator(
      Function<? super Authentication, String> tenantOf, String tenantSource) {
    this.tenantOf = tenantOf;
    this.tenantSource = tenantSource;
  }

  /**
   * Tenants from the {@value #DEFAULT_TENANT_CLAIM} claim of an OAuth2 bearer token (a JWT or an
   * introspected opaque token).
   *
   * @throws IllegalStateException if spring-security-oauth2-resource-server is not on the class
   *     path
   */
  public static SecurityContextAuthenticator tokenClaim() {
    return tokenClaim(DEFAULT_TENANT_CLAIM);
  }

  /**
   * Tenants from the claim {@code claim} of an OAuth2 bearer token (a JWT or an introspected opaque
   * token); a string or number claim is read as text, anything else as missing.
   *
   * @throws IllegalStateException if spring-security-oauth2-resource-server is not on the class
   *     path
   */
  public static SecurityContextAuthenticator tokenClaim(String claim) {
    requireNonNull(claim, "claim");
    if (!ClassUtils.isPresent(
        TOKEN_AUTHENTICATION, SecurityContextAuthenticator.class.getClassLoader())) {
      throw new IllegalStateException(
          "SecurityContextAuthenticator.tokenClaim reads OAuth2 bearer tokens; add"
              + " spring-security-oauth2-resource-server (spring-boot-starter-oauth2-resource-server)"
              + " or use tenantFrom(...)");
    }
    return new SecurityContextAuthenticator(
        authentication -> TokenClaims.claim(authentication, claim), "claim '" + claim + "'");
  }

  /** Every authenticated caller acts on {@link RequestContext#SINGLE_TENANT}. */
  public static SecurityContextAuthenticator singleTenant() {
    return new SecurityContextAuthenticator(
        authentication -> RequestContext.SINGLE_TENANT, "single tenant");
  }

  /**
   * Tenants from {@code tenantOf}, which returns null or a blank string for an authentication that
   * grants no tenant.
   */
  public static SecurityContextAuthenticator tenantFrom(
      Function<? super Authentication, String> tenantOf) {
    return new SecurityContextAuthenticator(
        requireNonNull(tenantOf, "tenantOf"), "tenant function");
  }

  @Override
  public Optional<Identity> authenticate(ScimRequest request) {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null
        || !authentication.isAuthenticated()
        || authentication instanceof AnonymousAuthenticationToken) {
      return Optional.empty();
    }
    String tenant = tenantOf.apply(authentication);
    if (tenant == null || tenant.isBlank()) {
      throw new ScimException(403, null, "These credentials name no tenant (" + tenantSource + ")");
    }
    return Optional.of(
        new Identity(
            tenant, authentication.getName(), Map.of(AUTHENTICATION_ATTRIBUTE, authentication)));
  }

  @Override
  public String toString() {
    return "SecurityContextAuthenticator[" + tenantSource + "]";
  }
}
