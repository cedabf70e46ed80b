package dev.roster.scim.testkit.internal;

import static dev.roster.scim.testkit.internal.Markup.attribute;
import static dev.roster.scim.testkit.internal.Markup.escape;

import dev.roster.scim.testkit.CheckResult;
import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.TestkitRun;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The JUnit XML format CI servers read (the Ant/Surefire dialect): one {@code testsuite} per suite,
 * one {@code testcase} per check, failures with the full details, skips with the reason.
 */
public final class JunitXmlReport {
  private JunitXmlReport() {}

  /** The XML document for {@code run}. */
  public static String render(TestkitRun run) {
    StringBuilder xml = new StringBuilder(64 * 1024);
    xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.append("<testsuites name=\"Roster SCIM testkit\" tests=\"")
        .append(run.results().size())
        .append("\" failures=\"")
        .append(run.failed())
        .append("\" errors=\"0\" skipped=\"")
        .append(run.skipped())
        .append("\" time=\"")
        .append(seconds(run.duration()))
        .append("\">\n");
    for (Suite suite : run.options().suites()) {
      List<CheckResult> results =
          run.results().stream().filter(r -> r.suite() == suite).collect(Collectors.toList());
      Duration time =
          results.stream().map(CheckResult::duration).reduce(Duration.ZERO, Duration::plus);
      xml.append("  <testsuite name=\"scim-testkit.")
          .append(suite.id())
          .append("\" tests=\"")
          .append(results.size())
          .append("\" failures=\"")
          .append(count(results, Outcome.FAILED))
          .append("\" errors=\"0\" skipped=\"")
          .append(count(results, Outcome.SKIPPED))
          .append("\" time=\"")
          .append(seconds(time))
          .append("\" timestamp=\"")
          .append(attribute(run.started().toString()))
          .append("\">\n");
      xml.append("    <properties>\n");
      property(xml, "url", run.options().baseUrl().toString());
      property(xml, "profile", run.options().profile().id());
      xml.append("    </properties>\n");
      for (CheckResult result : results) {
        testcase(xml, result);
      }
      xml.append("  </testsuite>\n");
    }
    xml.append("</testsuites>\n");
    return xml.toString();
  }

  private static void testcase(StringBuilder xml, CheckResult result) {
    xml.append("    <testcase classname=\"scim-testkit.")
        .append(result.suite().id())
        .append("\" name=\"")
        .append(attribute(result.id() + " " + result.name()))
        .append("\" time=\"")
        .append(seconds(result.duration()))
        .append("\">\n");
    if (result.outcome() == Outcome.FAILED) {
      xml.append("      <failure message=\"")
          .append(attribute(result.message()))
          .append("\" type=\"")
          .append(attribute(result.reference()))
          .append("\">")
          .append(escape(result.details()))
          .append("</failure>\n");
    } else if (result.outcome() == Outcome.SKIPPED) {
      xml.append("      <skipped message=\"").append(attribute(result.message())).append("\"/>\n");
    }
    StringBuilder out = new StringBuilder();
    result.notes().forEach(note -> out.append("Note: ").append(note).append('\n'));
    out.append(result.transcript());
    if (out.length() > 0) {
      xml.append("      <system-out>").append(escape(out.toString())).append("</system-out>\n");
    }
    xml.append("    </testcase>\n");
  }

  private static void property(StringBuilder xml, String name, String value) {
    xml.append("      <property name=\"")
        .append(attribute(name))
        .append("\" value=\"")
        .append(attribute(value))
        .append("\"/>\n");
  }

  private static long count(List<CheckResult> results, Outcome outcome) {
    return results.stream().filter(r -> r.outcome() == outcome).count();
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3f", duration.toNanos() / 1e9);
  }
}
