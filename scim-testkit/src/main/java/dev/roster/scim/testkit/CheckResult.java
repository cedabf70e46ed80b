package dev.roster.scim.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one check.
 *
 * @param suite the suite the check belongs to
 * @param number the check's position in its suite, from 1; {@link #id()} shows it as reports, JUnit
 *     and {@code --check} do
 * @param name what the check proves, e.g. {@code Create a duplicate user: 409 Conflict}
 * @param reference where the expected behaviour is written down, a public document a user can open:
 *     e.g. {@code RFC 7644 §3.4.2.2: https://www.rfc-editor.org/rfc/rfc7644#section-3.4.2.2} or a
 *     Microsoft Learn or Okta documentation page
 * @param outcome passed, failed or skipped
 * @param message one line: why it failed or was skipped; empty when it passed
 * @param details for a failure: what was expected, what was found, where that is specified, and the
 *     request and response; otherwise empty
 * @param notes observations that did not fail the check (warnings, cleanup that was not possible)
 * @param transcript every HTTP exchange of the check, cleanup included
 * @param duration how long the check took
 */
public record CheckResult(
    Suite suite,
    int number,
    String name,
    String reference,
    Outcome outcome,
    String message,
    String details,
    List<String> notes,
    String transcript,
    Duration duration) {

  /** Validates and copies. */
  public CheckResult {
    requireNonNull(suite, "suite");
    requireNonNull(name, "name");
    requireNonNull(reference, "reference");
    requireNonNull(outcome, "outcome");
    requireNonNull(message, "message");
    requireNonNull(details, "details");
    notes = List.copyOf(notes);
    requireNonNull(transcript, "transcript");
    requireNonNull(duration, "duration");
  }

  /**
   * The check's one identifier, e.g. {@code rfc:18}: the console, the HTML and JUnit XML reports
   * and the JUnit display names show it, and {@code --check rfc:18} (or {@link
   * TestkitOptions.Builder#checks}) selects the check by it.
   */
  public String id() {
    return suite.id() + ":" + number;
  }

  /** What happened to a check. */
  public enum Outcome {
    /** The server behaved as the client expects. */
    PASSED,
    /** The server did not. */
    FAILED,
    /** The check does not apply (profile, or what the server advertises). */
    SKIPPED
  }
}
