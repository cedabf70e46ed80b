package dev.roster.scim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class ScimLimitsTest {
  private static final ScimLimits DEFAULTS = ScimLimits.defaults();

  @Test
  void defaultsAreTheDocumentedValues() {
    assertThat(DEFAULTS.maxFilterLength()).isEqualTo(8_192);
    assertThat(DEFAULTS.maxFilterDepth()).isEqualTo(64);
    assertThat(DEFAULTS.maxPatchOperations()).isEqualTo(1_000);
    assertThat(DEFAULTS.defaultPageSize()).isEqualTo(100);
    assertThat(DEFAULTS.maxPageSize()).isEqualTo(1_000);
    assertThat(DEFAULTS.maxRequestBodyBytes()).isEqualTo(1_048_576L);
    assertThat(DEFAULTS.maxBulkOperations()).isEqualTo(1_000);
    assertThat(DEFAULTS.maxBulkPayloadBytes()).isEqualTo(1_048_576L);
  }

  @Test
  void defaultsAreStable() {
    assertThat(ScimLimits.defaults()).isEqualTo(ScimLimits.defaults());
  }

  static Stream<Arguments> withers() {
    return Stream.of(
        Arguments.of(
            "maxFilterLength",
            (UnaryOperator<ScimLimits>) l -> l.withMaxFilterLength(5),
            new ScimLimits(
                5, 64, 1_000, 100, 1_000, 1L << 20, 1_000, 1L << 20, 64, 1_000_000, 1_000)),
        Arguments.of(
            "maxFilterDepth",
            (UnaryOperator<ScimLimits>) l -> l.withMaxFilterDepth(5),
            new ScimLimits(
                8_192, 5, 1_000, 100, 1_000, 1L << 20, 1_000, 1L << 20, 64, 1_000_000, 1_000)),
        Arguments.of(
            "maxPatchOperations",
            (UnaryOperator<ScimLimits>) l -> l.withMaxPatchOperations(5),
            new ScimLimits(
                8_192, 64, 5, 100, 1_000, 1L << 20, 1_000, 1L << 20, 64, 1_000_000, 1_000)),
        Arguments.of(
            "defaultPageSize",
            (UnaryOperator<ScimLimits>) l -> l.withDefaultPageSize(5),
            new ScimLimits(
                8_192, 64, 1_000, 5, 1_000, 1L << 20, 1_000, 1L << 20, 64, 1_000_000, 1_000)),
        Arguments.of(
            "maxPageSize",
            (UnaryOperator<ScimLimits>) l -> l.withMaxPageSize(500),
            new ScimLimits(
                8_192, 64, 1_000, 100, 500, 1L << 20, 1_000, 1L << 20, 64, 1_000_000, 1_000)),
        Arguments.of(
            "maxRequestBodyBytes",
            (UnaryOperator<ScimLimits>) l -> l.withMaxRequestBodyBytes(5L << 30),
            new ScimLimits(
                8_192, 64, 1_000, 100, 1_000, 5L << 30, 1_000, 1L << 20, 64, 1_000_000, 1_000)),
        Arguments.of(
            "maxBulkOperations",
            (UnaryOperator<ScimLimits>) l -> l.withMaxBulkOperations(5),
            new ScimLimits(
                8_192, 64, 1_000, 100, 1_000, 1L << 20, 5, 1L << 20, 64, 1_000_000, 1_000)),
        Arguments.of(
            "maxBulkPayloadBytes",
            (UnaryOperator<ScimLimits>) l -> l.withMaxBulkPayloadBytes(5L << 30),
            new ScimLimits(
                8_192, 64, 1_000, 100, 1_000, 1L << 20, 1_000, 5L << 30, 64, 1_000_000, 1_000)),
        Arguments.of(
            "maxJsonDepth",
            (UnaryOperator<ScimLimits>) l -> l.withMaxJsonDepth(5),
            new ScimLimits(
                8_192, 64, 1_000, 100, 1_000, 1L << 20, 1_000, 1L << 20, 5, 1_000_000, 1_000)),
        Arguments.of(
            "maxJsonStringLength",
            (UnaryOperator<ScimLimits>) l -> l.withMaxJsonStringLength(5),
            new ScimLimits(8_192, 64, 1_000, 100, 1_000, 1L << 20, 1_000, 1L << 20, 64, 5, 1_000)),
        Arguments.of(
            "maxJsonNumberLength",
            (UnaryOperator<ScimLimits>) l -> l.withMaxJsonNumberLength(5),
            new ScimLimits(
                8_192, 64, 1_000, 100, 1_000, 1L << 20, 1_000, 1L << 20, 64, 1_000_000, 5)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withers")
  void witherChangesOnlyItsOwnLimit(
      String name, UnaryOperator<ScimLimits> wither, ScimLimits expected) {
    ScimLimits changed = wither.apply(DEFAULTS);

    assertThat(changed).isEqualTo(expected);
    assertThat(DEFAULTS).isEqualTo(ScimLimits.defaults()).isNotEqualTo(changed);
  }

  static Stream<Arguments> rejectedValues() {
    return Stream.of(
        Arguments.of("maxFilterLength", (UnaryOperator<ScimLimits>) l -> l.withMaxFilterLength(0)),
        Arguments.of("maxFilterLength", (UnaryOperator<ScimLimits>) l -> l.withMaxFilterLength(-1)),
        Arguments.of("maxFilterDepth", (UnaryOperator<ScimLimits>) l -> l.withMaxFilterDepth(0)),
        Arguments.of("maxFilterDepth", (UnaryOperator<ScimLimits>) l -> l.withMaxFilterDepth(-64)),
        Arguments.of(
            "maxPatchOperations", (UnaryOperator<ScimLimits>) l -> l.withMaxPatchOperations(0)),
        Arguments.of("defaultPageSize", (UnaryOperator<ScimLimits>) l -> l.withDefaultPageSize(0)),
        Arguments.of(
            "defaultPageSize",
            (UnaryOperator<ScimLimits>) l -> l.withDefaultPageSize(Integer.MIN_VALUE)),
        Arguments.of(
            "maxPageSize",
            (UnaryOperator<ScimLimits>) l -> l.withDefaultPageSize(1).withMaxPageSize(0)),
        Arguments.of(
            "maxRequestBodyBytes", (UnaryOperator<ScimLimits>) l -> l.withMaxRequestBodyBytes(0)),
        Arguments.of(
            "maxRequestBodyBytes",
            (UnaryOperator<ScimLimits>) l -> l.withMaxRequestBodyBytes(Long.MIN_VALUE)),
        Arguments.of(
            "maxBulkOperations", (UnaryOperator<ScimLimits>) l -> l.withMaxBulkOperations(0)),
        Arguments.of(
            "maxBulkPayloadBytes", (UnaryOperator<ScimLimits>) l -> l.withMaxBulkPayloadBytes(-1)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("rejectedValues")
  void rejectsALimitThatIsNotPositiveNamingTheSetting(
      String name, UnaryOperator<ScimLimits> wither) {
    assertThatThrownBy(() -> wither.apply(DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ScimLimits." + name);
  }

  @Test
  void rejectsADefaultPageLargerThanTheLargestPageNamingBothSettings() {
    assertThatThrownBy(() -> DEFAULTS.withMaxPageSize(99))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ScimLimits.defaultPageSize")
        .hasMessageContaining("ScimLimits.maxPageSize");
    assertThatThrownBy(() -> DEFAULTS.withDefaultPageSize(1_001))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ScimLimits.defaultPageSize")
        .hasMessageContaining("ScimLimits.maxPageSize");
  }

  @Test
  void allowsTheDefaultPageToBeTheLargestPage() {
    assertThat(DEFAULTS.withMaxPageSize(100).maxPageSize()).isEqualTo(100);
    assertThat(DEFAULTS.withDefaultPageSize(1_000).defaultPageSize()).isEqualTo(1_000);
  }

  @Test
  void pageSizeIsTheDefaultWhenNoCountIsGiven() {
    assertThat(DEFAULTS.pageSize(null)).isEqualTo(100);
    assertThat(DEFAULTS.withDefaultPageSize(7).pageSize(null)).isEqualTo(7);
  }

  // RFC 7644 §3.4.2.4: a negative count is read as 0; the server may cap count.
  @ParameterizedTest(name = "count {0} gives {1}")
  @CsvSource({
    "0, 0",
    "1, 1",
    "10, 10",
    "999, 999",
    "1000, 1000",
    "1001, 1000",
    "2147483647, 1000",
    "-1, 0",
    "-2147483648, 0",
  })
  void pageSizeCapsTheRequestedCountAndReadsNegativeAsZero(int requested, int expected) {
    assertThat(DEFAULTS.pageSize(requested)).isEqualTo(expected);
  }
}
