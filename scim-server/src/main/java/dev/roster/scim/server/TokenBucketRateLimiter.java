package dev.roster.scim.server;

import dev.roster.scim.core.spi.RequestContext;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per tenant: each holds up to {@code burst} tokens, refills at {@code rate} a
 * second, and a request takes one. The buckets are as many as the tenants that made requests, which
 * authenticated requests bound. Thread-safe.
 */
final class TokenBucketRateLimiter implements RateLimiter {
  private static final double NANOS = 1_000_000_000d;

  private final double perNano;
  private final int burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  TokenBucketRateLimiter(double requestsPerSecond, int burst, LongSupplier nanoTime) {
    if (!(requestsPerSecond > 0) || Double.isInfinite(requestsPerSecond) || burst < 1) {
      throw new IllegalArgumentException(
          "A rate limit needs a positive rate and a burst of at least 1");
    }
    this.perNano = requestsPerSecond / NANOS;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  @Override
  public long acquire(RequestContext context) {
    Bucket bucket = buckets.computeIfAbsent(context.tenant(), t -> new Bucket(burst, nanoTime));
    synchronized (bucket) {
      long now = nanoTime.getAsLong();
      bucket.tokens = Math.min(burst, bucket.tokens + (now - bucket.refilled) * perNano);
      bucket.refilled = now;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        return 0;
      }
      double seconds = (1 - bucket.tokens) / perNano / NANOS;
      return Math.max(1, (long) Math.ceil(seconds));
    }
  }

  private static final class Bucket {
    double tokens;
    long refilled;

    Bucket(int burst, LongSupplier nanoTime) {
      this.tokens = burst;
      this.refilled = nanoTime.getAsLong();
    }
  }
}
