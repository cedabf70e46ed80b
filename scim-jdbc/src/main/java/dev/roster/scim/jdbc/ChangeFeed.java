package dev.roster.scim.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.regex.Pattern;

/**
 * The change feed: every committed write of a user or a group, in commit order, from the outbox
 * table {@code scim_changes}, for consumers that keep something of their own in step with the store
 * (an application's accounts table, a search index, a webhook).
 *
 * <p>Each write appends its {@link ChangeEvent events} in the same transaction as the change, so an
 * event exists exactly when its change was committed; a bulk request's events are consecutive. A
 * consumer is a name with a durable position, the last event it {@linkplain #acknowledge
 * acknowledged}:
 *
 * <pre>{@code
 * ChangeFeed feed = store.changes();
 * while (running) {
 *   ChangeBatch batch = feed.poll("accounts", 100);
 *   for (ChangeEvent event : batch.events()) {
 *     apply(event);                                   // idempotently: it may come again
 *   }
 *   feed.acknowledge("accounts", batch.lastPosition());
 *   if (batch.isEmpty()) Thread.sleep(1000);
 * }
 * }</pre>
 *
 * <p>Delivery is at least once: after a crash, {@link #poll} returns again the events after the
 * acknowledged position, some of which may have been applied. A consumer whose own data is in the
 * same database makes it exactly once by acknowledging in the transaction that applies the batch,
 * with {@link #acknowledge(Connection, String, long)}.
 *
 * <p>Positions are assigned in commit order (see {@code ChangeLog} in the sources), so reading
 * "after position p" never misses an event committed later. Events are kept for the retention
 * ({@link JdbcStore.Builder#changeRetention}) and deleted after it by the store itself, hourly by
 * default ({@link JdbcStore.Builder#changePruning}), or by {@link #prune}, whether or not every
 * consumer has read them: a consumer that falls further behind learns how many it {@linkplain
 * ChangeBatch#missed() missed}.
 *
 * <p>This feed spans every tenant; each event names its tenant. {@link #tenant(String)} is one
 * tenant's feed alone, for a consumer per tenant (a customer's webhook), which reads none of the
 * other tenants' events, not even to skip them. Thread-safe; one process at a time should poll and
 * acknowledge as a given consumer.
 */
public final class ChangeFeed {
  /** The most events one {@link #poll} returns. */
  public static final int MAX_BATCH = 10_000;

  /**
   * The most events {@link #prune} deletes in one transaction (more only when more were recorded in
   * the same millisecond as the last of them).
   */
  static final int PRUNE_CHUNK = 5_000;

  /**
   * The PostgreSQL advisory lock a chunk of {@link #prune} holds until its commit: {@code
   * "Roster-P"} in ASCII. The store's own pruner skips its run when another process holds it.
   */
  static final long PRUNE_LOCK = 0x526f737465722d50L;

  private static final Pattern CONSUMER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  /** The longest tenant: the {@code tenant} columns' length. */
  private static final int MAX_TENANT = 64;

  /** The columns of an event but its position, as {@link ChangeLog#readEvent} reads them. */
  private static final String EVENT_COLUMNS =
      "tenant, resource_type, resource_id, version, operation, changed_attributes, added_members,"
          + " removed_members, recorded_at";

  private final Database database;
  private final Duration retention;
  private final int chunkSize;

  ChangeFeed(Database database, Duration retention) {
    this(database, retention, PRUNE_CHUNK);
  }

  ChangeFeed(Database database, Duration retention, int chunkSize) {
    this.database = database;
    this.retention = retention;
    this.chunkSize = chunkSize;
  }

  /**
   * The next events for {@code consumer}: up to {@code max} after its acknowledged position, in
   * increasing position (commit) order. A consumer never acknowledged starts at the oldest event
   * retained; one that wants only what comes from now on first acknowledges {@link
   * #latestPosition()}. Polling does not move the position: polling again without acknowledging
   * returns the same events (and possibly more).
   *
   * @param consumer the consumer's name: 1 to 128 letters, digits, {@code . _ : -}
   * @param max how many events at most, 1 to {@value #MAX_BATCH}
   * @throws IllegalArgumentException for an invalid name or {@code max}
   * @throws StorageException if the database fails
   */
  public ChangeBatch poll(String consumer, int max) {
    return poll(Scope.EVERY_TENANT, consumer, max);
  }

