package dev.roster.scim.jdbc;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * ({@link JdbcStore.Builder#changeRetention}) and removed by {@link #prune}, whether or not every
 * consumer has read them: a consumer that falls further behind learns how many it {@linkplain
 * ChangeBatch#missed() missed}.
 *
 * <p>The feed spans every tenant; each event names its tenant. Thread-safe; one process at a time
 * should poll and acknowledge as a given consumer.
 */
public final class ChangeFeed {
  /** The most events one {@link #poll} returns. */
  public static final int MAX_BATCH = 10_000;

  private static final Pattern CONSUMER = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private final Database database;
  private final Duration retention;

  ChangeFeed(Database database, Duration retention) {
    this.database = database;
    this.retention = retention;
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
    checkConsumer(consumer);
    if (max < 1 || max > MAX_BATCH) {
      throw new IllegalArgumentException("max must be 1 to " + MAX_BATCH + ", not " + max);
    }
    return database.inTransaction(
        connection -> {
          long after = acknowledged(connection, consumer);
          // Read before the events: every position up to it is committed, so visible below.
          long latest = ChangeLog.latestPosition(connection);
          List<ChangeEvent> events = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT position, tenant, resource_type, resource_id, version, operation,"
                      + " changed_attributes, added_members, removed_members, recorded_at"
                      + " FROM scim_changes WHERE position > ? ORDER BY position LIMIT ?")) {
            select.setLong(1, after);
            select.setInt(2, max);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                events.add(ChangeLog.readEvent(rows));
              }
            }
          }
          // Positions are dense, so a gap after the acknowledged position is what was pruned.
          long next = events.isEmpty() ? latest + 1 : events.get(0).position();
          return new ChangeBatch(after, events, Math.max(0, next - after - 1));
        });
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
    checkConsumer(consumer);
    database.inTransaction(
        connection -> {
          store(connection, consumer, position);
          return null;
        });
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
    requireNonNull(connection, "connection");
    checkConsumer(consumer);
    store(connection, consumer, position);
  }

  /**
   * The position {@code consumer} acknowledged last, 0 if it never did.
   *
   * @throws StorageException if the database fails
   */
  public long position(String consumer) {
    checkConsumer(consumer);
    return database.inTransaction(connection -> acknowledged(connection, consumer));
  }

  /**
   * The position of the last event committed, 0 before the first.
   *
   * @throws StorageException if the database fails
   */
  public long latestPosition() {
    return database.inTransaction(ChangeLog::latestPosition);
  }

  /** How long events are kept: {@link JdbcStore.Builder#changeRetention}. */
  public Duration retention() {
    return retention;
  }

  /**
   * Deletes the events recorded longer than the {@linkplain #retention() retention} ago (by the
   * store's clock), read or not; call it now and then (for example hourly). Positions are never
   * reused.
   *
   * @return how many events were deleted
   * @throws StorageException if the database fails
   */
  public int prune() {
    return database.inTransaction(
        connection -> {
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM scim_changes WHERE recorded_at < ?")) {
            Database.setInstant(delete, 1, database.now().minus(retention));
            return delete.executeUpdate();
          }
        });
  }

  private static long acknowledged(Connection connection, String consumer) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT position FROM scim_change_consumers WHERE consumer = ?")) {
      select.setString(1, consumer);
      try (ResultSet rows = select.executeQuery()) {
        return rows.next() ? rows.getLong(1) : 0;
      }
    }
  }

  private void store(Connection connection, String consumer, long position) throws SQLException {
    if (position < 0) {
      throw new IllegalArgumentException("A position is not negative: " + position);
    }
    long latest = ChangeLog.latestPosition(connection);
    if (position > latest) {
      throw new IllegalArgumentException(
          "Position " + position + " is beyond the last event, " + latest);
    }
    if (advance(connection, consumer, position)) {
      return;
    }
    // A new consumer, or one already at or past the position. Two first acknowledgements of one
    // new name may race here: the one whose insert loses advances the row the other inserted.
    boolean postgresql = database.dialect() == Migrations.Dialect.POSTGRESQL;
    int inserted;
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO scim_change_consumers (consumer, position, acknowledged_at)"
                + " SELECT ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM scim_change_consumers WHERE consumer = ?)"
                + (postgresql ? " ON CONFLICT (consumer) DO NOTHING" : ""))) {
      insert.setString(1, consumer);
      insert.setLong(2, position);
      Database.setInstant(insert, 3, database.now());
      insert.setString(4, consumer);
      inserted = insert.executeUpdate();
    } catch (SQLException e) {
      // H2 reports the lost race as a duplicate key, and the transaction goes on.
      if (postgresql || !Database.isUniqueViolation(e)) {
        throw e;
      }
      inserted = 0;
    }
    if (inserted == 0) {
      advance(connection, consumer, position);
    }
  }

  /**
   * Moves the consumer's position forward to {@code position}; false if it has no row behind it.
   */
  private boolean advance(Connection connection, String consumer, long position)
      throws SQLException {
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE scim_change_consumers SET position = ?, acknowledged_at = ?"
                + " WHERE consumer = ? AND position < ?")) {
      update.setLong(1, position);
      Database.setInstant(update, 2, database.now());
      update.setString(3, consumer);
      update.setLong(4, position);
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
