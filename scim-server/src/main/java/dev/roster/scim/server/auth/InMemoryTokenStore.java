package dev.roster.scim.server.auth;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Tokens on the heap, for tests and single-process hosts. Thread-safe. */
public final class InMemoryTokenStore implements TokenStore {
  private final ConcurrentMap<String, StoredToken> tokens = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryTokenStore() {}

  @Override
  public void save(StoredToken token) {
    if (tokens.putIfAbsent(token.id(), token) != null) {
      throw new IllegalStateException("A token with this id exists already");
    }
  }

  @Override
  public Optional<StoredToken> find(String id) {
    return Optional.ofNullable(tokens.get(id));
  }

  @Override
  public List<StoredToken> list(String tenant) {
    List<StoredToken> list = new ArrayList<>();
    tokens.values().stream().filter(t -> t.tenant().equals(tenant)).forEach(list::add);
    list.sort(Comparator.comparing(StoredToken::created).thenComparing(StoredToken::id));
    return list;
  }

  @Override
  public boolean revoke(String tenant, String id, Instant at) {
    boolean[] revoked = {false};
    tokens.computeIfPresent(
        id,
        (key, token) -> {
          if (!token.tenant().equals(tenant) || token.revoked() != null) {
            return token;
          }
          revoked[0] = true;
          return token.revokedAt(at);
        });
    return revoked[0];
  }

  @Override
  public void recordUse(String id, Instant at) {
    tokens.computeIfPresent(id, (key, token) -> token.usedAt(at));
  }
}
