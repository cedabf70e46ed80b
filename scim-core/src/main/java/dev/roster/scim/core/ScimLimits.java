package dev.roster.scim.core;

import java.util.function.Consumer;

/**
 * Every limit Roster enforces on client input, in one place.
 *
 * <p>A request that exceeds a limit is rejected before any work that could grow with its size, and
 * the error names the setting, e.g. {@code "Filter nests 65 levels; the limit is 64
 * (ScimLimits.maxFilterDepth)"}: an over-long or over-deep filter is 400 {@code invalidFilter}; too
 * many PATCH operations, an over-large body or bulk request is 413; JSON nested too deeply is 400
 * {@code invalidSyntax}, and a JSON string or number too long is 400 {@code invalidValue} (the JSON
 * limits are enforced while the body is read, through Jackson's stream read constraints). Start
 * from {@link #defaults()} and change one value with the {@code with...} methods:
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
 * @param maxJsonDepth deepest nesting of JSON objects and arrays in a request body; default 64 (a
 *     SCIM resource nests four levels at most: extension, complex attribute, multi-valued element,
 *     sub-attribute)
 * @param maxJsonStringLength longest JSON string in a request body, in characters; default
 *     1,000,000
 * @param maxJsonNumberLength longest JSON number in a request body, in characters; default 1,000
 */
public record ScimLimits(
    int maxFilterLength,
    int maxFilterDepth,
    int maxPatchOperations,
    int defaultPageSize,
    int maxPageSize,
    long maxRequestBodyBytes,
    int maxBulkOperations,
    long maxBulkPayloadBytes,
    int maxJsonDepth,
    int maxJsonStringLength,
    int maxJsonNumberLength) {

  private static final ScimLimits DEFAULTS =
      new ScimLimits(8_192, 64, 1_000, 100, 1_000, 1L << 20, 1_000, 1L << 20, 64, 1_000_000, 1_000);

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
    positive("maxJsonDepth", maxJsonDepth);
    positive("maxJsonStringLength", maxJsonStringLength);
    positive("maxJsonNumberLength", maxJsonNumberLength);
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
    return copy(v -> v.maxFilterLength = value);
  }

  /** A copy with another {@code maxFilterDepth}. */
  public ScimLimits withMaxFilterDepth(int value) {
    return copy(v -> v.maxFilterDepth = value);
  }

  /** A copy with another {@code maxPatchOperations}. */
  public ScimLimits withMaxPatchOperations(int value) {
    return copy(v -> v.maxPatchOperations = value);
  }

  /** A copy with another {@code defaultPageSize}. */
  public ScimLimits withDefaultPageSize(int value) {
    return copy(v -> v.defaultPageSize = value);
  }

  /** A copy with another {@code maxPageSize}. */
  public ScimLimits withMaxPageSize(int value) {
    return copy(v -> v.maxPageSize = value);
  }

  /** A copy with another {@code maxRequestBodyBytes}. */
  public ScimLimits withMaxRequestBodyBytes(long value) {
    return copy(v -> v.maxRequestBodyBytes = value);
  }

  /** A copy with another {@code maxBulkOperations}. */
  public ScimLimits withMaxBulkOperations(int value) {
    return copy(v -> v.maxBulkOperations = value);
  }

  /** A copy with another {@code maxBulkPayloadBytes}. */
  public ScimLimits withMaxBulkPayloadBytes(long value) {
    return copy(v -> v.maxBulkPayloadBytes = value);
  }

  /** A copy with another {@code maxJsonDepth}. */
  public ScimLimits withMaxJsonDepth(int value) {
    return copy(v -> v.maxJsonDepth = value);
  }

  /** A copy with another {@code maxJsonStringLength}. */
  public ScimLimits withMaxJsonStringLength(int value) {
    return copy(v -> v.maxJsonStringLength = value);
  }

  /** A copy with another {@code maxJsonNumberLength}. */
  public ScimLimits withMaxJsonNumberLength(int value) {
    return copy(v -> v.maxJsonNumberLength = value);
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

  private ScimLimits copy(Consumer<Values> change) {
    Values values = new Values(this);
    change.accept(values);
    return values.build();
  }

  /** The components as mutable fields, for the {@code with...} copies. */
  private static final class Values {
    private int maxFilterLength;
    private int maxFilterDepth;
    private int maxPatchOperations;
    private int defaultPageSize;
    private int maxPageSize;
    private long maxRequestBodyBytes;
    private int maxBulkOperations;
    private long maxBulkPayloadBytes;
    private int maxJsonDepth;
    private int maxJsonStringLength;
    private int maxJsonNumberLength;

    Values(ScimLimits limits) {
      maxFilterLength = limits.maxFilterLength;
      maxFilterDepth = limits.maxFilterDepth;
      maxPatchOperations = limits.maxPatchOperations;
      defaultPageSize = limits.defaultPageSize;
      maxPageSize = limits.maxPageSize;
      maxRequestBodyBytes = limits.maxRequestBodyBytes;
      maxBulkOperations = limits.maxBulkOperations;
      maxBulkPayloadBytes = limits.maxBulkPayloadBytes;
      maxJsonDepth = limits.maxJsonDepth;
      maxJsonStringLength = limits.maxJsonStringLength;
      maxJsonNumberLength = limits.maxJsonNumberLength;
    }

    ScimLimits build() {
      return new ScimLimits(
          maxFilterLength,
          maxFilterDepth,
          maxPatchOperations,
          defaultPageSize,
          maxPageSize,
          maxRequestBodyBytes,
          maxBulkOperations,
          maxBulkPayloadBytes,
          maxJsonDepth,
          maxJsonStringLength,
          maxJsonNumberLength);
    }
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException("ScimLimits." + name + " must be positive, not " + value);
    }
  }
}
