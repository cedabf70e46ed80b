package dev.roster.scim.benchmarks;

import com.unboundid.scim2.common.exceptions.BadRequestException;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.filter.FilterParser;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Filter parsing, Roster against the Ping Identity SCIM 2 SDK, on the same {@link Filters} in the
 * same run. Each invocation parses the next filter of the list, so one score is the mean over all
 * of them; neither parser keeps results of earlier parses, so every invocation is a real parse
 * (what a server sees: the same shapes again and again, rarely the same string twice).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 12, time = 2)
@Measurement(iterations = 8, time = 2)
public class FilterParseBenchmark {
  private final String[] filters = Filters.ALL.toArray(new String[0]);
  private final FilterParser parser = FilterParser.withDefaults();
  private int next;

  private String nextFilter() {
    String filter = filters[next];
    next = next + 1 == filters.length ? 0 : next + 1;
    return filter;
  }

  /** The cost of picking the next filter, which both parser scores include. */
  @Benchmark
  public String baseline() {
    return nextFilter();
  }

  /** Roster's {@link FilterParser#parse}. */
  @Benchmark
  public Filter roster() {
    return parser.parse(nextFilter());
  }

  /** The Ping SDK's {@code Filter.fromString}. */
  @Benchmark
  public com.unboundid.scim2.common.filters.Filter ping() throws BadRequestException {
    return com.unboundid.scim2.common.filters.Filter.fromString(nextFilter());
  }
}
