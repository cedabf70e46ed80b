package dev.roster.scim.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.testkit.CheckResult;
import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.TestkitRun;
import java.util.stream.Collectors;

/** Judges a testkit run. */
public final class TestkitAssertions {
  private TestkitAssertions() {}

  /**
   * Asserts that no check failed, showing each failure's exchange, and that every suite passed some
   * checks, so that "no failure" means something.
   */
  public static void assertNoFailures(TestkitRun run) {
    assertThat(run.results())
        .filteredOn(r -> r.outcome() == Outcome.FAILED)
        .as(failures(run))
        .isEmpty();
    for (Suite suite : run.options().suites()) {
      assertThat(run.results())
          .as(suite.id())
          .anyMatch(r -> r.suite() == suite && r.outcome() == Outcome.PASSED);
    }
  }

  private static String failures(TestkitRun run) {
    return run.summary()
        + run.results().stream()
            .filter(r -> r.outcome() == Outcome.FAILED)
            .map(TestkitAssertions::describe)
            .collect(Collectors.joining());
  }

  private static String describe(CheckResult r) {
    return "\n=== " + r.suite().id() + " #" + r.number() + " " + r.name() + "\n" + r.details();
  }
}
