package dev.roster.scim.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.server.memory.InMemoryStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(5_000_000_000L);

  @Test
  void aTenantsBucketAllowsItsBurstThenItsRateAndTellsHowLongToWait() {
    TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(0.5, 3, now::get);
    RequestContext acme = new RequestContext("acme", "p", "r", Map.of());
    RequestContext globex = new RequestContext("globex", "p", "r", Map.of());

    assertThat(List.of(limiter.acquire(acme), limiter.acquire(acme), limiter.acquire(acme)))
        .containsOnly(0L);
    assertThat(limiter.acquire(acme)).as("one token a 2 s").isEqualTo(2);
    assertThat(limiter.acquire(globex)).as("another tenant's bucket").isZero();
    now.addAndGet(1_500_000_000L);
    assertThat(limiter.acquire(acme)).as("a quarter of a token short, rounded up").isEqualTo(1);
    now.addAndGet(500_000_000L);
    assertThat(limiter.acquire(acme)).isZero();
    now.addAndGet(3_600_000_000_000L);
    assertThat(List.of(limiter.acquire(acme), limiter.acquire(acme), limiter.acquire(acme)))
        .as("refilled to the burst, not beyond")
        .containsOnly(0L);
    assertThat(limiter.acquire(acme)).isPositive();
    assertThatThrownBy(() -> RateLimiter.tokenBucket(0, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.tokenBucket(1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void overTheLimitIs429WithRetryAfterAndAScimBodyBeforeAnyRepository() {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    ScimServer server =
        ScimServer.builder()
            .users(store.users())
            .authenticator(
                BearerTokenAuthenticator.of(
                    Map.of("a", Identity.of("acme", "a"), "g", Identity.of("globex", "g"))))
            .rateLimiter(new TokenBucketRateLimiter(1, 2, now::get))
            .build();

    assertThat(server.handle(post("a", "one")).status()).isEqualTo(201);
    assertThat(server.handle(post("a", "two")).status()).isEqualTo(201);
    ScimResponse throttled = server.handle(post("a", "three"));

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.headers()).containsEntry("Retry-After", "1");
    assertThat(throttled.body().path("schemas").path(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(throttled.body().path("status").asText()).isEqualTo("429");
    assertThat(server.handle(post("g", "four")).status()).isEqualTo(201);
    now.addAndGet(1_000_000_000L);
    assertThat(server.handle(post("a", "three")).status()).as("after Retry-After").isEqualTo(201);
    assertThat(server.handle(post(null, "x")).status())
        .as("unauthenticated: 401 first")
        .isEqualTo(401);
  }

  private static ScimRequest post(String token, String userName) {
    return new ScimRequest(
        "POST",
        "/Users",
        Map.of(),
        token == null ? Map.of() : Map.of("Authorization", List.of("Bearer " + token)),
        ("{\"userName\":\"" + userName + "\"}").getBytes(java.nio.charset.StandardCharsets.UTF_8),
        "https://x/scim/v2");
  }
}
