package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.path.AttributePath;

/**
 * How to order search results (RFC 7644 §3.4.2.3): by one attribute, ascending or descending.
 *
 * <p>String values sort by the attribute's {@code caseExact} characteristic; resources without a
 * value sort last in ascending order and first in descending order, as the RFC requires.
 *
 * @param by the attribute to sort by; for a multi-valued attribute, its primary value (or first)
 * @param order the direction
 */
public record Sort(AttributePath by, SortOrder order) {
  public Sort {
    requireNonNull(by, "by");
    requireNonNull(order, "order");
  }
}
