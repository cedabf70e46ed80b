package dev.roster.scim.core.schema;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.WireEnums;

/** Whether and how an attribute's value may be changed (RFC 7643 §2.2, §7 "mutability"). */
public enum Mutability {
  /** Set by the service provider; ignored on input. */
  READ_ONLY("readOnly"),
  /** May be updated and read at any time. */
  READ_WRITE("readWrite"),
  /**
   * May be set when the resource is created or when the attribute has no value, but never changed.
   */
  IMMUTABLE("immutable"),
  /** May be updated at any time but is never returned. */
  WRITE_ONLY("writeOnly");

  private final String wireValue;

  Mutability(String wireValue) {
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
  public static Mutability fromWireValue(String value) {
    return WireEnums.fromWireValue(Mutability.class, Mutability::wireValue, value, "mutability");
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
