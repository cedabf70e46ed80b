package dev.roster.scim.server.auth.jwt;

import static dev.roster.scim.server.auth.jwt.TestJwt.ENTRA_TENANT;
import static dev.roster.scim.server.auth.jwt.TestJwt.claims;
import static dev.roster.scim.server.auth.jwt.TestJwt.rs256;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.server.Identity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys fetched over HTTP (a local server counting fetches) and from a file: caching, rollover to a
 * new {@code kid}, the refetch rate limit, and keeping keys when a fetch fails.
 */
class JwksCacheTest {
  static final KeyPair OLD = TestJwt.rsa(2048);
  static final KeyPair NEW = TestJwt.rsa(2048);
  static final KeyPair ATTACKER = TestJwt.rsa(2048);

  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T09:30:00Z"));
  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private JwksServer server;

  @AfterEach
  void stop() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private static String jwks(String kid, KeyPair key, Object... more) {
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    keys.put(kid, (RSAPublicKey) key.getPublic());
    for (int i = 0; i < more.length; i += 2) {
      keys.put((String) more[i], (RSAPublicKey) ((KeyPair) more[i + 1]).getPublic());
    }
    return TestJwt.jwks(keys);
  }

  private EntraTokenAuthenticator.Builder builder() {
    return EntraTokenAuthenticator.builder()
        .clock(clock)
        .onRefusal(refusals::add)
        .tenantMapping(id -> id.equals(ENTRA_TENANT) ? Optional.of("acme") : Optional.empty());
  }

  private EntraTokenAuthenticator overHttp(String jwks) throws Exception {
    server = new JwksServer(jwks);
    return builder().jwksUri(server.uri()).build();
  }

  private Optional<Identity> authenticate(EntraTokenAuthenticator authenticator, String token) {
    return authenticator.authenticate(EntraTokenAuthenticatorTest.request("Bearer " + token));
  }

  private String token(KeyPair key, String kid) {
    return rs256(key.getPrivate(), kid, claims(clock.instant()));
  }

  @Test
  void fetchesNothingUntilTheFirstTokenThenKeepsTheKeysForTheirMaximumAge() throws Exception {
    EntraTokenAuthenticator authenticator = overHttp(jwks("old", OLD));
    assertThat(server.fetches()).isZero();

    for (int i = 0; i < 20; i++) {
      assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    }
    assertThat(server.fetches()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(59));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    assertThat(server.fetches()).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    assertThat(server.fetches()).isEqualTo(2);
  }

  @Test
  void acceptsANewKidOnceTheSourceServesIt() throws Exception {
    EntraTokenAuthenticator authenticator = overHttp(jwks("old", OLD));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();

    // Entra publishes the new key, then starts signing with it.
    clock.advance(Duration.ofMinutes(20));
    server.serve(jwks("old", OLD, "new", NEW));
    assertThat(authenticate(authenticator, token(NEW, "new"))).isPresent();
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    assertThat(server.fetches()).isEqualTo(2);

    // The old key is withdrawn: it goes when the keys are next fetched.
    server.serve(jwks("new", NEW));
    clock.advance(Duration.ofHours(1));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isEmpty();
    assertThat(authenticate(authenticator, token(NEW, "new"))).isPresent();
    assertThat(refusals).containsExactly(Refusal.UNKNOWN_KEY);
    assertThat(server.fetches()).isEqualTo(3);
  }

  @Test
  void unknownKidsRefetchAtMostOncePerMinimumInterval() throws Exception {
    EntraTokenAuthenticator authenticator = overHttp(jwks("old", OLD));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();

    for (int i = 0; i < 200; i++) {
      assertThat(authenticate(authenticator, token(ATTACKER, "garbage-" + i))).isEmpty();
    }
    assertThat(server.fetches()).isEqualTo(1);

    // Even a real new key waits for the interval, then is taken up.
    server.serve(jwks("old", OLD, "new", NEW));
    clock.advance(Duration.ofMinutes(4));
    assertThat(authenticate(authenticator, token(NEW, "new"))).isEmpty();
    assertThat(server.fetches()).isEqualTo(1);
    clock.advance(Duration.ofMinutes(1));
    assertThat(authenticate(authenticator, token(NEW, "new"))).isPresent();
    assertThat(server.fetches()).isEqualTo(2);

    for (int i = 0; i < 200; i++) {
      assertThat(authenticate(authenticator, token(ATTACKER, "more-garbage-" + i))).isEmpty();
    }
    assertThat(server.fetches()).isEqualTo(2);
    assertThat(refusals).hasSize(401).containsOnly(Refusal.UNKNOWN_KEY);
  }

