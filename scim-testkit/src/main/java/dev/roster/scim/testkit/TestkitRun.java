package dev.roster.scim.testkit;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.internal.HtmlReport;
import dev.roster.scim.testkit.internal.JunitXmlReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The results of a run, in the order the checks ran, and the reports made from them. Immutable. */
public final class TestkitRun {
  private final TestkitOptions options;
  private final List<CheckResult> results;
  private final Instant started;
  private final Duration duration;

  TestkitRun(
      TestkitOptions options, List<CheckResult> results, Instant started, Duration duration) {
    this.options = requireNonNull(options, "options");
    this.results = List.copyOf(results);
    this.started = requireNonNull(started, "started");
    this.duration = requireNonNull(duration, "duration");
  }

  /** The options the run used. */
  public TestkitOptions options() {
    return options;
  }

  /** Every check's result, in order. */
  public List<CheckResult> results() {
    return results;
  }

  /** When the run started. */
  public Instant started() {
    return started;
  }

  /** How long the run took. */
  public Duration duration() {
    return duration;
  }

  /** How many checks passed. */
  public long passed() {
    return count(Outcome.PASSED);
  }

  /** How many checks failed. */
  public long failed() {
    return count(Outcome.FAILED);
  }

  /** How many checks did not apply. */
  public long skipped() {
    return count(Outcome.SKIPPED);
  }

  /** Whether no check failed. */
  public boolean successful() {
    return failed() == 0;
  }

  /** {@code N passed, N failed}, with {@code , N skipped} when some checks did not apply. */
  public String summary() {
    String summary = passed() + " passed, " + failed() + " failed";
    return skipped() > 0 ? summary + ", " + skipped() + " skipped" : summary;
  }

  /**
   * Writes a self-contained HTML report to {@code file}.
   *
   * @throws IOException when the file cannot be written
   */
  public void writeHtml(Path file) throws IOException {
    write(file, HtmlReport.render(this));
  }

  /**
   * Writes a JUnit XML report (the format CI servers read) to {@code file}.
   *
   * @throws IOException when the file cannot be written
   */
  public void writeJunitXml(Path file) throws IOException {
    write(file, JunitXmlReport.render(this));
  }

  private static void write(Path file, String content) throws IOException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  private long count(Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }
}
