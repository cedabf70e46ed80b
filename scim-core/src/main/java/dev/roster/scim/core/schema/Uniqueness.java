package dev.roster.scim.core.schema;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.WireEnums;

/** How unique an attribute's value must be (RFC 7643 §7 "uniqueness"). */
public enum Uniqueness {
  /** Values need not be unique. */
  NONE("none"),
  /** Unique within the service provider (the tenant). */
  SERVER("server"),
  /** Globally unique. */
  GLOBAL("global");

  private final String wireValue;

  Uniqueness(String wireValue) {
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
  public static Uniqueness fromWireValue(String value) {
    return WireEnums.fromWireValue(Uniqueness.class, Uniqueness::wireValue, value, "uniqueness");
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
