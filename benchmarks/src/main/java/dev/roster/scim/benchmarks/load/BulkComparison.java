package dev.roster.scim.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creating N users as one {@code POST /Bulk} against N single {@code POST /Users} with 4 requests
 * in flight, over HTTP on loopback, against the quickstart server in memory, on H2 and on
 * PostgreSQL (when {@code ROSTER_LOAD_JDBC_URL} is set), in one run. Each store gets a server of
 * its own; each way is measured {@code rounds} times on fresh userNames, and the median wall time
 * is reported with the requests' statuses.
 *
 * <pre>
 * java -cp benchmarks/target/roster-benchmarks.jar dev.roster.scim.benchmarks.load.BulkComparison [users] [rounds]
 * </pre>
 */
public final class BulkComparison {
  private static final int IN_FLIGHT = 4;
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private BulkComparison() {}

  /** One store's figures: median milliseconds of each way, and whether every create succeeded. */
  record Result(
      String store, int users, double singleMillis, double bulkMillis, boolean allCreated) {}

  /** Runs the comparison; {@code users} (default 1000) and {@code rounds} (default 3). */
  public static void main(String[] args) throws Exception {
    int users = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    List<String> stores = new ArrayList<>(List.of("memory", "h2"));
    if (System.getenv("ROSTER_LOAD_JDBC_URL") != null) {
      stores.add("postgres");
    }
    List<Result> results = new ArrayList<>();
    for (String store : stores) {
      results.add(run(store, users, rounds, System.out));
    }
    System.out.println();
    System.out.println(table(results));
  }

  /** The comparison on one store. */
  static Result run(String store, int users, int rounds, PrintStream log) throws Exception {
    Path dataDir = store.equals("h2") ? Files.createTempDirectory("roster-bulk-h2") : null;
    List<String> options =
        LoadRun.serverOptions(
            store,
            dataDir,
            System.getenv("ROSTER_LOAD_JDBC_URL"),
            System.getenv("ROSTER_LOAD_JDBC_USER"));
    String password = store.equals("postgres") ? System.getenv("ROSTER_LOAD_JDBC_PASSWORD") : null;
    String token = "bulk-" + UUID.randomUUID();
    double[] single = new double[rounds];
    double[] bulk = new double[rounds];
    boolean allCreated = true;
    try (ServerProcess server =
        ServerProcess.start(List.of("-Xmx1g"), options, password, token, log)) {
      String base =
          "http://" + server.scim.host() + ":" + server.scim.port() + server.scim.basePath();
      // One untimed round of each way first, so that both run on a warm server.
      createOneByOne(base, token, names("warm-s", 100));
      createInBulk(base, token, names("warm-b", 100));
      for (int round = 0; round < rounds; round++) {
        String tag = UUID.randomUUID().toString().substring(0, 6);
        long started = System.nanoTime();
        int created = createOneByOne(base, token, names("s" + tag, users));
        single[round] = (System.nanoTime() - started) / 1e6;
        started = System.nanoTime();
        int createdInBulk = createInBulk(base, token, names("b" + tag, users));
        bulk[round] = (System.nanoTime() - started) / 1e6;
        allCreated &= created == users && createdInBulk == users;
        log.printf(
            Locale.ROOT,
            "  %s round %d: %d single POSTs in %.0f ms (%d created), one bulk in %.0f ms (%d"
                + " created)%n",
            store,
            round + 1,
            users,
            single[round],
            created,
            bulk[round],
            createdInBulk);
      }
    } finally {
      if (dataDir != null) {
        deleteTree(dataDir);
      }
    }
    return new Result(store, users, median(single), median(bulk), allCreated);
  }

  /** The results as a Markdown table. */
  static String table(List<Result> results) {
    StringBuilder out =
        new StringBuilder(
            "| Store | Users | Single POSTs, 4 in flight (ms) | One bulk request (ms) | Bulk"
                + " speed-up | All created |\n|---|---|---|---|---|---|\n");
    for (Result r : results) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %d | %.0f | %.0f | %.1f× | %s |%n",
              r.store(),
              r.users(),
              r.singleMillis(),
              r.bulkMillis(),
              r.singleMillis() / r.bulkMillis(),
              r.allCreated() ? "yes" : "no"));
    }
    return out.toString();
  }

  private static List<String> names(String prefix, int count) {
    List<String> names = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      names.add(prefix + "-" + i + "@bulk.example.com");
    }
    return names;
  }

  /** POSTs each user, {@value #IN_FLIGHT} at a time; returns how many answered 201. */
  static int createOneByOne(String base, String token, List<String> userNames) throws Exception {
    AtomicInteger next = new AtomicInteger();
    AtomicInteger created = new AtomicInteger();
    ExecutorService threads = Executors.newFixedThreadPool(IN_FLIGHT);
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < IN_FLIGHT; t++) {
        workers.add(
            threads.submit(
                () -> {
                  for (int i = next.getAndIncrement();
                      i < userNames.size();
                      i = next.getAndIncrement()) {
                    if (post(base + "/Users", token, user(userNames.get(i))).statusCode() == 201) {
                      created.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> worker : workers) {
        worker.get();
      }
    } finally {
      threads.shutdownNow();
    }
    return created.get();
  }

  /** Creates every user in one bulk request; returns how many operations answered 201. */
  static int createInBulk(String base, String token, List<String> userNames) throws Exception {
    StringBuilder operations = new StringBuilder();
    for (int i = 0; i < userNames.size(); i++) {
      operations
          .append(i == 0 ? "" : ",")
          .append("{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\"u")
          .append(i)
          .append("\",\"data\":")
          .append(user(userNames.get(i)))
          .append('}');
    }
    HttpResponse<String> response =
        post(
            base + "/Bulk",
            token,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                + "\"Operations\":["
                + operations
                + "]}");
    if (response.statusCode() != 200) {
      throw new IllegalStateException(
          "Bulk answered " + response.statusCode() + ": " + response.body());
    }
    int created = 0;
    for (int at = response.body().indexOf("\"status\":\"201\"");
        at >= 0;
        at = response.body().indexOf("\"status\":\"201\"", at + 1)) {
      created++;
    }
    return created;
  }

  private static String user(String userName) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
        + userName
        + "\",\"active\":true,\"name\":{\"givenName\":\"Bulk\",\"familyName\":\"User\"},"
        + "\"emails\":[{\"value\":\""
        + userName
        + "\",\"type\":\"work\",\"primary\":true}]}";
  }

  private static HttpResponse<String> post(String url, String token, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofMinutes(5))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/scim+json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static void deleteTree(Path directory) throws IOException {
    try (var paths = Files.walk(directory)) {
      for (Path path : paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
