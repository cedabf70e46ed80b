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
        Double.NaN,
        Double.NaN);
  }

  private static Report.StoreResult store(
      String name, LargeGroupRun.Result groups, Measurement... rows) {
    return new Report.StoreResult(name, "test", null, Arrays.asList(rows), groups, null);
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
                "postgres",
                null,
                measured("bare", 5000),
                measured("floor", 1000),
                measured("get", 700)));
    String missed = markdown(store("h2", null, measured("floor", 1000), measured("get", 699)));
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
    String markdown = markdown(store("memory", null, measured("bare", 1000), measured("get", 800)));

    assertThat(row(markdown, "memory", "GET by id ≥ 0.7 × bare requests/s"))
        .contains("800 / 1,000 = 0.80 ×")
        .endsWith("| met |");
    assertThat(markdown).doesNotContain("the floor");
  }

  @Test
  void aPageIsHeldAgainstTheGetTheFirstPagesWhenMeasuredElseThePageWalk() {
    String first =
        markdown(
            store(
                "h2",
                null,
                measured("get", 1000),
                measured("page", 10),
                measured("page-first", 250)));
    String walk = markdown(store("memory", null, measured("get", 1000), measured("page", 249)));
    String target = "page of 100 ≥ 0.25 × GET by id";

    assertThat(row(first, "h2", target))
        .contains("page-first 250/s, GET 1,000/s: 0.25 ×")
        .endsWith("| met |");
    assertThat(row(walk, "memory", target))
        .contains("page 249/s, GET 1,000/s: 0.25 ×")
        .endsWith("| **missed** |");
  }

  /** One request of the group-10k step; unless 2xx, its error is the status and a body. */
  private static LargeGroupRun.Timed timed(int round, String kind, double millis, int status) {
    return new LargeGroupRun.Timed(
        round,
        kind,
        millis,
        status,
        status / 100 == 2 ? null : status + " {\"detail\":\"no | way\"}");
  }

  /** A group-10k result of 10,000-member groups over {@code rounds} rounds. */
  private static LargeGroupRun.Result groups(int rounds, LargeGroupRun.Timed... requests) {
    return new LargeGroupRun.Result(10_000, 5_000, rounds, List.of(requests));
  }

  private static final String CREATE = "10,000-member group create ≤ 1 s, every run";
  private static final String REPLACE =
      "full member replace of 10,000 (5,000 kept) ≤ 1 s, every run";

  @Test
  void theLargeGroupIsMetWhenEveryRequestAnswered2xxWithinASecond() {
    LargeGroupRun.Result groups =
        groups(
            2,
            timed(0, "create", 800, 201),
            timed(0, "replace", 1000, 200),
            timed(0, "delete", 5000, 204),
            timed(1, "create", 600, 201),
            timed(1, "replace", 300, 200),
            timed(1, "delete", 50, 204));
    String markdown = markdown(store("postgres", groups));

    assertThat(row(markdown, "postgres", CREATE))
        .contains("max 800 ms, median 700 ms; all: 800, 600 ms")
        .endsWith("| met |");
    assertThat(row(markdown, "postgres", REPLACE))
        .contains("max 1,000 ms, median 650 ms; all: 1,000, 300 ms")
        .endsWith("| met |");
    assertThat(markdown)
        .contains("| postgres | 10,000 | 1 | 800 (201) | 1,000 (200) | 5,000 (204) |")
        .doesNotContain("First errors");
  }

  @Test
  void oneSlowRequestMissesTheTarget() {
    LargeGroupRun.Result groups =
        groups(
            2,
            timed(0, "create", 800, 201),
            timed(0, "replace", 200, 200),
            timed(0, "delete", 5, 204),
            timed(1, "create", 1000.5, 201),
            timed(1, "replace", 200, 200),
            timed(1, "delete", 5, 204));
    String markdown = markdown(store("postgres-fresh", groups));

    assertThat(row(markdown, "postgres-fresh", CREATE)).endsWith("| **missed** |");
    assertThat(row(markdown, "postgres-fresh", REPLACE)).endsWith("| met |");
  }

  @Test
  void anErrorMissesTheTargetAndItsBodyIsReported() {
    LargeGroupRun.Result groups =
        groups(
            2,
            timed(0, "create", 300, 413),
            timed(1, "create", 400, 201),
            timed(1, "replace", 20, 500),
            timed(1, "delete", 5, 204));
    String markdown = markdown(store("h2", groups));

    assertThat(row(markdown, "h2", CREATE))
        .contains("all: 300 (413), 400 ms")
        .contains("1 of 2 not 2xx, the first: 413 {\"detail\":\"no \\| way\"}")
        .endsWith("| **missed** |");
    assertThat(row(markdown, "h2", REPLACE))
        .contains("1 of 1 not 2xx, the first: 500")
        .contains("1 of 2 not sent (their create failed)")
        .endsWith("| **missed** |");
    assertThat(markdown)
        .contains("| h2 | 10,000 | 1 | 300 (413) | not sent | not sent |")
        .contains("First errors:")
        .contains("- h2 group-10k create, round 1: 413 {\"detail\":\"no | way\"}")
        .contains("- h2 group-10k replace, round 2: 500");
  }

  @Test
  void theStatisticsOfEachPostgresStoreAreListed() {
    Report report = new Report();
    report.add(
        new Report.StoreResult(
            "postgres-fresh",
            "test",
            null,
            List.of(),
            null,
            "autovacuum off. After the run: last ANALYZE never"));
    report.add(new Report.StoreResult("memory", "test", null, List.of(), null, null));

    assertThat(report.markdown("header", "footer"))
        .contains(
            "PostgreSQL statistics:\n\n"
                + "- postgres-fresh: autovacuum off. After the run: last ANALYZE never\n");
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    assertThat(Report.median(new double[] {1, 2, 3})).isEqualTo(2);
    assertThat(Report.median(new double[] {1, 2, 4, 9})).isEqualTo(3);
    assertThat(Report.median(new double[] {7})).isEqualTo(7);
  }
}
