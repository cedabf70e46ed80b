package dev.roster.scim.jdbc;

import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prunes the change feed on a daemon thread of the store's own, every interval until the store is
 * closed: first a minute after the start (or one interval, if shorter), so that a process that
 * restarts more often than the interval prunes too, then an interval after each run ended.
 *
 * <p>A run that fails is logged and the next one tries again; nothing stops the schedule but {@link
 * #close()}. Processes sharing one PostgreSQL database each run their own schedule, and a run that
 * finds another process pruning leaves the work to it ({@link ChangeFeed#pruneInBackground}); the
 * others' runs then find nothing or little to delete.
 */
final class Pruner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pruner.class);

  /** The most time from the start to the first run. */
  static final Duration FIRST_RUN = Duration.ofMinutes(1);

  /** How long {@link #close()} waits for a run in progress to finish its chunk. */
  private static final Duration CLOSE_WAIT = Duration.ofSeconds(10);

  private final ChangeFeed feed;
  private final Duration interval;
  private final ScheduledExecutorService thread;
  private final AtomicLong runs = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private volatile boolean closed;

  Pruner(ChangeFeed feed, Duration interval) {
    this.feed = feed;
    this.interval = interval;
    this.thread = DaemonThread.scheduler("roster-scim-jdbc-prune");
    long first = Math.min(interval.toNanos(), FIRST_RUN.toNanos());
    thread.scheduleWithFixedDelay(this::run, first, interval.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** How many runs have ended, failed or not: for tests. */
  long runs() {
    return runs.get();
  }

  /** How many runs have failed: for tests. */
  long failures() {
    return failures.get();
  }

  /** Whether the thread has ended, after {@link #close()}: for tests. */
  boolean isTerminated() {
    return thread.isTerminated();
  }

  /**
   * Cancels the schedule and waits, a few seconds at most, for a run in progress to end after its
   * current chunk. Does not interrupt it: H2 closes its database when a thread is interrupted in
   * the middle of its file I/O.
   */
  @Override
  public void close() {
    closed = true;
    thread.shutdown();
    try {
      thread.awaitTermination(CLOSE_WAIT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void run() {
    try {
      int deleted = feed.pruneInBackground(() -> closed);
      if (deleted > 0) {
        LOG.info(
            "Pruned {} change feed events older than the retention, {}", deleted, feed.retention());
      }
    } catch (RuntimeException e) {
      // Also when the store was closed during the run: then there is nothing to report.
      if (!closed) {
        failures.incrementAndGet();
        LOG.warn(
            "Could not prune the change feed, will try again in {}: {}", interval, describe(e));
      }
    } finally {
      runs.incrementAndGet();
    }
  }

  /**
   * What failed, for the log, without any exception's message: a driver's may quote the JDBC URL,
   * which may hold a password. The type, and the SQLState and vendor code of the first {@link
   * SQLException} among its causes, which say what the database reported.
   */
  static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.getClass().getName());
    Throwable cause = failure;
    for (int depth = 0; cause != null && depth < 20; depth++, cause = cause.getCause()) {
      if (cause instanceof SQLException sql) {
        text.append(" (")
            .append(sql.getClass().getName())
            .append(", SQLState ")
            .append(sql.getSQLState())
            .append(", error code ")
            .append(sql.getErrorCode())
            .append(')');
        break;
      }
    }
    return text.toString();
  }
}
