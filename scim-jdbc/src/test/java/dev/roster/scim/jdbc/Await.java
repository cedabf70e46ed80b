package dev.roster.scim.jdbc;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a background thread of the store does: a condition, for 30 s at most. */
final class Await {
  private Await() {}

  /**
   * Returns once {@code condition} holds, testing it every 50 ms.
   *
   * @throws AssertionError if it does not hold within 30 s
   */
  static void until(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Not within 30 s");
      }
      Thread.sleep(50);
    }
  }
}
