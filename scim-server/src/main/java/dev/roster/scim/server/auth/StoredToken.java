package dev.roster.scim.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * What a {@link TokenStore} keeps of a secret token: never the token, only a salted hash of its
 * secret part, with the metadata an admin sees when listing a tenant's tokens.
 *
 * @param id the token's public id, the part of the token before its secret; unique
 * @param tenant the tenant the token authenticates as
 * @param label what the admin called it, e.g. {@code Entra provisioning}
 * @param salt the random salt of the hash, Base64
 * @param hash SHA-256 of the salt and the secret, Base64
 * @param created when it was issued
 * @param expires when it stops working, or null for never
 * @param lastUsed when it last authenticated a request (recorded at most once a minute), or null
 * @param revoked when it was revoked, or null while it is active
 */
public record StoredToken(
    String id,
    String tenant,
    String label,
    String salt,
    String hash,
    Instant created,
    Instant expires,
    Instant lastUsed,
    Instant revoked) {
  public StoredToken {
    requireNonNull(id, "id");
    requireNonNull(tenant, "tenant");
    requireNonNull(label, "label");
    requireNonNull(salt, "salt");
    requireNonNull(hash, "hash");
    requireNonNull(created, "created");
  }

  /** Whether it authenticates requests at {@code now}: not revoked and not expired. */
  public boolean activeAt(Instant now) {
    return revoked == null && (expires == null || now.isBefore(expires));
  }

  /** A copy used at {@code at}. */
  public StoredToken usedAt(Instant at) {
    return new StoredToken(id, tenant, label, salt, hash, created, expires, at, revoked);
  }

  /** A copy revoked at {@code at}. */
  public StoredToken revokedAt(Instant at) {
    return new StoredToken(id, tenant, label, salt, hash, created, expires, lastUsed, at);
  }
}
