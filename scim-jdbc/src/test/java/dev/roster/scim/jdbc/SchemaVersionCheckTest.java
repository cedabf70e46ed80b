package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.RequestContext;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A store built with {@code migrate(false)}, for a host that applies the migrations with its own
 * tool: it opens a database at the version it needs, and refuses one that is behind or empty
 * without changing it.
 */
class SchemaVersionCheckTest {
  @TempDir Path tempDir;

  @Test
  void withoutMigratingAStoreOpensADatabaseThatIsUpToDate() {
    DataSource dataSource = TestDatabases.h2(TestDatabases.h2Url(tempDir));
    JdbcStore.builder(dataSource).build().close(); // the host's own tool, in this test

    try (JdbcStore store = JdbcStore.builder(dataSource).migrate(false).build()) {
      assertThat(store.schemaVersion()).isEqualTo(Migrations.latest());
      RequestContext context = RequestContext.of(TestDatabases.freshTenant(), "test", "request");
      assertThat(
              store
                  .users()
                  .create(new CreateRequest(context, User.builder().userName("bjensen").build()))
                  .id())
          .isNotNull();
    }
  }

  @Test
  void withoutMigratingAStoreRefusesADatabaseThatIsBehindAndLeavesItAsItIs() throws SQLException {
    DataSource dataSource = TestDatabases.h2(TestDatabases.h2Url(tempDir));
    Migrations.migrate(dataSource);
    int behind = Migrations.latest() - 1;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("DELETE FROM schema_version WHERE version > " + behind);
    }

    assertThatThrownBy(() -> JdbcStore.builder(dataSource).migrate(false).build())
        .isInstanceOf(StorageException.class)
        .hasMessageContaining(
            "schema is at version " + behind + ", behind version " + Migrations.latest())
        .hasMessageContaining("dev/roster/scim/jdbc/migration/")
        .hasMessageContaining("migrate(true)");
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      rows.next();
      assertThat(rows.getInt(1)).as("the version after the refusal").isEqualTo(behind);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void withoutMigratingAStoreRefusesAnEmptyDatabaseAndCreatesNothing(String database)
      throws SQLException {
    try (EmptyDatabase empty = EmptyDatabase.of(database, tempDir)) {
      assertThatThrownBy(() -> JdbcStore.builder(empty.dataSource()).migrate(false).build())
          .isInstanceOf(StorageException.class)
          .hasMessageContaining(
              "schema is at version 0 (no schema_version table), behind version "
                  + Migrations.latest());
      try (Connection connection = empty.dataSource().getConnection();
          ResultSet tables =
              connection
                  .getMetaData()
                  .getTables(null, connection.getSchema(), "%", new String[] {"TABLE"})) {
        assertThat(tables.next()).as("a table in the empty database").isFalse();
      }
    }
  }
}
