package dev.roster.scim.testkit;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.internal.Runner;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;

/**
 * Runs the chosen suites against one SCIM endpoint, for programmatic use.
 *
 * <pre>{@code
 * TestkitRun run = Testkit.of(options).run(result -> System.out.println(result.name()));
 * run.writeHtml(Path.of("scim-report.html"));
 * if (!run.successful()) { ... }
 * }</pre>
 *
 * <p>Checks run one after another, in a fixed order; each creates its own users and groups under a
 * unique prefix and deletes them when it ends, passed or not. A {@code Testkit} may run more than
 * once; a run is not thread-safe.
 */
public final class Testkit {
  private final TestkitOptions options;
  private final Map<Suite, List<Integer>> chosen;

  private Testkit(TestkitOptions options) {
    this.options = requireNonNull(options, "options");
    this.chosen = Runner.chosen(options);
  }

  /**
   * A testkit for the endpoint, suites and checks of {@code options}.
   *
   * @throws IllegalArgumentException when a selector of {@link TestkitOptions#checks()} chooses no
   *     check
   */
  public static Testkit of(TestkitOptions options) {
    return new Testkit(options);
  }

  /** Runs every chosen check. */
  public TestkitRun run() {
    return run(result -> {});
  }

  /** Runs every chosen check, telling {@code progress} about each as it finishes. */
  public TestkitRun run(Consumer<CheckResult> progress) {
    requireNonNull(progress, "progress");
    Instant started = Instant.now();
    long begin = System.nanoTime();
    Runner runner = new Runner(options);
    List<CheckResult> results = new ArrayList<>();
    for (Map.Entry<Suite, List<Integer>> suite : chosen.entrySet()) {
      for (int i : suite.getValue()) {
        CheckResult result = runner.run(suite.getKey(), i);
        results.add(result);
        progress.accept(result);
      }
    }
    return new TestkitRun(options, results, started, Duration.ofNanos(System.nanoTime() - begin));
  }

  /** How many checks a run of these options has. */
  public int size() {
    return chosen.values().stream().mapToInt(List::size).sum();
  }

  /** The chosen checks of {@code suite} as JUnit dynamic tests, or none when it is not chosen. */
  Stream<DynamicTest> dynamicTests(Suite suite) {
    if (!chosen.containsKey(suite)) {
      return Stream.empty();
    }
    Runner runner = new Runner(options);
    return chosen.get(suite).stream()
        .map(
            i ->
                DynamicTest.dynamicTest(
                    runner.displayName(suite, i), () -> assertPassed(runner.run(suite, i))));
  }

  private static void assertPassed(CheckResult result) {
    for (String note : result.notes()) {
      System.out.println("[scim-testkit] " + result.name() + ": " + note);
    }
    if (result.outcome() == Outcome.FAILED) {
      Assertions.fail(result.message() + "\n" + result.details());
    } else if (result.outcome() == Outcome.SKIPPED) {
      Assumptions.abort(result.message());
    }
  }
}
