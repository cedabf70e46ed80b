package dev.roster.scim.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Basic authentication (RFC 7617) against configured user names and passwords, as Okta can
 * send it: {@code Authorization: Basic base64(user:password)}. Credentials are compared in constant
 * time over their SHA-256 digests, and every configured pair is compared on every request, so
 * neither which user exists nor how much of a password is right leaks through timing. Immutable and
 * thread-safe.
 */
public final class BasicAuthenticator implements Authenticator {
  private record Entry(byte[] digest, Identity identity) {}

  private final List<Entry> entries;

  private BasicAuthenticator(Map<String, Identity> credentials) {
    List<Entry> list = new ArrayList<>();
    credentials.forEach(
        (userAndPassword, identity) -> {
          int colon = userAndPassword.indexOf(':');
          if (colon <= 0 || colon == userAndPassword.length() - 1) {
            throw new IllegalArgumentException("Basic credentials are USER:PASSWORD, both present");
          }
          list.add(new Entry(digest(userAndPassword), identity));
        });
    this.entries = List.copyOf(list);
  }

  /**
   * An authenticator accepting each {@code user:password} as the identity it maps to.
   *
   * @throws IllegalArgumentException for an entry that is not {@code user:password}
   */
  public static BasicAuthenticator of(Map<String, Identity> credentials) {
    return new BasicAuthenticator(credentials);
  }

  @Override
  public Optional<Identity> authenticate(ScimRequest request) {
    String header = request.header("Authorization");
    if (header == null || !header.strip().regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.strip().substring(6).strip()),
              StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    byte[] presented = digest(decoded);
    Identity found = null;
    for (Entry entry : entries) {
      if (MessageDigest.isEqual(entry.digest(), presented)) {
        found = entry.identity();
      }
    }
    return Optional.ofNullable(found);
  }

  @Override
  public List<AuthenticationScheme> schemes() {
    return List.of(AuthenticationScheme.HTTP_BASIC);
  }

  private static byte[] digest(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
