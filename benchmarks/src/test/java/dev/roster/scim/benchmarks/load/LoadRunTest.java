package dev.roster.scim.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the whole load run for a moment, on a small seed, in memory and on H2: the server process
 * starts, seeding succeeds, and every scenario's every kind of request is answered with 2xx only,
 * the floor on H2 alone, and the large group step (with groups of 100) too. No timing is asserted:
 * this checks that the run works, not how fast anything is.
 */
class LoadRunTest {
  @TempDir Path dir;

  @Test
  void everyScenarioAnswersWithSuccessOnEveryStore() throws Exception {
    Path out = dir.resolve("load-results.md");
    LoadRun.Settings settings =
        LoadRun.Settings.parse(
            new String[] {
              "--stores", "memory,h2",
              "--users", "300",
              "--pool", "8",
              "--connections", "4",
              "--seed-connections", "2",
              "--warmup", "0.3",
              "--measure", "0.7",
              "--group-size", "100",
              "--group-rounds", "2",
              "--server-jvm", "-Xmx256m -XX:TieredStopAtLevel=1",
              "--out", out.toString()
            },
            Map.of());
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    Report report = LoadRun.run(settings, new PrintStream(log, true, StandardCharsets.UTF_8));

    assertThat(report.stores())
        .extracting(Report.StoreResult::store)
        .containsExactly("memory", "h2");
    List<String> throughput =
        Scenarios.ALL.stream().filter(s -> !s.equals(Scenarios.GROUP_10K)).toList();
    List<String> withoutFloor =
        throughput.stream().filter(s -> !s.equals(Scenarios.FLOOR)).toList();
    assertThat(report.stores().get(0).rows())
        .extracting(Measurement::scenario)
        .as("in memory there is no floor")
        .isEqualTo(withoutFloor);
    assertThat(report.stores().get(1).rows())
        .extracting(Measurement::scenario)
        .isEqualTo(throughput);
    assertThat(report.stores().get(1).find(Scenarios.FLOOR).bytesPerResponse())
        .as("the row of scim_users as JSON")
        .isGreaterThan(500);
    for (Report.StoreResult store : report.stores()) {
      LargeGroupRun.Result groups = store.groups();
      assertThat(groups.requests())
          .extracting(LargeGroupRun.Timed::kind)
          .containsExactly("create", "replace", "delete", "create", "replace", "delete");
      assertThat(groups.requests())
          .as("%s: %s", store.store(), groups.requests())
          .allMatch(LargeGroupRun.Timed::ok);
      assertThat(store.statistics()).as("not PostgreSQL").isNull();
      assertThat(store.seeding().usersCreated()).isEqualTo(308);
      for (Measurement row : store.rows()) {
        assertThat(row.errors())
            .as("%s %s: %s", store.store(), row.scenario(), row.errorSamples())
            .isZero();
        for (int kind = 0; kind < row.kinds().size(); kind++) {
          assertThat(row.requests(kind))
              .as("%s %s %s", store.store(), row.scenario(), row.kinds().get(kind))
              .isPositive();
        }
      }
      // Both answer an enterprise user of about 3 KB: the ceiling is compared with a like answer.
      assertThat(store.find(Scenarios.BARE).bytesPerResponse()).isGreaterThan(2_800);
      assertThat(store.find(Scenarios.GET).bytesPerResponse()).isGreaterThan(2_800);
    }
    String markdown = Files.readString(out);
    assertThat(markdown)
        .contains(
            "| memory | get |",
            "| h2 | floor |",
            "| h2 | entra-sync |",
            "| h2 | cursor-deep |",
            "Targets:",
            "| memory | GET by id ≥ 0.7 × bare requests/s |",
            "| h2 | GET by id ≥ 0.7 × the floor (primary-key SELECT through the same pool) |",
            "| h2 | page of 100 ≥ 0.25 × GET by id | page-first ",
            "| h2 | 100-member group create ≤ 1 s, every run |",
            "| memory | full member replace of 100 (50 kept) ≤ 1 s, every run |",
            "| h2 | 100 | 2 |");
  }

  @Test
  void bareEndpointServesTheCompactEnterpriseUser() {
    byte[] user = LoadServer.compactEnterpriseUser();

    assertThat(user.length).isBetween(2_800, 3_700);
    assertThat(new String(user, StandardCharsets.UTF_8))
        .startsWith("{\"schemas\":")
        .contains("\"userName\":\"bjensen@example.com\"");
  }
}
