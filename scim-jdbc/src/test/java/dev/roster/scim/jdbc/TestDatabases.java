package dev.roster.scim.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.roster.scim.core.schema.SchemaRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;

/**
 * The databases the tests run on: H2 always, in a file under a temporary directory, and PostgreSQL
 * when {@code ROSTER_TEST_JDBC_URL} (with {@code ROSTER_TEST_JDBC_USER} and {@code
 * ROSTER_TEST_JDBC_PASSWORD}) is set as a system property or environment variable, as {@code
 * .ci/run} does.
 */
public final class TestDatabases {
  /** Why PostgreSQL tests are skipped when no database is configured. */
  public static final String NO_POSTGRES =
      "PostgreSQL tests skipped: set ROSTER_TEST_JDBC_URL (e.g."
          + " jdbc:postgresql://127.0.0.1:5432/roster_test) and ROSTER_TEST_JDBC_USER /"
          + " ROSTER_TEST_JDBC_PASSWORD, as a system property or environment variable, to run"
          + " them; .ci/run does";

  /** The pool on the PostgreSQL database, shared by the tests of this JVM; made on first use. */
  private static HikariDataSource postgres;

  private TestDatabases() {}

  /** A setting from the system properties, else the environment; null if neither has it. */
  public static String setting(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      value = System.getenv(name);
    }
    return value == null || value.isBlank() ? null : value;
  }

  /** The PostgreSQL URL, or a skipped test (with {@link #NO_POSTGRES}) when there is none. */
  public static String postgresUrl() {
    String url = setting("ROSTER_TEST_JDBC_URL");
    if (url == null) {
      new RequiresPostgres().evaluateExecutionCondition(null); // prints the reason once
    }
    assumeTrue(url != null, NO_POSTGRES);
    return url;
  }

  /** The H2 URL {@code QuickstartServer} would use for a data directory. */
  public static String h2Url(Path directory) {
    return "jdbc:h2:file:" + directory.resolve("roster").toAbsolutePath() + ";LOCK_TIMEOUT=10000";
  }

  /**
   * The H2 database at {@code url} through H2's own data source, without a pool. It stays open
   * between connections, as a pool would keep it: H2 closes a database with its last connection.
   */
  public static DataSource h2(String url) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(url + ";DB_CLOSE_DELAY=-1");
    return dataSource;
  }

  /**
   * A pool on the configured PostgreSQL database, the same for every test of this JVM and open
   * until it ends, or a skipped test (with {@link #NO_POSTGRES}) when there is none.
   */
  public static synchronized DataSource postgres() {
    String url = postgresUrl();
    if (postgres == null) {
      HikariConfig config = new HikariConfig();
      config.setJdbcUrl(url);
      config.setUsername(setting("ROSTER_TEST_JDBC_USER"));
      config.setPassword(setting("ROSTER_TEST_JDBC_PASSWORD"));
      config.setPoolName("roster-test");
      config.setMaximumPoolSize(10);
      postgres = new HikariDataSource(config);
    }
    return postgres;
  }

  /**
   * Opens a store on {@code database} ({@code "h2"} or {@code "postgresql"}); PostgreSQL tests are
   * skipped when it is not configured.
   */
  public static JdbcStore open(String database, Path tempDir, SchemaRegistry registry) {
    DataSource dataSource = database.equals("postgresql") ? postgres() : h2(h2Url(tempDir));
    return JdbcStore.builder(dataSource).registry(registry).build();
  }

  /**
   * A tenant no earlier run used: PostgreSQL keeps its data between runs, and tenants keep runs
   * apart.
   */
  public static String freshTenant() {
    return "test-" + UUID.randomUUID();
  }

  /**
   * Takes the schema of {@code dataSource} back to {@code version} (5 or later), as a database that
   * an older scim-jdbc made would be, with the rows the later versions left in place: for tests of
   * what a migration does to the data it finds. Never on the shared PostgreSQL schema.
   */
  static void rewind(DataSource dataSource, int version) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      if (version < 7) {
        statement.execute("DROP TABLE scim_change_tenant_consumers");
        statement.execute("DROP TABLE scim_change_tenant_counters");
        statement.execute("DROP INDEX scim_changes_tenant_position");
        statement.execute("ALTER TABLE scim_changes DROP COLUMN tenant_position");
      }
      if (version < 6) {
        statement.execute("DROP TABLE scim_resource_counts");
      }
      try (PreparedStatement forget =
          connection.prepareStatement("DELETE FROM schema_version WHERE version > ?")) {
        forget.setInt(1, version);
        forget.executeUpdate();
      }
    }
  }
}
