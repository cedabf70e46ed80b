package dev.roster.scim.server;

import dev.roster.scim.core.spi.RequestContext;

/**
 * Decides whether an authenticated request may be served now; one over the limit is answered 429
 * with an integer {@code Retry-After} and a SCIM error body, which Okta honours and Entra ID
 * retries. {@link #tokenBucket} limits each tenant; a host may limit by anything the context
 * carries. Called concurrently, once per request, before any repository.
 */
@FunctionalInterface
public interface RateLimiter {
  /**
   * Takes one request's worth of capacity for {@code context}.
   *
   * @return 0 to serve the request, or the whole seconds (at least 1) the client should wait
   */
  long acquire(RequestContext context);

  /**
   * A token bucket per tenant: {@code requestsPerSecond} sustained, bursts of up to {@code burst}
   * requests.
   *
   * @throws IllegalArgumentException when the rate or the burst is not positive
   */
  static RateLimiter tokenBucket(double requestsPerSecond, int burst) {
    return new TokenBucketRateLimiter(requestsPerSecond, burst, System::nanoTime);
  }
}
