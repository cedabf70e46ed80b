package dev.roster.scim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MembersBenchmarkTest {
  @Test
  void eachAddAndRemoveChangesTheGroup() {
    MembersBenchmark benchmark = new MembersBenchmark();
    benchmark.members = 10;
    benchmark.setUp();

    long before = version(benchmark.repositoryAddRemove().meta().version());
    assertThat(benchmark.engineAddRemove()).isEqualTo(204 + 204);
    long after = version(benchmark.repositoryAddRemove().meta().version());

    // The store bumps the version only when membership changes: four changes, so all took effect.
    assertThat(after).isEqualTo(before + 4);
  }

  private static long version(String etag) {
    return Long.parseLong(etag.replaceAll("[^0-9]", ""));
  }
}
