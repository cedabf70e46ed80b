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
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
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
  private final boolean changeFeed;

  /** The connection of the bulk request this thread is running, if any. */
  private final ThreadLocal<Connection> bulk = new ThreadLocal<>();

  /**
   * The change feed's events of the transaction this thread is running, appended just before its
   * commit; null outside a transaction and when the feed is off.
   */
  private final ThreadLocal<List<ChangeLog.Change>> changes = new ThreadLocal<>();

  /**
   * How many users and groups the transaction this thread is running created (less those it
   * deleted), per tenant and type, added to {@code scim_resource_counts} just before its commit;
   * null outside a transaction. Sorted, so that every transaction locks count rows in one order.
   */
  private final ThreadLocal<Map<CountKey, Long>> counted = new ThreadLocal<>();

  /** A row group of {@code scim_resource_counts}: one tenant's resources of one type. */
  record CountKey(String tenant, String resourceType) {}

  private static final Comparator<CountKey> COUNT_ORDER =
      Comparator.comparing(CountKey::tenant).thenComparing(CountKey::resourceType);

  /** Slots each tenant's count of a type is spread over: see migration 6. */
  static final int COUNT_SLOTS = 16;

  private final Statistics statistics;

  private volatile boolean closed;

  /**
   * A database reached through {@code dataSource}.
   *
   * @throws StorageException if no connection can be made to learn which database it is
   */
  Database(DataSource dataSource, Clock clock) {
    this(dataSource, clock, false);
  }

  /**
   * A database reached through {@code dataSource}, recording the change feed's events of every
   * write when {@code changeFeed} is true.
   *
   * @throws StorageException if no connection can be made to learn which database it is
   */
  Database(DataSource dataSource, Clock clock, boolean changeFeed) {
    this(dataSource, clock, changeFeed, false);
  }

  /**
   * A database reached through {@code dataSource}, recording the change feed's events of every
   * write when {@code changeFeed} is true, and keeping PostgreSQL's statistics of its tables
   * current ({@link Statistics}) when {@code analyze} is.
   *
   * @throws StorageException if no connection can be made to learn which database it is
   */
  Database(DataSource dataSource, Clock clock, boolean changeFeed, boolean analyze) {
    this.dataSource = dataSource;
    this.clock = clock;
    this.changeFeed = changeFeed;
    try (Connection connection = dataSource.getConnection()) {
      this.dialect = Migrations.Dialect.of(connection);
    } catch (SQLException e) {
      throw new StorageException("Could not connect to the database: " + e.getMessage(), e);
    }
    this.statistics =
        analyze && dialect == Migrations.Dialect.POSTGRESQL
            ? new Statistics(dataSource, Statistics.MINIMUM_ROWS, Statistics.MINIMUM_INTERVAL)
            : null;
  }

  /** Refuses every unit of work from now on; the data source is the host's and stays open. */
  void close() {
    closed = true;
    if (statistics != null) {
      statistics.close();
    }
  }

  /** Counts rows added to the store's tables, for {@link Statistics}; nothing without it. */
  void added(Statistics.Tables tables, long rows) {
    if (statistics != null) {
      statistics.added(tables, rows);
    }
  }

  /** The statistics keeper, or null when there is none: for tests. */
  Statistics statistics() {
    return statistics;
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

  /** Whether writes record change feed events: the repositories skip the work for them if not. */
  boolean changeFeed() {
    return changeFeed;
  }

  /**
   * Records the events of {@code change} in the running transaction, to be appended to the feed
   * just before it commits, and dropped with it (or with its bulk savepoint) if it rolls back.
   * Nothing happens when the feed is off.
   */
  void record(List<ChangeLog.Change> change) {
    if (!changeFeed) {
      return;
    }
    List<ChangeLog.Change> pending = changes.get();
    if (pending == null) {
      throw new IllegalStateException("A change recorded outside a transaction");
    }
    pending.addAll(change);
  }

  /**
   * Counts {@code delta} more resources of {@code resourceType} for {@code tenant} (a create is 1,
   * a delete -1), in the running transaction: written at its commit, dropped with it (or with its
   * bulk savepoint) if it rolls back.
   */
  void count(String tenant, String resourceType, long delta) {
    Map<CountKey, Long> pending = counted.get();
    if (pending == null) {
      throw new IllegalStateException("A resource counted outside a transaction");
    }
    pending.merge(new CountKey(tenant, resourceType), delta, Long::sum);
    added(resourceType.equals("User") ? Statistics.Tables.USERS : Statistics.Tables.GROUPS, delta);
  }

  /**
   * How many resources of {@code resourceType} {@code tenant} has, as the committed counts say: the
   * sum of a few rows, whatever the number of resources.
   */
  static long countOf(Connection connection, String tenant, String resourceType)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT COALESCE(SUM(resources), 0) FROM scim_resource_counts"
                + " WHERE tenant = ? AND resource_type = ?")) {
      select.setString(1, tenant);
      select.setString(2, resourceType);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  /**
   * Writes the transaction's counts, as its last statements but the change feed's: one slot, picked
   * at random, for all of them, in {@link #COUNT_ORDER}, so two transactions never wait for each
   * other's count rows in opposite orders.
   */
  private void writeCounts(Connection connection, Map<CountKey, Long> pending) throws SQLException {
    if (pending.values().stream().allMatch(delta -> delta == 0)) {
      return;
    }
    int slot = ThreadLocalRandom.current().nextInt(COUNT_SLOTS);
    try (PreparedStatement add = connection.prepareStatement(dialect.addToCount())) {
      for (Map.Entry<CountKey, Long> entry : pending.entrySet()) {
        if (entry.getValue() == 0) {
          continue;
        }
        add.setString(1, entry.getKey().tenant());
        add.setString(2, entry.getKey().resourceType());
        add.setInt(3, slot);
        add.setLong(4, entry.getValue());
        try {
          add.executeUpdate();
        } catch (SQLException e) {
          // H2's MERGE inserts a missing slot row; a transaction that inserted it first and then
          // committed makes this insert a duplicate. Then the row is there: the retry updates it.
          // (PostgreSQL's ON CONFLICT never gets here.)
          if (dialect != Migrations.Dialect.H2 || !isUniqueViolation(e)) {
            throw e;
          }
          add.executeUpdate();
        }
      }
    }
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
    List<ChangeLog.Change> outer = changes.get();
    Map<CountKey, Long> outerCounts = counted.get();
    try (Connection connection = connection()) {
      connection.setAutoCommit(false);
      List<ChangeLog.Change> pending = changeFeed ? new ArrayList<>() : null;
      changes.set(pending);
      Map<CountKey, Long> counts = new TreeMap<>(COUNT_ORDER);
      counted.set(counts);
      try {
        T result = work.run(connection);
        writeCounts(connection, counts);
        appendChanges(connection, pending);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        restore(outer, outerCounts);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /**
   * Runs {@code work}, which only reads, on a connection in auto-commit mode: no {@code BEGIN} and
   * {@code COMMIT} around it, so a read of one statement (a GET) is one round trip. Statements run
   * at the database's default isolation, as they do in {@link #inTransaction} (each statement sees
   * what was committed when it started). Inside a bulk request it runs on the request's connection.
   */
  <T> T read(Work<T> work) {
    Connection shared = bulk.get();
    if (shared != null) {
      try {
        return work.run(shared);
      } catch (SQLException e) {
        throw translate(e);
      }
    }
    try (Connection connection = connection()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      return work.run(connection);
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /** Appends the transaction's events as its last statements: see {@link ChangeLog}. */
  private void appendChanges(Connection connection, List<ChangeLog.Change> pending)
      throws SQLException {
    if (pending != null) {
      ChangeLog.append(connection, dialect, pending, now());
    }
  }

  private void restore(List<ChangeLog.Change> outer, Map<CountKey, Long> outerCounts) {
    if (outer == null) {
      changes.remove();
    } else {
      changes.set(outer);
    }
    if (outerCounts == null) {
      counted.remove();
    } else {
      counted.set(outerCounts);
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
    List<ChangeLog.Change> outer = changes.get();
    Map<CountKey, Long> outerCounts = counted.get();
    try (Connection connection = connection()) {
      connection.setAutoCommit(false);
      bulk.set(connection);
      // One list for the whole request: its events get consecutive positions at the commit.
      List<ChangeLog.Change> pending = changeFeed ? new ArrayList<>() : null;
      changes.set(pending);
      Map<CountKey, Long> counts = new TreeMap<>(COUNT_ORDER);
      counted.set(counts);
      try {
        operations.run();
        writeCounts(connection, counts);
        appendChanges(connection, pending);
        connection.commit();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        bulk.remove();
        restore(outer, outerCounts);
      }
    } catch (SQLException e) {
      throw translate(e);
    }
  }

  /**
   * {@code work} inside the bulk request's transaction, undone alone if it fails, change feed
   * events included.
   */
  private <T> T atSavepoint(Connection connection, Work<T> work) {
    List<ChangeLog.Change> pending = changes.get();
    int recorded = pending == null ? 0 : pending.size();
    Map<CountKey, Long> counts = counted.get();
    Map<CountKey, Long> countsBefore = new TreeMap<>(COUNT_ORDER);
    countsBefore.putAll(counts);
    try {
      Savepoint savepoint = connection.setSavepoint();
      try {
        T result = work.run(connection);
        connection.releaseSavepoint(savepoint);
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback(savepoint);
        if (pending != null) {
          pending.subList(recorded, pending.size()).clear();
        }
        counts.clear();
        counts.putAll(countsBefore);
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

  /**
   * Locks the row of {@code table} (a resource table, keyed by tenant and id) until the transaction
   * ends.
   *
   * @return false if there is no such row
   */
  static boolean lockRow(Connection connection, String table, String tenant, String id)
      throws SQLException {
    try (PreparedStatement lock =
        connection.prepareStatement(
            "SELECT version FROM " + table + " WHERE tenant = ? AND id = ? FOR UPDATE")) {
      lock.setString(1, tenant);
      lock.setString(2, id);
      try (ResultSet locked = lock.executeQuery()) {
        return locked.next();
      }
    }
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
