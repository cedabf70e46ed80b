package dev.roster.scim.benchmarks;

import static dev.roster.scim.benchmarks.Fixtures.operation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.patch.PatchOperation;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.patch.PatchEngine;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link PatchEngine} on a small user, with the four operations Microsoft Entra ID sends when a
 * user's details change: a value-filtered path, a sub-attribute, a plain replace and a boolean as a
 * string.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class PatchBenchmark {
  private PatchEngine engine;
  private ScimResource user;
  private JsonNode body;
  private List<PatchOperation> operations;

  @Setup
  public void setUp() throws IOException {
    engine = PatchEngine.lenient(SchemaRegistry.standard().resourceSchema("User"));
    user = Fixtures.entraUser(1).toBuilder().id("2819c223-7f76-453a-919d-413861904646").build();
    body =
        Fixtures.MAPPER.readTree(
            Fixtures.patchBody(
                operation("Replace", "emails[type eq \"work\"].value", "bjensen@example.com"),
                operation("Add", "name.givenName", "Barbara"),
                operation("Replace", "displayName", "Babs Jensen"),
                operation("Replace", "active", "False")));
    operations = engine.readRequest(body);
  }

  /** {@link PatchEngine#apply} of operations already read, schema validation included. */
  @Benchmark
  public ScimResource apply() {
    return engine.apply(user, operations);
  }

  /** {@link PatchEngine#readRequest} (paths parsed) then {@link PatchEngine#apply}. */
  @Benchmark
  public ScimResource readAndApply() {
    return engine.apply(user, engine.readRequest(body));
  }
}
