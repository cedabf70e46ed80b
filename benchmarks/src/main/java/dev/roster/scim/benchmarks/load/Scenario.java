package dev.roster.scim.benchmarks.load;

import java.util.List;

/**
 * What the virtual users of one load scenario send: each connection gets a {@link Session} of its
 * own, which says what to send next and hears every answer, so that a script can use what an
 * earlier answer said (the id of a user it created).
 *
 * @param name short name, as in the results table
 * @param what one line saying what one request is
 * @param endpoint where the requests go
 * @param kinds the kinds of request, for latencies by kind (one kind for most scenarios)
 * @param sessions makes connection {@code i}'s session, given {@code i} and the connection count
 */
record Scenario(
    String name, String what, Endpoint endpoint, List<String> kinds, SessionFactory sessions) {

  Scenario {
    kinds = List.copyOf(kinds);
  }

  /** Where a scenario's requests go. */
  record Endpoint(String host, int port, String basePath, String token) {}

  /** One request: its kind (an index into {@link #kinds}), method, path after the base, body. */
  record Request(int kind, String method, String path, byte[] body) {}

  /** Makes the session of one connection. */
  @FunctionalInterface
  interface SessionFactory {
    Session session(int connection, int connections);
  }

  /** One virtual user's script. Called by one thread only. */
  interface Session {
    /** The next request to send. */
    Request next();

    /**
     * The answer to the request {@link #next} gave, after the latency was taken; {@code
     * connection.body()} holds its body. A failed request (an exception) is not reported here.
     */
    default void answered(
        Request request, HttpConnection.Answer answer, HttpConnection connection) {}

    /** The request {@link #next} gave failed with an exception; the script may start over. */
    default void failed(Request request) {}
  }
}
