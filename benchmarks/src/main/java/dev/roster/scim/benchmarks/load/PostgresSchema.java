package dev.roster.scim.benchmarks.load;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What the load run does to a PostgreSQL database over JDBC, beside the server: the schema of its
 * own that the stores {@code postgres-fresh} and {@code postgres-analyzed} get, made empty before
 * the server starts, autovacuum turned off in it or {@code ANALYZE} run on it, and the planner
 * statistics {@code scim_users} had, for the report. It touches no schema but the one it is given.
 */
final class PostgresSchema {
  /** The schema of {@code postgres-fresh}: no statistics, autovacuum off. */
  static final String FRESH = "roster_load_fresh";

  /** The schema of {@code postgres-analyzed}: {@code ANALYZE} after seeding. */
  static final String ANALYZED = "roster_load_analyzed";

  private final String url;
  private final String user;
  private final String password;
  private final String schema;

  /**
   * Connects as {@code user} with {@code password} (either may be null) to the database of {@code
   * url}, a URL without {@code currentSchema}, for {@code schema}; or, with {@code schema} null, to
   * the schema {@code url} leaves current (for {@link #statistics} only).
   */
  PostgresSchema(String url, String user, String password, String schema) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.schema = schema;
  }

  /** The schema a store has of its own: {@link #FRESH}, {@link #ANALYZED}, or null. */
  static String of(String store) {
    return switch (store) {
      case "postgres-fresh" -> FRESH;
      case "postgres-analyzed" -> ANALYZED;
      default -> null;
    };
  }

  /**
   * {@code url} with {@code currentSchema=schema} among its parameters, after a {@code ?} or a
   * {@code &} as the URL needs.
   *
   * @throws IllegalArgumentException if {@code url} names a current schema already
   */
  static String withSchema(String url, String schema) {
    int query = url.indexOf('?');
    if (query >= 0) {
      for (String parameter : url.substring(query + 1).split("&")) {
        if (parameter.toLowerCase(Locale.ROOT).startsWith("currentschema=")) {
          throw new IllegalArgumentException(
              "ROSTER_LOAD_JDBC_URL names currentSchema already; the stores postgres-fresh and"
                  + " postgres-analyzed set their own");
        }
      }
    }
    String separator = query < 0 ? "?" : url.endsWith("?") || url.endsWith("&") ? "" : "&";
    return url + separator + "currentSchema=" + schema;
  }

  /** {@code name} as a quoted SQL identifier. */
  static String quote(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** The URL the server gets: this one with the schema current, if there is one. */
  String serverUrl() {
    return schema == null ? url : withSchema(url, schema);
  }

  /** Drops the schema with everything in it, if it exists, and creates it empty. */
  void recreate() throws SQLException {
    try (Connection connection = connect(url);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA IF EXISTS " + quote(schema) + " CASCADE");
      statement.execute("CREATE SCHEMA " + quote(schema));
    }
  }

  /**
   * Turns autovacuum (and with it autoanalyze) off on every table of the schema and their TOAST
   * tables, so that the planner keeps seeing the tables as freshly created, without statistics.
   *
   * @return the tables, in name order
   */
  List<String> disableAutovacuum() throws SQLException {
    List<String> tables = tables();
    try (Connection connection = connect(url);
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.execute(
            "ALTER TABLE "
                + quote(schema)
                + "."
                + quote(table)
                + " SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)");
      }
    }
    return tables;
  }

  /**
   * Runs {@code ANALYZE} on every table of the schema.
   *
   * @return the tables, in name order
   */
  List<String> analyze() throws SQLException {
    List<String> tables = tables();
    try (Connection connection = connect(url);
        Statement statement = connection.createStatement()) {
      for (String table : tables) {
        statement.execute("ANALYZE " + quote(schema) + "." + quote(table));
      }
    }
    return tables;
  }

  /** The tables of the schema, from {@code pg_tables}, in name order. */
  List<String> tables() throws SQLException {
    List<String> tables = new ArrayList<>();
    try (Connection connection = connect(url);
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename")) {
      select.setString(1, schema);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
    }
    return tables;
  }

  /**
   * What the planner knew of {@code scim_users} in the server's schema, from {@code
   * pg_stat_user_tables} and {@code pg_class}: when it was last analyzed by hand and by autovacuum
   * (or never), and the row count the planner assumes.
   */
  String statistics() throws SQLException {
    try (Connection connection = connect(serverUrl());
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT s.schemaname, s.last_analyze, s.last_autoanalyze, s.analyze_count,"
                    + " s.autoanalyze_count, s.n_live_tup, c.reltuples, c.reloptions"
                    + " FROM pg_stat_user_tables s JOIN pg_class c ON c.oid = s.relid"
                    + " WHERE s.relname = 'scim_users' AND s.schemaname = current_schema()")) {
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return "no scim_users table in the current schema";
        }
        double estimate = rows.getDouble(7);
        return String.format(
            Locale.ROOT,
            "%s.scim_users: last ANALYZE %s (%d in all), last autoanalyze %s (%d in all); %,d live"
                + " rows, %s%s",
            rows.getString(1),
            orNever(rows.getString(2)),
            rows.getLong(4),
            orNever(rows.getString(3)),
            rows.getLong(5),
            rows.getLong(6),
            estimate < 0
                ? "no row estimate in pg_class (never vacuumed or analyzed)"
                : String.format(Locale.ROOT, "pg_class row estimate %,.0f", estimate),
            rows.getString(8) == null ? "" : "; table options " + rows.getString(8));
      }
    }
  }

  private static String orNever(String timestamp) {
    return timestamp == null ? "never" : timestamp;
  }

  private Connection connect(String jdbcUrl) throws SQLException {
    Properties properties = new Properties();
    if (user != null) {
      properties.setProperty("user", user);
    }
    if (password != null) {
      properties.setProperty("password", password);
    }
    return DriverManager.getConnection(jdbcUrl, properties);
  }
}
