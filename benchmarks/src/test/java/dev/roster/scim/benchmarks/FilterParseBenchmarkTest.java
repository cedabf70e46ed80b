package dev.roster.scim.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.filter.FilterParser;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

class FilterParseBenchmarkTest {
  static final java.util.List<String> FILTERS = Filters.ALL;

  @ParameterizedTest
  @FieldSource("FILTERS")
  void bothParsersReadTheSameFilter(String text) throws Exception {
    Filter roster = FilterParser.withDefaults().parse(text);
    com.unboundid.scim2.common.filters.Filter ping =
        com.unboundid.scim2.common.filters.Filter.fromString(text);

    // Ping's reading, printed in its own syntax, means what Roster read.
    assertThat(FilterParser.withDefaults().parse(ping.toString())).isEqualTo(roster);
  }

  @Test
  void eachInvocationParsesTheNextFilter() throws Exception {
    FilterParseBenchmark forRoster = new FilterParseBenchmark();
    FilterParseBenchmark forPing = new FilterParseBenchmark();
    FilterParseBenchmark forBaseline = new FilterParseBenchmark();
    Set<Filter> roster = new HashSet<>();
    Set<String> ping = new HashSet<>();
    for (int i = 0; i < 2 * FILTERS.size(); i++) {
      roster.add(forRoster.roster());
      ping.add(forPing.ping().toString());
      assertThat(forBaseline.baseline()).isEqualTo(FILTERS.get(i % FILTERS.size()));
    }

    assertThat(roster).hasSize(FILTERS.size());
    assertThat(ping).hasSize(FILTERS.size());
    assertThat(FILTERS).hasSizeBetween(18, 25);
  }
}
