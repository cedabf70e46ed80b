package dev.roster.scim.core;

/**
 * Every limit Roster enforces on client input, in one place.
 *
 * <p>A request that exceeds a limit is rejected before any work that could grow with its size: an
 * over-long or over-deep filter is 400 {@code invalidFilter}, too many PATCH operations is 400
 * {@code invalidValue}, an over-large body is 413, and the error names the setting, e.g. {@code
 * "Filter nests 65 levels; the limit is 64 (ScimLimits.maxFilterDepth)"}. Start from {@link
 * #defaults()} and change one value with the {@code with...} methods:
 *
 * <pre>{@code
 * ScimLimits limits = ScimLimits.defaults().withMaxPageSize(500);
 * }</pre>
 *
 * @param maxFilterLength longest filter (or PATCH path) accepted, in characters; default 8,192
 * @param maxFilterDepth deepest nesting of parentheses, {@code not} and value paths in a filter;
 *     default 64
 * @param maxPatchOperations most operations in one PATCH request; default 1,000
 * @param defaultPageSize results per page when a query gives no {@code count}; default 100
 * @param maxPageSize most results one page returns, whatever {@code count} asks for; advertised as
 *     {@code filter.maxResults} in ServiceProviderConfig; default 1,000
 * @param maxRequestBodyBytes largest request body accepted, in bytes; default 1 MiB
 * @param maxBulkOperations most operations in one bulk request; default 1,000
 * @param maxBulkPayloadBytes largest bulk request body, in bytes; default 1 MiB
 */
public record ScimLimits(
    int maxFilterLength,
    int maxFilterDepth,
    int maxPatchOperations,
    int defaultPageSize,
    int maxPageSize,
    long maxRequestBodyBytes,
    int maxBulkOperations,
    long maxBulkPayloadBytes) {

  private static final ScimLimits DEFAULTS =
      new ScimLimits(8_192, 64, 1_000, 100, 1_000, 1L << 20, 1_000, 1L << 20);

  /** Checks that every limit is positive and that the default page fits in the largest page. */
  public ScimLimits {
    positive("maxFilterLength", maxFilterLength);
    positive("maxFilterDepth", maxFilterDepth);
    positive("maxPatchOperations", maxPatchOperations);
    positive("defaultPageSize", defaultPageSize);
    positive("maxPageSize", maxPageSize);
    positive("maxRequestBodyBytes", maxRequestBodyBytes);
    positive("maxBulkOperations", maxBulkOperations);
    positive("maxBulkPayloadBytes", maxBulkPayloadBytes);
    if (defaultPageSize > maxPageSize) {
      throw new IllegalArgumentException(
          "ScimLimits.defaultPageSize ("
              + defaultPageSize
              + ") must not exceed ScimLimits.maxPageSize ("
              + maxPageSize
              + ")");
    }
  }

  /** The documented defaults listed on each component. */
  public static ScimLimits defaults() {
    return DEFAULTS;
  }

  /** A copy with another {@code maxFilterLength}. */
  public ScimLimits withMaxFilterLength(int value) {
    return new ScimLimits(
        value,
        maxFilterDepth,
        maxPatchOperations,
        defaultPageSize,
        maxPageSize,
        maxRequestBodyBytes,
        maxBulkOperations,
        maxBulkPayloadBytes);
  }

  /** A copy with another {@code maxFilterDepth}. */
  public ScimLimits withMaxFilterDepth(int value) {
    return new ScimLimits(
        maxFilterLength,
        value,
        maxPatchOperations,
        defaultPageSize,
        maxPageSize,
        maxRequestBodyBytes,
        maxBulkOperations,
        maxBulkPayloadBytes);
  }

  /** A copy with another {@code maxPatchOperations}. */
  public ScimLimits withMaxPatchOperations(int value) {
    return new ScimLimits(
        maxFilterLength,
        maxFilterDepth,
        value,
        defaultPageSize,
        maxPageSize,
        maxRequestBodyBytes,
        maxBulkOperations,
        maxBulkPayloadBytes);
  }

  /** A copy with another {@code defaultPageSize}. */
  public ScimLimits withDefaultPageSize(int value) {
    return new ScimLimits(
        maxFilterLength,
        maxFilterDepth,
        maxPatchOperations,
        value,
        maxPageSize,
        maxRequestBodyBytes,
        maxBulkOperations,
        maxBulkPayloadBytes);
  }

  /** A copy with another {@code maxPageSize}. */
  public ScimLimits withMaxPageSize(int value) {
    return new ScimLimits(
        maxFilterLength,
        maxFilterDepth,
        maxPatchOperations,
        defaultPageSize,
        value,
        maxRequestBodyBytes,
        maxBulkOperations,
        maxBulkPayloadBytes);
  }

  /** A copy with another {@code maxRequestBodyBytes}. */
  public ScimLimits withMaxRequestBodyBytes(long value) {
    return new ScimLimits(
        maxFilterLength,
        maxFilterDepth,
        maxPatchOperations,
        defaultPageSize,
        maxPageSize,
        value,
        maxBulkOperations,
        maxBulkPayloadBytes);
  }

  /** A copy with another {@code maxBulkOperations}. */
  public ScimLimits withMaxBulkOperations(int value) {
    return new ScimLimits(
        maxFilterLength,
        maxFilterDepth,
        maxPatchOperations,
        defaultPageSize,
        maxPageSize,
        maxRequestBodyBytes,
        value,
        maxBulkPayloadBytes);
  }

  /** A copy with another {@code maxBulkPayloadBytes}. */
  public ScimLimits withMaxBulkPayloadBytes(long value) {
    return new ScimLimits(
        maxFilterLength,
        maxFilterDepth,
        maxPatchOperations,
        defaultPageSize,
        maxPageSize,
        maxRequestBodyBytes,
        maxBulkOperations,
        value);
  }

  /**
   * The page size to use for a requested {@code count}: the default when absent, at most {@link
   * #maxPageSize}, and never negative (RFC 7644 §3.4.2.4: a negative count is read as 0).
   */
  public int pageSize(Integer requestedCount) {
    if (requestedCount == null) {
      return defaultPageSize;
    }
    return Math.max(0, Math.min(requestedCount, maxPageSize));
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("ScimLimits." + name + " must be positive, not " + value);
    }
  }
}
