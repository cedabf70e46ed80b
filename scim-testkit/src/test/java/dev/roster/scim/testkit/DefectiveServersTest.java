package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Defects.Defect;
import dev.roster.scim.testkit.Defects.Failure;
import dev.roster.scim.testkit.internal.Runner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
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
 * The testkit tested by broken servers: for every check, a Roster server with one realistic defect
 * injected ({@link Defects}) makes that check fail with a message that names the defect.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DefectiveServersTest {
  /** Every check of every suite, as {@code suite:number} to its name. */
  private static final Map<String, String> CHECKS = checks();

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
    return Defects.all().stream()
        .flatMap(
            defect ->
                defect.failures().stream()
                    .map(
                        failure ->
                            DynamicTest.dynamicTest(
                                defect.name() + " → '" + failure.check() + "' fails",
                                () -> expectFailure(defect, failure))));
  }

  @Test
  void everyCheckOfEverySuiteHasADefectThatFailsIt() {
    Set<String> covered = new LinkedHashSet<>();
    for (Defect defect : Defects.all()) {
      for (Failure failure : defect.failures()) {
        covered.add(selector(failure));
      }
    }
    List<String> uncovered =
        CHECKS.entrySet().stream()
            .filter(check -> !covered.contains(check.getKey()))
            .map(check -> check.getKey() + " " + check.getValue())
            .collect(Collectors.toList());

    assertThat(CHECKS).hasSize(28 + 21 + 20);
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
      TestkitRun run =
          Testkit.of(options().suites(failure.suite()).checks(selector(failure)).build()).run();

      assertThat(run.results()).hasSize(1);
      CheckResult result = run.results().get(0);
      assertThat(result.outcome())
          .as("%s against a server where %s%n%s", result.name(), defect.name(), result.details())
          .isEqualTo(Outcome.FAILED);
      assertThat(result.message())
          .as("the failure message of %s", result.name())
          .doesNotStartWith("The check could not complete")
          .contains(failure.words());
    } finally {
      proxy.intercept(Proxy.FORWARD);
    }
  }

  private TestkitOptions.Builder options() {
    return TestkitOptions.builder(proxy.baseUrl())
        .bearerToken(RosterServer.TOKEN)
        .profile(Profile.FULL);
  }

  /** The {@code suite:number} of the one check of the suite whose name starts as given. */
  private static String selector(Failure failure) {
    List<String> matches = new ArrayList<>();
    CHECKS.forEach(
        (selector, name) -> {
          if (selector.startsWith(failure.suite().id() + ":") && name.startsWith(failure.check())) {
            matches.add(selector);
          }
        });
    assertThat(matches)
        .as("the %s checks whose names start with '%s'", failure.suite().id(), failure.check())
        .hasSize(1);
    return matches.get(0);
  }

  private static Map<String, String> checks() {
    Runner runner = new Runner(TestkitOptions.builder("http://127.0.0.1:9/scim/v2").build());
    Map<String, String> checks = new LinkedHashMap<>();
    for (Suite suite : Suite.values()) {
      for (int i = 0; i < runner.count(suite); i++) {
        checks.put(suite.id() + ":" + (i + 1), runner.name(suite, i));
      }
    }
    return checks;
  }
}
