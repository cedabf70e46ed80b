package dev.roster.scim.testkit;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.List;

/**
 * The outcome of one check.
 *
 * @param suite the suite the check belongs to
 * @param number the check's position in its suite, from 1
 * @param name what the check proves, e.g. {@code Create a duplicate user: 409 Conflict}
 * @param reference where the expected behaviour is written down, e.g. {@code entra-traffic.md §6}
 *     or {@code RFC 7644 §3.4.2.2}
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
