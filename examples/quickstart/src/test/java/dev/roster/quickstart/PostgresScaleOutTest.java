package dev.roster.quickstart;

import static dev.roster.quickstart.ScimClient.patchOp;
import static dev.roster.scim.jdbc.TestDatabases.postgresUrl;
import static dev.roster.scim.jdbc.TestDatabases.setting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.quickstart.ScimClient.Reply;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.jdbc.JdbcStore;
import dev.roster.scim.jdbc.RequiresPostgres;
import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.IssuedToken;
import dev.roster.scim.server.auth.SecretTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Scale-out: two quickstart server processes (separate JVMs running {@link Main}, as deployed) on
 * one PostgreSQL database, started at the same moment on an empty schema, serve concurrent PATCHes
 * of one group and concurrent creates of one userName without losing a member or creating the user
 * twice. Skipped, saying why, unless {@code ROSTER_TEST_JDBC_URL} is set.
 */
@ExtendWith(RequiresPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresScaleOutTest {
  private static final String TOKEN = "scale-out-token";
  private static final String CLIENT_TENANT = "entra-tenant";
  private static final String CLIENT_ID = "entra-gallery";
  private static final String SECRET = "scale-out-client-secret";
  private static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";
  private static final int PATCHES = 32;
  private static final int CREATES = 16;

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  // A schema of this run's own, so that both servers start on an empty database and migrate it.
  private final String schema = "roster_scale_out_" + run;
  private final List<ServerProcess> servers = new ArrayList<>();
  private final List<ScimClient> clients = new ArrayList<>();
  private final List<URI> bases = new ArrayList<>();
  private boolean schemaCreated;
  private String schemaUrl;

  @BeforeAll
  void startTwoServers() throws Exception {
    String url = postgresUrl();
    try (Connection connection = connect(url);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
      schemaCreated = true;
    }
    schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    for (String name : List.of("a", "b")) {
      servers.add(ServerProcess.start(name, schemaUrl));
    }
    for (ServerProcess server : servers) {
      URI base = server.awaitBaseUri();
      bases.add(base);
      clients.add(new ScimClient(base, TOKEN));
    }
  }

  @AfterAll
  void stopServers() throws SQLException {
    try {
      for (ServerProcess server : servers) {
        server.close();
        System.out.print(
            server
                .output()
                .replaceAll("(?m)^", "PostgresScaleOutTest server " + server.name + ": "));
      }
    } finally {
      if (schemaCreated) {
        try (Connection connection = connect(postgresUrl());
            Statement statement = connection.createStatement()) {
          statement.execute("DROP SCHEMA " + schema + " CASCADE");
        }
      }
    }
  }

  @Test
  void bothServersStartedOnTheEmptySchemaAndShareIt() {
    assertThat(servers)
        .allSatisfy(
            server ->
                assertThat(server.output())
                    .contains("schema version " + JdbcStore.requiredSchemaVersion()));
    Reply created = clients.get(0).post("/Users", user("shared-" + run + "@example.com"));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    Reply read = clients.get(1).get("/Users/" + created.json().path("id").asText());
    assertThat(read.status()).as("%s", read).isEqualTo(200);
  }

  @Test
  void concurrentPatchesThroughBothServersLoseNoMember() throws Exception {
    List<String> memberIds = new ArrayList<>();
    for (int i = 0; i < PATCHES; i++) {
      Reply created = client(i).post("/Users", user("member-" + i + "-" + run + "@example.com"));
      assertThat(created.status()).as("%s", created).isEqualTo(201);
      memberIds.add(created.json().path("id").asText());
    }
    Reply group =
        clients
            .get(0)
            .post(
                "/Groups",
                "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"Scale-out " + run + "\"}");
    assertThat(group.status()).as("%s", group).isEqualTo(201);
    String groupId = group.json().path("id").asText();
    assertThat(group.json().at("/meta/version").asText()).isEqualTo("W/\"1\"");

    // Half add a member alone: a membership delta, single INSERTs under the group's row lock.
    // Half also rename the group, which the engine applies to the whole group read first: a
    // read-modify-write conditional on the version it read, retried when another write won.
    Set<String> displayNames = new HashSet<>();
    List<Callable<Reply>> patches = new ArrayList<>();
    for (int i = 0; i < PATCHES; i++) {
      String add =
          "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
              + memberIds.get(i)
              + "\"}]}";
      String body;
      if (i % 4 < 2) {
        body = patchOp(add);
      } else {
        String displayName = "Scale-out " + run + " #" + i;
        displayNames.add(displayName);
        body =
            patchOp(
                add
                    + ",{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\""
                    + displayName
                    + "\"}");
      }
      ScimClient client = client(i);
      patches.add(() -> client.patch("/Groups/" + groupId, body));
    }
    long started = System.nanoTime();
    List<Reply> replies = all(patches);
    System.out.printf(
        "PostgresScaleOutTest: %d concurrent PATCHes of one group (%d deltas, %d read-modify-writes)"
            + " through %d servers in %d ms: %s%n",
        PATCHES,
        PATCHES / 2,
        PATCHES / 2,
        servers.size(),
        (System.nanoTime() - started) / 1_000_000,
        statuses(replies));

    assertThat(replies)
        .as("the PATCH replies")
        .allSatisfy(r -> assertThat(r.status()).isIn(200, 204));
    for (ScimClient client : clients) {
      Reply read = client.get("/Groups/" + groupId);
      assertThat(read.status()).as("%s", read).isEqualTo(200);
      List<String> members = new ArrayList<>();
      read.json().path("members").forEach(m -> members.add(m.path("value").asText()));
      assertThat(members).containsExactlyInAnyOrderElementsOf(memberIds);
      // Every PATCH made exactly one write: none was lost or applied twice.
      assertThat(read.json().at("/meta/version").asText()).isEqualTo("W/\"" + (1 + PATCHES) + "\"");
      assertThat(read.json().path("displayName").asText()).isIn(displayNames);
    }
  }

  @Test
  void concurrentCreatesOfOneUserNameThroughBothServersCreateItOnce() throws Exception {
    String userName = "once-" + run + "@example.com";
    List<Callable<Reply>> creates = new ArrayList<>();
    for (int i = 0; i < CREATES; i++) {
      // userName is unique ignoring case: some creates send it in capitals.
      String sent = i % 4 == 3 ? userName.toUpperCase(Locale.ROOT) : userName;
      ScimClient client = client(i);
      creates.add(() -> client.post("/Users", user(sent)));
    }
    long started = System.nanoTime();
    List<Reply> replies = all(creates);
    System.out.printf(
        "PostgresScaleOutTest: %d concurrent creates of one userName through %d servers in %d ms:"
            + " %s%n",
        CREATES, servers.size(), (System.nanoTime() - started) / 1_000_000, statuses(replies));

    assertThat(replies).as("the POST replies").filteredOn(r -> r.status() == 201).hasSize(1);
    assertThat(replies)
        .as("the POST replies")
        .filteredOn(r -> r.status() != 201)
        .hasSize(CREATES - 1)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(409);
              assertThat(r.json().path("scimType").asText()).isEqualTo("uniqueness");
            });
    String id =
        replies.stream()
            .filter(r -> r.status() == 201)
            .findFirst()
            .orElseThrow()
            .json()
            .path("id")
            .asText();
    String filter = URLEncoder.encode("userName eq \"" + userName + "\"", StandardCharsets.UTF_8);
    for (ScimClient client : clients) {
      Reply found = client.get("/Users?filter=" + filter);
      assertThat(found.json().path("totalResults").asInt()).as("%s", found).isEqualTo(1);
      assertThat(found.json().at("/Resources/0/id").asText()).isEqualTo(id);
    }
  }

  @Test
  void eachServerAcceptsTheOthersTokensAndARevocationCountsOnBothAtTheNextRequest()
      throws Exception {
    String fromA = accessToken(bases.get(0).resolve(QuickstartServer.TOKEN_PATH));
    String fromB = accessToken(bases.get(1).resolve(QuickstartServer.TOKEN_PATH));
    String userName = "oauth-" + run + "@example.com";
    Reply created = scim(1, fromA).post("/Users", user(userName));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    assertThat(scim(0, fromB).get("/Users/" + created.json().path("id").asText()).status())
        .isEqualTo(200);

    // What an admin page of the application does, in a third process: the database is shared.
    try (DatabasePool admin =
        DatabasePool.open(
            schemaUrl,
            setting("ROSTER_TEST_JDBC_USER"),
            setting("ROSTER_TEST_JDBC_PASSWORD"),
            SchemaRegistry.standard())) {
      SecretTokens tokens = new SecretTokens(admin.store().tokens());
      IssuedToken secretToken = tokens.issue(CLIENT_TENANT, "admin page", null);
      for (int i = 0; i < servers.size(); i++) {
        assertThat(scim(i, secretToken.token()).get("/Users?count=1").status()).isEqualTo(200);
      }
      tokens.revoke(CLIENT_TENANT, secretToken.stored().id());
      ClientCredentials clientCredentials = new ClientCredentials(admin.store().clients());
      clientCredentials.setEnabled(CLIENT_ID, false);
      for (int i = 0; i < servers.size(); i++) {
        assertThat(scim(i, secretToken.token()).get("/Users?count=1").status())
            .as("revoked secret token on server %d", i)
            .isEqualTo(401);
        assertThat(scim(i, fromA).get("/Users?count=1").status())
            .as("access token of a disabled client on server %d", i)
            .isEqualTo(401);
      }
      clientCredentials.setEnabled(CLIENT_ID, true);
      assertThat(scim(1, fromA).get("/Users?count=1").status()).isEqualTo(200);
    }
  }

  private ScimClient scim(int server, String token) {
    return new ScimClient(bases.get(server), token);
  }

  private static String accessToken(URI endpoint) throws Exception {
    HttpResponse<String> response =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .build()
            .send(
                HttpRequest.newBuilder(endpoint)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "grant_type=client_credentials&client_id="
                                + CLIENT_ID
                                + "&client_secret="
                                + SECRET))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return ScimClient.JSON.readTree(response.body()).path("access_token").asText();
  }

  /** How many replies had each status, e.g. {@code {201=1, 409=15}}. */
  private static Map<Integer, Long> statuses(List<Reply> replies) {
    return replies.stream()
        .collect(Collectors.groupingBy(Reply::status, TreeMap::new, Collectors.counting()));
  }

  /** Request {@code i} goes to server a when even, b when odd. */
  private ScimClient client(int i) {
    return clients.get(i % clients.size());
  }

  /** Sends every request at the same moment, each on its own thread, and waits for the replies. */
  private static List<Reply> all(List<Callable<Reply>> requests)
      throws InterruptedException, ExecutionException, TimeoutException {
    ExecutorService threads = Executors.newFixedThreadPool(requests.size());
    try {
      CountDownLatch ready = new CountDownLatch(requests.size());
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Reply>> futures = new ArrayList<>();
      for (Callable<Reply> request : requests) {
        futures.add(
            threads.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return request.call();
                }));
      }
      ready.await(30, TimeUnit.SECONDS);
      go.countDown();
      List<Reply> replies = new ArrayList<>();
      for (Future<Reply> future : futures) {
        replies.add(future.get(120, TimeUnit.SECONDS));
      }
      return replies;
    } finally {
      threads.shutdownNow();
    }
  }

  private static String user(String userName) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
        + userName
        + "\",\"active\":true}";
  }

  private static Connection connect(String url) throws SQLException {
    return DriverManager.getConnection(
        url, setting("ROSTER_TEST_JDBC_USER"), setting("ROSTER_TEST_JDBC_PASSWORD"));
  }

  /**
   * The class path the tests run with, the quickstart's classes and every dependency: for the
   * processes they start.
   */
  static String testClassPath() {
    String surefire = System.getProperty("surefire.test.class.path");
    return surefire != null && !surefire.isBlank()
        ? surefire
        : System.getProperty("java.class.path");
  }

  /**
   * {@code java -cp <the test class path> dev.roster.quickstart.Main --port 0 ...}: the quickstart
   * as its own process, its output collected (and shown when it fails to start).
   */
  static final class ServerProcess implements AutoCloseable {
    private static final String STARTED = "Roster SCIM 2.0 server at ";
    private static final String READY = "Stop with Ctrl+C.";

    private final String name;
    private final Process process;
    private final Thread stopAtExit;
    private final StringBuffer output = new StringBuffer();
    private final CompletableFuture<URI> baseUri = new CompletableFuture<>();

    private ServerProcess(String name, Process process) {
      this.name = name;
      this.process = process;
      // Should this JVM end before the test's clean-up runs, the server ends with it.
      this.stopAtExit = new Thread(process::destroyForcibly, "stop-quickstart-" + name);
      Runtime.getRuntime().addShutdownHook(stopAtExit);
      Thread reader = new Thread(this::read, "quickstart-" + name + "-output");
      reader.setDaemon(true);
      reader.start();
    }

    static ServerProcess start(String name, String jdbcUrl) throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder builder =
          new ProcessBuilder(
                  java,
                  "-Xmx256m",
                  "-cp",
                  testClassPath(),
                  Main.class.getName(),
                  "--host",
                  "127.0.0.1",
                  "--port",
                  "0",
                  "--jdbc-url",
                  jdbcUrl,
                  "--jdbc-user",
                  setting("ROSTER_TEST_JDBC_USER"))
              .redirectErrorStream(true);
      // Secrets by environment, not on the command line; no other ROSTER_ setting leaks in.
      builder.environment().keySet().removeIf(key -> key.startsWith("ROSTER_"));
      builder.environment().put("ROSTER_TOKEN", TOKEN);
      builder.environment().put("ROSTER_CLIENTS", CLIENT_TENANT + ":" + CLIENT_ID + ":" + SECRET);
      String password = setting("ROSTER_TEST_JDBC_PASSWORD");
      if (password != null) {
        builder.environment().put("ROSTER_JDBC_PASSWORD", password);
      }
      return new ServerProcess(name, builder.start());
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        URI announced = null;
        for (String line; (line = lines.readLine()) != null; ) {
          output.append(line).append('\n');
          if (line.startsWith(STARTED)) {
            announced = URI.create(line.substring(STARTED.length()).strip());
          } else if (line.startsWith(READY) && announced != null) {
            baseUri.complete(announced); // after the whole start-up message
          }
        }
      } catch (IOException e) {
        output.append(e).append('\n');
      }
      baseUri.completeExceptionally(
          new IllegalStateException(
              "Server " + name + " ended before it started; its output:\n" + output));
    }

    URI awaitBaseUri() throws InterruptedException {
      try {
        return baseUri.get(90, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
      } catch (TimeoutException e) {
        throw new IllegalStateException(
            "Server " + name + " did not start within 90 s; its output:\n" + output, e);
      }
    }

    String output() {
      return output.toString();
    }

    /** Stops the server as Ctrl+C would, and kills it if it does not stop within 20 s. */
    @Override
    public void close() {
      try {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      } finally {
        try {
          Runtime.getRuntime().removeShutdownHook(stopAtExit);
        } catch (IllegalStateException e) {
          // the JVM is shutting down already, and the hook stops the server
        }
      }
    }
  }
}
