package dev.roster.scim.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Stores the users and groups the scenarios need, over HTTP through the quickstart server's public
 * SCIM endpoint, as a client would: {@code POST /Users} from several connections in parallel, then
 * two groups filled by {@code PATCH} member adds of a few thousand members each.
 */
final class Seeder {
  /**
   * Members per PATCH when filling the large group (about 140 KB of body, under the 1 MiB limit).
   */
  static final int MEMBERS_PER_PATCH = 2_000;

  private final Scenario.Endpoint scim;
  private final int connections;
  private final PrintStream log;

  Seeder(Scenario.Endpoint scim, int connections, PrintStream log) {
    this.scim = scim;
    this.connections = connections;
    this.log = log;
  }

  /** What seeding took, for the report. */
  record Timing(double usersSeconds, int usersCreated, double groupsSeconds) {}

  Dataset seed(String tag, int users, int pool, int smallGroup, Timing[] timing)
      throws InterruptedException, IOException {
    long started = System.nanoTime();
    String[] names = new String[users + pool];
    for (int i = 0; i < users + pool; i++) {
      names[i] = (i < users ? "u" + i : "pool" + (i - users)) + "." + tag + "@example.com";
    }
    String[] ids = createUsers(names, tag);
    double usersSeconds = (System.nanoTime() - started) / 1e9;
    log.printf(
        "  seeded %,d users in %.1f s (%,.0f creates/s over %d connections)%n",
        names.length, usersSeconds, names.length / usersSeconds, connections);

    long groupsStarted = System.nanoTime();
    List<String> userIds = Arrays.asList(ids).subList(0, users);
    String big;
    String small;
    try (HttpConnection connection = new HttpConnection(scim.host(), scim.port())) {
      big = createGroup(connection, "big." + tag, userIds);
      small = createGroup(connection, "small." + tag, userIds.subList(0, smallGroup));
    }
    double groupsSeconds = (System.nanoTime() - groupsStarted) / 1e9;
    log.printf(
        "  seeded a group of %,d members and one of %d in %.1f s%n",
        users, smallGroup, groupsSeconds);
    timing[0] = new Timing(usersSeconds, names.length, groupsSeconds);
    return new Dataset(
        tag,
        userIds,
        Arrays.asList(names).subList(0, users),
        Arrays.asList(ids).subList(users, users + pool),
        big,
        small,
        smallGroup);
  }

  private String[] createUsers(String[] names, String tag) throws InterruptedException {
    String[] ids = new String[names.length];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<String> failure = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < connections; t++) {
      Thread thread =
          new Thread(
              () -> {
                try (HttpConnection connection = new HttpConnection(scim.host(), scim.port())) {
                  for (int i = next.getAndIncrement();
                      i < names.length && failure.get() == null;
                      i = next.getAndIncrement()) {
                    HttpConnection.Answer answer =
                        connection.send(
                            "POST",
                            scim.basePath() + "/Users",
                            scim.token(),
                            Bodies.seededUser(names[i], tag, i));
                    if (answer.status() != 201) {
                      failure.compareAndSet(
                          null,
                          "POST /Users answered " + answer.status() + ": " + connection.body());
                      return;
                    }
                    ids[i] = Bodies.id(connection.body());
                  }
                } catch (IOException | RuntimeException e) {
                  failure.compareAndSet(null, "POST /Users failed: " + e);
                }
              },
              "seed-" + t);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Seeding failed: " + failure.get());
    }
    return ids;
  }

  private String createGroup(HttpConnection connection, String displayName, List<String> members)
      throws IOException {
    HttpConnection.Answer created =
        connection.send(
            "POST", scim.basePath() + "/Groups", scim.token(), Bodies.group(displayName));
    if (created.status() != 201) {
      throw new IllegalStateException(
          "POST /Groups answered " + created.status() + ": " + connection.body());
    }
    String id = Bodies.id(connection.body());
    for (int from = 0; from < members.size(); from += MEMBERS_PER_PATCH) {
      List<String> batch =
          members.subList(from, Math.min(members.size(), from + MEMBERS_PER_PATCH));
      HttpConnection.Answer answer =
          connection.send(
              "PATCH", scim.basePath() + "/Groups/" + id, scim.token(), Bodies.addMembers(batch));
      if (!answer.ok()) {
        throw new IllegalStateException(
            "PATCH /Groups/" + id + " answered " + answer.status() + ": " + connection.body());
      }
    }
    return id;
  }
}