  /**
   * Records that {@code consumer} has applied every event up to {@code position}, in a transaction
   * of its own. Idempotent, and never moves backwards: a position at or below the acknowledged one
   * changes nothing.
   *
   * @throws IllegalArgumentException for an invalid name, a negative position, or one beyond {@link
   *     #latestPosition()}
   * @throws StorageException if the database fails
   */
  public void acknowledge(String consumer, long position) {
    acknowledge(Scope.EVERY_TENANT, consumer, position);
  }

  /**
   * Records that {@code consumer} has applied every event up to {@code position}, on the caller's
   * {@code connection} and in its transaction, which the caller commits: for a consumer whose own
   * tables are in this database, so that its writes and its position commit together (exactly-once
   * effect). Idempotent, and never moves backwards.
   *
   * @param connection a connection to the store's database, not in auto-commit mode for that
   *     effect; it stays the caller's
   * @throws IllegalArgumentException as {@link #acknowledge(String, long)}
   * @throws SQLException if the database fails
   */
  public void acknowledge(Connection connection, String consumer, long position)
      throws SQLException {
    acknowledge(connection, Scope.EVERY_TENANT, consumer, position);
  }

  /**
   * The position {@code consumer} acknowledged last, 0 if it never did.
   *
   * @throws StorageException if the database fails
   */
  public long position(String consumer) {
    return position(Scope.EVERY_TENANT, consumer);
  }

  /**
   * The position of the last event committed, 0 before the first.
   *
   * @throws StorageException if the database fails
   */
  public long latestPosition() {
    return latestPosition(Scope.EVERY_TENANT);
  }

  /**
   * The feed of {@code tenant}'s events alone, numbered for that tenant: see {@link
   * TenantChangeFeed}. Cheap: a view on this feed, which may be made for each call.
   *
   * @param tenant the tenant, as in {@code RequestContext.tenant()}: not blank, at most 64
   *     characters (no longer tenant can have stored anything)
   * @throws IllegalArgumentException for a blank or longer tenant
   */
  public TenantChangeFeed tenant(String tenant) {
    requireNonNull(tenant, "tenant");
    if (tenant.isBlank() || tenant.codePointCount(0, tenant.length()) > MAX_TENANT) {
      throw new IllegalArgumentException(
          "A tenant is not blank and at most " + MAX_TENANT + " characters long");
    }
    return new TenantChangeFeed(this, new Scope(tenant));
  }

  /** How long events are kept: {@link JdbcStore.Builder#changeRetention}. */
  public Duration retention() {
    return retention;
  }

  /**
   * Deletes the events recorded longer than the {@linkplain #retention() retention} ago (by the
   * store's clock), read or not, of every tenant. The store does so itself every hour unless built
   * with {@link JdbcStore.Builder#changePruning changePruning(false)}; a host that turned that off
   * calls this now and then instead. Deletes in transactions of at most 5,000 events each (more
   * only when more were recorded in the same millisecond), so that no long transaction holds the
   * table's rows; on PostgreSQL, one process deletes a chunk at a time (a call waits for another
   * process's chunk in progress). Positions are never reused.
   *
   * @return how many events were deleted
   * @throws StorageException if the database fails; what was deleted until then stays deleted
   */
  public int prune() {
    return prune(false, () -> false);
  }

  /**
   * {@link #prune()} for the store's own pruner: gives way when another process is pruning (its
   * pruner or a host's call), and stops between two chunks once {@code stopped} says so.
   */
  int pruneInBackground(BooleanSupplier stopped) {
    return prune(true, stopped);
  }

  private int prune(boolean giveWay, BooleanSupplier stopped) {
    Instant cutoff = database.now().minus(retention);
    long deleted = 0;
    Instant after = null; // the chunks so far deleted every old event recorded up to it
    while (!stopped.getAsBoolean()) {
      Instant from = after;
      Chunk chunk =
          database.inTransaction(connection -> pruneChunk(connection, from, cutoff, giveWay));
      if (chunk == null) {
        break;
      }
      deleted += chunk.deleted();
      after = chunk.through();
    }
    return (int) Math.min(Integer.MAX_VALUE, deleted);
  }

  /** What one transaction of {@link #prune} deleted: every event recorded up to {@code through}. */
  private record Chunk(Instant through, int deleted) {}

