package dev.roster.scim.server.auth;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Secret tokens as SaaS applications hand them to their customers' admins ("Copy the Tenant URL and
 * Secret Token into Entra"): issued for a tenant, several active at once so that an admin can
 * rotate (issue a new one, switch the identity provider over, revoke the old one), each with a
 * label, an optional expiry and the time it was last used.
 *
 * <p>A token reads {@code rst_<id>_<secret>}: a public id, 16 hex digits, by which the store finds
 * it, and 256 random bits. Only a salted SHA-256 of the secret is stored (a token of 256 random
 * bits needs no slow hash: nothing can be guessed), and secrets are compared in constant time; an
 * unknown id costs the same work as a wrong secret. Nothing is cached: a revoked or expired token
 * fails on its next request, in every process sharing the store.
 *
 * <p>Immutable and thread-safe.
 */
public final class SecretTokens {
  /** Every token starts with this, so that secret scanners can find leaked ones. */
  public static final String PREFIX = "rst_";

  private static final int ID_BYTES = 8;
  private static final int SECRET_BYTES = 32;
  private static final int SALT_BYTES = 16;
  private static final Duration USE_RECORDING = Duration.ofMinutes(1);
  private static final byte[] NO_SALT = new byte[SALT_BYTES];

  private final TokenStore store;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  /** Tokens kept in {@code store}, on the system clock. */
  public SecretTokens(TokenStore store) {
    this(store, Clock.systemUTC());
  }

  /** Tokens kept in {@code store}, on {@code clock}. */
  public SecretTokens(TokenStore store, Clock clock) {
    this.store = requireNonNull(store, "store");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Issues a token for {@code tenant}.
   *
   * @param label what the admin calls it, e.g. {@code Entra provisioning}
   * @param validity how long it works, or null for until it is revoked
   * @return the token, to show once, and what is stored of it
   */
  public IssuedToken issue(String tenant, String label, Duration validity) {
    requireNonNull(tenant, "tenant");
    requireNonNull(label, "label");
    if (validity != null && (validity.isNegative() || validity.isZero())) {
      throw new IllegalArgumentException("A token's validity must be positive");
    }
    String id = HexFormat.of().formatHex(bytes(ID_BYTES));
    String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes(SECRET_BYTES));
    byte[] salt = bytes(SALT_BYTES);
    Instant now = clock.instant();
    StoredToken stored =
        new StoredToken(
            id,
            tenant,
            label,
            Base64.getEncoder().encodeToString(salt),
            Base64.getEncoder().encodeToString(hash(salt, secret)),
            now,
            validity == null ? null : now.plus(validity),
            null,
            null);
    store.save(stored);
    return new IssuedToken(PREFIX + id + "_" + secret, stored);
  }

  /**
   * The active token {@code presented} is, or empty when it is malformed, unknown, wrong, revoked
   * or expired. Records the use (at most once a minute per token).
   */
  public Optional<StoredToken> verify(String presented) {
    if (presented == null
        || !presented.startsWith(PREFIX)
        || presented.length() > PREFIX.length() + 2 * ID_BYTES + 1 + 64) {
      return Optional.empty();
    }
    int separator = presented.indexOf('_', PREFIX.length());
    if (separator != PREFIX.length() + 2 * ID_BYTES) {
      return Optional.empty();
    }
    String id = presented.substring(PREFIX.length(), separator);
    String secret = presented.substring(separator + 1);
    Optional<StoredToken> found = store.find(id);
    // The same work whether the id is known or not: a wrong id and a wrong secret look alike.
    byte[] salt = found.map(t -> Base64.getDecoder().decode(t.salt())).orElse(NO_SALT);
    byte[] expected = found.map(t -> Base64.getDecoder().decode(t.hash())).orElse(new byte[32]);
    boolean matches = MessageDigest.isEqual(hash(salt, secret), expected);
    Instant now = clock.instant();
    if (found.isEmpty() || !matches || !found.get().activeAt(now)) {
      return Optional.empty();
    }
    StoredToken token = found.get();
    if (token.lastUsed() == null || token.lastUsed().plus(USE_RECORDING).isBefore(now)) {
      store.recordUse(token.id(), now);
    }
    return Optional.of(token);
  }

  /** Every token of {@code tenant}, revoked and expired ones included, oldest first. */
  public List<StoredToken> list(String tenant) {
    return store.list(tenant);
  }

  /**
   * Revokes a token of {@code tenant}; it fails from its next request on.
   *
   * @return whether an active token of that tenant with that id was revoked
   */
  public boolean revoke(String tenant, String id) {
    return store.revoke(tenant, id, clock.instant());
  }

  private byte[] bytes(int count) {
    byte[] bytes = new byte[count];
    random.nextBytes(bytes);
    return bytes;
  }

  private static byte[] hash(byte[] salt, String secret) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha.digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java runtime has SHA-256", e);
    }
  }
}
