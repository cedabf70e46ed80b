package dev.roster.scim.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * Reports the CPU time the benchmark threads spent per operation ({@code cpu.ns/op}), beside JMH's
 * wall-clock score: {@code -prof dev.roster.scim.benchmarks.CpuTimeProfiler}.
 *
 * <p>On a machine that other work shares, wall-clock time includes the time the benchmark thread
 * waited for a core; CPU time does not. It leaves out what other threads do for the benchmark
 * (garbage collection, JIT compilation), so it flatters code that allocates a lot: read both.
 */
public final class CpuTimeProfiler implements InternalProfiler {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<Long, Long> before = new HashMap<>();

  @Override
  public String getDescription() {
    return "CPU time of the benchmark threads per operation";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
    before.clear();
    for (Thread thread : workers()) {
      before.put(thread.getId(), THREADS.getThreadCpuTime(thread.getId()));
    }
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(
      BenchmarkParams benchmarkParams, IterationParams iterationParams, IterationResult result) {
    long cpu = 0;
    for (Thread thread : workers()) {
      long now = THREADS.getThreadCpuTime(thread.getId());
      if (now >= 0) {
        cpu += now - before.getOrDefault(thread.getId(), 0L);
      }
    }
    long operations = result.getMetadata().getAllOps();
    if (operations == 0) {
      return List.of();
    }
    return List.of(
        new ScalarResult("cpu.ns/op", (double) cpu / operations, "ns/op", AggregationPolicy.AVG));
  }

  /** JMH's benchmark threads, which it names {@code ...-jmh-worker-N}. */
  private static List<Thread> workers() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().contains("jmh-worker"))
        .toList();
  }
}
