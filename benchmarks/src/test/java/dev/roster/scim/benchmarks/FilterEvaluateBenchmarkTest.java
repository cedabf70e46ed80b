package dev.roster.scim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FilterEvaluateBenchmarkTest {
  @ParameterizedTest
  @ValueSource(strings = {"eq", "enterprise", "valuePath", "mixed"})
  void everyFilterMatchesTheEnterpriseUser(String filter) {
    FilterEvaluateBenchmark benchmark = new FilterEvaluateBenchmark();
    benchmark.filter = filter;
    benchmark.setUp();

    assertThat(benchmark.matches()).isTrue();
    assertThat(benchmark.matches()).isTrue();
  }
}
