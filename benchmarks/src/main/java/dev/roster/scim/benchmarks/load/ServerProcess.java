package dev.roster.scim.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@link LoadServer} in a JVM of its own, started with this JVM's class path: the quickstart server
 * on one store and the bare endpoint beside it, with the floor endpoint when the store is a
 * database. Its output after the start goes to {@code log}.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  final Scenario.Endpoint scim;
  final Scenario.Endpoint bare;

  /** The floor endpoint, or null when the store is in memory. */
  final Scenario.Endpoint floor;

  final String store;

  private ServerProcess(
      Process process,
      Scenario.Endpoint scim,
      Scenario.Endpoint bare,
      Scenario.Endpoint floor,
      String store) {
    this.process = process;
    this.scim = scim;
    this.bare = bare;
    this.floor = floor;
    this.store = store;
  }

  /**
   * Starts the server with the quickstart options {@code options}, a JDBC password (or null) passed
   * through the environment, and {@code jvmOptions}.
   */
  static ServerProcess start(
      List<String> jvmOptions,
      List<String> options,
      String jdbcPassword,
      String token,
      PrintStream log)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(LoadServer.class.getName());
    command.addAll(options);
    command.add("--token");
    command.add(token);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> environment = builder.environment();
    environment.keySet().removeIf(name -> name.startsWith("ROSTER_"));
    if (jdbcPassword != null) {
      environment.put(LoadServer.PASSWORD_VARIABLE, jdbcPassword);
    }
    Process process = builder.start();
    // If this JVM is stopped (Ctrl+C), the server must not outlive it.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly, "stop-load-server"));
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<String[]> ready = new CompletableFuture<>();
    Thread pump =
        new Thread(
            () -> {
              String store = null;
              String readyLine = null;
              try {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                  if (readyLine == null && line.startsWith("ready ")) {
                    readyLine = line;
                  } else if (store == null && readyLine != null && line.startsWith("store ")) {
                    store = line.substring(6);
                    ready.complete(new String[] {readyLine, store});
                  } else {
                    log.println("  [server] " + line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              ready.completeExceptionally(
                  new IllegalStateException("The server exited before it was ready"));
            },
            "server-output");
    pump.setDaemon(true);
    pump.start();
    String[] lines;
    try {
      lines = ready.get(180, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      throw new IllegalStateException("The load server did not start: " + e.getMessage(), e);
    }
    String[] words = lines[0].split(" ");
    return new ServerProcess(
        process,
        endpoint(URI.create(words[1]), token),
        endpoint(URI.create(words[2]), null),
        words.length > 3 ? endpoint(URI.create(words[3]), null) : null,
        lines[1]);
  }

  private static Scenario.Endpoint endpoint(URI uri, String token) {
    return new Scenario.Endpoint(uri.getHost(), uri.getPort(), uri.getPath(), token);
  }

  long pid() {
    return process.pid();
  }

  /** CPU time the server process has used so far, in seconds; NaN where the OS does not say. */
  double cpuSeconds() {
    return process
        .toHandle()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  /**
   * Waits until the SCIM server has finished every request sent so far: a request a client gave up
   * on (a read timeout) is still served, and the next scenario must not be measured beside it.
   * {@code GET /ServiceProviderConfig} queues behind those not started yet; then the server's CPU
   * use must fall under a tenth of a core for a second (at most 10 minutes in all).
   */
  void drain() throws IOException, InterruptedException {
    long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
    try (HttpConnection connection = new HttpConnection(scim.host(), scim.port())) {
      connection.timeout(Duration.ofMinutes(10));
      HttpConnection.Answer answer =
          connection.send("GET", scim.basePath() + "/ServiceProviderConfig", scim.token(), null);
      if (!answer.ok()) {
        throw new IllegalStateException("GET /ServiceProviderConfig answered " + answer.status());
      }
    }
    double before = cpuSeconds();
    while (System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      double now = cpuSeconds();
      if (!(now - before >= 0.1)) { // NaN where the OS does not say: do not wait
        return;
      }
      before = now;
    }
  }

  /** Asks the server for a full garbage collection, between scenarios. */
  void collectGarbage() throws IOException {
    try (HttpConnection connection = new HttpConnection(bare.host(), bare.port())) {
      connection.send("POST", bare.basePath() + "/gc", null, null);
    }
  }

  /** Closes the server's standard input, which stops it, and waits for it to exit. */
  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
