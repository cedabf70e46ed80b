package dev.roster.scim.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a {@link ClientStore} keeps of one OAuth client secret: a salted PBKDF2 hash, never the
 * secret. A client holds several at once so that its owner rotates without downtime.
 *
 * @param id the secret's id, shown in listings so that an admin can remove one
 * @param salt the salt, Base64
 * @param hash PBKDF2-HMAC-SHA256 of the secret, Base64
 * @param iterations the PBKDF2 iteration count it was hashed with
 * @param created when it was added
 * @param expires when it stops working, or null for never
 */
public record ClientSecret(
    String id, String salt, String hash, int iterations, Instant created, Instant expires) {
  public ClientSecret {
    requireNonNull(id, "id");
    requireNonNull(salt, "salt");
    requireNonNull(hash, "hash");
    requireNonNull(created, "created");
  }

  /** Whether it works at {@code now}. */
  public boolean activeAt(Instant now) {
    return expires == null || now.isBefore(expires);
  }
}
