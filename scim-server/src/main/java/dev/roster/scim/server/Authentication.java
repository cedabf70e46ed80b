package dev.roster.scim.server;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.server.auth.FailureLimiter;
import java.util.Optional;

/**
 * Who is calling: turns a request's credentials, through the host's {@link Authenticator}, into the
 * {@link RequestContext} every repository call carries. When tenants come from the request path,
 * the identity must name that tenant or {@link ScimServer#ANY_TENANT}. Immutable.
 */
final class Authentication {
  private final Authenticator authenticator;
  private final FailureLimiter perAddress;

  /**
   * @param perAddress counts failures per {@link ScimRequest#remoteAddress()}, or null to count
   *     none
   */
  Authentication(Authenticator authenticator, FailureLimiter perAddress) {
    this.authenticator = authenticator;
    this.perAddress = perAddress;
  }

  /**
   * The caller's context.
   *
   * @param pathTenant the tenant named by the path, or null when tenants do not come from it
   * @throws ScimException 401 (answered with {@code WWW-Authenticate}) without valid credentials,
   *     429 (answered with {@code Retry-After}) while the request's address has failed too often,
   *     403 when the credentials do not grant the path's tenant
   */
  RequestContext authenticate(ScimRequest request, String pathTenant, String requestId) {
    String address = perAddress == null ? null : request.remoteAddress();
    if (address != null) {
      long wait = perAddress.retryAfterSeconds(address);
      if (wait > 0) {
        throw new TooManyRequests(
            wait, "Too many failed authentications from this address; retry later");
      }
    }
    Optional<Identity> authenticated = authenticator.authenticate(request);
    if (authenticated.isEmpty()) {
      if (address != null) {
        perAddress.recordFailure(address);
      }
      throw new Unauthenticated("The request needs a valid bearer token");
    }
    Identity identity = authenticated.get();
    String tenant = identity.tenant();
    if (pathTenant != null) {
      if (!tenant.equals(ScimServer.ANY_TENANT) && !tenant.equals(pathTenant)) {
        throw new ScimException(403, null, "These credentials do not grant access to this tenant");
      }
      tenant = pathTenant;
    }
    return new RequestContext(tenant, identity.principal(), requestId, identity.attributes());
  }

  /** 401, answered with {@code WWW-Authenticate}. */
  static final class Unauthenticated extends ScimException {
    private static final long serialVersionUID = 1L;

    Unauthenticated(String detail) {
      super(401, null, detail);
    }
  }
}
