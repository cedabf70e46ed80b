package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One resource's place in a search's order, for cursor paging (RFC 9865): its sort value and its
 * id. A repository that {@linkplain ResourceRepository#supportsCursors() supports cursors} orders a
 * search by the sort value, then by id, and resumes a search just after or just before a keyset
 * ({@link Seek}) with a keyset ("seek") condition instead of an offset, so that a page far down the
 * list costs what the first page costs.
 *
 * <p>The engine never compares keysets: it carries the repository's own keysets, signed, in the
 * cursors it hands to clients ({@code nextCursor}, {@code previousCursor}) and gives them back
 * unchanged. A cursor is opaque to clients and tamper-evident, not encrypted: put nothing in a
 * keyset but the position itself.
 *
 * @param value the resource's sort value as the repository compares it, or null when the search has
 *     no sort or the resource has no value for it; a {@link String}, {@link BigDecimal}, {@link
 *     Boolean} or {@link Instant}
 * @param id the resource's id, the tiebreak that makes the order total
 */
public record Keyset(Object value, String id) {
  public Keyset {
    requireNonNull(id, "id");
    if (value != null
        && !(value instanceof String
            || value instanceof BigDecimal
            || value instanceof Boolean
            || value instanceof Instant)) {
      throw new IllegalArgumentException(
          "A keyset value is a String, BigDecimal, Boolean or Instant, not a "
              + value.getClass().getName());
    }
  }

  /** A keyset without a sort value: the position of {@code id} in an order by id alone. */
  public static Keyset ofId(String id) {
    return new Keyset(null, id);
  }
}
