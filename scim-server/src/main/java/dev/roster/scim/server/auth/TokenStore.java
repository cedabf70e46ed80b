package dev.roster.scim.server.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where the secret tokens that tenants' admins paste into Microsoft Entra ID or Okta are kept, as
 * {@link StoredToken}s: salted hashes and metadata, never the tokens. {@link SecretTokens} issues,
 * verifies and revokes them over a store; {@link InMemoryTokenStore} is one for tests and single
 * processes, and a host keeps them in its database by implementing this interface (scim-jdbc's
 * {@code JdbcStore.tokens()} is one).
 *
 * <p>Implementations are thread-safe. Reads must see revocations made by any process sharing the
 * store at once: {@link SecretTokens} caches nothing, so a revoked token fails on its next request.
 */
public interface TokenStore {

  /**
   * Stores a newly issued token.
   *
   * @throws IllegalStateException if its id is taken (ids are random; a clash means a broken random
   *     source)
   */
  void save(StoredToken token);

  /** The token with this public id, revoked or not; empty when there is none. */
  Optional<StoredToken> find(String id);

  /** Every token of {@code tenant}, revoked and expired ones included, oldest first. */
  List<StoredToken> list(String tenant);

  /**
   * Revokes a token of {@code tenant}.
   *
   * @return whether a token of that tenant with that id was active and is now revoked
   */
  boolean revoke(String tenant, String id, Instant at);

  /** Records that the token authenticated a request at {@code at}. */
  void recordUse(String id, Instant at);
}
