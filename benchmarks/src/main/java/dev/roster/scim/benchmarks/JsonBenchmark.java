package dev.roster.scim.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.roster.scim.core.resource.ScimResource;
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

/** Reading and writing RFC 7643 §8.3's full enterprise user (2.9 KB of JSON). */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsonBenchmark {
  private final String json = Fixtures.enterpriseUserJson();
  private final ScimResource user = ScimResource.parse(json);

  /** {@link ScimResource#parse}: JSON text to a resource. */
  @Benchmark
  public ScimResource read() {
    return ScimResource.parse(json);
  }

  /** {@link ScimResource#toJsonString}: a resource to compact JSON text. */
  @Benchmark
  public String write() {
    return user.toJsonString();
  }

  /** A resource to UTF-8 bytes through Jackson's data binding, as an HTTP response body is. */
  @Benchmark
  public byte[] writeBytes() throws JsonProcessingException {
    return Fixtures.MAPPER.writeValueAsBytes(user);
  }
}
