package dev.roster.scim.core.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.Returned;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ProjectionTest {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** Reads {@code [urn:]attr[.sub]}; the URN is everything up to the last ':'. */
  private static AttributePath path(String text) {
    String schema = null;
    String rest = text;
    if (text.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = text.lastIndexOf(':');
      schema = text.substring(0, colon);
      rest = text.substring(colon + 1);
    }
    int dot = rest.indexOf('.');
    return dot < 0
        ? new AttributePath(schema, rest, null)
        : new AttributePath(schema, rest.substring(0, dot), rest.substring(dot + 1));
  }

  private static Set<AttributePath> paths(String spaceSeparated) {
    if (spaceSeparated == null || spaceSeparated.isBlank()) {
      return Set.of();
    }
    return Arrays.stream(spaceSeparated.trim().split("\\s+"))
        .map(ProjectionTest::path)
        .collect(Collectors.toSet());
  }

  // RFC 7644 §3.4.2.5 and RFC 7643 §7 "returned"; an empty column is an absent parameter.
  @ParameterizedTest(name = "attributes={0} excludedAttributes={1}: {2} ({3}) -> {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        // no parameters: default and always are returned, request and never are not
        "-, -, userName, DEFAULT, true",
        "-, -, id, ALWAYS, true",
        "-, -, password, NEVER, false",
        "-, -, x509Certificates, REQUEST, false",
        "-, -, name.givenName, DEFAULT, true",
        // attributes: only those asked for, plus always
        "userName, -, userName, DEFAULT, true",
        "userName, -, displayName, DEFAULT, false",
        "userName, -, id, ALWAYS, true",
        "userName, -, name.givenName, DEFAULT, false",
        "password, -, password, NEVER, false",
        "x509Certificates, -, x509Certificates, REQUEST, true",
        "userName, -, x509Certificates, REQUEST, false",
        "userName displayName, -, displayName, DEFAULT, true",
        // attributes with sub-attributes
        "name.givenName, -, name, DEFAULT, true",
        "name.givenName, -, name.givenName, DEFAULT, true",
        "name.givenName, -, name.familyName, DEFAULT, false",
        "name, -, name.givenName, DEFAULT, true",
        "name, -, name.familyName, DEFAULT, true",
        "emails.value, -, emails, DEFAULT, true",
        "emails.value, -, emails.type, DEFAULT, false",
        // attributes ignore case
        "USERNAME, -, userName, DEFAULT, true",
        "Name.GivenName, -, name.givenName, DEFAULT, true",
        // excludedAttributes: everything by default except those
        "-, name, name, DEFAULT, false",
        "-, name, name.givenName, DEFAULT, false",
        "-, name, displayName, DEFAULT, true",
        "-, name.givenName, name, DEFAULT, true",
        "-, name.givenName, name.givenName, DEFAULT, false",
        "-, name.givenName, name.familyName, DEFAULT, true",
        "-, groups, groups, ALWAYS, true",
        "-, id, id, ALWAYS, true",
        "-, displayName, x509Certificates, REQUEST, false",
        "-, password, password, NEVER, false",
        "-, MEMBERS, members, DEFAULT, false",
        "-, members, Members.Value, DEFAULT, false",
        // schema URNs
        USER + ":userName, -, userName, DEFAULT, true",
        "userName, -, " + USER + ":userName, DEFAULT, true",
        ENTERPRISE + ":employeeNumber, -, " + ENTERPRISE + ":employeeNumber, DEFAULT, true",
        ENTERPRISE + ":manager, -, " + USER + ":manager, DEFAULT, false",
        ENTERPRISE + ":manager, -, " + ENTERPRISE + ":manager.value, DEFAULT, true",
        "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:manager, -, "
            + ENTERPRISE
            + ":manager, DEFAULT, true",
        "-, " + ENTERPRISE + ":manager, " + ENTERPRISE + ":manager, DEFAULT, false",
        "-, " + ENTERPRISE + ":manager, " + USER + ":manager, DEFAULT, true",
        "-, " + USER + ":name.givenName, " + USER + ":name.givenName, DEFAULT, false",
      })
  void decidesWhetherAnAttributeIsReturned(
      String attributes, String excluded, String path, Returned returned, boolean expected) {
    Projection projection = new Projection(paths(attributes), paths(excluded));

    assertThat(projection.includes(path(path), returned)).isEqualTo(expected);
  }

  // The same sub-attribute must match whether or not one side carries the (optional) schema URN,
  // as top-level attributes already do (see the schema URN rows above).
  private static final AttributePath QUALIFIED_GIVEN_NAME =
      new AttributePath(USER, "name", "givenName");
  private static final AttributePath GIVEN_NAME = AttributePath.of("name", "givenName");

  @Test
  void askingForASubAttributeIncludesItsQualifiedPath() {
    Projection projection = new Projection(Set.of(GIVEN_NAME), Set.of());

    assertThat(projection.includes(QUALIFIED_GIVEN_NAME, Returned.DEFAULT)).isTrue();
  }

  @Test
  void askingForAQualifiedSubAttributeIncludesItsUnqualifiedPath() {
    Projection projection = new Projection(Set.of(QUALIFIED_GIVEN_NAME), Set.of());

    assertThat(projection.includes(GIVEN_NAME, Returned.DEFAULT)).isTrue();
  }

  @Test
  void excludingASubAttributeExcludesItsQualifiedPath() {
    Projection projection = new Projection(Set.of(), Set.of(GIVEN_NAME));

    assertThat(projection.includes(QUALIFIED_GIVEN_NAME, Returned.DEFAULT)).isFalse();
  }

  @Test
  void excludingAQualifiedSubAttributeExcludesItsUnqualifiedPath() {
    Projection projection = new Projection(Set.of(), Set.of(QUALIFIED_GIVEN_NAME));

    assertThat(projection.includes(GIVEN_NAME, Returned.DEFAULT)).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Returned.class)
  void alwaysAndNeverWinOverAnyParameter(Returned returned) {
    Projection asked = Projection.only("password");
    Projection excluded = Projection.excluding("password");
    AttributePath password = AttributePath.of("password");

    if (returned == Returned.ALWAYS) {
      assertThat(asked.includes(password, returned)).isTrue();
      assertThat(excluded.includes(password, returned)).isTrue();
    } else if (returned == Returned.NEVER) {
      assertThat(asked.includes(password, returned)).isFalse();
      assertThat(excluded.includes(password, returned)).isFalse();
    } else {
      assertThat(asked.includes(password, returned)).isTrue();
      assertThat(excluded.includes(password, returned)).isFalse();
    }
  }

  @Test
  void defaultProjectionIncludesMembers() {
    assertThat(Projection.DEFAULT.includes("members")).isTrue();
    assertThat(Projection.DEFAULT.attributes()).isEmpty();
    assertThat(Projection.DEFAULT.excludedAttributes()).isEmpty();
  }

  // Microsoft Entra ID sends excludedAttributes=members on every group read.
  @Test
  void excludingMembersLeavesMembersOut() {
    assertThat(Projection.excluding("members").includes("members")).isFalse();
    assertThat(Projection.excluding("Members").includes("members")).isFalse();
    assertThat(Projection.excluding("members").includes("MEMBERS")).isFalse();
    assertThat(Projection.excluding("members").includes("displayName")).isTrue();
    assertThat(Projection.excluding("displayName").includes("members")).isTrue();
  }

  @Test
  void askingForOtherAttributesLeavesMembersOut() {
    assertThat(Projection.only("displayName").includes("members")).isFalse();
    assertThat(Projection.only("displayName", "members").includes("members")).isTrue();
  }

  @Test
  void askingForAMemberSubAttributeNeedsMembers() {
    Projection memberValues =
        new Projection(Set.of(AttributePath.of("members", "value")), Set.of());

    assertThat(memberValues.includes("members")).isTrue();
  }

  @Test
  void excludingAMemberSubAttributeStillNeedsMembers() {
    Projection noDisplay = new Projection(Set.of(), Set.of(AttributePath.of("members", "display")));

    assertThat(noDisplay.includes("members")).isTrue();
  }

  @Test
  void factoriesBuildTopLevelPaths() {
    assertThat(Projection.excluding("members", "meta").excludedAttributes())
        .containsExactlyInAnyOrder(AttributePath.of("members"), AttributePath.of("meta"));
    assertThat(Projection.only("userName").attributes())
        .containsExactly(AttributePath.of("userName"));
    assertThat(Projection.only("userName").excludedAttributes()).isEmpty();
  }

  @Test
  void factoriesAcceptNamesThatDifferOnlyInCase() {
    assertThat(Projection.excluding("members", "MEMBERS").excludedAttributes()).hasSize(1);
  }

  @Test
  void factoriesRejectInvalidNames() {
    assertThatThrownBy(() -> Projection.excluding("not a name"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void copiesItsSets() {
    Set<AttributePath> attributes = new HashSet<>(Set.of(AttributePath.of("userName")));
    Projection projection = new Projection(attributes, new HashSet<>());
    attributes.add(AttributePath.of("displayName"));

    assertThat(projection.attributes()).containsExactly(AttributePath.of("userName"));
    assertThatThrownBy(() -> projection.attributes().add(AttributePath.of("x")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> projection.excludedAttributes().add(AttributePath.of("x")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void requiresBothSets() {
    assertThatThrownBy(() -> new Projection(null, Set.of()))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Projection(Set.of(), null))
        .isInstanceOf(NullPointerException.class);
  }
}
