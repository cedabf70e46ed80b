package dev.roster.scim.core.internal;

import dev.roster.scim.core.error.ScimException;
import java.util.Arrays;
import java.util.function.Function;

/** Lookup of enum constants by the value SCIM documents write for them. */
public final class WireEnums {
  private WireEnums() {}

  /**
   * Finds the constant whose wire value equals {@code value}, ignoring case.
   *
   * @param what what the value is, for the error message (e.g. "mutability")
   * @throws ScimException 400 {@code invalidValue} naming the allowed values
   */
  public static <E extends Enum<E>> E fromWireValue(
      Class<E> type, Function<E, String> wireValue, String value, String what) {
    E[] constants = type.getEnumConstants();
    for (E constant : constants) {
      if (wireValue.apply(constant).equalsIgnoreCase(value)) {
        return constant;
      }
    }
    throw ScimException.invalidValue(
        "Unknown "
            + what
            + " '"
            + value
            + "'; expected one of "
            + Arrays.stream(constants).map(wireValue).toList());
  }
}
