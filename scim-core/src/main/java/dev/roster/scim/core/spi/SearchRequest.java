package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.filter.Filter;

/**
 * A query for resources (RFC 7644 §3.4.2, §3.4.3).
 *
 * <p>scim-filter helps implement it: {@code FilterEvaluator} tests a resource against the filter in
 * memory; {@code SqlFilter} turns the filter into a parameterised SQL {@code WHERE} clause; {@code
 * SqlSearch.plan} splits it into the part SQL can take and a residual to check in memory, with an
 * {@code ORDER BY} where SQL can sort; {@code PageCollector} turns candidates into the exact page
 * and total; {@code ResourceOrder} sorts by SCIM's rules (RFC 7644 §3.4.2.3).
 *
 * @param context the caller
 * @param filter the parsed filter, or null to match every resource of the type
 * @param sort the order, or null for the repository's own stable order (e.g. by id)
 * @param startIndex the 1-based index of the first result to return; at least 1
 * @param count the most resources to return, 0 to return none and only the total; already capped at
 *     {@code ScimLimits.maxPageSize}
 * @param projection the attributes the response will carry
 * @param seek null for index paging (RFC 7644 §3.4.2.4: {@code startIndex} and {@code count}); for
 *     cursor paging (RFC 9865), where the page starts in the order of the sort then the id. Only a
 *     repository whose {@link ResourceRepository#supportsCursors()} is true sees one; {@code
 *     startIndex} is then 1 and {@code count} at least 1.
 */
public record SearchRequest(
    RequestContext context,
    Filter filter,
    Sort sort,
    int startIndex,
    int count,
    Projection projection,
    Seek seek) {
  public SearchRequest {
    requireNonNull(context, "context");
    requireNonNull(projection, "projection");
    if (startIndex < 1) {
      throw new IllegalArgumentException("startIndex is 1-based, not " + startIndex);
    }
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative, not " + count);
    }
    if (seek != null && (startIndex != 1 || count < 1)) {
      throw new IllegalArgumentException(
          "A cursor-paged search has startIndex 1 and a count of at least 1, not "
              + startIndex
              + " and "
              + count);
    }
  }

  /** An index-paged search (RFC 7644 §3.4.2.4): no {@link #seek()}. */
  public SearchRequest(
      RequestContext context,
      Filter filter,
      Sort sort,
      int startIndex,
      int count,
      Projection projection) {
    this(context, filter, sort, startIndex, count, projection, null);
  }

  /** A cursor-paged search (RFC 9865) of at most {@code count} resources from {@code seek}. */
  public static SearchRequest cursor(
      RequestContext context,
      Filter filter,
      Sort sort,
      Seek seek,
      int count,
      Projection projection) {
    return new SearchRequest(
        context, filter, sort, 1, count, projection, requireNonNull(seek, "seek"));
  }

  /** The 0-based offset of the first result, for SQL {@code OFFSET} and list indexes. */
  public long offset() {
    return startIndex - 1L;
  }
}
