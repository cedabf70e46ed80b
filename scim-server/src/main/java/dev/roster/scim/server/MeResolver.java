package dev.roster.scim.server;

import dev.roster.scim.core.spi.RequestContext;
import java.util.Optional;

/**
 * Tells which User the authenticated caller is, for {@code /Me} (RFC 7644 §3.11): GET, PUT, PATCH
 * and DELETE on {@code /Me} then act on that user exactly as on {@code /Users/{id}}, in the
 * caller's tenant. Called on the request thread after authentication.
 */
@FunctionalInterface
public interface MeResolver {
  /**
   * The id of the caller's User, or empty when no User stands for them (a 404 on {@code /Me}).
   *
   * @param context the caller: tenant, principal and what the authenticator attached
   */
  Optional<String> userId(RequestContext context);
}
