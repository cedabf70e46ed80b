package dev.roster.scim.server;

import dev.roster.scim.core.error.ScimException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * Retries a read-modify-write step after a version conflict (412 from the repository) that the
 * client did not ask for with {@code If-Match}: another write to the same resource committed in
 * between, so the step reads again and recomputes. Immutable.
 */
final class VersionRetry {
  private final int maxRetries;

  VersionRetry(int maxRetries) {
    this.maxRetries = maxRetries;
  }

  /**
   * Runs {@code step}, again after each 412 unless {@code clientConditional}, at most {@code
   * maxRetries} more times, after a short random pause that grows with each attempt so that
   * concurrent writers to one resource spread out instead of colliding again.
   */
  <T> T run(boolean clientConditional, Supplier<T> step) {
    for (int attempt = 0; ; attempt++) {
      try {
        return step.get();
      } catch (ScimException e) {
        if (e.status() != 412 || clientConditional || attempt >= maxRetries) {
          throw e;
        }
        backOff(attempt);
      }
    }
  }

  private static void backOff(int attempt) {
    long bound = Math.min(50, 1L << Math.min(attempt, 6)); // milliseconds: 1, 2, 4, ... 50
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScimException(503, null, "The request was interrupted; retry it");
    }
  }
}
