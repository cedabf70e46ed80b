package dev.roster.scim.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps PostgreSQL's planner statistics of the store's tables current while they grow, so that a
 * directory an identity provider has just loaded is not queried with plans made for empty tables.
 *
 * <p>Without statistics PostgreSQL takes {@code tenant = ?} for a condition that selects one row in
 * 200, when one tenant is usually every row: it then reads a user by id through any index that
 * starts with the tenant (measured: a GET at 98 requests/s instead of 2,700, a 10,000-member group
 * created in 54 s instead of 0.3 s, on 20,000 users loaded with autovacuum not yet run). Autovacuum
 * fixes that within its nap time, a minute by default, or never where it is off. So the store runs
 * {@code ANALYZE} on its tables itself, on a thread of its own and one at a time: when it starts on
 * tables that have never been analyzed, and whenever the rows this process added since the last
 * {@code ANALYZE} reach a fifth of what the tables held then (at least {@link #MINIMUM_ROWS}), as
 * autovacuum's default scale factor would have, counted for users' tables and for groups' tables
 * ({@link Tables}) apart. {@code ANALYZE} reads a sample of at most 30,000 rows a table, so this
 * costs a few hundred milliseconds of one connection, a few dozen times while a directory grows
 * from nothing to 100,000 users and their memberships.
 *
 * <p>A database user that does not own the tables gets a warning from PostgreSQL and no statistics;
 * nothing fails. H2 gathers its own statistics as rows change.
 */
final class Statistics implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Statistics.class);

  /** Rows added before the first {@code ANALYZE} of tables that have been analyzed before. */
  static final long MINIMUM_ROWS = 200;

  /** The least time from the end of one {@code ANALYZE} to the start of the next. */
  static final Duration MINIMUM_INTERVAL = Duration.ofSeconds(15);

  /**
   * The store's tables in two sets that grow apart: a user's rows, and groups with their
   * memberships. Each set is analyzed when its own rows grew enough, so members added and removed
   * (the bulk of an identity provider's traffic once users exist) re-analyze the membership table
   * and leave 100,000 users' tables alone.
   */
  enum Tables {
    USERS(
        "scim_users, scim_user_emails, scim_user_phone_numbers, scim_user_addresses",
        "to_regclass('scim_users')"),
    GROUPS(
        "scim_groups, scim_group_members",
        "to_regclass('scim_groups'), to_regclass('scim_group_members')");

    /** The tables, as {@code ANALYZE} takes them. */
    final String names;

    /** The tables whose row estimates make the set's size, as {@code regclass} expressions. */
    final String sized;

    Tables(String names, String sized) {
      this.names = names;
      this.sized = sized;
    }
  }

  private static final Tables[] SETS = Tables.values();

  private final DataSource dataSource;
  private final long minimumRows;
  private final AtomicLongArray added = new AtomicLongArray(SETS.length);
  private final AtomicLongArray threshold = new AtomicLongArray(SETS.length);
  private final AtomicBoolean scheduled = new AtomicBoolean();
  private final AtomicBoolean checked = new AtomicBoolean();
  private final AtomicLong analyses = new AtomicLong();
  private final ScheduledExecutorService thread;
  private final long intervalNanos;
  private volatile long lastEnded = Long.MIN_VALUE;

  Statistics(DataSource dataSource, long minimumRows, Duration minimumInterval) {
    this.dataSource = dataSource;
    this.minimumRows = minimumRows;
    for (Tables set : SETS) {
      threshold.set(set.ordinal(), minimumRows);
    }
    this.intervalNanos = minimumInterval.toNanos();
    this.thread = DaemonThread.scheduler("roster-scim-jdbc-analyze");
    schedule(this::analyzeIfNeverAnalyzed);
  }

  /** Counts {@code rows} added to {@code tables}, analyzing them when enough have been. */
  void added(Tables tables, long rows) {
    if (rows > 0) {
      added.addAndGet(tables.ordinal(), rows);
      if (due(tables)) {
        schedule(this::analyzeDue);
      }
    }
  }

  /** Whether the check at start (tables never analyzed) has run: for tests. */
  boolean checked() {
    return checked.get();
  }

  /** How many times this store has run {@code ANALYZE}: for tests. */
  long analyses() {
    return analyses.get();
  }

  @Override
  public void close() {
    thread.shutdownNow();
  }

  /** Runs {@code task} on the thread, no sooner than the interval allows, unless one is pending. */
  private void schedule(Runnable task) {
    if (scheduled.compareAndSet(false, true)) {
      long wait =
          lastEnded == Long.MIN_VALUE
              ? 0
              : Math.max(0, lastEnded + intervalNanos - System.nanoTime());
      try {
        thread.schedule(
            () -> {
              try {
                task.run();
              } finally {
                lastEnded = System.nanoTime();
                scheduled.set(false);
                // Rows counted while this task was pending or running started nothing.
                if (anyDue()) {
                  schedule(this::analyzeDue);
                }
              }
            },
            wait,
            TimeUnit.NANOSECONDS);
      } catch (RejectedExecutionException closed) {
        scheduled.set(false);
      }
    }
  }

  /** Whether the rows added to {@code set} since its last {@code ANALYZE} reached its threshold. */
  private boolean due(Tables set) {
    return added.get(set.ordinal()) >= threshold.get(set.ordinal());
  }

  private boolean anyDue() {
    for (Tables set : SETS) {
      if (due(set)) {
        return true;
      }
    }
    return false;
  }

  private void analyzeDue() {
    for (Tables set : SETS) {
      if (due(set)) {
        analyze(List.of(set));
      }
    }
  }

  private void analyzeIfNeverAnalyzed() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        // reltuples is -1 for a table never vacuumed nor analyzed (PostgreSQL 14 and later) and 0
        // before; an empty table needs nothing yet.
        ResultSet rows =
            statement.executeQuery(
                "SELECT COUNT(*) FROM pg_class WHERE oid = to_regclass('scim_users')"
                    + " AND reltuples <= 0 AND EXISTS (SELECT 1 FROM scim_users)")) {
      rows.next();
      if (rows.getLong(1) > 0) {
        analyze(List.of(SETS));
      }
    } catch (SQLException e) {
      LOG.warn("Could not read whether the tables have statistics: {}", e.getMessage());
    } finally {
      checked.set(true);
    }
  }

  /** One {@code ANALYZE} of {@code sets}, and each set's next threshold from its new size. */
  private void analyze(List<Tables> sets) {
    long[] counted = new long[SETS.length];
    for (Tables set : sets) {
      counted[set.ordinal()] = added.get(set.ordinal());
    }
    String names = sets.stream().map(set -> set.names).collect(Collectors.joining(", "));
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      if (!connection.getAutoCommit()) {
        connection.setAutoCommit(true);
      }
      statement.execute("ANALYZE " + names);
      analyses.incrementAndGet();
      for (Tables set : sets) {
        try (ResultSet rows =
            statement.executeQuery(
                "SELECT COALESCE(SUM(GREATEST(reltuples, 0)), 0) FROM pg_class WHERE oid IN ("
                    + set.sized
                    + ")")) {
          rows.next();
          threshold.set(set.ordinal(), Math.max(minimumRows, (long) (rows.getDouble(1) / 5)));
        }
        added.addAndGet(set.ordinal(), -counted[set.ordinal()]);
      }
      LOG.debug("Analyzed {}", names);
    } catch (SQLException e) {
      LOG.warn("Could not analyze the store's tables: {}", e.getMessage());
    }
  }
}
