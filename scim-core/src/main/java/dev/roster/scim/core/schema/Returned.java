package dev.roster.scim.core.schema;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.WireEnums;

/** When an attribute is included in a response (RFC 7643 §7 "returned"). */
public enum Returned {
  /**
   * Always returned, whatever the {@code attributes} or {@code excludedAttributes} parameters say.
   */
  ALWAYS("always"),
  /** Never returned. */
  NEVER("never"),
  /** Returned unless excluded by {@code excludedAttributes} or left out of {@code attributes}. */
  DEFAULT("default"),
  /** Returned only when named in {@code attributes}. */
  REQUEST("request");

  private final String wireValue;

  Returned(String wireValue) {
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
  public static Returned fromWireValue(String value) {
    return WireEnums.fromWireValue(Returned.class, Returned::wireValue, value, "returned value");
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
