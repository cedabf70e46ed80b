package dev.roster.scim.benchmarks.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one scenario measured.
 *
 * @param scenario the scenario's name
 * @param what what one request is
 * @param kinds the kinds of request
 * @param seconds the measured interval
 * @param latencies per kind, the latencies in nanoseconds of the requests answered in the measured
 *     interval, sorted
 * @param errors answers that were not 2xx, and failed requests, over warm-up and measurement
 * @param bytes response body bytes read in the measured interval
 * @param errorSamples the first few errors, for the report
 */
record Measurement(
    String scenario,
    String what,
    List<String> kinds,
    double seconds,
    List<long[]> latencies,
    long errors,
    long bytes,
    List<String> errorSamples,
    double serverCpuSeconds,
    double generatorCpuSeconds,
    double databaseCpuSeconds) {

  static Measurement of(Scenario scenario, Duration measure, List<LoadGenerator.Worker> workers) {
    int kinds = scenario.kinds().size();
    List<long[]> latencies = new ArrayList<>();
    for (int k = 0; k < kinds; k++) {
      int total = 0;
      for (LoadGenerator.Worker worker : workers) {
        total += worker.counts[k];
      }
      long[] all = new long[total];
      int at = 0;
      for (LoadGenerator.Worker worker : workers) {
        System.arraycopy(worker.latencies[k], 0, all, at, worker.counts[k]);
        at += worker.counts[k];
      }
      Arrays.sort(all);
      latencies.add(all);
    }
    long errors = 0;
    long bytes = 0;
    List<String> samples = new ArrayList<>();
    for (LoadGenerator.Worker worker : workers) {
      errors += worker.errors;
      bytes += worker.bytes;
      for (String sample : worker.errorSamples) {
        if (samples.size() < 5) {
          samples.add(sample);
        }
      }
    }
    return new Measurement(
        scenario.name(),
        scenario.what(),
        scenario.kinds(),
        measure.toNanos() / 1e9,
        latencies,
        errors,
        bytes,
        samples,
        Double.NaN,
        Double.NaN,
        Double.NaN);
  }

  /**
   * A copy with the CPU time each process used in the measured interval; {@code databaseSeconds}
   * NaN where the database runs inside the server (H2) or there is none.
   */
  Measurement withCpu(double serverSeconds, double generatorSeconds, double databaseSeconds) {
    return new Measurement(
        scenario,
        what,
        kinds,
        seconds,
        latencies,
        errors,
        bytes,
        errorSamples,
        serverSeconds,
        generatorSeconds,
        databaseSeconds);
  }

  /** Requests answered in the measured interval. */
  long requests() {
    long n = 0;
    for (long[] list : latencies) {
      n += list.length;
    }
    return n;
  }

  long requests(int kind) {
    return latencies.get(kind).length;
  }

  double perSecond() {
    return requests() / seconds;
  }

  /** The {@code p}-th percentile (0-100) over every kind, in milliseconds; NaN if none. */
  double percentileMillis(double p) {
    long[] all = new long[(int) requests()];
    int at = 0;
    for (long[] list : latencies) {
      System.arraycopy(list, 0, all, at, list.length);
      at += list.length;
    }
    Arrays.sort(all);
    return percentile(all, p);
  }

  /** The {@code p}-th percentile of one kind, in milliseconds; NaN if none. */
  double percentileMillis(int kind, double p) {
    return percentile(latencies.get(kind), p);
  }

  private static double percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int rank = (int) Math.ceil(p / 100 * sorted.length) - 1; // nearest rank
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))] / 1e6;
  }

  /** Mean response body size. */
  double bytesPerResponse() {
    long n = requests();
    return n == 0 ? Double.NaN : (double) bytes / n;
  }

  /** Server CPU time per request in microseconds. */
  double serverCpuMicros() {
    return serverCpuSeconds * 1e6 / requests();
  }

  /**
   * The database server's CPU time per request in microseconds (every PostgreSQL process on this
   * machine), NaN when not measured.
   */
  double databaseCpuMicros() {
    return databaseCpuSeconds * 1e6 / requests();
  }

  /** Load generator CPU time per request in microseconds. */
  double generatorCpuMicros() {
    return generatorCpuSeconds * 1e6 / requests();
  }
}