  /**
   * Deletes the oldest events recorded after {@code after} (unless null) and before {@code cutoff}:
   * the {@code chunkSize} oldest, and those of the same millisecond as the last of them. Both
   * statements are ranges of the {@code recorded_at} index from {@code after}, so a run does not
   * read again what it deleted.
   *
   * @return null if there is nothing left to delete, or if {@code giveWay} and another process is
   *     pruning
   */
  private Chunk pruneChunk(Connection connection, Instant after, Instant cutoff, boolean giveWay)
      throws SQLException {
    if (!lockPruning(connection, giveWay)) {
      return null;
    }
    String from = after == null ? "" : "recorded_at > ? AND ";
    Instant through;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT MAX(recorded_at) FROM (SELECT recorded_at FROM scim_changes WHERE "
                + from
                + "recorded_at < ? ORDER BY recorded_at LIMIT ?) oldest")) {
      int index = 1;
      if (after != null) {
        Database.setInstant(select, index++, after);
      }
      Database.setInstant(select, index++, cutoff);
      select.setInt(index, chunkSize);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        OffsetDateTime last = rows.getObject(1, OffsetDateTime.class);
        if (last == null) {
          return null;
        }
        through = last.toInstant();
      }
    }
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM scim_changes WHERE " + from + "recorded_at <= ?")) {
      int index = 1;
      if (after != null) {
        Database.setInstant(delete, index++, after);
      }
      Database.setInstant(delete, index, through);
      return new Chunk(through, delete.executeUpdate());
    }
  }

  /**
   * On PostgreSQL, takes the prune lock until the transaction ends: waits for it, or with {@code
   * giveWay} returns false at once if another process holds it. True on H2, which one process
   * opens.
   */
  private boolean lockPruning(Connection connection, boolean giveWay) throws SQLException {
    if (database.dialect() != Migrations.Dialect.POSTGRESQL) {
      return true;
    }
    try (PreparedStatement lock =
        connection.prepareStatement(
            giveWay ? "SELECT pg_try_advisory_xact_lock(?)" : "SELECT pg_advisory_xact_lock(?)")) {
      lock.setLong(1, PRUNE_LOCK);
      try (ResultSet rows = lock.executeQuery()) {
        rows.next();
        return !giveWay || rows.getBoolean(1);
      }
    }
  }

  // ---- consumers of every tenant's feed and of one tenant's -----------------------------------

  /**
   * Whose events a consumer reads, and where its position is kept: every tenant's events by
   * position, or one tenant's by its tenant position ({@code tenant_position}, see {@code
   * ChangeLog}), with consumers of its own.
   */
  static final class Scope {
    static final Scope EVERY_TENANT = new Scope(null);

    private final String tenant;
    private final String consumers;
    private final String key;
    private final String keyColumns;

    Scope(String tenant) {
      this.tenant = tenant;
      this.consumers = tenant == null ? "scim_change_consumers" : "scim_change_tenant_consumers";
      this.keyColumns = tenant == null ? "consumer" : "tenant, consumer";
      this.key = tenant == null ? "consumer = ?" : "tenant = ? AND consumer = ?";
    }

    /** The tenant, or null for every tenant. */
    String tenant() {
      return tenant;
    }

    /** Binds the consumer's key from {@code index}: its tenant, if any, and name. */
    int bindKey(PreparedStatement statement, int index, String consumer) throws SQLException {
      int next = index;
      if (tenant != null) {
        statement.setString(next++, tenant);
      }
      statement.setString(next++, consumer);
      return next;
    }

    /** The last position of the feed: 0 before the first event. */
    long latest(Connection connection) throws SQLException {
      if (tenant == null) {
        return ChangeLog.latestPosition(connection);
      }
      try (PreparedStatement select =
          connection.prepareStatement(
              "SELECT position FROM scim_change_tenant_counters WHERE tenant = ?")) {
        select.setString(1, tenant);
        try (ResultSet rows = select.executeQuery()) {
          return rows.next() ? rows.getLong(1) : 0;
        }
      }
    }

    /** Up to {@code max} events after {@code after}, in position order. */
    List<ChangeEvent> events(Connection connection, long after, int max) throws SQLException {
      // The tenant leads the ORDER BY, so that H2 too reads the (tenant, tenant_position) index in
      // order rather than sorting.
      String sql =
          tenant == null
              ? "SELECT position, "
                  + EVENT_COLUMNS
                  + " FROM scim_changes WHERE position > ? ORDER BY position LIMIT ?"
              : "SELECT tenant_position AS position, "
                  + EVENT_COLUMNS
                  + " FROM scim_changes WHERE tenant = ? AND tenant_position > ?"
                  + " ORDER BY tenant, tenant_position LIMIT ?";
      List<ChangeEvent> events = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(sql)) {
        int index = 1;
        if (tenant != null) {
          select.setString(index++, tenant);
        }
        select.setLong(index++, after);
        select.setInt(index, max);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            events.add(ChangeLog.readEvent(rows));
          }
        }
      }
      return events;
    }
  }

  ChangeBatch poll(Scope scope, String consumer, int max) {
    checkConsumer(consumer);
    if (max < 1 || max > MAX_BATCH) {
      throw new IllegalArgumentException("max must be 1 to " + MAX_BATCH + ", not " + max);
    }
    return database.inTransaction(
        connection -> {
          long after = acknowledged(connection, scope, consumer);
          // Read before the events: every position up to it is committed, so visible below.
          long latest = scope.latest(connection);
          List<ChangeEvent> events = scope.events(connection, after, max);
          // Positions are dense, so a gap after the acknowledged position is what was pruned.
          long next = events.isEmpty() ? latest + 1 : events.get(0).position();
          return new ChangeBatch(after, events, Math.max(0, next - after - 1));
        });
  }

  void acknowledge(Scope scope, String consumer, long position) {
    checkConsumer(consumer);
    database.inTransaction(
        connection -> {
          store(connection, scope, consumer, position);
          return null;
        });
  }

  void acknowledge(Connection connection, Scope scope, String consumer, long position)
      throws SQLException {
    requireNonNull(connection, "connection");
    checkConsumer(consumer);
    store(connection, scope, consumer, position);
  }

  long position(Scope scope, String consumer) {
    checkConsumer(consumer);
    return database.inTransaction(connection -> acknowledged(connection, scope, consumer));
  }

  long latestPosition(Scope scope) {
    return database.inTransaction(scope::latest);
  }

  private static long acknowledged(Connection connection, Scope scope, String consumer)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT position FROM " + scope.consumers + " WHERE " + scope.key)) {
      scope.bindKey(select, 1, consumer);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  private void store(Connection connection, Scope scope, String consumer, long position)
      throws SQLException {
    if (position < 0) {
      throw new IllegalArgumentException("A position is not negative: " + position);
    }
    long latest = scope.latest(connection);
    if (position > latest) {
      throw new IllegalArgumentException(
          "Position " + position + " is beyond the last event, " + latest);
    }
    if (advance(connection, scope, consumer, position)) {
      return;
    }
    // A new consumer, or one already at or past the position. Two first acknowledgements of one
    // new name may race here: the one whose insert loses advances the row the other inserted.
    boolean postgresql = database.dialect() == Migrations.Dialect.POSTGRESQL;
    int inserted;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO "
                + scope.consumers
                + " ("
                + scope.keyColumns
                + ", position, acknowledged_at) SELECT "
                + (scope.tenant == null ? "?" : "?, ?")
                + ", ?, ? WHERE NOT EXISTS (SELECT 1 FROM "
                + scope.consumers
                + " WHERE "
                + scope.key
                + ")"
                + (postgresql ? " ON CONFLICT (" + scope.keyColumns + ") DO NOTHING" : ""))) {
      int index = scope.bindKey(insert, 1, consumer);
      insert.setLong(index++, position);
      Database.setInstant(insert, index++, database.now());
      scope.bindKey(insert, index, consumer);
      inserted = insert.executeUpdate();
    } catch (SQLException e) {
      // H2 reports the lost race as a duplicate key, and the transaction goes on.
      if (postgresql || !Database.isUniqueViolation(e)) {
        throw e;
      }
      inserted = 0;
    }
    if (inserted == 0) {
      advance(connection, scope, consumer, position);
    }
  }

  /**
   * Moves the consumer's position forward to {@code position}; false if it has no row behind it.
   */
  private boolean advance(Connection connection, Scope scope, String consumer, long position)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE "
                + scope.consumers
                + " SET position = ?, acknowledged_at = ? WHERE "
                + scope.key
                + " AND position < ?")) {
      update.setLong(1, position);
      Database.setInstant(update, 2, database.now());
      int index = scope.bindKey(update, 3, consumer);
      update.setLong(index, position);
      return update.executeUpdate() == 1;
    }
  }

  private static void checkConsumer(String consumer) {
    requireNonNull(consumer, "consumer");
    if (!CONSUMER.matcher(consumer).matches()) {
      throw new IllegalArgumentException(
          "A consumer name is 1 to 128 letters, digits, '.', '_', ':' or '-', not '"
              + consumer
              + "'");
    }
  }
}
