package dev.roster.scim.testkit.contract;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.memory.InMemoryStore;

/** The group repository contract, run against Roster's in-memory store (a fresh one per test). */
class InMemoryGroupRepositoryContractTest extends GroupRepositoryContract {
  private final InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());

  @Override
  protected UserRepository userRepository() {
    return store.users();
  }

  @Override
  protected GroupRepository groupRepository() {
    return store.groups();
  }
}
