package dev.roster.scim.benchmarks.load;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;

/**
 * Runs one scenario over a fixed number of keep-alive connections, one thread each, closed loop:
 * each virtual user sends its next request as soon as the previous answer is read. Warm-up first,
 * then the measured interval; only requests answered within the measured interval count, and every
 * one of them is timed (no sampling, no coordinated-omission correction: it is a closed loop, so
 * latency is what a client with that many connections sees).
 */
final class LoadGenerator {
  private LoadGenerator() {}

  /** Hooks called by the driver's thread at the start and end of the measured interval. */
  interface Clock {
    void measureStarts();

    void measureEnds();
  }

  static Measurement run(
      Scenario scenario, int connections, Duration warmup, Duration measure, Clock clock)
      throws InterruptedException {
    Worker[] workers = new Worker[connections];
    long[] window = new long[2];
    CyclicBarrier start =
        new CyclicBarrier(
            connections + 1,
            () -> {
              window[0] = System.nanoTime() + warmup.toNanos();
              window[1] = window[0] + measure.toNanos();
            });
    Thread[] threads = new Thread[connections];
    for (int i = 0; i < connections; i++) {
      workers[i] = new Worker(scenario, scenario.sessions().session(i, connections), start, window);
      threads[i] = new Thread(workers[i], "load-" + scenario.name() + "-" + i);
      threads[i].setDaemon(true);
      threads[i].start();
    }
    try {
      start.await();
    } catch (BrokenBarrierException e) {
      throw new IllegalStateException(e);
    }
    sleepUntil(window[0]);
    clock.measureStarts();
    sleepUntil(window[1]);
    clock.measureEnds();
    for (Thread thread : threads) {
      thread.join(60_000);
      if (thread.isAlive()) {
        throw new IllegalStateException(thread.getName() + " did not stop within 60 s");
      }
    }
    return Measurement.of(scenario, measure, Arrays.asList(workers));
  }

  private static void sleepUntil(long nanoTime) throws InterruptedException {
    long left;
    while ((left = nanoTime - System.nanoTime()) > 0) {
      Thread.sleep(Math.max(1, left / 1_000_000), 0);
    }
  }

  /** One connection's loop and what it saw. */
  static final class Worker implements Runnable {
    private final Scenario scenario;
    private final Scenario.Session session;
    private final CyclicBarrier start;
    private final long[] window;
    final long[][] latencies;
    final int[] counts;
    long errors;
    long bytes;
    final List<String> errorSamples = new ArrayList<>();

    Worker(Scenario scenario, Scenario.Session session, CyclicBarrier start, long[] window) {
      this.scenario = scenario;
      this.session = session;
      this.start = start;
      this.window = window;
      int kinds = scenario.kinds().size();
      this.latencies = new long[kinds][4096];
      this.counts = new int[kinds];
    }

    @Override
    public void run() {
      Scenario.Endpoint endpoint = scenario.endpoint();
      try (HttpConnection connection = new HttpConnection(endpoint.host(), endpoint.port())) {
        start.await();
        long measureStart = window[0];
        long measureEnd = window[1];
        while (true) {
          Scenario.Request request = session.next();
          long sent = System.nanoTime();
          if (sent - measureEnd >= 0) {
            return;
          }
          HttpConnection.Answer answer = null;
          String failure = null;
          try {
            answer =
                connection.send(
                    request.method(),
                    endpoint.basePath() + request.path(),
                    endpoint.token(),
                    request.body());
          } catch (IOException | RuntimeException e) {
            failure = e.toString();
          }
          long answered = System.nanoTime();
          boolean counted = answered - measureStart >= 0 && answered - measureEnd <= 0;
          if (counted) {
            record(request.kind(), answered - sent);
            if (answer != null) {
              bytes += answer.bodyLength();
            }
          }
          if (answer == null || !answer.ok()) {
            errors++; // warm-up included: every answer of the run must be a success
          }
          if (answer == null) {
            sample(request, failure);
            session.failed(request);
          } else {
            if (!answer.ok()) {
              sample(request, answer.status() + " " + abbreviate(connection.body()));
            }
            session.answered(request, answer, connection);
          }
        }
      } catch (InterruptedException | BrokenBarrierException e) {
        Thread.currentThread().interrupt();
      }
    }

    private void record(int kind, long nanos) {
      long[] list = latencies[kind];
      if (counts[kind] == list.length) {
        list = latencies[kind] = Arrays.copyOf(list, list.length * 2);
      }
      list[counts[kind]++] = nanos;
    }

    private void sample(Scenario.Request request, String what) {
      if (errorSamples.size() < 3) {
        errorSamples.add(request.method() + " " + abbreviate(request.path()) + ": " + what);
      }
    }

    private static String abbreviate(String text) {
      return text.length() <= 200 ? text : text.substring(0, 200) + "...";
    }
  }
}
