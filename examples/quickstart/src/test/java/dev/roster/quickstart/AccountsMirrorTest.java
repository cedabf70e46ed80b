package dev.roster.quickstart;

import static dev.roster.scim.jdbc.TestDatabases.postgresUrl;
import static dev.roster.scim.jdbc.TestDatabases.setting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.jdbc.ChangeFeed;
import dev.roster.scim.jdbc.JdbcStore;
import dev.roster.scim.jdbc.TestDatabases;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.h2.tools.Server;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link AccountsMirror} in a process of its own, killed in the middle of a batch and started
 * again: the application table ends up equal to the store, and the positions it applied cover every
 * event in order, repeating only those it had not acknowledged.
 */
class AccountsMirrorTest {
  private static final int BATCH = 20;

  @TempDir Path tempDir;

  private final String tenant = TestDatabases.freshTenant();
  private final RequestContext context = RequestContext.of(tenant, "test", "request");
  private final String consumer = "mirror-" + UUID.randomUUID();

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aKilledMirrorRestartsWithoutLosingOrReorderingAnEvent(String database) throws Exception {
    Server h2 = null;
    String url;
    if (database.equals("h2")) {
      // Two processes on one H2 database: through H2's TCP server, run by this test.
      h2 =
          Server.createTcpServer("-tcpPort", "0", "-baseDir", tempDir.toString(), "-ifNotExists")
              .start();
      url = "jdbc:h2:tcp://127.0.0.1:" + h2.getPort() + "/roster;LOCK_TIMEOUT=10000";
    } else {
      url = postgresUrl();
    }
    try (DatabasePool pool =
        DatabasePool.open(
            url,
            database.equals("h2") ? null : setting("ROSTER_TEST_JDBC_USER"),
            database.equals("h2") ? null : setting("ROSTER_TEST_JDBC_PASSWORD"),
            SchemaRegistry.standard())) {
      JdbcStore store = pool.store();
      ChangeFeed feed = store.changes();
      long start = feed.latestPosition();
      feed.acknowledge(consumer, start); // only what this test does (PostgreSQL is shared)

      List<String> users = produce(store, 0);

      // The first run: killed while it applies its third batch.
      List<Long> first;
      try (MirrorProcess mirror = MirrorProcess.start(url, database, consumer, 15, false)) {
        first = mirror.awaitApplied(2 * BATCH + 7);
        mirror.kill();
        first.addAll(mirror.drainApplied());
      }
      long acknowledged = feed.position(consumer);
      assertThat(acknowledged).isEqualTo(start + 2 * BATCH); // the third batch was not
      assertThat(first).containsExactlyElementsOf(range(start + 1, first.get(first.size() - 1)));
      assertThat(first.get(first.size() - 1)).isGreaterThan(acknowledged);

      // More changes while it is down, then a run until it has caught up.
      users.addAll(produce(store, 1));
      List<Long> second;
      try (MirrorProcess mirror = MirrorProcess.start(url, database, consumer, 0, true)) {
        assertThat(mirror.awaitExit()).as(mirror.output()).isZero();
        second = mirror.drainApplied();
      }
      long latest = feed.latestPosition();
      // It starts again right after what it acknowledged: repeats only the unacknowledged ones.
      assertThat(second).containsExactlyElementsOf(range(acknowledged + 1, latest));
      assertThat(feed.position(consumer)).isEqualTo(latest);

      assertThat(mirrored(pool)).isEqualTo(expected(store));
      assertThat(mirrored(pool)).isNotEmpty();
    } finally {
      if (h2 != null) {
        h2.stop();
      }
    }
  }

