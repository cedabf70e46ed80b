package dev.roster.scim.core.filter;

import dev.roster.scim.core.internal.WireEnums;

/**
 * The attribute operators of RFC 7644 §3.4.2.2 that compare with a value ({@code pr} is {@link
 * Filter.Present}).
 */
public enum ComparisonOperator {
  /** Equal. */
  EQ("eq"),
  /** Not equal. */
  NE("ne"),
  /** Contains (strings only). */
  CO("co"),
  /** Starts with (strings only). */
  SW("sw"),
  /** Ends with (strings only). */
  EW("ew"),
  /** Greater than. */
  GT("gt"),
  /** Greater than or equal to. */
  GE("ge"),
  /** Less than. */
  LT("lt"),
  /** Less than or equal to. */
  LE("le");

  private final String wireValue;

  ComparisonOperator(String wireValue) {
    this.wireValue = wireValue;
  }

  /** The operator as written in a filter, in lower case. */
  public String wireValue() {
    return wireValue;
  }

  /** Whether this operator orders values ({@code gt}, {@code ge}, {@code lt}, {@code le}). */
  public boolean isOrdering() {
    return this == GT || this == GE || this == LT || this == LE;
  }

  /** Whether this operator matches parts of strings ({@code co}, {@code sw}, {@code ew}). */
  public boolean isSubstring() {
    return this == CO || this == SW || this == EW;
  }

  /**
   * Reads an operator, ignoring case.
   *
   * @throws dev.roster.scim.core.error.ScimException 400 {@code invalidValue} if it is none of them
   */
  public static ComparisonOperator fromWireValue(String value) {
    return WireEnums.fromWireValue(
        ComparisonOperator.class, ComparisonOperator::wireValue, value, "comparison operator");
  }

  @Override
  public String toString() {
    return wireValue;
  }
}
