package dev.roster.scim.core.error;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class ScimTypeTest {

  // RFC 7644 §3.12 Table 9 lists the keywords under "HTTP status code 400"; §3.3 requires 409 for
  // uniqueness and §7.5.2 (with verified erratum 6893) 403 for sensitive. RFC 9865 adds three
  // pagination keywords to Table 9, all for 400.
  @ParameterizedTest(name = "{0} is \"{1}\" with status {2}")
  @CsvSource({
    "INVALID_FILTER, invalidFilter, 400",
    "TOO_MANY,       tooMany,       400",
    "UNIQUENESS,     uniqueness,    409",
    "MUTABILITY,     mutability,    400",
    "INVALID_SYNTAX, invalidSyntax, 400",
    "INVALID_PATH,   invalidPath,   400",
    "NO_TARGET,      noTarget,      400",
    "INVALID_VALUE,  invalidValue,  400",
    "INVALID_VERS,   invalidVers,   400",
    "SENSITIVE,      sensitive,     403",
    "INVALID_CURSOR, invalidCursor, 400",
    "EXPIRED_CURSOR, expiredCursor, 400",
    "INVALID_COUNT,  invalidCount,  400",
  })
  void writesTheRfcWireValueAndPairsItWithTheRfcStatus(ScimType type, String wire, int status) {
    assertThat(type.wireValue()).isEqualTo(wire);
    assertThat(type).hasToString(wire);
    assertThat(type.defaultStatus()).isEqualTo(status);
  }

  @Test
  void definesExactlyTheKeywordsOfTable9AndRfc9865() {
    assertThat(ScimType.values())
        .extracting(ScimType::wireValue)
        .containsExactlyInAnyOrder(
            "invalidFilter",
            "tooMany",
            "uniqueness",
            "mutability",
            "invalidSyntax",
            "invalidPath",
            "noTarget",
            "invalidValue",
            "invalidVers",
            "sensitive",
            "invalidCursor",
            "expiredCursor",
            "invalidCount");
  }

  @ParameterizedTest
  @EnumSource(ScimType.class)
  void readsItsOwnWireValueBack(ScimType type) {
    assertThat(ScimType.fromWireValue(type.wireValue())).contains(type);
  }

  @ParameterizedTest
  @ValueSource(strings = {"invalidFilter", "INVALIDFILTER", "invalidfilter", "InvalidFilter"})
  void readsWireValueIgnoringCase(String wire) {
    assertThat(ScimType.fromWireValue(wire)).contains(ScimType.INVALID_FILTER);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {"invalid_filter", "invalidFilter ", "notFound", "cursorExpired", "INVALID_VERS"})
  void findsNothingForAValueOutsideTheTables(String wire) {
    assertThat(ScimType.fromWireValue(wire)).isEmpty();
  }
}
