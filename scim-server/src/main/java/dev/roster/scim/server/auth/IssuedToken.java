package dev.roster.scim.server.auth;

import static java.util.Objects.requireNonNull;

/**
 * A token just issued: the token itself, to show the admin once, and what the store keeps of it.
 * Its {@link #toString()} leaves the token out, so that it cannot reach a log by accident.
 *
 * @param token the token to paste into the identity provider; shown once, never stored
 * @param stored what the store keeps: id, tenant, label, times, salted hash
 */
public record IssuedToken(String token, StoredToken stored) {
  public IssuedToken {
    requireNonNull(token, "token");
    requireNonNull(stored, "stored");
  }

  @Override
  public String toString() {
    return "IssuedToken[id=" + stored.id() + ", tenant=" + stored.tenant() + ", token=****]";
  }
}
