package dev.roster.scim.testkit.internal;

/** Thrown by a check that finds, while running, that it does not apply to this server. */
final class CheckSkipped extends RuntimeException {
  private static final long serialVersionUID = 1L;

  CheckSkipped(String reason) {
    super(reason, null, false, false);
  }
}
