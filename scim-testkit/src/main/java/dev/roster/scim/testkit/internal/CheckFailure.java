package dev.roster.scim.testkit.internal;

/**
 * Thrown by a check when the server did not behave as the client expects: what was expected, what
 * was found, the exchange it is about and, when more precise than the check's own, the
 * specification reference.
 */
final class CheckFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String expected;
  private final String found;
  private final transient Exchange exchange;
  private final String reference;

  CheckFailure(String expected, String found, Exchange exchange) {
    this(expected, found, exchange, null);
  }

  CheckFailure(String expected, String found, Exchange exchange, String reference) {
    super("Expected " + expected + "; found " + found, null, false, false);
    this.expected = expected;
    this.found = found;
    this.exchange = exchange;
    this.reference = reference;
  }

  /** The same failure, pointing at a more precise part of the specification. */
  CheckFailure see(String moreReference) {
    return new CheckFailure(expected, found, exchange, moreReference);
  }

  String expected() {
    return expected;
  }

  String found() {
    return found;
  }

  /** The exchange the failure is about, or null. */
  Exchange exchange() {
    return exchange;
  }

  /** A more precise reference than the check's, or null. */
  String reference() {
    return reference;
  }
}
