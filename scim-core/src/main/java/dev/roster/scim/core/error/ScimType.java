package dev.roster.scim.core.error;

import java.util.Locale;
import java.util.Optional;

/**
 * The {@code scimType} detail error keywords of RFC 7644 §3.12, Table 9, and the pagination error
 * keywords RFC 9865 adds to that table, with their exact wire values.
 *
 * <p>Each constant also names the HTTP status the RFC pairs it with; {@link ScimException} uses it
 * as the default status for the keyword.
 */
public enum ScimType {
  /** The filter syntax is invalid, or the filter names an attribute or operator it cannot use. */
  INVALID_FILTER("invalidFilter", 400),
  /** The filter yields more results than the server is willing to compute or return. */
  TOO_MANY("tooMany", 400),
  /** One or more attribute values are already in use or reserved. */
  UNIQUENESS("uniqueness", 409),
  /** The attempted modification is not compatible with the attribute's mutability or state. */
  MUTABILITY("mutability", 400),
  /** The request body structure was invalid or did not conform to the schema. */
  INVALID_SYNTAX("invalidSyntax", 400),
  /** The {@code path} attribute was invalid or malformed. */
  INVALID_PATH("invalidPath", 400),
  /** The path did not yield an attribute or value that could be operated on. */
  NO_TARGET("noTarget", 400),
  /** A required value was missing, or the value given was not compatible with the attribute. */
  INVALID_VALUE("invalidValue", 400),
  /** The specified SCIM protocol version is not supported. */
  INVALID_VERS("invalidVers", 400),
  /** The request cannot be completed because it carries sensitive information (e.g. in a URI). */
  SENSITIVE("sensitive", 403),
  /**
   * The {@code cursor} is not one this service provider issued for this query (RFC 9865): altered,
   * issued for another filter, sort, resource type or tenant, or not a cursor at all.
   */
  INVALID_CURSOR("invalidCursor", 400),
  /** The {@code cursor} was issued longer ago than {@code cursorTimeout} (RFC 9865). */
  EXPIRED_CURSOR("expiredCursor", 400),
  /** The {@code count} of a cursor-paged request is not a positive integer (RFC 9865). */
  INVALID_COUNT("invalidCount", 400);

  private final String wireValue;
  private final int defaultStatus;

  ScimType(String wireValue, int defaultStatus) {
    this.wireValue = wireValue;
    this.defaultStatus = defaultStatus;
  }

  /**
   * The value written in the {@code scimType} member of an error response, e.g. {@code
   * invalidVers}.
   */
  public String wireValue() {
    return wireValue;
  }

  /** The HTTP status RFC 7644 Table 9 (or RFC 9865) lists for this keyword. */
  public int defaultStatus() {
    return defaultStatus;
  }

  /**
   * Finds the keyword for a wire value, ignoring case.
   *
   * @return the keyword, or empty if {@code wireValue} is null or not one of these values
   */
  public static Optional<ScimType> fromWireValue(String wireValue) {
    if (wireValue == null) {
      return Optional.empty();
    }
    String wanted = wireValue.toLowerCase(Locale.ROOT);
    for (ScimType type : values()) {
      if (type.wireValue.toLowerCase(Locale.ROOT).equals(wanted)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
