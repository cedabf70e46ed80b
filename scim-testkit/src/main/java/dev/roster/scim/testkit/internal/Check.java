package dev.roster.scim.testkit.internal;

import dev.roster.scim.testkit.Suite;
import java.util.Locale;

/**
 * One check: a name saying what it proves, the document and section that say the server must, when
 * it applies, and a body that talks to the server through a {@link CheckRun}.
 */
record Check(
    Suite suite, int number, String name, String reference, Requirement requirement, Body body) {

  /** What the check does. Throws {@link CheckFailure} or {@link CheckSkipped}, or returns. */
  @FunctionalInterface
  interface Body {
    void run(CheckRun run);
  }

  /** A short code unique within a run, e.g. {@code E07} for the seventh Entra check. */
  String code() {
    return suite.id().substring(0, 1).toUpperCase(Locale.ROOT) + String.format("%02d", number);
  }
}
