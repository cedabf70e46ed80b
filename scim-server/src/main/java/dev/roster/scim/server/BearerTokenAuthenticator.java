package dev.roster.scim.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Accepts configured static bearer tokens, each mapped to an identity.
 *
 * <p>{@code Authorization: Bearer <token>} is accepted with the scheme in any case, and so is a
 * bare {@code Authorization: <token>}, which Okta's "Header" mode sends. Tokens are compared in
 * constant time over their SHA-256 digests, so neither their content nor their length leaks through
 * timing. Immutable and thread-safe.
 */
public final class BearerTokenAuthenticator implements Authenticator {
  private record Entry(byte[] digest, Identity identity) {}

  private final List<Entry> entries;

  private BearerTokenAuthenticator(Map<String, Identity> tokens) {
    List<Entry> list = new ArrayList<>();
    tokens.forEach(
        (token, identity) -> {
          if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("A bearer token must not be blank");
          }
          list.add(new Entry(digest(token), identity));
        });
    this.entries = List.copyOf(list);
  }

  /** An authenticator accepting each token as the identity it maps to. */
  public static BearerTokenAuthenticator of(Map<String, Identity> tokens) {
    return new BearerTokenAuthenticator(tokens);
  }

  /** An authenticator accepting one token, for a single-tenant host. */
  public static BearerTokenAuthenticator single(String token) {
    return new BearerTokenAuthenticator(
        Map.of(
            token, Identity.of(dev.roster.scim.core.spi.RequestContext.SINGLE_TENANT, "bearer")));
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
    if (token.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = digest(token);
    Identity found = null;
    for (Entry entry : entries) {
      // Every entry is compared, so the time taken does not depend on which one matches.
      if (MessageDigest.isEqual(entry.digest(), presented)) {
        found = entry.identity();
      }
    }
    return Optional.ofNullable(found);
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
