package dev.roster.scim.server.auth;

import java.util.Optional;

/**
 * Where OAuth clients and the hashes of their secrets are kept. {@link InMemoryClientStore} is one
 * for tests and single processes; a host keeps clients in its database by implementing this
 * interface. Implementations are thread-safe, and a change (a client disabled, a secret removed)
 * must be visible to every process sharing the store at once: {@link ClientCredentials} caches
 * nothing.
 */
public interface ClientStore {

  /** The client with this id, or empty. */
  Optional<OAuthClient> find(String clientId);

  /** Stores a client, replacing one with the same id. */
  void save(OAuthClient client);
}
