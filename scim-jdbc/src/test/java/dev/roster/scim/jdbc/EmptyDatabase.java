package dev.roster.scim.jdbc;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * A database with no tables, for a test that changes the schema (the shared PostgreSQL database's
 * is every test's): an H2 file of its own, or a PostgreSQL schema of its own, dropped when closed.
 */
record EmptyDatabase(DataSource dataSource, Runnable drop) implements AutoCloseable {
  /**
   * An empty database on {@code database} ({@code "h2"}, in {@code tempDir}, or {@code
   * "postgresql"}); PostgreSQL tests are skipped when it is not configured.
   */
  static EmptyDatabase of(String database, Path tempDir) throws SQLException {
    if (database.equals("h2")) {
      return new EmptyDatabase(
          TestDatabases.h2(TestDatabases.h2Url(tempDir.resolve("empty"))), () -> {});
    }
    String url = TestDatabases.postgresUrl();
    String user = TestDatabases.setting("ROSTER_TEST_JDBC_USER");
    String password = TestDatabases.setting("ROSTER_TEST_JDBC_PASSWORD");
    String schema = "roster_empty_" + UUID.randomUUID().toString().substring(0, 8);
    execute(url, user, password, "CREATE SCHEMA " + schema);
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    return new EmptyDatabase(
        new RecordingDataSource(schemaUrl, user, password).dataSource(),
        () -> execute(url, user, password, "DROP SCHEMA " + schema + " CASCADE"));
  }

  @Override
  public void close() {
    drop.run();
  }

  private static void execute(String url, String user, String password, String sql) {
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
