package dev.roster.scim.server;

import java.util.Optional;

/**
 * Decides who sent a request. Hosts that validate JWTs or OAuth access tokens implement it; {@link
 * BearerTokenAuthenticator} covers configured static tokens.
 *
 * <p>Called on the request thread for every request (discovery endpoints may be left open by
 * configuration); implementations must be thread-safe. An exception other than {@link
 * dev.roster.scim.core.error.ScimException} becomes a 500.
 */
@FunctionalInterface
public interface Authenticator {

  /**
   * Authenticates a request.
   *
   * @param request the request; its {@code Authorization} header is usually what matters
   * @return the caller, or empty to answer 401 with {@code WWW-Authenticate: Bearer}
   */
  Optional<Identity> authenticate(ScimRequest request);
}
