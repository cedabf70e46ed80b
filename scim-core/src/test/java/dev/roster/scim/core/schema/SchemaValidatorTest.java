package dev.roster.scim.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.spi.Projection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SchemaValidatorTest {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();
  private static final ResourceSchema USERS = REGISTRY.resourceSchema("User");
  private static final ResourceSchema GROUPS = REGISTRY.resourceSchema("Group");
  private static final SchemaValidator LENIENT = SchemaValidator.lenient(USERS);
  private static final SchemaValidator STRICT =
      new SchemaValidator(USERS, SchemaValidator.Mode.STRICT);

  private static ScimResource user(String members) {
    return ScimResource.parse(
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"]," + members + "}");
  }

  private static void assertRejected(Runnable call, ScimType type) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.scimType()).contains(type);
              assertThat(e.status()).isEqualTo(type.defaultStatus());
            });
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "\"displayName\":\"no userName\"| invalidValue",
        "\"userName\":42| invalidValue",
        "\"userName\":\"a\",\"active\":\"yes\"| invalidValue",
        "\"userName\":\"a\",\"active\":1| invalidValue",
        "\"userName\":\"a\",\"name\":\"Babs\"| invalidValue",
        "\"userName\":\"a\",\"displayName\":[\"x\"]| invalidValue",
        "\"userName\":\"a\",\"emails\":[{\"value\":\"a@b\",\"primary\":\"maybe\"}]| invalidValue",
        "\"userName\":\"a\",\"x509Certificates\":[{\"value\":\"not base64!\"}]| invalidValue",
        "\"userName\":\"a\",\"profileUrl\":\"http://exa mple.com\"| invalidValue",
        "\"userName\":\"a\",\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":\"x\"| invalidValue",
        "\"userName\":\"a\",\"urn:ietf:params:scim:schemas:core:2.0:User\":{\"userName\":\"b\"}| invalidSyntax",
        "\"userName\":\"a\",\"schemas\":\"urn:ietf:params:scim:schemas:core:2.0:User\"| invalidSyntax",
      })
  void invalidInputGetsTheRightScimType(String members, String scimType) {
    ScimType expected = ScimType.fromWireValue(scimType).orElseThrow();
    ScimResource input = user(members);
    assertRejected(() -> LENIENT.validateCreate(input), expected);
    assertRejected(() -> STRICT.validateCreate(input), expected);
  }

  @Test
  void lenientModeDropsUnknownAttributesStrictModeRejectsThem() {
    ScimResource input = user("\"userName\":\"a\",\"favouriteColour\":\"teal\"");

    assertThat(LENIENT.validateCreate(input).toJson().has("favouriteColour")).isFalse();
    assertRejected(() -> STRICT.validateCreate(input), ScimType.INVALID_SYNTAX);
    assertRejected(
        () -> STRICT.validateCreate(user("\"userName\":\"a\",\"name\":{\"nick\":\"x\"}")),
        ScimType.INVALID_SYNTAX);
  }

  @Test
  void strictModeNeedsTheCoreSchemaInSchemas() {
    assertRejected(
        () -> STRICT.validateCreate(ScimResource.parse("{\"userName\":\"a\"}")),
        ScimType.INVALID_SYNTAX);
    assertRejected(
        () ->
            STRICT.validateCreate(
                ScimResource.parse("{\"schemas\":[\"urn:other:x\"],\"userName\":\"a\"}")),
        ScimType.INVALID_SYNTAX);
    assertThat(LENIENT.validateCreate(ScimResource.parse("{\"userName\":\"a\"}")).schemas())
        .containsExactly(SchemaUrns.USER);
  }

  @Test
  void namesAreSpelledAsTheSchemaDeclaresThem() {
    ScimResource created =
        STRICT.validateCreate(
            user(
                "\"USERNAME\":\"bjensen\",\"Name\":{\"GivenName\":\"Barbara\"},"
                    + "\"Emails\":[{\"Value\":\"b@example.com\",\"TYPE\":\"work\"}]"));

    assertThat(created.toJsonString())
        .isEqualTo(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"bjensen\","
                + "\"name\":{\"givenName\":\"Barbara\"},"
                + "\"emails\":[{\"value\":\"b@example.com\",\"type\":\"work\"}]}");
  }

  @Test
  void readOnlyInputIsIgnored() {
    ScimResource created =
        STRICT.validateCreate(
            user(
                "\"id\":\"client-chosen\",\"userName\":\"a\",\"meta\":{\"resourceType\":\"User\"},"
                    + "\"groups\":[{\"value\":\"g1\"}]"));

    assertThat(created.id()).isNull();
    assertThat(created.toJson().has("meta")).isFalse();
    assertThat(created.toJson().has("groups")).isFalse();
  }

  @Test
  void entraCreateBodyIsAcceptedByDefault() {
    // entra-traffic.md §1.2.2 "Example 2": nulls, a malformed extension URN, meta and empty roles.
    ScimResource entra =
        ScimResource.parse(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\","
                + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0User\"],"
                + "\"externalId\":\"jyoung\",\"userName\":\"jyoung@testuser.com\",\"active\":true,"
                + "\"addresses\":null,\"displayName\":\"Joy Young\","
                + "\"emails\":[{\"type\":\"work\",\"value\":\"jyoung@Contoso.com\",\"primary\":\"True\"}],"
                + "\"meta\":{\"resourceType\":\"User\"},\"name\":{\"familyName\":\"Young\",\"givenName\":\"Joy\"},"
                + "\"phoneNumbers\":null,\"preferredLanguage\":null,\"title\":null,"
                + "\"department\":null,\"manager\":null,\"roles\":[]}");

    ScimResource created = LENIENT.validateCreate(entra);

    assertThat(created.schemas()).containsExactly(SchemaUrns.USER);
    assertThat(created.toJson().fieldNames())
        .toIterable()
        .containsExactly(
            "schemas", "externalId", "userName", "active", "displayName", "emails", "name");
    assertThat(created.toJson().at("/emails/0/primary").isBoolean()).isTrue();
    assertThat(created.toJson().at("/emails/0/primary").booleanValue()).isTrue();
  }

  @Test
  void booleanStringsAreReadOnlyInLenientMode() {
    ScimResource input = user("\"userName\":\"a\",\"active\":\"False\"");

    assertThat(LENIENT.validateCreate(input).toJson().get("active").booleanValue()).isFalse();
    assertRejected(() -> STRICT.validateCreate(input), ScimType.INVALID_VALUE);
  }

  @Test
  void onlyOnePrimaryValue() {
    ScimResource input =
        user(
            "\"userName\":\"a\",\"emails\":[{\"value\":\"a@x\",\"primary\":true},"
                + "{\"value\":\"b@x\",\"primary\":true}]");

    assertRejected(() -> STRICT.validateCreate(input), ScimType.INVALID_VALUE);
    ScimResource fixed = LENIENT.validateCreate(input);
    assertThat(fixed.toJson().at("/emails/0/primary").booleanValue()).isTrue();
    assertThat(fixed.toJson().at("/emails/1/primary").booleanValue()).isFalse();
  }

  @Test
  void strictCanonicalValuesAreEnforcedWhereDeclared() {
    Schema badge =
        Schema.builder("urn:example:Badge")
            .attribute(
                AttributeDefinition.builder("colour")
                    .canonicalValues(List.of("red", "green"))
                    .strictCanonicalValues(true)
                    .build())
            .build();
    SchemaRegistry registry = SchemaRegistry.empty().register(badge);
    registry.register(ResourceType.of("Badge", "/Badges", badge.id()));
    SchemaValidator validator = SchemaValidator.lenient(registry.resourceSchema("Badge"));

    assertThat(validator.validateCreate(ScimResource.parse("{\"colour\":\"RED\"}")).toJsonString())
        .contains("\"colour\":\"red\"");
    assertRejected(
        () -> validator.validateCreate(ScimResource.parse("{\"colour\":\"blue\"}")),
        ScimType.INVALID_VALUE);
    // RFC 7643's own canonical values are suggestions: other email types pass.
    assertThat(
            STRICT.validateCreate(
                user("\"userName\":\"a\",\"emails\":[{\"value\":\"a@x\",\"type\":\"school\"}]")))
        .isNotNull();
  }

  @Test
  void typesAreChecked() {
    Schema typed =
        Schema.builder("urn:example:Typed")
            .attribute(AttributeDefinition.builder("n").type(AttributeType.INTEGER).build())
            .attribute(AttributeDefinition.builder("d").type(AttributeType.DECIMAL).build())
            .attribute(AttributeDefinition.builder("t").type(AttributeType.DATE_TIME).build())
            .build();
    SchemaRegistry registry = SchemaRegistry.empty().register(typed);
    registry.register(ResourceType.of("Typed", "/Typed", typed.id()));
    SchemaValidator validator = SchemaValidator.lenient(registry.resourceSchema("Typed"));

    ScimResource ok =
        validator.validateCreate(
            ScimResource.parse("{\"n\":3,\"d\":2.50,\"t\":\"2010-01-23T04:56:22Z\"}"));
    assertThat(ok.toJsonString()).contains("\"d\":2.50");
    for (String bad :
        List.of("{\"n\":3.5}", "{\"n\":\"3\"}", "{\"d\":\"2.5\"}", "{\"t\":\"yesterday\"}")) {
      assertRejected(
          () -> validator.validateCreate(ScimResource.parse(bad)), ScimType.INVALID_VALUE);
    }
  }

  @Test
  void immutableValuesCannotChangeOnReplace() {
    Schema badge =
        Schema.builder("urn:example:Badge")
            .attribute(
                AttributeDefinition.builder("serial").mutability(Mutability.IMMUTABLE).build())
            .attribute(AttributeDefinition.builder("label").build())
            .build();
    SchemaRegistry registry = SchemaRegistry.empty().register(badge);
    registry.register(ResourceType.of("Badge", "/Badges", badge.id()));
    SchemaValidator validator = SchemaValidator.lenient(registry.resourceSchema("Badge"));
    ScimResource existing =
        ScimResource.parse(
            "{\"id\":\"1\",\"serial\":\"S-1\",\"meta\":{\"version\":\"W/\\\"1\\\"\"}}");

    assertRejected(
        () -> validator.validateReplace(ScimResource.parse("{\"serial\":\"S-2\"}"), existing),
        ScimType.MUTABILITY);
    ScimResource kept =
        validator.validateReplace(ScimResource.parse("{\"label\":\"new\"}"), existing);
    assertThat(kept.id()).isEqualTo("1");
    assertThat(kept.toJson().get("serial").asText()).isEqualTo("S-1");
    assertThat(kept.meta().version()).isEqualTo("W/\"1\"");
    assertThat(
            validator
                .validateReplace(
                    ScimResource.parse("{\"serial\":\"S-1\",\"label\":\"x\"}"), existing)
                .toJson()
                .get("label")
                .asText())
        .isEqualTo("x");
  }

  @Test
  void groupsFromEntraKeepTheirMembersAndDropTheAdscimUrn() {
    ScimResource entraGroup =
        ScimResource.parse(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\","
                + "\"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group\"],"
                + "\"externalId\":\"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\",\"displayName\":\"Group1\","
                + "\"meta\":{\"resourceType\":\"Group\"},"
                + "\"members\":[{\"value\":\"u1\",\"$ref\":null,\"display\":\"Babs\"}]}");

    ScimResource created = SchemaValidator.lenient(GROUPS).validateCreate(entraGroup);

    assertThat(created.schemas()).containsExactly(SchemaUrns.GROUP);
    assertThat(created.toJson().get("members").toString())
        .isEqualTo("[{\"value\":\"u1\",\"display\":\"Babs\"}]");
  }

  @Test
  void returnedNeverIsNeverWrittenOut() {
    ScimResource stored =
        user("\"id\":\"1\",\"userName\":\"a\",\"password\":\"t1meMa$heen\",\"title\":\"Boss\"");

    assertThat(USERS.project(stored, Projection.DEFAULT).toJsonString())
        .doesNotContain("password")
        .doesNotContain("t1meMa$heen")
        .contains("\"title\":\"Boss\"");
    assertThat(USERS.project(stored, Projection.only("password", "userName")).toJsonString())
        .doesNotContain("password")
        .contains("\"id\":\"1\"")
        .contains("userName")
        .doesNotContain("title");
  }

  @Test
  void projectionSelectsSubAttributesAndExcludesMembers() {
    ScimResource stored =
        user("\"id\":\"1\",\"userName\":\"a\",\"name\":{\"givenName\":\"G\",\"familyName\":\"F\"}");
    assertThat(
            USERS
                .project(
                    stored,
                    new Projection(
                        java.util.Set.of(
                            dev.roster.scim.core.path.AttributePath.of("name", "givenName")),
                        java.util.Set.of()))
                .toJsonString())
        .isEqualTo(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"1\",\"name\":{\"givenName\":\"G\"}}");

    ScimResource group =
        ScimResource.parse(
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"g\","
                + "\"displayName\":\"G\",\"members\":[{\"value\":\"u1\"}]}");
    assertThat(GROUPS.project(group, Projection.excluding("members")).toJsonString())
        .doesNotContain("members")
        .contains("displayName");
  }

  @Test
  void projectionResolvesEachSpellingOfANameTheSameWayOnEveryResourceAndProjection() {
    // project() remembers what each member name is; the answer must not depend on what was
    // projected before, on the projection, nor on how many names it has met (the memo is bounded).
    String enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
    for (int round = 0; round < 3; round++) {
      StringBuilder unknown = new StringBuilder();
      for (int i = 0; i < 1500; i++) {
        unknown.append(",\"x").append(round).append('_').append(i).append("\":1");
      }
      ScimResource stored =
          ScimResource.parse(
              "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                  + enterprise
                  + "\"],\"ID\":\"1\",\"USERNAME\":\"a\",\"password\":\"p\","
                  + "\"emails\":[{\"VALUE\":\"a@example.com\",\"nope\":1}],"
                  + "\"Name\":{\"GivenName\":\"G\",\"familyName\":\"F\"},\""
                  + enterprise.toUpperCase(java.util.Locale.ROOT)
                  + "\":{\"Department\":\"D\",\"nope\":2}"
                  + unknown
                  + "}");

      assertThat(USERS.project(stored, Projection.DEFAULT).toJsonString())
          .isEqualTo(
              "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                  + enterprise
                  + "\"],\"ID\":\"1\",\"USERNAME\":\"a\","
                  + "\"emails\":[{\"VALUE\":\"a@example.com\"}],"
                  + "\"Name\":{\"GivenName\":\"G\",\"familyName\":\"F\"},\""
                  + enterprise.toUpperCase(java.util.Locale.ROOT)
                  + "\":{\"Department\":\"D\"}}");
      assertThat(
              USERS
                  .project(
                      stored,
                      new Projection(
                          java.util.Set.of(
                              dev.roster.scim.core.path.AttributePath.of("name", "familyName")),
                          java.util.Set.of()))
                  .toJsonString())
          .isEqualTo(
              "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                  + enterprise
                  + "\"],\"ID\":\"1\",\"Name\":{\"familyName\":\"F\"}}");
      assertThat(USERS.project(stored, Projection.excluding("emails", "name")).toJsonString())
          .doesNotContain("emails", "Name", "password", "x" + round + "_")
          .contains("USERNAME", "Department");
    }
  }
}
