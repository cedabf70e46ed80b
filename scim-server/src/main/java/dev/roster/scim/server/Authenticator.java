package dev.roster.scim.server;

import java.util.List;
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

  /**
   * The schemes it accepts, as {@code /ServiceProviderConfig} lists them; by default a bearer
   * token.
   */
  default List<AuthenticationScheme> schemes() {
    return List.of(AuthenticationScheme.BEARER_TOKEN);
  }

  /**
   * An authenticator that asks each of {@code authenticators} in turn and takes the first identity
   * one finds (for example Roster's secret tokens, then HTTP Basic for Okta); it accepts the
   * schemes of them all.
   */
  static Authenticator anyOf(Authenticator... authenticators) {
    List<Authenticator> all = List.of(authenticators);
    if (all.isEmpty()) {
      throw new IllegalArgumentException("anyOf needs at least one authenticator");
    }
    return new Authenticator() {
      @Override
      public Optional<Identity> authenticate(ScimRequest request) {
        for (Authenticator authenticator : all) {
          Optional<Identity> identity = authenticator.authenticate(request);
          if (identity.isPresent()) {
            return identity;
          }
        }
        return Optional.empty();
      }

      @Override
      public List<AuthenticationScheme> schemes() {
        return all.stream().flatMap(a -> a.schemes().stream()).distinct().toList();
      }
    };
  }
}
