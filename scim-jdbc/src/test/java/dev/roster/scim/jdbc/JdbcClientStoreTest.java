package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.server.auth.ClientCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Two processes started with the same client configured register it at the same moment: neither
 * fails, and the client works afterwards.
 */
class JdbcClientStoreTest {
  @TempDir Path tempDir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void registeringOneNewClientConcurrentlyNeverCollides(String database) throws Exception {
    try (JdbcStore store = TestDatabases.open(database, tempDir, SchemaRegistry.standard())) {
      ClientCredentials clients = new ClientCredentials(store.clients(), Clock.systemUTC(), 1_000);
      ExecutorService threads = Executors.newFixedThreadPool(2);
      try {
        for (int round = 0; round < 20; round++) {
          String clientId = "race-" + UUID.randomUUID();
          CountDownLatch go = new CountDownLatch(1);
          List<Future<?>> both = new ArrayList<>();
          for (int i = 0; i < 2; i++) {
            both.add(
                threads.submit(
                    () -> {
                      go.await();
                      return clients.addSecret("acme", clientId, "s3cret", null);
                    }));
          }
          go.countDown();
          for (Future<?> registration : both) {
            registration.get(30, TimeUnit.SECONDS);
          }
          assertThat(clients.verify(clientId, "s3cret")).as(clientId).isPresent();
        }
      } finally {
        threads.shutdownNow();
      }
    }
  }
}
