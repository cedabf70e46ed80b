package dev.roster.scim.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the schema on an empty database and brings an older one up to date, at start.
 *
 * <p>Each migration is a SQL file under {@value #LOCATION} on the class path, applied once and
 * recorded in {@code schema_version}: in {@code common/}, or in {@code h2/} and {@code postgresql/}
 * for the few statements the two databases write differently (a host running them with its own tool
 * takes {@code common/} and its database's folder). To change the schema, add a file and a line to
 * {@link #MIGRATIONS}; never edit one that has shipped.
 *
 * <p>On PostgreSQL, server processes that start together take turns on an advisory lock, so that
 * one migrates and the others find the schema up to date instead of failing to start.
 */
final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** A schema version and the file that brings the previous version to it. */
  private record Migration(int version, String description, String file) {}

  private static final List<Migration> MIGRATIONS =
      List.of(
          new Migration(1, "users, groups and memberships", "V1__users_and_groups.sql"),
          new Migration(2, "case-insensitive unique names", "V2__case_insensitive_names.sql"),
          new Migration(3, "secret tokens and OAuth clients", "V3__tokens_and_clients.sql"),
          new Migration(4, "indexes for keyset paging", "V4__keyset_paging.sql"),
          new Migration(5, "change feed", "V5__change_feed.sql"),
          new Migration(6, "resource counts", "V6__resource_counts.sql"),
          new Migration(7, "tenant change feeds", "V7__tenant_change_feeds.sql"));

  /** Where the migration files are on the class path. */
  static final String LOCATION = "dev/roster/scim/jdbc/migration/";

  /** SQLStates of a missing table: PostgreSQL's, and the standard one H2 reports (two codes). */
  private static final Set<String> NO_SUCH_TABLE = Set.of("42P01", "42S02", "42S04");

  /** The PostgreSQL advisory lock migrations hold: {@code "Roster"} in ASCII. */
  private static final long LOCK_KEY = 0x526f73746572L;

  private Migrations() {}

  /** The database products the schema is written for. */
  enum Dialect {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String folder;

    Dialect(String folder) {
      this.folder = folder;
    }

    /**
     * {@code change}, an {@code INSERT} or an {@code UPDATE}, as a query that returns {@code
     * column} of every row it inserted or updated, as the row is afterwards: {@code RETURNING} on
     * PostgreSQL, a data change delta table ({@code SELECT ... FROM FINAL TABLE (...)}) on H2.
     * Either way one statement, run with {@code executeQuery}.
     */
    String returning(String change, String column) {
      return this == POSTGRESQL
          ? change + " RETURNING " + column
          : "SELECT " + column + " FROM FINAL TABLE (" + change + ")";
    }

    /**
     * A scalar subquery that aggregates the rows of {@code fromWhere} (a {@code FROM} clause and
     * its {@code WHERE}, usually correlated with the outer query), ordered by {@code orderBy}, into
     * one JSON array holding an array of {@code values} per row, SQL nulls as JSON nulls; {@code
     * NULL} when there are no rows. Read it with {@link ChildRows}.
     */
    String jsonRows(String values, String fromWhere, String orderBy) {
      return this == POSTGRESQL
          ? "(SELECT json_agg(json_build_array("
              + values
              + ") ORDER BY "
              + orderBy
              + ") FROM "
              + fromWhere
              + ")"
          : "(SELECT JSON_ARRAYAGG(JSON_ARRAY("
              + values
              + " NULL ON NULL) ORDER BY "
              + orderBy
              + ") FROM "
              + fromWhere
              + ")";
    }

    /**
     * Adds to a row of {@code scim_resource_counts}, creating it if missing. Parameters: tenant,
     * resource type, slot, the number to add.
     */
    String addToCount() {
      return this == POSTGRESQL
          ? "INSERT INTO scim_resource_counts (tenant, resource_type, slot, resources)"
              + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant, resource_type, slot)"
              + " DO UPDATE SET resources = scim_resource_counts.resources + EXCLUDED.resources"
          : "MERGE INTO scim_resource_counts c USING (VALUES (CAST(? AS VARCHAR(64)),"
              + " CAST(? AS VARCHAR(16)), CAST(? AS INTEGER), CAST(? AS BIGINT)))"
              + " AS d(tenant, resource_type, slot, resources)"
              + " ON c.tenant = d.tenant AND c.resource_type = d.resource_type AND c.slot = d.slot"
              + " WHEN MATCHED THEN UPDATE SET resources = c.resources + d.resources"
              + " WHEN NOT MATCHED THEN INSERT (tenant, resource_type, slot, resources)"
              + " VALUES (d.tenant, d.resource_type, d.slot, d.resources)";
    }

    static Dialect of(Connection connection) throws SQLException {
      String product = connection.getMetaData().getDatabaseProductName();
      switch (product.toLowerCase(Locale.ROOT)) {
        case "h2":
          return H2;
        case "postgresql":
          return POSTGRESQL;
        default:
          throw new IllegalArgumentException(
              "scim-jdbc's schema is written for H2 and PostgreSQL, not " + product);
      }
    }
  }

  /**
   * Applies every migration the database lacks, each in its own transaction.
   *
   * @return the schema version the database is at afterwards
   */
  static int migrate(DataSource dataSource) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      Dialect dialect = Dialect.of(connection);
      if (dialect != Dialect.POSTGRESQL) {
        return migrateLocked(connection, dialect); // an H2 file allows one process
      }
      // Server processes starting together on one database take turns here: the first migrates,
      // the others wait, then find the schema up to date.
      execute(connection, "SELECT pg_advisory_lock(" + LOCK_KEY + ")");
      int version;
      try {
        version = migrateLocked(connection, dialect);
      } catch (SQLException | RuntimeException e) {
        try {
          execute(connection, "SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
        } catch (SQLException unlock) {
          e.addSuppressed(unlock); // a broken connection's session, and its lock, are gone
        }
        throw e;
      }
      // A pooled connection must not keep the lock.
      execute(connection, "SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
      return version;
    }
  }

  /** The schema version the migrations bring a database to: the last one's. */
  static int latest() {
    return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
  }

  /**
   * The schema version the database is at, for a host that applies the migrations with its own
   * tool: changes nothing, and creates not even {@code schema_version}.
   *
   * @throws StorageException if the database is behind {@link #latest()}, or has no {@code
   *     schema_version} table
   */
  static int check(DataSource dataSource) throws SQLException {
    int current;
    try (Connection connection = dataSource.getConnection()) {
      current = versionOrZero(connection);
    }
    if (current < latest()) {
      throw new StorageException(
          "The database schema is at version "
              + current
              + (current == 0 ? " (no schema_version table)" : "")
              + ", behind version "
              + latest()
              + ", which scim-jdbc needs, and JdbcStore was built with migrate(false): apply the"
              + " migrations after version "
              + current
              + " from "
              + LOCATION
              + " and record them in schema_version (see scim-jdbc's README), or build the store"
              + " with migrate(true)",
          null);
    }
    return current;
  }

  /** The version recorded in {@code schema_version}, or 0 when there is no such table. */
  private static int versionOrZero(Connection connection) throws SQLException {
    try {
      return currentVersion(connection);
    } catch (SQLException e) {
      if (NO_SUCH_TABLE.contains(e.getSQLState())) {
        return 0;
      }
      throw e;
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static int migrateLocked(Connection connection, Dialect dialect) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(
          "CREATE TABLE IF NOT EXISTS schema_version ("
              + " version INTEGER PRIMARY KEY,"
              + " description VARCHAR(200) NOT NULL,"
              + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    }
    int current = currentVersion(connection);
    for (Migration migration : MIGRATIONS) {
      if (migration.version() > current) {
        apply(connection, dialect, migration);
        current = migration.version();
      }
    }
    return current;
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT MAX(version) FROM schema_version")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  private static void apply(Connection connection, Dialect dialect, Migration migration)
      throws SQLException {
    LOG.info(
        "Migrating the schema to version {}: {}", migration.version(), migration.description());
    connection.setAutoCommit(false);
    try {
      // Recorded first: should another instance apply it at the same moment anyway (it takes
      // turns on PostgreSQL), one fails on the primary key and rolls back. (PostgreSQL runs DDL
      // in the transaction; H2 files allow one process.)
      try (PreparedStatement record =
          connection.prepareStatement(
              "INSERT INTO schema_version (version, description, applied_at) VALUES (?, ?, ?)")) {
        record.setInt(1, migration.version());
        record.setString(2, migration.description());
        record.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
        record.executeUpdate();
      }
      try (Statement statement = connection.createStatement()) {
        for (String sql : statements(read(dialect, migration.file()))) {
          statement.execute(sql);
        }
      }
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  private static String read(Dialect dialect, String file) {
    String specific = "/" + LOCATION + dialect.folder + "/" + file;
    InputStream in = Migrations.class.getResourceAsStream(specific);
    if (in == null) {
      in = Migrations.class.getResourceAsStream("/" + LOCATION + "common/" + file);
    }
    if (in == null) {
      throw new IllegalStateException("Migration " + file + " is missing from the class path");
    }
    try (InputStream sql = in) {
      return new String(sql.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The statements of a migration file: separated by a semicolon at the end of a line. */
  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String sql = current.toString().strip();
        statements.add(sql.substring(0, sql.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }
}
