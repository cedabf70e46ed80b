package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.testkit.CheckResult.Outcome;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every suite in every profile passes against Roster's own server and leaves nothing behind. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SuitesAgainstRosterTest {
  private RosterServer server;

  @BeforeAll
  void start() {
    server = RosterServer.start();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @EnumSource(Profile.class)
  void everySuitePassesAgainstRosterAndLeavesNothingBehind(Profile profile) throws Exception {
    TestkitRun run = Testkit.of(server.options().profile(profile).build()).run();

    List<String> failed =
        run.results().stream()
            .filter(r -> r.outcome() == Outcome.FAILED)
            .map(r -> r.suite().id() + ": " + r.name())
            .collect(Collectors.toList());
    assertThat(failed).as(failures(run)).isEmpty();
    assertThat(run.passed()).isGreaterThan(profile == Profile.USERS ? 40 : 55);
    List<String> skipped =
        run.results().stream()
            .filter(r -> r.outcome() == Outcome.SKIPPED)
            .map(r -> r.suite().id() + ": " + r.name() + " — " + r.message())
            .collect(Collectors.toList());
    if (profile == Profile.FULL) {
      assertThat(skipped).isEmpty();
    } else {
      assertThat(skipped)
          .anyMatch(
              s ->
                  s.contains(
                      "profile maps no urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager"));
    }
    if (profile == Profile.USERS) {
      assertThat(skipped).anyMatch(s -> s.contains("provisions no groups"));
    }
    assertThat(BrokenServersTest.usersLeft(server)).as("users left after the run").isZero();
    assertThat(BrokenServersTest.count(server, "/Groups")).as("groups left").isZero();
  }

  static String failures(TestkitRun run) {
    return run.results().stream()
        .filter(r -> r.outcome() == Outcome.FAILED)
        .map(r -> "\n=== " + r.id() + " " + r.name() + "\n" + r.details())
        .collect(Collectors.joining());
  }
}