  /** 30 users, 4 groups, and changes to them; returns the users created. */
  private List<String> produce(JdbcStore store, int round) {
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      users.add(
          store
              .users()
              .create(
                  new CreateRequest(
                      context, User.builder().userName("u" + round + "-" + i).build()))
              .id());
    }
    List<String> groups = new ArrayList<>();
    for (int g = 0; g < 4; g++) {
      Group.Builder group = Group.builder().displayName("g" + round + "-" + g);
      for (int i = g; i < users.size(); i += 3) {
        group.member(ResourceRef.of(users.get(i)));
      }
      groups.add(store.groups().create(new CreateRequest(context, group.build())).id());
    }
    for (int i = 0; i < 10; i++) {
      store
          .users()
          .replace(
              new ReplaceRequest(
                  context,
                  users.get(i),
                  User.builder().userName("u" + round + "-" + i).active(i % 2 == 0).build(),
                  null));
      store
          .groups()
          .updateMembers(
              new MembershipRequest(
                  context,
                  groups.get(i % 4),
                  new MemberDelta(
                      false, List.of(users.get(i + 1)), List.of(ResourceRef.of(users.get(i + 10)))),
                  null));
    }
    store.users().delete(new DeleteRequest(context, users.get(20), null));
    store.groups().delete(new DeleteRequest(context, groups.get(3), null));
    users.remove(20);
    return users;
  }

  /** The rows of this test's tenant in {@code app_accounts}: id to "userName active groups". */
  private Map<String, String> mirrored(DatabasePool pool) throws Exception {
    Map<String, String> rows = new TreeMap<>();
    try (Connection connection = pool.dataSource().getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT user_id, user_name, active, group_count FROM app_accounts"
                    + " WHERE tenant = ?")) {
      select.setString(1, tenant);
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.put(
              result.getString(1),
              result.getString(2) + " " + result.getBoolean(3) + " " + result.getInt(4));
        }
      }
    }
    return rows;
  }

  /** The same, from the store. */
  private Map<String, String> expected(JdbcStore store) {
    Map<String, String> rows = new TreeMap<>();
    for (ScimResource resource :
        store
            .users()
            .search(new SearchRequest(context, null, null, 1, 1000, Projection.DEFAULT))
            .resources()) {
      User user = User.of(resource);
      rows.put(
          resource.id(),
          user.userName().orElseThrow()
              + " "
              + user.active().orElse(true)
              + " "
              + user.groups().size());
    }
    return rows;
  }

  private static List<Long> range(long from, long to) {
    return LongStream.rangeClosed(from, to).boxed().toList();
  }

  /** The mirror in a JVM of its own, with the test's class path. */
  private static final class MirrorProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<Long> applied = new LinkedBlockingQueue<>();
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private MirrorProcess(Process process) {
      this.process = process;
      this.reader = new Thread(this::read, "accounts-mirror-output");
      reader.setDaemon(true);
      reader.start();
    }

    static MirrorProcess start(
        String url, String database, String consumer, long delayMillis, boolean untilIdle)
        throws IOException {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> command =
          new ArrayList<>(
              List.of(
                  java,
                  "-Xmx128m",
                  "-cp",
                  PostgresScaleOutTest.testClassPath(),
                  AccountsMirror.class.getName(),
                  "--jdbc-url",
                  url,
                  "--consumer",
                  consumer,
                  "--batch",
                  Integer.toString(BATCH),
                  "--delay-ms",
                  Long.toString(delayMillis)));
      if (database.equals("postgresql")) {
        command.addAll(List.of("--jdbc-user", setting("ROSTER_TEST_JDBC_USER")));
      }
      if (untilIdle) {
        command.add("--until-idle");
      }
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
      builder.environment().keySet().removeIf(key -> key.startsWith("ROSTER_"));
      String password = setting("ROSTER_TEST_JDBC_PASSWORD");
      if (database.equals("postgresql") && password != null) {
        builder.environment().put("ROSTER_JDBC_PASSWORD", password);
      }
      return new MirrorProcess(builder.start());
    }

    private void read() {
      try (BufferedReader lines =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = lines.readLine()) != null; ) {
          output.append(line).append('\n');
          if (line.startsWith("applied ")) {
            applied.add(Long.parseLong(line.substring("applied ".length()).strip()));
          }
        }
      } catch (IOException e) {
        output.append(e).append('\n');
      }
    }

    /** Waits for {@code count} applied positions and returns them, in the order printed. */
    List<Long> awaitApplied(int count) throws InterruptedException {
      List<Long> positions = new ArrayList<>();
      while (positions.size() < count) {
        Long next = applied.poll(90, TimeUnit.SECONDS);
        assertThat(next).as("applied positions; output:\n" + output).isNotNull();
        positions.add(next);
      }
      return positions;
    }

    /** Kills the process at once, as a crash would, and waits for its output to end. */
    void kill() throws InterruptedException {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      reader.join(10_000);
    }

    int awaitExit() throws InterruptedException {
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output()).isTrue();
      reader.join(10_000);
      return process.exitValue();
    }

    /** The positions printed and not yet taken. */
    List<Long> drainApplied() {
      List<Long> rest = new ArrayList<>();
      applied.drainTo(rest);
      return rest;
    }

    String output() {
      return output.toString();
    }

    @Override
    public void close() {
      process.destroyForcibly();
    }
  }
}
