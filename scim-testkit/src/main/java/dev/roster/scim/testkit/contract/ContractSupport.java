package dev.roster.scim.testkit.contract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ScimResource;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.function.Executable;

/** Assertions and helpers shared by the contract classes. */
final class ContractSupport {
  private ContractSupport() {}

  /** A short random token, to keep names unique across tests sharing a tenant. */
  static String token() {
    return UUID.randomUUID().toString().substring(0, 8);
  }

  /** Asserts that {@code call} throws a {@link ScimException} with {@code status}. */
  static ScimException assertScimError(int status, Executable call, String what) {
    ScimException e = assertThrows(ScimException.class, call, what);
    assertEquals(status, e.status(), what + ": status of " + e);
    return e;
  }

  /** Asserts a 409 {@code uniqueness}. */
  static void assertUniqueness(Executable call, String what) {
    ScimException e = assertScimError(409, call, what);
    assertEquals(ScimType.UNIQUENESS, e.scimType().orElse(null), what + ": scimType");
  }

  /** Asserts what {@code create} must assign. */
  static void assertCreatedMeta(ScimResource created, String resourceType) {
    assertNotNull(created.id(), "create assigns an id");
    assertTrue(!created.id().isEmpty(), "create assigns a non-empty id");
    Meta meta = created.meta();
    assertEquals(resourceType, meta.resourceType(), "meta.resourceType");
    assertNotNull(meta.created(), "meta.created");
    assertNotNull(meta.lastModified(), "meta.lastModified");
    assertNotNull(meta.version(), "meta.version");
    assertTrue(
        !meta.lastModified().isBefore(meta.created()), "meta.lastModified is not before created");
  }

  /**
   * Runs {@code threads} calls at once (released together) and returns, per call, its result or the
   * throwable it threw.
   */
  static List<Object> concurrently(int threads, IntFunction<Callable<?>> call)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      CountDownLatch ready = new CountDownLatch(threads);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Object>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        Callable<?> task = call.apply(i);
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.call();
                }));
      }
      ready.await(30, TimeUnit.SECONDS);
      go.countDown();
      List<Object> outcomes = new ArrayList<>();
      for (Future<Object> future : futures) {
        try {
          outcomes.add(future.get(60, TimeUnit.SECONDS));
        } catch (ExecutionException e) {
          outcomes.add(e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
          fail("a concurrent call did not finish within 60 s");
        }
      }
      return outcomes;
    } finally {
      pool.shutdownNow();
    }
  }
}
