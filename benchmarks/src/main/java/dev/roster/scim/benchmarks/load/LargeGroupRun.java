package dev.roster.scim.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The {@code group-10k} step of a load run: not a throughput scenario but a sequence of requests on
 * one connection, each timed on its own, after the throughput scenarios. Each round creates a group
 * of {@code size} seeded users in one {@code POST /Groups} (a slice of the users of its own each
 * round, members as {@code {"value": id}}, a displayName of its own), replaces its members in one
 * {@code PUT /Groups/{id}} by a list that keeps the second half of them and adds as many others,
 * then deletes it. Issue #18 asks for the create and the replace of 10,000 members in at most 1 s
 * each on PostgreSQL, every run.
 */
final class LargeGroupRun {
  /** Members of each created group, unless {@code --group-size} says otherwise. */
  static final int DEFAULT_SIZE = 10_000;

  /** Rounds, unless {@code --group-rounds} says otherwise. */
  static final int DEFAULT_ROUNDS = 5;

  static final String CREATE = "create";
  static final String REPLACE = "replace";
  static final String DELETE = "delete";

  /** How long one request may take before it counts as failed. */
  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private LargeGroupRun() {}

  /**
   * One request.
   *
   * @param round its round, from 0
   * @param kind {@link #CREATE}, {@link #REPLACE} or {@link #DELETE}
   * @param millis wall time from sending the request to reading the whole answer
   * @param status the answer's status, 0 if the request failed without one
   * @param error what went wrong unless the status is 2xx: the status and the answer's body, or the
   *     failure; null for a success
   */
  record Timed(int round, String kind, double millis, int status, String error) {
    boolean ok() {
      return status >= 200 && status < 300;
    }
  }

  /**
   * What a run timed.
   *
   * @param size members of each created group
   * @param kept of those, members the replace keeps (and it adds {@code size - kept} others)
   * @param rounds rounds run; a round whose create failed sent neither replace nor delete
   * @param requests every request sent, in order
   */
  record Result(int size, int kept, int rounds, List<Timed> requests) {
    Result {
      requests = List.copyOf(requests);
    }

    /** The requests of one kind, in order. */
    List<Timed> of(String kind) {
      return requests.stream().filter(t -> t.kind().equals(kind)).toList();
    }

    /** Requests that did not answer 2xx. */
    long errors() {
      return requests.stream().filter(t -> !t.ok()).count();
    }

    /** The wall times of one kind, sorted, in milliseconds. */
    double[] sortedMillis(String kind) {
      double[] millis = of(kind).stream().mapToDouble(Timed::millis).toArray();
      Arrays.sort(millis);
      return millis;
    }
  }

  /**
   * Where round {@code round} of {@code rounds} starts in a list of {@code users}: spread evenly,
   * so that each round takes a slice of its own.
   */
  static int start(int users, int round, int rounds) {
    return (int) ((long) users * round / rounds);
  }

  /** The members of round {@code round}'s create: {@code size} users from its start on. */
  static List<String> createMembers(List<String> userIds, int size, int round, int rounds) {
    return slice(userIds, start(userIds.size(), round, rounds), size);
  }

  /**
   * The members of round {@code round}'s replace: the second half of the create's members, then as
   * many of the users after them (distinct from the create's as long as there are at least 1.5 ×
   * {@code size} users).
   */
  static List<String> replaceMembers(List<String> userIds, int size, int round, int rounds) {
    return slice(userIds, start(userIds.size(), round, rounds) + size / 2, size);
  }

  /** {@code size} of {@code ids} from {@code from} on, wrapping around at the end. */
  private static List<String> slice(List<String> ids, int from, int size) {
    List<String> slice = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      slice.add(ids.get((from + i) % ids.size()));
    }
    return slice;
  }

  /** Runs {@code rounds} rounds with groups of {@code size} members against {@code scim}. */
  static Result run(Scenario.Endpoint scim, Dataset data, int size, int rounds, PrintStream log) {
    List<Timed> requests = new ArrayList<>();
    try (HttpConnection connection = new HttpConnection(scim.host(), scim.port())) {
      connection.timeout(TIMEOUT);
      for (int round = 0; round < rounds; round++) {
        String displayName = "group-" + size + "-" + round + "." + data.tag();
        Timed create =
            send(
                connection,
                scim,
                round,
                CREATE,
                "POST",
                "/Groups",
                Bodies.groupWithMembers(
                    displayName, createMembers(data.userIds(), size, round, rounds)));
        requests.add(create);
        String id = create.ok() ? Bodies.id(connection.body()) : null;
        Timed replace = null;
        Timed delete = null;
        if (id != null) {
          replace =
              send(
                  connection,
                  scim,
                  round,
                  REPLACE,
                  "PUT",
                  "/Groups/" + id,
                  Bodies.groupWithMembers(
                      displayName, replaceMembers(data.userIds(), size, round, rounds)));
          requests.add(replace);
          delete = send(connection, scim, round, DELETE, "DELETE", "/Groups/" + id, null);
          requests.add(delete);
        }
        log.printf(
            Locale.ROOT,
            "  %-12s round %d: create %s, replace %s, delete %s%n",
            Scenarios.GROUP_10K,
            round + 1,
            describe(create),
            describe(replace),
            describe(delete));
        for (Timed timed : Arrays.asList(create, replace, delete)) {
          if (timed != null && !timed.ok()) {
            log.println("    error: " + timed.kind() + ": " + timed.error());
          }
        }
      }
    }
    return new Result(size, size - size / 2, rounds, requests);
  }

  private static Timed send(
      HttpConnection connection,
      Scenario.Endpoint scim,
      int round,
      String kind,
      String method,
      String path,
      byte[] body) {
    long sent = System.nanoTime();
    try {
      HttpConnection.Answer answer =
          connection.send(method, scim.basePath() + path, scim.token(), body);
      double millis = (System.nanoTime() - sent) / 1e6;
      return new Timed(
          round,
          kind,
          millis,
          answer.status(),
          answer.ok() ? null : answer.status() + " " + abbreviate(connection.body()));
    } catch (IOException | RuntimeException e) {
      return new Timed(round, kind, (System.nanoTime() - sent) / 1e6, 0, e.toString());
    }
  }

  private static String describe(Timed timed) {
    return timed == null
        ? "not sent"
        : String.format(Locale.ROOT, "%,.0f ms (%d)", timed.millis(), timed.status());
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }
}
