package dev.roster.scim.server.auth;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** OAuth clients on the heap, for tests and single-process hosts. Thread-safe. */
public final class InMemoryClientStore implements ClientStore {
  private final ConcurrentMap<String, OAuthClient> clients = new ConcurrentHashMap<>();

  /** An empty store. */
  public InMemoryClientStore() {}

  @Override
  public Optional<OAuthClient> find(String clientId) {
    return Optional.ofNullable(clients.get(clientId));
  }

  @Override
  public void save(OAuthClient client) {
    clients.put(client.clientId(), client);
  }
}
