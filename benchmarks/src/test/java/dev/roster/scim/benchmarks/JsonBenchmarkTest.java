package dev.roster.scim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.resource.ScimResource;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonBenchmarkTest {
  private final JsonBenchmark benchmark = new JsonBenchmark();

  @Test
  void readsTheFullEnterpriseUser() {
    ScimResource user = benchmark.read();

    assertThat(user.id()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat(user.extension("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"))
        .isPresent();
  }

  @Test
  void writesWhatItRead() throws Exception {
    ScimResource user = benchmark.read();

    assertThat(ScimResource.parse(benchmark.write())).isEqualTo(user);
    assertThat(ScimResource.parse(new String(benchmark.writeBytes(), StandardCharsets.UTF_8)))
        .isEqualTo(user);
  }
}
