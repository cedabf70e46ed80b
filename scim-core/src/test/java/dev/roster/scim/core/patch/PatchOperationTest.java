package dev.roster.scim.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.roster.scim.core.path.AttributePath;
import org.junit.jupiter.api.Test;

class PatchOperationTest {
  private static final PatchPath NICK = PatchPath.of(AttributePath.of("nickName"));

  @Test
  void keepsOpPathAndValue() {
    PatchOperation op = new PatchOperation(PatchOp.REPLACE, NICK, TextNode.valueOf("Babs"));

    assertThat(op.op()).isEqualTo(PatchOp.REPLACE);
    assertThat(op.target()).contains(NICK);
    assertThat(op.hasValue()).isTrue();
    assertThat(op.value()).isEqualTo(TextNode.valueOf("Babs"));
  }

  @Test
  void pathIsOptional() {
    PatchOperation op =
        new PatchOperation(PatchOp.ADD, null, JsonNodeFactory.instance.objectNode());

    assertThat(op.target()).isEmpty();
    assertThat(op.path()).isNull();
  }

  @Test
  void absentValueIsNoValue() {
    assertThat(new PatchOperation(PatchOp.REMOVE, NICK, null).hasValue()).isFalse();
  }

  @Test
  void missingNodeIsNoValue() {
    PatchOperation op = new PatchOperation(PatchOp.REMOVE, NICK, MissingNode.getInstance());

    assertThat(op.hasValue()).isFalse();
    assertThat(op.value()).isNull();
  }

  @Test
  void jsonNullCountsAsAValue() {
    PatchOperation op =
        new PatchOperation(PatchOp.REPLACE, NICK, JsonNodeFactory.instance.nullNode());

    assertThat(op.hasValue()).isTrue();
    assertThat(op.value().isNull()).isTrue();
  }

  @Test
  void requiresAnOp() {
    assertThatThrownBy(() -> new PatchOperation(null, NICK, null))
        .isInstanceOf(NullPointerException.class);
  }
}
