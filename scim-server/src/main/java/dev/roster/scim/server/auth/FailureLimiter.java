package dev.roster.scim.server.auth;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts failed authentications per key (a client id, a remote address) in a sliding window, and
 * says for how long a key that reached the limit must wait: the integer {@code Retry-After} of a
 * 429. Counts are per process and kept for at most {@link #MAX_KEYS} keys, so that a flood of
 * distinct keys costs bounded memory and time: at the bound, keys with no failure inside the window
 * are dropped, then arbitrary ones until a tenth of the room is free. Thread-safe.
 */
public final class FailureLimiter {
  /** The most keys counted at once. */
  public static final int MAX_KEYS = 10_000;

  private final int limit;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  /**
   * A limiter allowing {@code limit} failures per key within {@code window}.
   *
   * @throws IllegalArgumentException when the limit or the window is not positive
   */
  public FailureLimiter(int limit, Duration window, Clock clock) {
    if (limit < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("The limit and the window must be positive");
    }
    this.limit = limit;
    this.window = window;
    this.clock = requireNonNull(clock, "clock");
  }

  /** How many failures a key may have within the window. */
  public int limit() {
    return limit;
  }

  /**
   * How many whole seconds (at least 1) {@code key} must wait before trying again, or 0 when it may
   * try now.
   */
  public long retryAfterSeconds(String key) {
    Deque<Instant> recent = failures.get(key);
    if (recent == null) {
      return 0;
    }
    synchronized (recent) {
      Instant now = clock.instant();
      expire(recent, now);
      if (recent.size() < limit) {
        return 0;
      }
      Duration wait = Duration.between(now, recent.peekFirst().plus(window));
      return Math.max(1, (wait.toMillis() + 999) / 1000);
    }
  }

  /** Counts one failure of {@code key}. */
  public void recordFailure(String key) {
    if (failures.size() >= MAX_KEYS && !failures.containsKey(key)) {
      evict();
    }
    Deque<Instant> recent = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(clock.instant());
      while (recent.size() > limit) {
        recent.pollFirst();
      }
    }
  }

  /** How many keys are counted now. */
  int size() {
    return failures.size();
  }

  /** Forgets the failures of {@code key}, e.g. after it authenticated. */
  public void reset(String key) {
    failures.remove(key);
  }

  private void evict() {
    Instant now = clock.instant();
    failures
        .entrySet()
        .removeIf(
            entry -> {
              Deque<Instant> recent = entry.getValue();
              synchronized (recent) {
                expire(recent, now);
                return recent.isEmpty();
              }
            });
    // Make room for a tenth more at once, so that a flood of new keys scans the map rarely.
    Iterator<String> keys = failures.keySet().iterator();
    while (failures.size() > MAX_KEYS - MAX_KEYS / 10 && keys.hasNext()) {
      keys.next();
      keys.remove();
    }
  }

  private void expire(Deque<Instant> recent, Instant now) {
    while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
      recent.pollFirst();
    }
  }
}
