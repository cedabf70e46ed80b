package dev.roster.scim.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PatchOpTest {

  @Test
  void hasTheThreeRfc7644Operations() {
    assertThat(PatchOp.values())
        .extracting(PatchOp::wireValue)
        .containsExactlyInAnyOrder("add", "remove", "replace");
  }

  @ParameterizedTest
  @EnumSource(PatchOp.class)
  void printsAndReadsItsLowerCaseWireValue(PatchOp op) {
    assertThat(op).hasToString(op.wireValue());
    assertThat(op.wireValue()).isLowerCase();
    assertThat(PatchOp.fromWireValue(op.wireValue())).isSameAs(op);
  }

  // Microsoft Entra ID sends "Add", "Replace" and "Remove".
  @ParameterizedTest
  @CsvSource({
    "add, ADD",
    "Add, ADD",
    "ADD, ADD",
    "aDd, ADD",
    "replace, REPLACE",
    "Replace, REPLACE",
    "REPLACE, REPLACE",
    "remove, REMOVE",
    "Remove, REMOVE",
    "REMOVE, REMOVE",
  })
  void readsOperationNamesIgnoringCase(String text, PatchOp expected) {
    assertThat(PatchOp.fromWireValue(text)).isSameAs(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"delete", "move", "copy", "test", "update", " add", "add ", "adds"})
  void rejectsAnUnknownOperationAsInvalidValue(String text) {
    assertThatThrownBy(() -> PatchOp.fromWireValue(text))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).contains(ScimType.INVALID_VALUE);
            });
  }
}
