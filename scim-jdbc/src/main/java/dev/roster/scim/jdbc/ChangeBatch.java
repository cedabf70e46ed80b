package dev.roster.scim.jdbc;

import java.util.List;

/**
 * What one {@link ChangeFeed#poll} (or {@link TenantChangeFeed#poll}) read: the events after the
 * consumer's acknowledged position, in position (commit) order. Positions are those of the feed
 * polled: the store's, or for a {@link TenantChangeFeed} its tenant's. Immutable and thread-safe.
 *
 * @param after the consumer's acknowledged position the batch starts after (0 for a new consumer)
 * @param events the events, in increasing position; empty when the consumer is up to date
 * @param missed how many events after {@code after} were pruned before the consumer read them
 *     (older than the retention): 0 unless the consumer fell behind by more than the retention, or
 *     is new to a feed already pruned; for a tenant's feed, how many of that tenant's events
 */
public record ChangeBatch(long after, List<ChangeEvent> events, long missed) {
  public ChangeBatch {
    events = List.copyOf(events);
  }

  /**
   * The position to acknowledge once every event of the batch is applied: the last event's, or
   * {@link #after()} for an empty batch.
   */
  public long lastPosition() {
    return events.isEmpty() ? after : events.get(events.size() - 1).position();
  }

  /** Whether the batch holds no event. */
  public boolean isEmpty() {
    return events.isEmpty();
  }
}
