package dev.roster.scim.core.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ScimExceptionTest {

  static Stream<Arguments> factories() {
    return Stream.of(
        factory("invalidFilter", ScimException::invalidFilter, 400, ScimType.INVALID_FILTER),
        factory("invalidPath", ScimException::invalidPath, 400, ScimType.INVALID_PATH),
        factory("noTarget", ScimException::noTarget, 400, ScimType.NO_TARGET),
        factory("mutability", ScimException::mutability, 400, ScimType.MUTABILITY),
        factory("invalidValue", ScimException::invalidValue, 400, ScimType.INVALID_VALUE),
        factory("invalidSyntax", ScimException::invalidSyntax, 400, ScimType.INVALID_SYNTAX),
        factory("uniqueness", ScimException::uniqueness, 409, ScimType.UNIQUENESS),
        factory("tooMany", ScimException::tooMany, 400, ScimType.TOO_MANY),
        factory("notFound", ScimException::notFound, 404, null),
        factory("versionMismatch", ScimException::versionMismatch, 412, null),
        factory("payloadTooLarge", ScimException::payloadTooLarge, 413, null));
  }

  private static Arguments factory(
      String name, Function<String, ScimException> factory, int status, ScimType type) {
    return Arguments.of(name, factory, status, type);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("factories")
  void factoryGivesTheStatusAndKeywordOfItsCondition(
      String name, Function<String, ScimException> factory, int status, ScimType type) {
    ScimException e = factory.apply("what went wrong");

    assertThat(e.status()).isEqualTo(status);
    assertThat(e.scimType()).isEqualTo(Optional.ofNullable(type));
    assertThat(e.detail()).isEqualTo("what went wrong");
    assertThat(e).hasMessage("what went wrong").hasNoCause();
  }

  @ParameterizedTest
  @EnumSource(ScimType.class)
  void keywordConstructorUsesTheKeywordsDefaultStatus(ScimType type) {
    ScimException e = new ScimException(type, "d");

    assertThat(e.status()).isEqualTo(type.defaultStatus());
    assertThat(e.scimType()).contains(type);
  }

  @Test
  void sensitiveIsForbiddenAndUniquenessIsConflict() {
    assertThat(new ScimException(ScimType.SENSITIVE, "d").status()).isEqualTo(403);
    assertThat(new ScimException(ScimType.UNIQUENESS, "d").status()).isEqualTo(409);
  }

  @Test
  void explicitStatusOverridesTheKeywordsDefault() {
    ScimException e = new ScimException(409, ScimType.MUTABILITY, "d");

    assertThat(e.status()).isEqualTo(409);
    assertThat(e.scimType()).contains(ScimType.MUTABILITY);
  }

  @Test
  void statusWithoutKeywordHasEmptyScimType() {
    assertThat(new ScimException(500, null, "d").scimType()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(ints = {400, 404, 500, 599})
  void acceptsErrorStatuses(int status) {
    assertThat(new ScimException(status, null, "d").status()).isEqualTo(status);
  }

  @ParameterizedTest
  @ValueSource(ints = {Integer.MIN_VALUE, 0, 200, 304, 399, 600, 999})
  void rejectsStatusesOutside400To599(int status) {
    assertThatThrownBy(() -> new ScimException(status, ScimType.INVALID_VALUE, "d"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsNullDetail() {
    assertThatThrownBy(() -> new ScimException(400, null, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> ScimException.invalidFilter(null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void keepsTheCauseWithoutPuttingItInTheDetail() {
    IllegalStateException cause = new IllegalStateException("database password=hunter2");

    ScimException e = new ScimException(500, null, "Storage failed", cause);

    assertThat(e).hasCause(cause);
    assertThat(e.detail()).isEqualTo("Storage failed");
    assertThat(e.toError().detail()).doesNotContain("hunter2");
  }

  @Test
  void isUnchecked() {
    assertThat(ScimException.noTarget("d")).isInstanceOf(RuntimeException.class);
  }

  @Test
  void convertsToTheEquivalentErrorResponse() {
    assertThat(ScimException.uniqueness("userName 'bjensen' is taken").toError())
        .isEqualTo(new ScimError(409, ScimType.UNIQUENESS, "userName 'bjensen' is taken"));
    assertThat(ScimException.notFound("Resource 2819c223 not found").toError())
        .isEqualTo(new ScimError(404, null, "Resource 2819c223 not found"));
  }
}