  @Test
  void aConcurrentBurstOfUnknownKidsFetchesOnce() throws Exception {
    EntraTokenAuthenticator authenticator = overHttp(jwks("old", OLD));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    clock.advance(Duration.ofMinutes(10));
    server.delay(200);

    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      tokens.add(token(ATTACKER, "burst-" + i));
    }
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<Optional<Identity>>> results = new ArrayList<>();
      for (String t : tokens) {
        results.add(pool.submit(() -> authenticate(authenticator, t)));
      }
      for (Future<Optional<Identity>> result : results) {
        assertThat(result.get()).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.fetches()).isEqualTo(2);
    assertThat(refusals).hasSize(400).containsOnly(Refusal.UNKNOWN_KEY);
  }

  @Test
  void requestsUseTheKeysHeldWhileAnotherRefreshesThem() throws Exception {
    EntraTokenAuthenticator authenticator = overHttp(jwks("old", OLD));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    clock.advance(Duration.ofHours(2));
    server.delay(2000);

    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Optional<Identity>> refreshing =
          pool.submit(() -> authenticate(authenticator, token(OLD, "old")));
      while (server.fetches() < 2) {
        Thread.sleep(5);
      }
      long started = System.nanoTime();
      assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1000));
      assertThat(refreshing.get()).isPresent();
    } finally {
      pool.shutdownNow();
    }
    assertThat(server.fetches()).isEqualTo(2);
  }

  @Test
  void aFailedFetchKeepsTheKeysHeld() throws Exception {
    EntraTokenAuthenticator authenticator = overHttp(jwks("old", OLD));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();

    server.status(503);
    clock.advance(Duration.ofHours(2));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    assertThat(server.fetches()).isEqualTo(2);

    server.status(200);
    for (String broken : List.of("<html>maintenance</html>", "{\"keys\":[]}", "{\"keys\":7}")) {
      server.serve(broken);
      clock.advance(Duration.ofMinutes(5));
      assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    }
    assertThat(server.fetches()).isEqualTo(5);

    // Failed fetches are rate limited too: keys past their age do not mean a fetch per request.
    for (int i = 0; i < 50; i++) {
      assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    }
    assertThat(server.fetches()).isEqualTo(5);
    assertThat(refusals).isEmpty();
  }

  @Test
  void anUnreachableSourceRefusesWithoutHammeringItAndRecovers() throws Exception {
    EntraTokenAuthenticator authenticator = overHttp(jwks("old", OLD));
    server.status(500);
    for (int i = 0; i < 50; i++) {
      assertThat(authenticate(authenticator, token(OLD, "old"))).isEmpty();
    }
    assertThat(server.fetches()).isEqualTo(1);
    assertThat(refusals).hasSize(50).containsOnly(Refusal.UNKNOWN_KEY);

    server.status(200);
    clock.advance(Duration.ofMinutes(5));
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();
    assertThat(server.fetches()).isEqualTo(2);
  }

  @Test
  void aSlowSourceIsCutOffByTheFetchTimeout() throws Exception {
    server = new JwksServer(jwks("old", OLD));
    server.delay(3000);
    EntraTokenAuthenticator authenticator =
        builder().jwksUri(server.uri()).fetchTimeout(Duration.ofMillis(300)).build();

    long started = System.nanoTime();
    assertThat(authenticate(authenticator, token(OLD, "old"))).isEmpty();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(2500));
    assertThat(refusals).containsExactly(Refusal.UNKNOWN_KEY);
  }

  @Test
  void readsKeysFromAFileAndAgainWhenItChanges(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, jwks("old", OLD));
    EntraTokenAuthenticator authenticator = builder().jwksFile(file).build();
    assertThat(authenticate(authenticator, token(OLD, "old"))).isPresent();

    Files.writeString(file, jwks("new", NEW));
    assertThat(authenticate(authenticator, token(NEW, "new"))).as("within the interval").isEmpty();
    clock.advance(Duration.ofMinutes(5));
    assertThat(authenticate(authenticator, token(NEW, "new"))).isPresent();

    Files.delete(file);
    clock.advance(Duration.ofHours(2));
    assertThat(authenticate(authenticator, token(NEW, "new"))).as("kept").isPresent();
  }
}
