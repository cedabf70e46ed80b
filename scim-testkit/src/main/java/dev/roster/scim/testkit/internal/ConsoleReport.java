package dev.roster.scim.testkit.internal;

import dev.roster.scim.testkit.CheckResult;
import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.TestkitOptions;
import java.io.PrintStream;
import java.util.stream.Collectors;

/** Progress on a console: one line per check as it finishes, failures in full. */
public final class ConsoleReport {
  private static final String INDENT = "          ";

  private final PrintStream out;
  private final int total;

  /** Reports to {@code out} a run of {@code total} checks. */
  public ConsoleReport(PrintStream out, int total) {
    this.out = out;
    this.total = total;
  }

  /** The first lines: what is tested, how. */
  public void header(TestkitOptions options) {
    out.println("Roster SCIM testkit: " + options.baseUrl());
    out.println(
        "  suites "
            + options.suites().stream().map(Suite::id).collect(Collectors.joining(", "))
            + "; profile "
            + options.profile().id()
            + "; "
            + total
            + " checks");
    out.println();
  }

  /** One finished check. */
  public void result(CheckResult result) {
    String word =
        result.outcome() == Outcome.PASSED
            ? "PASS"
            : result.outcome() == Outcome.FAILED ? "FAIL" : "SKIP";
    StringBuilder line = new StringBuilder();
    line.append(word)
        .append(' ')
        .append(String.format("%-8s", result.id()))
        .append(' ')
        .append(result.name());
    if (result.outcome() == Outcome.SKIPPED) {
      line.append(" (").append(result.message()).append(')');
    } else {
      line.append(" (").append(result.duration().toMillis()).append(" ms)");
    }
    out.println(line);
    if (result.outcome() == Outcome.FAILED) {
      for (String detail : result.details().split("\n")) {
        out.println(INDENT + detail);
      }
    }
    for (String note : result.notes()) {
      out.println(INDENT + "note: " + note);
    }
    out.flush();
  }
}
