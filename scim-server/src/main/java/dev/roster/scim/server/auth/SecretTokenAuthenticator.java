package dev.roster.scim.server.auth;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Authenticates with the secret tokens of {@link SecretTokens}: {@code Authorization: Bearer
 * <token>} (the scheme in any case) or the bare token, as Okta's header mode sends it. The token
 * names its tenant, so one Tenant URL can serve every customer; with {@code
 * ScimServer.Builder.tenantFromPath(true)} the URL names the tenant and the token must belong to
 * it. The principal is {@code token:<id>}, never the token. Immutable and thread-safe.
 */
public final class SecretTokenAuthenticator implements Authenticator {
  private final SecretTokens tokens;

  /** Accepts the active tokens of {@code tokens}. */
  public SecretTokenAuthenticator(SecretTokens tokens) {
    this.tokens = requireNonNull(tokens, "tokens");
  }

  @Override
  public Optional<Identity> authenticate(ScimRequest request) {
    String header = request.header("Authorization");
    if (header == null) {
      return Optional.empty();
    }
    String token = header.strip();
    if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = token.substring(7).strip();
    }
    return tokens
        .verify(token)
        // An OAuth access token in the same store counts only through the token endpoint's own
        // authenticator, which checks that its client is still enabled.
        .filter(stored -> !TokenEndpoint.isAccessToken(stored))
        .map(
            stored ->
                new Identity(
                    stored.tenant(), "token:" + stored.id(), Map.of("tokenLabel", stored.label())));
  }
}
