package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.testkit.Defects.Defect;
import dev.roster.scim.testkit.Defects.Failure;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The testkit tested by broken servers: for every check of the default suites, a Roster server with
 * one realistic defect injected ({@link Defects}) makes that check fail with a message that names
 * the defect. The auth suite's checks have their own, with a token endpoint and two tenants: {@link
 * DefectiveAuthServersTest}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefectiveServersTest {
  /** Every check of the default suites, as {@code suite:number} to its name. */
  private static final Map<String, String> CHECKS = Defects.checks(Suite.defaults());

  private RosterServer roster;
  private Proxy proxy;

  @BeforeAll
  void start() throws IOException {
    roster = RosterServer.start();
    proxy = Proxy.intercepting(roster.baseUrl(), Proxy.FORWARD);
  }

  @AfterAll
  void stop() {
    proxy.close();
    roster.close();
  }

  @TestFactory
  Stream<DynamicTest> eachDefectFailsItsChecksWithAMessageNamingIt() {
    return Defects.tests(Defects.all(), this::expectFailure);
  }

  @Test
  void everyCheckOfTheDefaultSuitesHasADefectThatFailsIt() {
    Set<String> covered = Defects.covered(Defects.all(), CHECKS);
    List<String> uncovered =
        CHECKS.entrySet().stream()
            .filter(check -> !covered.contains(check.getKey()))
            .map(check -> check.getKey() + " " + check.getValue())
            .collect(Collectors.toList());

    assertThat(CHECKS).hasSize(28 + 21 + 25);
    assertThat(uncovered).as("checks that no defect makes fail").isEmpty();
  }

  @Test
  void defectsHaveDistinctNamesAndEachFailsAtLeastOneCheck() {
    List<String> names = Defects.all().stream().map(Defect::name).collect(Collectors.toList());

    assertThat(names).doesNotHaveDuplicates();
    assertThat(Defects.all()).allSatisfy(defect -> assertThat(defect.failures()).isNotEmpty());
  }

  @Test
  void withoutADefectTheProxiedServerPassesEveryCheck() {
    proxy.intercept(Proxy.FORWARD);
    TestkitRun run = Testkit.of(options().build()).run();

    assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
    assertThat(run.skipped()).isZero();
  }

  private void expectFailure(Defect defect, Failure failure) {
    proxy.intercept(defect.interceptor());
    try {
      Defects.expectFailure(
          defect,
          failure,
          options().suites(failure.suite()).checks(Defects.selector(CHECKS, failure)).build());
    } finally {
      proxy.intercept(Proxy.FORWARD);
    }
  }

  private TestkitOptions.Builder options() {
    return TestkitOptions.builder(proxy.baseUrl())
        .bearerToken(RosterServer.TOKEN)
        .profile(Profile.FULL);
  }
}
