package dev.roster.scim.core.error;

import java.util.Objects;
import java.util.Optional;

/**
 * A failure that becomes a SCIM error response (RFC 7644 §3.12): an HTTP status, an optional {@code
 * scimType} keyword, and a detail message that is safe to show to the client.
 *
 * <p>The detail never carries secrets, stack traces or {@code returned: never} values; code that
 * builds one from user input quotes only the offending token or path. Instances are immutable and
 * safe to share between threads. The static factories are named for the condition they report.
 */
public class ScimException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final ScimType scimType;
  private final String detail;

  /**
   * Creates an error with an explicit status.
   *
   * @param status the HTTP status, 400 to 599
   * @param scimType the keyword, or null when none of RFC 7644 Table 9 applies
   * @param detail a human-readable message safe to show to clients; not null
   */
  public ScimException(int status, ScimType scimType, String detail) {
    this(status, scimType, detail, null);
  }

  /** Creates an error with an explicit status and the exception that caused it (never shown). */
  public ScimException(int status, ScimType scimType, String detail, Throwable cause) {
    super(Objects.requireNonNull(detail, "detail"), cause);
    if (status < 400 || status > 599) {
      throw new IllegalArgumentException("A SCIM error status is 400-599, not " + status);
    }
    this.status = status;
    this.scimType = scimType;
    this.detail = detail;
  }

  /** Creates an error with the status RFC 7644 Table 9 pairs with {@code scimType}. */
  public ScimException(ScimType scimType, String detail) {
    this(scimType.defaultStatus(), scimType, detail);
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The RFC 7644 Table 9 keyword, if one applies. */
  public Optional<ScimType> scimType() {
    return Optional.ofNullable(scimType);
  }

  /** The message for the client. */
  public String detail() {
    return detail;
  }

  /** This error in the SCIM error response form. */
  public ScimError toError() {
    return new ScimError(status, scimType, detail);
  }

  /** 400 {@code invalidFilter}: a filter that does not parse or cannot be applied. */
  public static ScimException invalidFilter(String detail) {
    return new ScimException(ScimType.INVALID_FILTER, detail);
  }

  /** 400 {@code invalidPath}: a PATCH or attribute path that is malformed or not in the schema. */
  public static ScimException invalidPath(String detail) {
    return new ScimException(ScimType.INVALID_PATH, detail);
  }

  /** 400 {@code noTarget}: a path that matched nothing where a match was required. */
  public static ScimException noTarget(String detail) {
    return new ScimException(ScimType.NO_TARGET, detail);
  }

  /** 400 {@code mutability}: a change that the attribute's mutability forbids. */
  public static ScimException mutability(String detail) {
    return new ScimException(ScimType.MUTABILITY, detail);
  }

  /** 400 {@code invalidValue}: a missing required value or a value of the wrong type or form. */
  public static ScimException invalidValue(String detail) {
    return new ScimException(ScimType.INVALID_VALUE, detail);
  }

  /** 400 {@code invalidSyntax}: a request body that is not the structure the protocol expects. */
  public static ScimException invalidSyntax(String detail) {
    return new ScimException(ScimType.INVALID_SYNTAX, detail);
  }

  /** 409 {@code uniqueness}: a value that another resource already holds. */
  public static ScimException uniqueness(String detail) {
    return new ScimException(ScimType.UNIQUENESS, detail);
  }

  /** 400 {@code tooMany}: a request that would produce more results than allowed. */
  public static ScimException tooMany(String detail) {
    return new ScimException(ScimType.TOO_MANY, detail);
  }

  /** 404 without a keyword: the resource does not exist (or is not visible to the caller). */
  public static ScimException notFound(String detail) {
    return new ScimException(404, null, detail);
  }

  /**
   * 412 without a keyword: the resource's current version is not the one the request expected.
   *
   * <p>Repositories throw this from conditional writes; the protocol engine retries the operation
   * when the client did not send {@code If-Match}, and answers 412 when it did.
   */
  public static ScimException versionMismatch(String detail) {
    return new ScimException(412, null, detail);
  }

  /** 413 without a keyword: the request body or bulk request exceeds a configured limit. */
  public static ScimException payloadTooLarge(String detail) {
    return new ScimException(413, null, detail);
  }
}
