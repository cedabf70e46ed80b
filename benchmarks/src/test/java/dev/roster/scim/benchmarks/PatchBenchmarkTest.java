package dev.roster.scim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.resource.ScimResource;
import org.junit.jupiter.api.Test;

class PatchBenchmarkTest {
  @Test
  void appliesEveryOperation() throws Exception {
    PatchBenchmark benchmark = new PatchBenchmark();
    benchmark.setUp();

    ScimResource patched = benchmark.apply();

    assertThat(patched.get("displayName").asText()).isEqualTo("Babs Jensen");
    assertThat(patched.get("active").booleanValue()).isFalse();
    assertThat(patched.get("name").get("givenName").asText()).isEqualTo("Barbara");
    assertThat(patched.get("emails").get(0).get("value").asText()).isEqualTo("bjensen@example.com");
    assertThat(benchmark.readAndApply()).isEqualTo(patched);
  }
}
