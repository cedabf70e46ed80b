package dev.roster.scim.benchmarks;

import static dev.roster.scim.benchmarks.Fixtures.operation;

import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The protocol engine, {@link ScimServer#handle}, over the in-memory repositories, without HTTP:
 * from the request record (bearer token checked) to the response body's bytes, which the JAX-RS
 * binding would then write. Each invocation addresses the next user, so no two in a row are alike.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {
  /** Users PATCHed in turn; each PATCH changes the user, alternating between two bodies. */
  static final int PATCHED = 1000;

  /** How many users the store holds. */
  @Param({"100000"})
  public int users;

  private ScimServer server;
  private String[] userPaths;
  private List<Map<String, List<String>>> searches;
  private byte[][] patchBodies;
  private int next;
  private int nextPatch;

  @Setup
  public void setUp() {
    Fixtures.Store store = Fixtures.store(users);
    server = store.server();
    userPaths = new String[users];
    searches = new ArrayList<>(users);
    for (int i = 0; i < users; i++) {
      userPaths[i] = "/Users/" + store.userIds().get(i);
      searches.add(Map.of("filter", List.of("userName eq \"" + Fixtures.userName(i) + "\"")));
    }
    patchBodies = new byte[2][];
    for (int i = 0; i < 2; i++) {
      boolean active = i == 1;
      patchBodies[i] =
          Fixtures.patchBody(
              operation("Replace", "title", active ? "Engineer" : "Senior Engineer"),
              operation("Replace", "emails[type eq \"work\"].value", "moved" + i + "@example.com"),
              operation("Replace", "active", active ? "True" : "False"));
    }
    // The store is built once; move it to the old generation now, or young collections copy it
    // again and again while measuring.
    System.gc();
  }

  private int nextUser() {
    int user = next;
    next = next + 1 == users ? 0 : next + 1;
    return user;
  }

  /** {@code GET /Users/{id}}. */
  @Benchmark
  public byte[] get() {
    return respond(Fixtures.request("GET", userPaths[nextUser()], Map.of(), null));
  }

  /** {@code GET /Users?filter=userName eq "..."}, one match among {@link #users}. */
  @Benchmark
  public byte[] search() {
    return respond(Fixtures.request("GET", "/Users", searches.get(nextUser()), null));
  }

  /**
   * {@code PATCH /Users/{id}} with three Entra-style operations that change the user: read, apply,
   * validate, replace, and the patched user in the response.
   */
  @Benchmark
  public byte[] patch() {
    int n = nextPatch++;
    if (nextPatch == 2 * PATCHED) {
      nextPatch = 0;
    }
    byte[] body = patchBodies[n / PATCHED];
    return respond(Fixtures.request("PATCH", userPaths[n % PATCHED], Map.of(), body));
  }

  private ScimResponse lastResponse;

  private byte[] respond(dev.roster.scim.server.ScimRequest request) {
    lastResponse = server.handle(request);
    return lastResponse.bodyBytes();
  }

  /** The last response, for tests. */
  ScimResponse lastResponse() {
    return lastResponse;
  }
}
