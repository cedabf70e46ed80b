package dev.roster.scim.jdbc;

import dev.roster.scim.core.error.ScimException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.LinkedHashSet;
import javax.sql.DataSource;

/**
 * Runs units of work in transactions and turns database failures into what the protocol engine
 * understands.
 */
final class Database {
  /** SQLState of a unique constraint violation, the same on H2 and PostgreSQL. */
  static final String UNIQUE_VIOLATION = "23505";

  private static final String VALUE_TOO_LONG = "22001";
  private static final String SERIALIZATION_FAILURE = "40001";
  private static final String DEADLOCK = "40P01";
  private static final String H2_LOCK_TIMEOUT = "HYT00";

  private final DataSource dataSource;
  private final Clock clock;
  private final Migrations.Dialect dialect;

  /** The connection of the bulk request this thread is running, if any. */
  private final ThreadLocal<Connection> bulk = new ThreadLocal<>();

  private volatile boolean closed;

  /**
   * A database reached through {@code dataSource}.
   *
   * @throws StorageException if no connection can be made to learn which database it is
   */
  Database(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
    try (Connection connection = dataSource.getConnection()) {
      this.dialect = Migrations.Dialect.of(connection);
    } catch (SQLException e) {
      throw new StorageException("Could not connect to the database: " + e.getMessage(), e);
    }
  }

  /** Refuses every unit of work from now on; the data source is the host's and stays open. */
  void close() {
    closed = true;
  }

  /** A connection from the data source, unless the store is closed. */
  private Connection connection() throws SQLException {
    if (closed) {
      throw new StorageException("The JDBC store is closed", null);
    }
    return dataSource.getConnection();
  }

  /** Which database product this is. */
  Migrations.Dialect dialect() {
    return dialect;
  }

  /** A unit of work on one connection inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. A
   * {@link ScimException} passes through; an {@link SQLException} becomes the SCIM error it stands
   * for, or a {@link StorageException} (a 500).
   */
  <T> T inTransaction(Work<T> work) {
    Connection shared = bulk.get();
    if (shared != null) {
      return atSavepoint(shared, work);
    }
    try (Connection connection = connection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /**
   * Runs {@code operations} (a bulk request's) in one transaction on one connection, committed once
   * when they return: each unit of work among them runs at a savepoint of its own, so one that
   * fails is undone alone and the others keep their outcome, as RFC 7644 §3.7 wants. If the commit
   * fails, nothing of them remains.
   */
  void inOneTransaction(Runnable operations) {
    if (bulk.get() != null) {
      operations.run();
      return;
    }
    try (Connection connection = connection()) {
      connection.setAutoCommit(false);
      bulk.set(connection);
      try {
        operations.run();
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        bulk.remove();
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** {@code work} inside the bulk request's transaction, undone alone if it fails. */
  private static <T> T atSavepoint(Connection connection, Work<T> work) {
    try {
      Savepoint savepoint = connection.setSavepoint();
      try {
        T result = work.run(connection);
        connection.releaseSavepoint(savepoint);
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback(savepoint);
        throw e;
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** The current time, to the millisecond, which both databases store exactly. */
  Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }

  /** Whether {@code e} (or an exception it chains) reports a unique constraint violation. */
  static boolean isUniqueViolation(SQLException e) {
    for (SQLException next = e; next != null; next = next.getNextException()) {
      if (UNIQUE_VIOLATION.equals(next.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  private static RuntimeException translate(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    switch (state) {
      case VALUE_TOO_LONG:
        return ScimException.invalidValue(
            "A value is longer than the database column that stores it allows");
      case SERIALIZATION_FAILURE:
      case DEADLOCK:
      case H2_LOCK_TIMEOUT:
        return new ScimException(
            503, null, "The database is busy with concurrent changes to this resource; retry");
      default:
        return new StorageException("Database error (SQLState " + state + ")", e);
    }
  }

  // ---- binding helpers shared by the repositories -------------------------------------------

  /** Binds a possibly null string. */
  static void setText(PreparedStatement statement, int index, String value) throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, value);
    }
  }

  /** Binds a possibly null boolean. */
  static void setBoolean(PreparedStatement statement, int index, Boolean value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.BOOLEAN);
    } else {
      statement.setBoolean(index, value);
    }
  }

  /** Binds an instant, or null, to a {@code TIMESTAMP WITH TIME ZONE} column, in UTC. */
  static void setInstant(PreparedStatement statement, int index, Instant value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      statement.setObject(index, OffsetDateTime.ofInstant(value, ZoneOffset.UTC));
    }
  }

  /** Binds the parameters scim-filter's {@code SqlFilter} produced, starting at {@code index}. */
  static int bindAll(PreparedStatement statement, int index, Iterable<Object> values)
      throws SQLException {
    int next = index;
    for (Object value : values) {
      statement.setObject(next++, value);
    }
    return next;
  }

  /** Reads a {@code TIMESTAMP WITH TIME ZONE} column as an instant. */
  static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** Reads a nullable boolean column. */
  static Boolean bool(ResultSet rows, String column) throws SQLException {
    boolean value = rows.getBoolean(column);
    return rows.wasNull() ? null : value;
  }

  /**
   * A table of ids to join a statement's rows to, one row per id, in column {@code ids.id}: {@code
   * FROM } {@value #IDS} {@code JOIN t ON t.tenant = ? AND t.user_id = ids.id}, its parameter bound
   * with {@link #bindIds}. Both H2 and PostgreSQL then look each id up in the index; with {@code
   * t.user_id IN (?, ?, ...)} instead, H2 used the index for the tenant alone and tested the list
   * against every row of the tenant (100,000 memberships for a page of users).
   */
  static final String IDS = "UNNEST(?) AS ids(id)";

  /** Binds {@code ids}, each once, to the parameter of {@link #IDS} at {@code index}. */
  static void bindIds(PreparedStatement statement, int index, Collection<String> ids)
      throws SQLException {
    Object[] distinct = new LinkedHashSet<>(ids).toArray();
    statement.setArray(index, statement.getConnection().createArrayOf("varchar", distinct));
  }
}
