package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * Where a cursor-paged search (RFC 9865) starts: at the beginning of the search's order, just after
 * a keyset (the next page), or just before one (the previous page). It is what the engine read from
 * a client's {@code cursor}; repositories see it as {@link SearchRequest#seek()}.
 *
 * <p>The order is the search's sort, then the resources' ids as a tiebreak, in the sort's direction
 * (without a sort: by id, ascending). A page {@linkplain #before(Keyset) before} a keyset holds the
 * last {@code count} resources that precede it, still in that order.
 *
 * @param after the page starts just after this keyset, or null
 * @param before the page ends just before this keyset, or null; never both
 */
public record Seek(Keyset after, Keyset before) {
  /** The first page. */
  public static final Seek FIRST = new Seek(null, null);

  public Seek {
    if (after != null && before != null) {
      throw new IllegalArgumentException("A page starts after a keyset or ends before one");
    }
  }

  /** The page that starts just after {@code keyset}. */
  public static Seek after(Keyset keyset) {
    return new Seek(requireNonNull(keyset, "keyset"), null);
  }

  /** The page that ends just before {@code keyset}. */
  public static Seek before(Keyset keyset) {
    return new Seek(null, requireNonNull(keyset, "keyset"));
  }

  /** Whether this is the first page of the order. */
  public boolean isFirst() {
    return after == null && before == null;
  }

  /** Whether the page is read backwards from {@link #before()}. */
  public boolean backward() {
    return before != null;
  }
}
