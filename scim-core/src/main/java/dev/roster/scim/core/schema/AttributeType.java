package dev.roster.scim.core.schema;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.WireEnums;

/** The data type of an attribute (RFC 7643 §2.3). */
public enum AttributeType {
  /** A sequence of Unicode characters (RFC 7643 §2.3.1). */
  STRING("string"),
  /** {@code true} or {@code false} (§2.3.2). */
  BOOLEAN("boolean"),
  /** A real number with at least one digit after the decimal point (§2.3.3). */
  DECIMAL("decimal"),
  /** A whole number (§2.3.4). */
  INTEGER("integer"),
  /** An xsd:dateTime instant, e.g. {@code 2008-01-23T04:56:22Z} (§2.3.5). */
  DATE_TIME("dateTime"),
  /** Base64-encoded bytes (§2.3.6). */
  BINARY("binary"),
  /** A URI referring to a resource (§2.3.7). */
  REFERENCE("reference"),
  /** A singular or multi-valued composite of sub-attributes (§2.3.8). */
  COMPLEX("complex");

  private final String wireValue;

  AttributeType(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The value as written in a schema document. */
  public String wireValue() {
    return wireValue;
  }

  /**
   * Reads a value as written in a schema document, ignoring case.
   *
   * @throws ScimException 400 {@code invalidValue} naming the allowed values if it is none of them
   */
  public static AttributeType fromWireValue(String value) {
    return WireEnums.fromWireValue(
        AttributeType.class, AttributeType::wireValue, value, "attribute type");
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
