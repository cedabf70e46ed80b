package dev.roster.scim.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.server.auth.SecretTokensTest.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class FailureLimiterTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

  @Test
  void aKeyAtTheLimitWaitsUntilItsOldestFailureLeavesTheWindow() {
    FailureLimiter limiter = new FailureLimiter(3, Duration.ofMinutes(1), clock);
    limiter.recordFailure("k");
    clock.advance(Duration.ofSeconds(20));
    limiter.recordFailure("k");
    assertThat(limiter.retryAfterSeconds("k")).isZero();
    limiter.recordFailure("k");

    assertThat(limiter.retryAfterSeconds("k")).isEqualTo(40);
    assertThat(limiter.retryAfterSeconds("other")).isZero();
    clock.advance(Duration.ofMillis(39_500));
    assertThat(limiter.retryAfterSeconds("k")).as("rounded up").isEqualTo(1);
    clock.advance(Duration.ofMillis(500));
    assertThat(limiter.retryAfterSeconds("k")).isZero();
    limiter.recordFailure("k");
    assertThat(limiter.retryAfterSeconds("k")).isEqualTo(20);
    limiter.reset("k");
    assertThat(limiter.retryAfterSeconds("k")).isZero();
  }

  @Test
  void aFloodOfDistinctKeysKeepsAtMostMaxKeysAndStillCountsTheNewest() {
    FailureLimiter limiter = new FailureLimiter(2, Duration.ofMinutes(1), clock);
    for (int i = 0; i < FailureLimiter.MAX_KEYS * 3; i++) {
      limiter.recordFailure("key-" + i);
    }
    String last = "key-" + (FailureLimiter.MAX_KEYS * 3 - 1);
    limiter.recordFailure(last);

    assertThat(limiter.retryAfterSeconds(last)).isEqualTo(60);
    assertThat(limiter.size()).isLessThanOrEqualTo(FailureLimiter.MAX_KEYS);
    assertThatThrownBy(() -> new FailureLimiter(0, Duration.ofMinutes(1), clock))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
