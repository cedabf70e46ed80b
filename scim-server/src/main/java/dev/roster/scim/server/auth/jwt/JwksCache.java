package dev.roster.scim.server.auth.jwt;

import java.io.IOException;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The verification keys, by {@code kid}: fixed, or read from a {@link JwksSource} and kept.
 *
 * <p>Keys are fetched on first use, again when they are older than the maximum age, and again when
 * a token names an unknown {@code kid} (Entra rolls its keys over by publishing the new one first).
 * Fetches start at most once per minimum interval, whatever triggers them, so tokens with invented
 * {@code kid}s cannot make it hammer the source; a failed fetch keeps the keys it had. Thread-safe:
 * one fetch at a time; while a refresh of stale keys runs, other requests use the keys already
 * held, and a request with an unknown {@code kid} waits for it.
 */
final class JwksCache {
  private record Snapshot(Map<String, RSAPublicKey> keys, Instant fetched) {}

  private final JwksSource source;
  private final Clock clock;
  private final Duration minInterval;
  private final Duration maxAge;
  private final ReentrantLock fetching = new ReentrantLock();
  private volatile Snapshot snapshot;
  private Instant lastAttempt; // guarded by fetching

  private JwksCache(
      JwksSource source, Snapshot snapshot, Clock clock, Duration minInterval, Duration maxAge) {
    this.source = source;
    this.snapshot = snapshot;
    this.clock = clock;
    this.minInterval = minInterval;
    this.maxAge = maxAge;
  }

  /** Always {@code keys}. */
  static JwksCache fixed(Map<String, RSAPublicKey> keys) {
    return new JwksCache(null, new Snapshot(Map.copyOf(keys), Instant.MAX), null, null, null);
  }

  /** Keys from {@code source}, refetched as the class describes. */
  static JwksCache fetching(JwksSource source, Clock clock, Duration minInterval, Duration maxAge) {
    return new JwksCache(source, null, clock, minInterval, maxAge);
  }

  /** The key {@code kid} names, or null when there is none even after a permitted refetch. */
  RSAPublicKey key(String kid) {
    if (source == null) {
      return snapshot.keys().get(kid);
    }
    Snapshot current = snapshot;
    if (current == null) {
      refresh(kid, true);
    } else if (stale(current)) {
      refresh(kid, false);
    }
    current = snapshot;
    RSAPublicKey key = current == null ? null : current.keys().get(kid);
    if (key == null) {
      refresh(kid, true);
      current = snapshot;
      key = current == null ? null : current.keys().get(kid);
    }
    return key;
  }

  private boolean stale(Snapshot s) {
    return !clock.instant().isBefore(s.fetched().plus(maxAge));
  }

  /** Fetches if permitted; {@code wait} says whether to wait for a fetch already running. */
  private void refresh(String kid, boolean wait) {
    if (wait) {
      fetching.lock();
    } else if (!fetching.tryLock()) {
      return;
    }
    try {
      Snapshot current = snapshot;
      // Another request may have fetched while this one waited.
      if (current != null && current.keys().containsKey(kid) && !stale(current)) {
        return;
      }
      Instant now = clock.instant();
      if (lastAttempt != null && now.isBefore(lastAttempt.plus(minInterval))) {
        return;
      }
      lastAttempt = now;
      try {
        snapshot = new Snapshot(Jwks.parse(source.fetch()), now);
      } catch (IOException | RuntimeException e) {
        // Keep the keys held: a source that fails for a while must not lock every caller out.
      }
    } finally {
      fetching.unlock();
    }
  }
}
