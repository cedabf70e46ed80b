package dev.roster.scim.jdbc;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.testkit.contract.UserRepositoryContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The testkit's SPI contract for users, against the JDBC repository on H2. */
class JdbcUserRepositoryContractTest extends UserRepositoryContract {
  private static JdbcStore store;

  @BeforeAll
  static void open() {
    store =
        JdbcStore.builder(TestDatabases.h2("jdbc:h2:mem:user-contract;LOCK_TIMEOUT=10000"))
            .registry(SchemaRegistry.standard())
            .build();
  }

  @AfterAll
  static void close() {
    store.close();
  }

  @Override
  protected UserRepository userRepository() {
    return store.users();
  }
}
