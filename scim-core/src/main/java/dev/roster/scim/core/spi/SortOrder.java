package dev.roster.scim.core.spi;

/** The {@code sortOrder} of RFC 7644 §3.4.2.3. */
public enum SortOrder {
  /** Smallest first; the default. */
  ASCENDING,
  /** Largest first. */
  DESCENDING
}
