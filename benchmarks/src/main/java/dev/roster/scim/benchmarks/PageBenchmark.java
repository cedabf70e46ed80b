package dev.roster.scim.benchmarks;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.jdbc.JdbcStore;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.h2.jdbcx.JdbcConnectionPool;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A page of 100 users, {@code GET /Users?startIndex=..&count=100}, through the protocol engine
 * without HTTP, each user RFC 7643 §8.3's enterprise user (about 3 KB of JSON): what a page costs
 * the server's CPU per user, from the repository's read to the response body's bytes. {@code
 * memory} is the in-memory store; {@code h2} is scim-jdbc over an in-memory H2 database, so the
 * figure includes reading the rows. Each invocation asks for the next page, so no two in a row are
 * alike. Beside {@link #get}, one user by id from the same store.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 6, time = 2)
@Measurement(iterations = 5, time = 2)
public class PageBenchmark {
  /** Users on a page. */
  static final int PAGE = 100;

  /** Where the users are: {@code memory} or {@code h2}. */
  @Param({"memory", "h2"})
  public String store;

  /** How many users the store holds. */
  @Param({"10000"})
  public int users;

  private ScimServer server;
  private JdbcStore jdbc;
  private JdbcConnectionPool pool;
  private String[] userPaths;
  private int nextPage;
  private int nextUser;
  private ScimResponse lastResponse;

  @Setup(Level.Trial)
  public void setUp() {
    SchemaRegistry registry = SchemaRegistry.standard();
    ScimServer.Builder builder = ScimServer.builder().registry(registry);
    UserRepository repository;
    if (store.equals("h2")) {
      pool =
          JdbcConnectionPool.create(
              "jdbc:h2:mem:page-benchmark-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", "");
      jdbc = JdbcStore.builder(pool).registry(registry).changeFeed(false).build();
      repository = jdbc.users();
      builder.groups(jdbc.groups());
    } else if (store.equals("memory")) {
      InMemoryStore memory = new InMemoryStore(registry);
      repository = memory.users();
      builder.groups(memory.groups());
    } else {
      throw new IllegalArgumentException("store is memory or h2, not " + store);
    }
    server =
        builder
            .users(repository)
            .authenticator(BearerTokenAuthenticator.single(Fixtures.TOKEN))
            .build();
    ObjectNode template;
    try {
      template = (ObjectNode) Fixtures.MAPPER.readTree(Fixtures.enterpriseUserJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    template.remove(List.of("id", "meta"));
    userPaths = new String[users];
    for (int i = 0; i < users; i++) {
      ObjectNode user = template.deepCopy();
      user.put("userName", Fixtures.userName(i));
      user.put("externalId", "ext-" + i);
      ScimResource created =
          repository.create(new CreateRequest(Fixtures.CONTEXT, ScimResource.fromJson(user)));
      userPaths[i] = "/Users/" + created.id();
    }
    System.gc();
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    if (jdbc != null) {
      jdbc.close();
      pool.dispose();
    }
  }

  /** The next page of {@value #PAGE} users. */
  @Benchmark
  public byte[] page() {
    int start = 1 + nextPage * PAGE;
    nextPage = start + 2 * PAGE > users ? 0 : nextPage + 1;
    return respond(
        Fixtures.request(
            "GET",
            "/Users",
            Map.of("startIndex", List.of(Integer.toString(start)), "count", List.of("100")),
            null));
  }

  /** The next user by id. */
  @Benchmark
  public byte[] get() {
    String path = userPaths[nextUser];
    nextUser = nextUser + 1 == users ? 0 : nextUser + 1;
    return respond(Fixtures.request("GET", path, Map.of(), null));
  }

  private byte[] respond(dev.roster.scim.server.ScimRequest request) {
    lastResponse = server.handle(request);
    return lastResponse.bodyBytes();
  }

  /** The last response, for tests. */
  ScimResponse lastResponse() {
    return lastResponse;
  }
}
