package dev.roster.scim.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ComparisonOperatorTest {

  @Test
  void hasTheNineRfc7644ComparisonOperators() {
    assertThat(ComparisonOperator.values())
        .extracting(ComparisonOperator::wireValue)
        .containsExactlyInAnyOrder("eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le");
  }

  @ParameterizedTest
  @EnumSource(ComparisonOperator.class)
  void printsAndReadsItsWireValue(ComparisonOperator op) {
    assertThat(op).hasToString(op.wireValue());
    assertThat(ComparisonOperator.fromWireValue(op.wireValue())).isSameAs(op);
  }

  @ParameterizedTest
  @CsvSource({"EQ, EQ", "Eq, EQ", "sW, SW", "LE, LE", "Co, CO"})
  void readsOperatorsIgnoringCase(String text, ComparisonOperator expected) {
    assertThat(ComparisonOperator.fromWireValue(text)).isSameAs(expected);
  }

  @ParameterizedTest
  @EmptySource
  @ValueSource(strings = {"eqq", "pr", "==", "equals", " eq", "and"})
  void rejectsAnUnknownOperatorAsInvalidValue(String text) {
    assertThatThrownBy(() -> ComparisonOperator.fromWireValue(text))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).contains(ScimType.INVALID_VALUE);
            });
  }

  @Test
  void classifiesOrderingAndSubstringOperators() {
    EnumSet<ComparisonOperator> ordering = EnumSet.noneOf(ComparisonOperator.class);
    EnumSet<ComparisonOperator> substring = EnumSet.noneOf(ComparisonOperator.class);
    for (ComparisonOperator op : ComparisonOperator.values()) {
      if (op.isOrdering()) {
        ordering.add(op);
      }
      if (op.isSubstring()) {
        substring.add(op);
      }
    }

    assertThat(ordering)
        .containsExactlyInAnyOrder(
            ComparisonOperator.GT,
            ComparisonOperator.GE,
            ComparisonOperator.LT,
            ComparisonOperator.LE);
    assertThat(substring)
        .containsExactlyInAnyOrder(
            ComparisonOperator.CO, ComparisonOperator.SW, ComparisonOperator.EW);
  }
}
