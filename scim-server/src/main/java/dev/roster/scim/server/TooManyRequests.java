package dev.roster.scim.server;

import dev.roster.scim.core.error.ScimException;

/** 429, answered with an integer {@code Retry-After} and a SCIM error body. */
final class TooManyRequests extends ScimException {
  private static final long serialVersionUID = 1L;
  private final long retryAfter;

  TooManyRequests(long retryAfter, String detail) {
    super(429, null, detail);
    this.retryAfter = retryAfter;
  }

  /** The whole seconds to wait, at least 1. */
  long retryAfter() {
    return retryAfter;
  }
}
