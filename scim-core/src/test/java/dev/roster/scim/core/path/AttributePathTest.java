package dev.roster.scim.core.path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class AttributePathTest {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  @Test
  void topLevelPathHasOnlyAnAttribute() {
    AttributePath path = AttributePath.of("userName");

    assertThat(path.schema()).isNull();
    assertThat(path.schemaUrn()).isEmpty();
    assertThat(path.attribute()).isEqualTo("userName");
    assertThat(path.subAttribute()).isNull();
    assertThat(path.subAttributeName()).isEmpty();
    assertThat(path.hasSubAttribute()).isFalse();
    assertThat(path).hasToString("userName");
  }

  @Test
  void subAttributePathPrintsWithADot() {
    AttributePath path = AttributePath.of("name", "givenName");

    assertThat(path.hasSubAttribute()).isTrue();
    assertThat(path.subAttributeName()).contains("givenName");
    assertThat(path).hasToString("name.givenName");
  }

  @Test
  void qualifiedPathPrintsTheUrnPrefix() {
    assertThat(new AttributePath(USER, "userName", null))
        .hasToString("urn:ietf:params:scim:schemas:core:2.0:User:userName");
    assertThat(new AttributePath(ENTERPRISE, "manager", "value"))
        .hasToString("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value");
    assertThat(new AttributePath(ENTERPRISE, "manager", "value").schemaUrn()).contains(ENTERPRISE);
  }

  @Test
  void toStringKeepsTheSpellingGiven() {
    assertThat(AttributePath.of("UserName")).hasToString("UserName");
    assertThat(new AttributePath(USER.toUpperCase(), "NAME", "GivenName"))
        .hasToString("URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:NAME.GivenName");
  }

  @Test
  void equalityIgnoresCaseInEveryPart() {
    AttributePath a = new AttributePath(ENTERPRISE, "manager", "value");
    AttributePath b = new AttributePath(ENTERPRISE.toUpperCase(), "MANAGER", "VALUE");
    AttributePath c = new AttributePath(ENTERPRISE.toLowerCase(), "Manager", "Value");

    assertThat(a).isEqualTo(b).isEqualTo(c).hasSameHashCodeAs(b).hasSameHashCodeAs(c);
    assertThat(AttributePath.of("userName"))
        .isEqualTo(AttributePath.of("USERNAME"))
        .hasSameHashCodeAs(AttributePath.of("username"));
  }

  @Test
  void findsPathsInAHashSetIgnoringCase() {
    Set<AttributePath> paths = new HashSet<>(Set.of(AttributePath.of("name", "givenName")));

    assertThat(paths).contains(AttributePath.of("NAME", "GIVENNAME"));
    assertThat(paths.add(AttributePath.of("Name", "GivenName"))).isFalse();
  }

  @Test
  void pathsThatDifferInMoreThanCaseAreNotEqual() {
    assertThat(AttributePath.of("userName")).isNotEqualTo(AttributePath.of("displayName"));
    assertThat(AttributePath.of("name")).isNotEqualTo(AttributePath.of("name", "givenName"));
    assertThat(AttributePath.of("name", "givenName"))
        .isNotEqualTo(AttributePath.of("name", "familyName"));
    assertThat(new AttributePath(USER, "manager", null))
        .isNotEqualTo(new AttributePath(ENTERPRISE, "manager", null));
    assertThat(AttributePath.of("userName")).isNotEqualTo("userName");
    assertThat(AttributePath.of("userName")).isNotEqualTo(null);
  }

  // equals ignores case with String.equalsIgnoreCase, so hashCode must fold case the same way:
  // 'İ' (U+0130) equalsIgnoreCase 'i', but "İ".toLowerCase(Locale.ROOT) is "i̇" (two chars).
  @Test
  void equalPathsHaveEqualHashCodesEvenForNonAsciiUrns() {
    AttributePath dotted = new AttributePath("urn:example:\u0130d", "a", null);
    AttributePath plain = new AttributePath("urn:example:id", "a", null);

    assertThat(dotted).isEqualTo(plain);
    assertThat(dotted.hashCode()).isEqualTo(plain.hashCode());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "A1", "userName", "x509Certificates", "my-attr", "my_attr", "$ref"})
  void acceptsRfc7643AttributeNames(String name) {
    assertThat(AttributePath.isAttributeName(name)).isTrue();
    assertThat(AttributePath.of(name).attribute()).isEqualTo(name);
    assertThat(AttributePath.of("members", name).subAttribute()).isEqualTo(name);
  }

  // RFC 7643 §2.1 Figure 1: nameChar = "$" / "-" / "_" / DIGIT / ALPHA (RFC 7644's filter ABNF
  // leaves "$" out; the javadoc of isAttributeName cites RFC 7643 §2.1).
  @ParameterizedTest
  @ValueSource(strings = {"emp$id", "a$", "cost$Center$"})
  void acceptsADollarSignAfterTheFirstLetterAsRfc7643Allows(String name) {
    assertThat(AttributePath.isAttributeName(name)).isTrue();
    assertThat(AttributePath.of(name)).hasToString(name);
  }

  @ParameterizedTest
  @EmptySource
  @ValueSource(
      strings = {
        "1abc",
        "-abc",
        "_abc",
        "$abc",
        "$",
        "a.b",
        "a b",
        " a",
        "a ",
        "ab!",
        "a:b",
        "a[b]",
        "a\"b",
        "nam\u00e9",
        "\u00e9",
        "a\nb"
      })
  void rejectsInvalidAttributeNames(String name) {
    assertThat(AttributePath.isAttributeName(name)).isFalse();
    assertThatThrownBy(() -> AttributePath.of(name)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AttributePath.of("name", name))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AttributePath(USER, name, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void nullIsNotAnAttributeName() {
    assertThat(AttributePath.isAttributeName(null)).isFalse();
  }

  @Test
  void requiresAnAttribute() {
    assertThatThrownBy(() -> new AttributePath(USER, null, "x"))
        .isInstanceOf(NullPointerException.class);
  }

  @ParameterizedTest
  @EmptySource
  @ValueSource(
      strings = {
        "notAUrn",
        "urn:",
        "urn:ietf",
        "urn::x",
        "urn:ietf:params scim:User",
        "http://example.com/x"
      })
  void rejectsASchemaThatIsNotAUrn(String schema) {
    assertThatThrownBy(() -> new AttributePath(schema, "userName", null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AttributePath.of("userName").withSchema(schema))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void topLevelDropsOnlyTheSubAttribute() {
    AttributePath path = new AttributePath(ENTERPRISE, "manager", "value");

    assertThat(path.topLevel()).isEqualTo(new AttributePath(ENTERPRISE, "manager", null));
    assertThat(path.topLevel().schema()).isEqualTo(ENTERPRISE);
    AttributePath top = AttributePath.of("userName");
    assertThat(top.topLevel()).isSameAs(top);
  }

  @Test
  void withSchemaQualifiesAndWithSubAttributeDescends() {
    AttributePath path = AttributePath.of("name").withSchema(USER).withSubAttribute("givenName");

    assertThat(path).isEqualTo(new AttributePath(USER, "name", "givenName"));
    assertThat(path).hasToString(USER + ":name.givenName");
    assertThat(AttributePath.of("name").withSubAttribute(null)).isEqualTo(AttributePath.of("name"));
    assertThatThrownBy(() -> AttributePath.of("name").withSubAttribute("given name"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
