package dev.roster.scim.benchmarks;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.filter.FilterEvaluator;
import dev.roster.scim.filter.FilterParser;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * In-memory filter evaluation on RFC 7643 §8.3's full enterprise user, one filter per run as a
 * search applies one filter to many resources (the evaluator compiles a filter once and reuses the
 * compilation while the same filter is evaluated again).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilterEvaluateBenchmark {
  static final Map<String, String> FILTERS =
      Map.of(
          "eq",
          "userName eq \"bjensen@example.com\"",
          "enterprise",
          "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq"
              + " \"26118915-6090-4610-87e4-49d8ca9f808d\"",
          "valuePath",
          "emails[type eq \"work\" and value co \"@example.com\"]",
          "mixed",
          "userType eq \"Employee\" and (title sw \"Tour\" or addresses[type eq \"home\" and"
              + " locality eq \"Santa Monica\"]) and not (meta.lastModified lt"
              + " \"2010-01-01T00:00:00Z\")");

  /** Which of {@link #FILTERS}. */
  @Param({"eq", "enterprise", "valuePath", "mixed"})
  public String filter;

  private FilterEvaluator evaluator;
  private Filter parsed;
  private ScimResource user;

  @Setup
  public void setUp() {
    evaluator = FilterEvaluator.lenient(SchemaRegistry.standard().resourceSchema("User"));
    parsed = FilterParser.withDefaults().parse(FILTERS.get(filter));
    user = ScimResource.parse(Fixtures.enterpriseUserJson());
  }

  /** {@link FilterEvaluator#matches}; every filter matches the user. */
  @Benchmark
  public boolean matches() {
    return evaluator.matches(parsed, user);
  }
}
