package dev.roster.scim.core.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class PatchPathTest {
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final Filter WORK = Filter.eq("type", "work");

  @Test
  void plainPathPrintsItsAttribute() {
    PatchPath path = PatchPath.of(AttributePath.of("name", "familyName"));

    assertThat(path).hasToString("name.familyName");
    assertThat(path.filter()).isEmpty();
    assertThat(path.valueFilter()).isNull();
    assertThat(path.targetSubAttribute()).contains("familyName");
  }

  @Test
  void topLevelPathHasNoTargetSubAttribute() {
    PatchPath path = PatchPath.of(AttributePath.of("members"));

    assertThat(path).hasToString("members");
    assertThat(path.targetSubAttribute()).isEmpty();
  }

  @Test
  void extensionPathPrintsItsUrn() {
    assertThat(PatchPath.of(new AttributePath(ENTERPRISE, "manager", null)))
        .hasToString("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager");
    assertThat(PatchPath.of(new AttributePath(ENTERPRISE, "manager", "value")).targetSubAttribute())
        .contains("value");
  }

  // RFC 7644 §3.5.2 path examples.
  @Test
  void printsValueFilterPathsAsTheRfcWritesThem() {
    assertThat(
            new PatchPath(
                AttributePath.of("members"),
                Filter.eq("value", "2819c223-7f76-453a-919d-413861904646"),
                null))
        .hasToString("members[value eq \"2819c223-7f76-453a-919d-413861904646\"]");
    assertThat(
            new PatchPath(
                AttributePath.of("emails"),
                Filter.and(WORK, Filter.compare("value", ComparisonOperator.EW, "example.com")),
                null))
        .hasToString("emails[type eq \"work\" and value ew \"example.com\"]");
    assertThat(new PatchPath(AttributePath.of("addresses"), WORK, "streetAddress"))
        .hasToString("addresses[type eq \"work\"].streetAddress");
  }

  @Test
  void valueFilterPathWithSubAttributeTargetsIt() {
    PatchPath path = new PatchPath(AttributePath.of("emails"), WORK, "value");

    assertThat(path).hasToString("emails[type eq \"work\"].value");
    assertThat(path.filter()).contains(WORK);
    assertThat(path.targetSubAttribute()).contains("value");
  }

  @Test
  void valueFilterPathWithoutSubAttributeTargetsTheValues() {
    PatchPath path = new PatchPath(AttributePath.of("emails"), WORK, null);

    assertThat(path.targetSubAttribute()).isEmpty();
  }

  @Test
  void rejectsASubAttributeAfterNoFilter() {
    assertThatThrownBy(() -> new PatchPath(AttributePath.of("emails"), null, "value"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsAFilterOnASubAttribute() {
    assertThatThrownBy(() -> new PatchPath(AttributePath.of("emails", "value"), WORK, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @EmptySource
  @ValueSource(strings = {"1x", "a.b", "a b", "value]", "$x"})
  void rejectsAnInvalidSubAttributeName(String name) {
    assertThatThrownBy(() -> new PatchPath(AttributePath.of("emails"), WORK, name))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requiresAnAttribute() {
    assertThatThrownBy(() -> new PatchPath(null, WORK, null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> PatchPath.of(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void equalityIgnoresCaseInNames() {
    PatchPath a = new PatchPath(AttributePath.of("emails"), Filter.eq("type", "work"), "value");
    PatchPath b = new PatchPath(AttributePath.of("EMAILS"), Filter.eq("TYPE", "work"), "VALUE");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(PatchPath.of(AttributePath.of("name", "givenName")))
        .isEqualTo(PatchPath.of(AttributePath.of("Name", "GivenName")))
        .hasSameHashCodeAs(PatchPath.of(AttributePath.of("Name", "GivenName")));
  }

  @Test
  void pathsThatDifferAreNotEqual() {
    PatchPath base = new PatchPath(AttributePath.of("emails"), WORK, "value");

    assertThat(base)
        .isNotEqualTo(new PatchPath(AttributePath.of("emails"), Filter.eq("type", "WORK"), "value"))
        .isNotEqualTo(new PatchPath(AttributePath.of("emails"), WORK, "type"))
        .isNotEqualTo(new PatchPath(AttributePath.of("emails"), WORK, null))
        .isNotEqualTo(new PatchPath(AttributePath.of("ims"), WORK, "value"))
        .isNotEqualTo(PatchPath.of(AttributePath.of("emails", "value")))
        .isNotEqualTo("emails[type eq \"work\"].value");
  }
}
