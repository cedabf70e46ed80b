package dev.roster.scim.core.patch;

import dev.roster.scim.core.internal.WireEnums;

/** The PATCH operation kinds of RFC 7644 §3.5.2. */
public enum PatchOp {
  /** Adds values, or sets a single-valued attribute (§3.5.2.1). */
  ADD("add"),
  /** Removes values (§3.5.2.2). */
  REMOVE("remove"),
  /** Replaces values (§3.5.2.3). */
  REPLACE("replace");

  private final String wireValue;

  PatchOp(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The operation name as RFC 7644 writes it, in lower case. */
  public String wireValue() {
    return wireValue;
  }

  /**
   * Reads an operation name in any case: Microsoft Entra ID sends {@code "Add"}, {@code "Replace"}
   * and {@code "Remove"}.
   *
   * @throws dev.roster.scim.core.error.ScimException 400 {@code invalidValue} if it is none of them
   */
  public static PatchOp fromWireValue(String value) {
    return WireEnums.fromWireValue(PatchOp.class, PatchOp::wireValue, value, "PATCH op");
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
