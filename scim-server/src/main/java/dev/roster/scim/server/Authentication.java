package dev.roster.scim.server;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.spi.RequestContext;

/**
 * Who is calling: turns a request's credentials, through the host's {@link Authenticator}, into the
 * {@link RequestContext} every repository call carries. When tenants come from the request path,
 * the identity must name that tenant or {@link ScimServer#ANY_TENANT}. Immutable.
 */
final class Authentication {
  private final Authenticator authenticator;

  Authentication(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  /**
   * The caller's context.
   *
   * @param pathTenant the tenant named by the path, or null when tenants do not come from it
   * @throws ScimException 401 (answered with {@code WWW-Authenticate}) without valid credentials,
   *     403 when the credentials do not grant the path's tenant
   */
  RequestContext authenticate(ScimRequest request, String pathTenant, String requestId) {
    Identity identity =
        authenticator
            .authenticate(request)
            .orElseThrow(() -> new Unauthenticated("The request needs a valid bearer token"));
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
