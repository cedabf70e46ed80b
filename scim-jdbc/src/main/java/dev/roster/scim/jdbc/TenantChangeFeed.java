package dev.roster.scim.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One tenant's change feed: the committed writes of that tenant's users and groups alone, in commit
 * order, with consumers of its own, for a host that serves many tenants and follows each on its own
 * (one consumer per customer's webhook, say). From {@link ChangeFeed#tenant(String)}:
 *
 * <pre>{@code
 * TenantChangeFeed acme = store.changes().tenant("acme");
 * ChangeBatch batch = acme.poll("webhook", 100);
 * for (ChangeEvent event : batch.events()) {
 *   deliver(event);                                   // idempotently: it may come again
 * }
 * acme.acknowledge("webhook", batch.lastPosition());
 * }</pre>
 *
 * <p>It works as {@link ChangeFeed} does, with two differences:
 *
 * <ul>
 *   <li><b>Positions are the tenant's own:</b> its events are numbered 1, 2, 3, ... in commit order
 *       without gaps between those retained, whatever the other tenants write, and an event's
 *       {@link ChangeEvent#position()}, {@link ChangeBatch#lastPosition()}, {@link #position} and
 *       {@link #latestPosition()} are such numbers, not positions of the store's feed. A poll reads
 *       an index range that holds only this tenant's events: it returns none of another tenant's,
 *       reads none of them to skip them, and costs the same whether the others wrote nothing or
 *       millions of events. Nor does a position tell anything about the other tenants' activity.
 *   <li><b>Consumers are the tenant's own:</b> the consumer {@code "webhook"} of {@code "acme"} is
 *       not that of another tenant, nor the consumer {@code "webhook"} of the whole feed: each has
 *       a position of its own (in table {@code scim_change_tenant_consumers}).
 * </ul>
 *
 * <p>Delivery is at least once, as in {@link ChangeFeed}: after a crash, a poll returns again the
 * events after the acknowledged position; acknowledging on the caller's connection, in the
 * transaction that applies a batch, makes the effect exactly once. {@link ChangeBatch#missed()}
 * counts this tenant's events pruned before the consumer read them, and no other tenant's. Events
 * that a scim-jdbc older than schema version 7 writes to the same database (during an upgrade) have
 * no tenant position and are only in the store's feed.
 *
 * <p>Thread-safe and cheap to make; one process at a time should poll and acknowledge as a given
 * consumer of a tenant.
 */
public final class TenantChangeFeed {
  private final ChangeFeed feed;
  private final ChangeFeed.Scope scope;

  TenantChangeFeed(ChangeFeed feed, ChangeFeed.Scope scope) {
    this.feed = feed;
    this.scope = scope;
  }

  /** The tenant whose events this feed holds. */
  public String tenant() {
    return scope.tenant();
  }

  /**
   * The next of the tenant's events for {@code consumer}: up to {@code max} after its acknowledged
   * position, in increasing position (commit) order, as {@link ChangeFeed#poll} does.
   *
   * @param consumer the consumer's name: 1 to 128 letters, digits, {@code . _ : -}
   * @param max how many events at most, 1 to {@value ChangeFeed#MAX_BATCH}
   * @throws IllegalArgumentException for an invalid name or {@code max}
   * @throws StorageException if the database fails
   */
  public ChangeBatch poll(String consumer, int max) {
    return feed.poll(scope, consumer, max);
  }

  /**
   * Records that the tenant's {@code consumer} has applied every event of the tenant up to {@code
   * position}, in a transaction of its own. Idempotent, and never moves backwards.
   *
   * @throws IllegalArgumentException for an invalid name, a negative position, or one beyond {@link
   *     #latestPosition()}
   * @throws StorageException if the database fails
   */
  public void acknowledge(String consumer, long position) {
    feed.acknowledge(scope, consumer, position);
  }

  /**
   * Records that the tenant's {@code consumer} has applied every event of the tenant up to {@code
   * position}, on the caller's {@code connection} and in its transaction, which the caller commits,
   * as {@link ChangeFeed#acknowledge(Connection, String, long)} does.
   *
   * @throws IllegalArgumentException as {@link #acknowledge(String, long)}
   * @throws SQLException if the database fails
   */
  public void acknowledge(Connection connection, String consumer, long position)
      throws SQLException {
    feed.acknowledge(connection, scope, consumer, position);
  }

  /**
   * The position the tenant's {@code consumer} acknowledged last, 0 if it never did.
   *
   * @throws StorageException if the database fails
   */
  public long position(String consumer) {
    return feed.position(scope, consumer);
  }

  /**
   * The position of the tenant's last event committed, 0 before its first. A consumer that wants
   * only what comes from now on acknowledges it first.
   *
   * @throws StorageException if the database fails
   */
  public long latestPosition() {
    return feed.latestPosition(scope);
  }

  @Override
  public String toString() {
    return "TenantChangeFeed[" + tenant() + "]";
  }
}
