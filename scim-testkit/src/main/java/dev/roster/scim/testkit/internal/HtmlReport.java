package dev.roster.scim.testkit.internal;

import static dev.roster.scim.testkit.internal.Markup.attribute;
import static dev.roster.scim.testkit.internal.Markup.escape;

import dev.roster.scim.testkit.CheckResult;
import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.TestkitRun;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A self-contained HTML page of a run: the summary, then each suite's checks with failures and
 * notes in full and each check's HTTP transcript folded. It is also well-formed XML (XHTML syntax),
 * so tools can parse it.
 */
public final class HtmlReport {
  private HtmlReport() {}

  /** The page for {@code run}. */
  public static String render(TestkitRun run) {
    StringBuilder html = new StringBuilder(64 * 1024);
    html.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n");
    html.append("<head>\n<meta charset=\"utf-8\"/>\n<title>SCIM testkit: ")
        .append(escape(run.summary()))
        .append("</title>\n<style>\n")
        .append(
            "body{font:14px/1.45 system-ui,sans-serif;margin:2em;color:#222}"
                + "h1{font-size:1.4em}h2{font-size:1.15em;margin-top:2em}"
                + "table{border-collapse:collapse;width:100%}"
                + "td,th{border-bottom:1px solid #ddd;padding:.35em .5em;text-align:left;"
                + "vertical-align:top}"
                + ".passed .outcome{color:#176f2c}.failed .outcome{color:#b00020;font-weight:bold}"
                + ".skipped .outcome{color:#777}.ref{color:#555;font-size:.9em}"
                + "pre{background:#f6f6f6;padding:.6em;overflow-x:auto;font-size:12px;"
                + "white-space:pre-wrap}"
                + ".summary{font-size:1.1em;font-weight:bold}.note{color:#8a5a00}\n")
        .append("</style>\n</head>\n<body>\n");
    html.append("<h1>Roster SCIM testkit</h1>\n<p>Endpoint <code>")
        .append(escape(run.options().baseUrl().toString()))
        .append("</code>, profile <code>")
        .append(escape(run.options().profile().id()))
        .append("</code>, suites <code>")
        .append(
            escape(
                run.options().suites().stream().map(Suite::id).collect(Collectors.joining(", "))))
        .append("</code>; started ")
        .append(escape(run.started().toString()))
        .append(", took ")
        .append(run.duration().toMillis())
        .append(" ms.</p>\n<p class=\"summary\" id=\"summary\">")
        .append(escape(run.summary()))
        .append("</p>\n");
    for (Suite suite : run.options().suites()) {
      List<CheckResult> results =
          run.results().stream().filter(r -> r.suite() == suite).collect(Collectors.toList());
      html.append("<h2 id=\"")
          .append(suite.id())
          .append("\">")
          .append(escape(suite.title()))
          .append(
              "</h2>\n<table>\n<tr><th>Check id</th><th>Check</th><th>Outcome</th><th>ms</th></tr>\n");
      for (CheckResult result : results) {
        row(html, result);
      }
      html.append("</table>\n");
    }
    html.append("</body>\n</html>\n");
    return html.toString();
  }

  private static void row(StringBuilder html, CheckResult result) {
    String outcome = result.outcome().name().toLowerCase(Locale.ROOT);
    html.append("<tr class=\"")
        .append(outcome)
        .append("\" id=\"")
        .append(attribute(result.suite().id() + "-" + result.number()))
        .append("\"><td>")
        .append(escape(result.id()))
        .append("</td><td>")
        .append(escape(result.name()))
        .append("<div class=\"ref\">")
        .append(escape(result.reference()))
        .append("</div>");
    if (result.outcome() == Outcome.SKIPPED) {
      html.append("<div>Skipped: ").append(escape(result.message())).append("</div>");
    }
    if (result.outcome() == Outcome.FAILED) {
      html.append("<pre>").append(escape(result.details())).append("</pre>");
    }
    for (String note : result.notes()) {
      html.append("<div class=\"note\">Note: ").append(escape(note)).append("</div>");
    }
    if (!result.transcript().isEmpty()) {
      html.append("<details><summary>HTTP transcript</summary><pre>")
          .append(escape(result.transcript()))
          .append("</pre></details>");
    }
    html.append("</td><td class=\"outcome\">")
        .append(result.outcome().name())
        .append("</td><td>")
        .append(result.duration().toMillis())
        .append("</td></tr>\n");
  }
}
