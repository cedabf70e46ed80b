package dev.roster.scim.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The targets table: which row each store gets, and when a target counts as met. */
class ReportTest {
  /** A measurement of {@code perSecond} requests in one second. */
  private static Measurement measured(String scenario, int perSecond) {
    return new Measurement(
        scenario,
        scenario,
        List.of("get"),
        1.0,
        List.<long[]>of(new long[perSecond]),
        0,
        0,
        List.of(),
        Double.NaN,
        Double.NaN);
  }

  private static Report.StoreResult store(String name, Measurement... rows) {
    return new Report.StoreResult(name, "test", null, Arrays.asList(rows));
  }

  private static String markdown(Report.StoreResult... stores) {
    Report report = new Report();
    for (Report.StoreResult store : stores) {
      report.add(store);
    }
    return report.markdown("header", "footer");
  }

  /** The targets table's row of {@code store} and {@code target}, or null. */
  private static String row(String markdown, String store, String target) {
    String start = "| " + store + " | " + target + " |";
    return markdown.lines().filter(l -> l.startsWith(start)).findFirst().orElse(null);
  }

  @Test
  void onADatabaseTheGetIsHeldAgainstTheFloorAndBareIsForInformation() {
    String met =
        markdown(
            store(
                "postgres", measured("bare", 5000), measured("floor", 1000), measured("get", 700)));
    String missed = markdown(store("h2", measured("floor", 1000), measured("get", 699)));
    String floorTarget = "GET by id ≥ 0.7 × the floor (primary-key SELECT through the same pool)";

    assertThat(row(met, "postgres", floorTarget))
        .contains("GET 700/s, floor 1,000/s: 0.70 ×")
        .endsWith("| met |");
    assertThat(row(met, "postgres", "GET by id against bare (the container without a store)"))
        .contains("0.14 ×")
        .endsWith("| for information |");
    assertThat(row(met, "postgres", "GET by id ≥ 0.7 × bare requests/s")).isNull();
    assertThat(row(missed, "h2", floorTarget)).endsWith("| **missed** |");
  }

  @Test
  void inMemoryTheGetIsHeldAgainstBare() {
    String markdown = markdown(store("memory", measured("bare", 1000), measured("get", 800)));

    assertThat(row(markdown, "memory", "GET by id ≥ 0.7 × bare requests/s"))
        .contains("800 / 1,000 = 0.80 ×")
        .endsWith("| met |");
    assertThat(markdown).doesNotContain("the floor");
  }

  @Test
  void aPageIsHeldAgainstTheGetTheFirstPagesWhenMeasuredElseThePageWalk() {
    String first =
        markdown(
            store("h2", measured("get", 1000), measured("page", 10), measured("page-first", 250)));
    String walk = markdown(store("memory", measured("get", 1000), measured("page", 249)));
    String target = "page of 100 ≥ 0.25 × GET by id";

    assertThat(row(first, "h2", target))
        .contains("page-first 250/s, GET 1,000/s: 0.25 ×")
        .endsWith("| met |");
    assertThat(row(walk, "memory", target))
        .contains("page 249/s, GET 1,000/s: 0.25 ×")
        .endsWith("| **missed** |");
  }
}
