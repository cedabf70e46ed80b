package dev.roster.scim.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bulk comparison, small, in memory: both ways create every user and the table says so. */
class BulkComparisonTest {
  @Test
  void bothWaysCreateEveryUserAndTheTableReportsThem() throws Exception {
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    BulkComparison.Result result =
        BulkComparison.run("memory", 50, 1, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(result.allCreated()).as(log.toString(StandardCharsets.UTF_8)).isTrue();
    assertThat(result.singleMillis()).isPositive();
    assertThat(result.bulkMillis()).isPositive();
    assertThat(BulkComparison.table(List.of(result)))
        .contains("| memory | 50 |")
        .contains("| yes |");
  }
}
