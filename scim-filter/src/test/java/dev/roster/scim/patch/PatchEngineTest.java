package dev.roster.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.MemberDelta;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PatchEngineTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();
  private static final PatchEngine USERS = PatchEngine.lenient(REGISTRY.resourceSchema("User"));
  private static final PatchEngine GROUPS = PatchEngine.lenient(REGISTRY.resourceSchema("Group"));
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String BABS = "2819c223-7f76-453a-919d-413861904646";
  private static final String MANDY = "902c246b-6245-4190-8e05-00816be7344a";

  private static ScimResource resource(String file) {
    try (InputStream in = PatchEngineTest.class.getResourceAsStream("/patch/" + file)) {
      return ScimResource.fromJson(MAPPER.readTree(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ScimResource user() {
    return resource("8.3-enterprise-user.json");
  }

  private static ScimResource group() {
    return resource("8.4-group.json");
  }

  private static ScimResource minimalUser() {
    return ScimResource.parse(
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"id\":\"u1\","
            + "\"userName\":\"bjensen\",\"meta\":{\"resourceType\":\"User\",\"version\":\"W/\\\"1\\\"\"}}");
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Wraps operations in a PatchOp request body. */
  private static String body(String operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
        + operations
        + "]}";
  }

  private static JsonNode patch(PatchEngine engine, ScimResource resource, String operations) {
    return engine.apply(resource, engine.readRequest(json(body(operations)))).toJson();
  }

  private static void assertRejected(
      PatchEngine engine, ScimResource resource, String operations, int status, ScimType type) {
    ScimResource before = ScimResource.fromJson(resource.toJson());
    assertThatThrownBy(() -> patch(engine, resource, operations))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).as(e.detail()).isEqualTo(status);
              assertThat(e.scimType())
                  .as(e.detail())
                  .isEqualTo(java.util.Optional.ofNullable(type));
            });
    assertThat(resource).isEqualTo(before);
  }

  private static List<String> memberIds(JsonNode group) {
    return group.path("members").findValuesAsText("value");
  }

  @Nested
  class Rfc7644Examples {
    @Test
    void addMembers() {
      JsonNode result =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"display\":\"James Bond\","
                  + "\"$ref\":\"https://example.com/v2/Users/08e1d05d-121c-4561-8b96-473d93df9210\","
                  + "\"value\":\"08e1d05d-121c-4561-8b96-473d93df9210\"}]}");

      assertThat(memberIds(result))
          .containsExactly(BABS, MANDY, "08e1d05d-121c-4561-8b96-473d93df9210");
    }

    @Test
    void addWithoutPathMergesAttributes() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"add\",\"value\":{\"emails\":[{\"value\":\"babs@jensen.org\",\"type\":\"home\"}],"
                  + "\"nickname\":\"Babs\"}}");

      assertThat(result.path("nickName").asText()).isEqualTo("Babs");
      // RFC 7643 §8.3 already has babs@jensen.org as a home email: not duplicated.
      assertThat(result.path("emails").findValuesAsText("value"))
          .containsExactly("bjensen@example.com", "babs@jensen.org");
    }

    @Test
    void removeAllMembers() {
      assertThat(patch(GROUPS, group(), "{\"op\":\"remove\",\"path\":\"members\"}").has("members"))
          .isFalse();
    }

    @Test
    void removeOneMember() {
      JsonNode result =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + BABS + "\\\"]\"}");

      assertThat(memberIds(result)).containsExactly(MANDY);
    }

    @Test
    void removeWithAComplexFilter() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"remove\",\"path\":\"emails[type eq \\\"work\\\" and value ew \\\"example.com\\\"]\"}");

      assertThat(result.path("emails").findValuesAsText("value"))
          .containsExactly("babs@jensen.org");
    }

    @Test
    void removeAllThenAdd() {
      JsonNode result =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"remove\",\"path\":\"members\"},{\"op\":\"add\",\"path\":\"members\","
                  + "\"value\":[{\"display\":\"Babs Jensen\",\"value\":\""
                  + BABS
                  + "\"}]}");

      assertThat(memberIds(result)).containsExactly(BABS);
    }

    @Test
    void replaceMembers() {
      JsonNode result =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"display\":\"James Bond\","
                  + "\"value\":\"08e1d05d\"},{\"display\":\"Babs\",\"value\":\""
                  + BABS
                  + "\"}]}");

      assertThat(memberIds(result)).containsExactly("08e1d05d", BABS);
    }

    @Test
    void replaceAWorkAddress() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"replace\",\"path\":\"addresses[type eq \\\"work\\\"]\",\"value\":{"
                  + "\"type\":\"work\",\"streetAddress\":\"911 Universal City Plaza\","
                  + "\"locality\":\"Hollywood\",\"region\":\"CA\",\"postalCode\":\"91608\","
                  + "\"country\":\"US\",\"formatted\":\"911 Universal City Plaza\\nHollywood, CA 91608 US\","
                  + "\"primary\":true}}");

      JsonNode work = result.path("addresses").get(0);
      assertThat(work.path("streetAddress").asText()).isEqualTo("911 Universal City Plaza");
      assertThat(work.path("country").asText()).isEqualTo("US");
      assertThat(result.path("addresses").get(1).path("type").asText()).isEqualTo("home");
    }

    @Test
    void replaceASubAttributeOfMatchingValues() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"replace\",\"path\":\"addresses[type eq \\\"work\\\"].streetAddress\","
                  + "\"value\":\"1010 Broadway Ave\"}");

      assertThat(result.at("/addresses/0/streetAddress").asText()).isEqualTo("1010 Broadway Ave");
      assertThat(result.at("/addresses/0/locality").asText()).isEqualTo("Hollywood");
    }

    @Test
    void replaceWithoutPath() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"replace\",\"value\":{\"emails\":[{\"value\":\"bjensen@example.com\","
                  + "\"type\":\"work\",\"primary\":true},{\"value\":\"babs@jensen.org\",\"type\":\"home\"}],"
                  + "\"nickname\":\"Babs\"}}");

      assertThat(result.path("emails")).hasSize(2);
      assertThat(result.path("nickName").asText()).isEqualTo("Babs");
      assertThat(result.path("userName").asText()).isEqualTo("bjensen@example.com");
    }
  }

  @Nested
  class EntraUsers {
    @Test
    void multiValuedAndSubAttributeReplace() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\","
                  + "\"value\":\"updatedEmail@microsoft.com\"},"
                  + "{\"op\":\"Replace\",\"path\":\"name.familyName\",\"value\":\"updatedFamilyName\"}");

      assertThat(result.at("/emails/0/value").asText()).isEqualTo("updatedEmail@microsoft.com");
      assertThat(result.at("/emails/1/value").asText()).isEqualTo("babs@jensen.org");
      assertThat(result.at("/name/familyName").asText()).isEqualTo("updatedFamilyName");
      assertThat(result.at("/name/givenName").asText()).isEqualTo("Barbara");
    }

    @Test
    void workEmailIsCreatedWhenMissing() {
      JsonNode result =
          patch(
              USERS,
              minimalUser(),
              "{\"op\":\"Add\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"a@b.c\"},"
                  + "{\"op\":\"Replace\",\"path\":\"addresses[type eq \\\"work\\\"].locality\",\"value\":\"Oslo\"},"
                  + "{\"op\":\"Replace\",\"path\":\"phoneNumbers[type eq \\\"mobile\\\"].value\",\"value\":\"+47 1\"}");

      assertThat(result.path("emails").toString())
          .isEqualTo("[{\"type\":\"work\",\"value\":\"a@b.c\"}]");
      assertThat(result.at("/addresses/0/locality").asText()).isEqualTo("Oslo");
      assertThat(result.at("/addresses/0/type").asText()).isEqualTo("work");
      assertThat(result.at("/phoneNumbers/0/type").asText()).isEqualTo("mobile");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Add", "add"})
    void addSingleValueWithAndWithoutFlag(String op) {
      JsonNode result =
          patch(
              USERS,
              minimalUser(),
              "{\"op\":\"" + op + "\",\"path\":\"nickName\",\"value\":\"Babs\"}");

      assertThat(result.path("nickName").asText()).isEqualTo("Babs");
    }

    @Test
    void replaceSeveralWithoutFlag() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"Pvlo\"},"
                  + "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"TestBcwqnm@test.microsoft.com\"},"
                  + "{\"op\":\"Replace\",\"path\":\"name.givenName\",\"value\":\"Gtfd\"},"
                  + "{\"op\":\"Replace\",\"path\":\"name.familyName\",\"value\":\"Pkqf\"},"
                  + "{\"op\":\"Replace\",\"path\":\"externalId\",\"value\":\"Eqpj\"},"
                  + "{\"op\":\"Replace\",\"path\":\""
                  + ENTERPRISE
                  + ":employeeNumber\",\"value\":\"Eqpj\"}");

      assertThat(result.path("displayName").asText()).isEqualTo("Pvlo");
      assertThat(result.at("/emails/0/value").asText()).isEqualTo("TestBcwqnm@test.microsoft.com");
      assertThat(result.at("/name/givenName").asText()).isEqualTo("Gtfd");
      assertThat(result.path("externalId").asText()).isEqualTo("Eqpj");
      assertThat(result.path(ENTERPRISE).path("employeeNumber").asText()).isEqualTo("Eqpj");
    }

    @Test
    void replaceSeveralWithFlagUsesDottedAndUrnKeys() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"TestMhvaes@test.microsoft.com\"},"
                  + "{\"op\":\"replace\",\"value\":{\"displayName\":\"Bjfe\",\"name.givenName\":\"Kkom\","
                  + "\"name.familyName\":\"Unua\",\""
                  + ENTERPRISE
                  + ":employeeNumber\":\"Aklq\"}}");

      assertThat(result.path("displayName").asText()).isEqualTo("Bjfe");
      assertThat(result.at("/name/givenName").asText()).isEqualTo("Kkom");
      assertThat(result.at("/name/familyName").asText()).isEqualTo("Unua");
      assertThat(result.at("/name/formatted").asText()).isEqualTo("Ms. Barbara J Jensen, III");
      assertThat(result.path(ENTERPRISE).path("employeeNumber").asText()).isEqualTo("Aklq");
      assertThat(result.at("/emails/0/value").asText()).isEqualTo("TestMhvaes@test.microsoft.com");
    }

    @Test
    void pathlessUrnKeysOnly() {
      JsonNode result =
          patch(
              USERS,
              minimalUser(),
              "{\"op\":\"replace\",\"value\":{\""
                  + ENTERPRISE
                  + ":organization\":\"organization\",\""
                  + ENTERPRISE
                  + ":department\":\"department\"}},{\"op\":\"add\",\"value\":{\""
                  + ENTERPRISE
                  + ":division\":\"division\"}}");

      assertThat(result.path(ENTERPRISE).toString())
          .isEqualTo(
              "{\"organization\":\"organization\",\"department\":\"department\",\"division\":\"division\"}");
      assertThat(result.path("schemas").findValuesAsText("schemas")).isEmpty();
      assertThat(result.path("schemas").toString()).contains(ENTERPRISE);
    }

    @Test
    void managerAsBareIdIsStoredComplexAndClearedWithEmptyString() {
      String path = ENTERPRISE + ":manager";
      JsonNode set =
          patch(
              USERS,
              minimalUser(),
              "{\"op\":\"Add\",\"path\":\"" + path + "\",\"value\":\"2c2f6fb8\"}");
      assertThat(set.path(ENTERPRISE).path("manager").toString())
          .isEqualTo("{\"value\":\"2c2f6fb8\"}");

      ScimResource withManager = ScimResource.fromJson(set);
      JsonNode changed =
          patch(
              USERS,
              withManager,
              "{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"other\"}");
      assertThat(changed.path(ENTERPRISE).path("manager").path("value").asText())
          .isEqualTo("other");

      JsonNode cleared =
          patch(
              USERS, withManager, "{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"\"}");
      assertThat(cleared.has(ENTERPRISE)).isFalse();
      assertThat(cleared.path("schemas").toString()).doesNotContain(ENTERPRISE);
    }

    @Test
    void managerInTheValidatorsComplexForm() {
      String path = ENTERPRISE + ":manager";
      JsonNode set =
          patch(
              USERS,
              minimalUser(),
              "{\"op\":\"add\",\"path\":\"" + path + "\",\"value\":{\"value\":\"1f556bd0\"}}");
      assertThat(set.path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo("1f556bd0");

      JsonNode cleared =
          patch(
              USERS,
              ScimResource.fromJson(set),
              "{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":{\"value\":\"\"}}");
      assertThat(cleared.path(ENTERPRISE).has("manager")).isFalse();
    }

    @Test
    void managerInTheOldDocumentedArrayFormAndLegacyDotPath() {
      JsonNode result =
          patch(
              USERS,
              minimalUser(),
              "{\"op\":\"Add\",\"path\":\"manager\",\"value\":[{\"$ref\":\"http://x/scim/Users/00aa\","
                  + "\"value\":\"00aa\"}]}");
      assertThat(result.path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo("00aa");

      JsonNode legacy =
          patch(
              USERS,
              minimalUser(),
              "{\"op\":\"Add\",\"path\":\"" + ENTERPRISE + ".manager\",\"value\":\"00bb\"}");
      assertThat(legacy.path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo("00bb");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"False\"", "false", "\"false\"", "\"FALSE\""})
    void disableWithBooleanOrString(String value) {
      JsonNode result =
          patch(USERS, user(), "{\"op\":\"Replace\",\"path\":\"active\",\"value\":" + value + "}");

      assertThat(result.path("active").isBoolean()).isTrue();
      assertThat(result.path("active").booleanValue()).isFalse();
    }

    @Test
    void reEnableWithTrueString() {
      ScimResource disabled =
          ScimResource.fromJson(
              patch(USERS, user(), "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"));

      assertThat(
              patch(USERS, disabled, "{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"True\"}")
                  .path("active")
                  .booleanValue())
          .isTrue();
    }

    @Test
    void primaryFiltersInValidatorStyle() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"replace\",\"path\":\"emails[primary eq true].value\",\"value\":\"j@t.co.uk\"},"
                  + "{\"op\":\"replace\",\"path\":\"addresses[primary eq true].locality\",\"value\":\"QJQ\"},"
                  + "{\"op\":\"replace\",\"value\":{\"externalId\":\"c7145de2\",\"name.formatted\":\"Theresa\","
                  + "\"active\":true,\"preferredLanguage\":\"en-SC\"}}");

      assertThat(result.at("/emails/0/value").asText()).isEqualTo("j@t.co.uk");
      assertThat(result.at("/addresses/0/locality").asText()).isEqualTo("QJQ");
      assertThat(result.at("/name/formatted").asText()).isEqualTo("Theresa");
      assertThat(result.path("externalId").asText()).isEqualTo("c7145de2");
    }

    @Test
    void rolesWithTrueStringFilterCreateTheElement() {
      JsonNode result =
          patch(
              USERS,
              minimalUser(),
              "{\"op\":\"Add\",\"path\":\"roles[primary eq \\\"True\\\"].value\",\"value\":\"Admin\"},"
                  + "{\"op\":\"Add\",\"path\":\"roles[primary eq \\\"True\\\"].display\",\"value\":\"Admin role\"}");

      assertThat(result.path("roles")).hasSize(1);
      assertThat(result.at("/roles/0/value").asText()).isEqualTo("Admin");
      assertThat(result.at("/roles/0/display").asText()).isEqualTo("Admin role");
      assertThat(result.at("/roles/0/primary").booleanValue()).isTrue();
    }

    @Test
    void rolesAddedAndReplacedAsLists() {
      JsonNode added =
          patch(
              USERS,
              minimalUser(),
              "{\"op\":\"Add\",\"path\":\"roles\",\"value\":[{\"value\":\"{\\\"id\\\":\\\"06b0\\\",\\\"value\\\":\\\"25\\\"}\"}]}");
      assertThat(added.at("/roles/0/value").asText())
          .isEqualTo("{\"id\":\"06b0\",\"value\":\"25\"}");

      JsonNode replaced =
          patch(
              USERS,
              ScimResource.fromJson(added),
              "{\"op\":\"replace\",\"path\":\"roles\",\"value\":[{\"primary\":false,"
                  + "\"type\":\"WindowsAzureActiveDirectoryRole\",\"display\":\"User\",\"value\":\"User\"},"
                  + "{\"primary\":false,\"type\":\"WindowsAzureActiveDirectoryRole\",\"display\":\"Test\",\"value\":\"Test\"}]}");
      assertThat(replaced.path("roles").findValuesAsText("value")).containsExactly("User", "Test");
    }

    @Test
    void multipleOperationsOnTheSameAttributeApplyInOrder() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"remove\",\"path\":\"externalId\"},{\"op\":\"add\",\"value\":{\"externalId\":\"A\"}},"
                  + "{\"op\":\"replace\",\"value\":{\"externalId\":\"B\"}}");

      assertThat(result.path("externalId").asText()).isEqualTo("B");
    }

    @Test
    void userNameRenameWithoutPath() {
      assertThat(
              patch(
                      USERS,
                      user(),
                      "{\"op\":\"replace\",\"value\":{\"userName\":\"burdette@beer.co.uk\"}}")
                  .path("userName")
                  .asText())
          .isEqualTo("burdette@beer.co.uk");
    }

    @Test
    void settingPrimaryOnOneValueClearsTheOthers() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"add\",\"path\":\"emails\",\"value\":[{\"value\":\"new@x.org\",\"type\":\"other\",\"primary\":true}]}");

      assertThat(result.path("emails").findValues("primary"))
          .extracting(JsonNode::booleanValue)
          .containsExactly(false, true);

      JsonNode viaFilter =
          patch(
              USERS,
              user(),
              "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"home\\\"].primary\",\"value\":true}");
      assertThat(viaFilter.at("/emails/0/primary").booleanValue()).isFalse();
      assertThat(viaFilter.at("/emails/1/primary").booleanValue()).isTrue();
    }
  }

  @Nested
  class EntraAndOktaGroups {
    @Test
    void addMemberWithNullRef() {
      JsonNode result =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"f648f8d5\"}]}");

      assertThat(memberIds(result)).containsExactly(BABS, MANDY, "f648f8d5");
      assertThat(result.path("members").get(2).toString()).isEqualTo("{\"value\":\"f648f8d5\"}");
    }

    @Test
    void removeWithAValueListRemovesOnlyThoseMembers() {
      JsonNode result =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\""
                  + BABS
                  + "\"}]}");

      assertThat(memberIds(result)).containsExactly(MANDY);
    }

    @Test
    void addingAPresentMemberAndRemovingAnAbsentOneChangeNothing() {
      JsonNode result =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                  + BABS
                  + "\",\"display\":\"again\"}]},"
                  + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"nobody\\\"]\"}");

      assertThat(memberIds(result)).containsExactly(BABS, MANDY);
    }

    @Test
    void addThenRemoveTheSameMemberInOneRequest() {
      JsonNode result =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"x1\"}]},"
                  + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"x1\\\"]\"}");

      assertThat(memberIds(result)).containsExactly(BABS, MANDY);
    }

    @Test
    void renameWithPathAndWithoutIt() {
      assertThat(
              patch(
                      GROUPS,
                      group(),
                      "{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"New\"}")
                  .path("displayName")
                  .asText())
          .isEqualTo("New");
      JsonNode okta =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"replace\",\"value\":{\"id\":\"e9e30dba-f08f-4109-8486-d5c6a331660a\",\"displayName\":\"Test SCIMv2\"}}");
      assertThat(okta.path("displayName").asText()).isEqualTo("Test SCIMv2");
      assertThat(memberIds(okta)).containsExactly(BABS, MANDY);
    }

    @Test
    void oktaReplacesTheWholeListIncludingWithEmpty() {
      JsonNode replaced =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\"23a35c27\",\"display\":\"t@okta.local\"}]}");
      assertThat(memberIds(replaced)).containsExactly("23a35c27");

      JsonNode emptied =
          patch(GROUPS, group(), "{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}");
      assertThat(emptied.has("members")).isFalse();

      JsonNode pathless =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"replace\",\"value\":{\"members\":[],\"id\":\"e9e30dba-f08f-4109-8486-d5c6a331660a\","
                  + "\"displayName\":\"org-cd1:viewer\"}}");
      assertThat(pathless.has("members")).isFalse();
      assertThat(pathless.path("displayName").asText()).isEqualTo("org-cd1:viewer");
    }

    @Test
    void oktaDeactivatesWithAPathlessReplace() {
      assertThat(
              patch(USERS, user(), "{\"op\":\"replace\",\"value\":{\"active\":false}}")
                  .path("active")
                  .booleanValue())
          .isFalse();
    }
  }

  @Nested
  class Errors {
    @Test
    void unknownAttributeIsInvalidPath() {
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"path\":\"favouriteColour\",\"value\":\"teal\"}",
          400,
          ScimType.INVALID_PATH);
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"path\":\"name.nickname\",\"value\":\"x\"}",
          400,
          ScimType.INVALID_PATH);
    }

    @Test
    void malformedPathIsInvalidPath() {
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"path\":\"emails[type eq]\",\"value\":\"x\"}",
          400,
          ScimType.INVALID_PATH);
    }

    @Test
    void malformedOperationsAreInvalidSyntax() {
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"frobnicate\",\"path\":\"title\",\"value\":\"x\"}",
          400,
          ScimType.INVALID_SYNTAX);
      assertRejected(
          USERS, user(), "{\"path\":\"title\",\"value\":\"x\"}", 400, ScimType.INVALID_SYNTAX);
      assertRejected(
          USERS, user(), "{\"op\":\"add\",\"path\":\"title\"}", 400, ScimType.INVALID_SYNTAX);
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"value\":\"not an object\"}",
          400,
          ScimType.INVALID_SYNTAX);
      assertThatThrownBy(() -> USERS.readRequest(json("{\"Operations\":[]}")))
          .isInstanceOfSatisfying(
              ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_SYNTAX));
    }

    @Test
    void removeWithoutPathIsNoTarget() {
      assertRejected(USERS, user(), "{\"op\":\"remove\"}", 400, ScimType.NO_TARGET);
    }

    @Test
    void wrongValueTypeIsInvalidValue() {
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"path\":\"userName\",\"value\":42}",
          400,
          ScimType.INVALID_VALUE);
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"path\":\"active\",\"value\":\"maybe\"}",
          400,
          ScimType.INVALID_VALUE);
    }

    @Test
    void requiredAndReadOnlyAttributesAreProtected() {
      assertRejected(
          USERS, user(), "{\"op\":\"remove\",\"path\":\"userName\"}", 400, ScimType.MUTABILITY);
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"path\":\"userName\",\"value\":null}",
          400,
          ScimType.MUTABILITY);
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"path\":\"id\",\"value\":\"other\"}",
          400,
          ScimType.MUTABILITY);
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"value\":{\"id\":\"other\"}}",
          400,
          ScimType.MUTABILITY);
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"add\",\"path\":\"groups\",\"value\":[{\"value\":\"g\"}]}",
          400,
          ScimType.MUTABILITY);
      assertRejected(
          GROUPS,
          group(),
          "{\"op\":\"replace\",\"path\":\"members[value eq \\\""
              + BABS
              + "\\\"].value\",\"value\":\"x\"}",
          400,
          ScimType.MUTABILITY);
    }

    @Test
    void replaceOfAFilterMatchingNothingIsNoTarget() {
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"pager\\\"]\",\"value\":{\"value\":\"x\"}}",
          400,
          ScimType.NO_TARGET);
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"path\":\"emails[value co \\\"nothing\\\"].type\",\"value\":\"work\"}",
          400,
          ScimType.NO_TARGET);
    }

    @Test
    void aFailureLaterInTheRequestChangesNothingAndNamesTheOperation() {
      ScimResource user = user();
      assertThatThrownBy(
              () ->
                  patch(
                      USERS,
                      user,
                      "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Boss\"},"
                          + "{\"op\":\"replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":7}"))
          .isInstanceOfSatisfying(
              ScimException.class,
              e -> {
                assertThat(e.scimType()).contains(ScimType.INVALID_VALUE);
                assertThat(e.detail())
                    .startsWith("Operations[1]: path 'emails[type eq \"work\"].value'");
              });
      assertThat(user).isEqualTo(user());
    }

    @Test
    void tooManyOperations() {
      PatchEngine small =
          new PatchEngine(
              REGISTRY.resourceSchema("User"),
              SchemaValidator.Mode.LENIENT,
              ScimLimits.defaults().withMaxPatchOperations(2));
      String op = "{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}";
      assertRejected(small, user(), op + "," + op + "," + op, 413, null);
    }

    @Test
    void strictModeRejectsUnknownAttributesInValues() {
      PatchEngine strict =
          new PatchEngine(
              REGISTRY.resourceSchema("User"), SchemaValidator.Mode.STRICT, ScimLimits.defaults());
      assertRejected(
          strict,
          user(),
          "{\"op\":\"replace\",\"value\":{\"favouriteColour\":\"teal\"}}",
          400,
          ScimType.INVALID_PATH);
      assertThat(
              patch(USERS, user(), "{\"op\":\"replace\",\"value\":{\"favouriteColour\":\"teal\"}}")
                  .has("favouriteColour"))
          .isFalse();
    }
  }

  /**
   * Issue #16: an operation changes the resource as the RFC or a documented rule says, or fails.
   */
  @Nested
  class NoSilentPatch {
    private static final String THINGS = "urn:example:params:scim:schemas:Thing";
    private final PatchEngine things = PatchEngine.lenient(thingSchema());

    private static ResourceSchema thingSchema() {
      Schema schema =
          Schema.builder(THINGS)
              .name("Thing")
              .attribute(AttributeDefinition.builder("handle").required(true).build())
              .attribute(
                  AttributeDefinition.builder("labels").multiValued(true).required(true).build())
              .attribute(AttributeDefinition.builder("tags").multiValued(true).build())
              .attribute(
                  AttributeDefinition.builder("codes").multiValued(true).caseExact(true).build())
              .attribute(
                  AttributeDefinition.builder("owner")
                      .type(AttributeType.COMPLEX)
                      .subAttribute(AttributeDefinition.builder("id").required(true).build())
                      .subAttribute(AttributeDefinition.builder("name").build())
                      .build())
              .attribute(
                  AttributeDefinition.builder("badges")
                      .type(AttributeType.COMPLEX)
                      .multiValued(true)
                      .subAttribute(
                          AttributeDefinition.builder("code")
                              .caseExact(true)
                              .required(true)
                              .build())
                      .subAttribute(
                          AttributeDefinition.builder("level").type(AttributeType.INTEGER).build())
                      .subAttribute(
                          AttributeDefinition.builder("since")
                              .type(AttributeType.DATE_TIME)
                              .build())
                      .build())
              .build();
      return SchemaRegistry.empty()
          .register(schema)
          .register(ResourceType.of("Thing", "/Things", THINGS))
          .resourceSchema("Thing");
    }

    private static ScimResource thing() {
      return ScimResource.parse(
          "{\"schemas\":[\""
              + THINGS
              + "\"],\"id\":\"t1\",\"handle\":\"h1\",\"labels\":[\"l1\"],"
              + "\"tags\":[\"Red\",\"red\",\"blue\"],\"codes\":[\"AB\",\"ab\"],"
              + "\"owner\":{\"id\":\"o1\",\"name\":\"Olga\"},\"badges\":["
              + "{\"code\":\"X1\",\"level\":1,\"since\":\"2020-01-01T00:00:00Z\"},"
              + "{\"code\":\"x1\",\"level\":1,\"since\":\"2020-01-01T00:00:00Z\"},"
              + "{\"code\":\"X1\",\"level\":2}],"
              + "\"meta\":{\"resourceType\":\"Thing\",\"version\":\"W/\\\"1\\\"\"}}");
    }

    @Test
    void removeWithAValueMatchesTheElementsAFilterOfItsSubAttributesWould() {
      JsonNode result =
          patch(
              things,
              thing(),
              "{\"op\":\"remove\",\"path\":\"badges\",\"value\":[{\"code\":\"X1\",\"level\":1,"
                  + "\"since\":\"2020-01-01T02:00:00+02:00\"}]},"
                  + "{\"op\":\"remove\",\"path\":\"tags\",\"value\":\"RED\"},"
                  + "{\"op\":\"remove\",\"path\":\"codes\",\"value\":[\"ab\"]}");

      // code is caseExact and was given; dateTimes compare as instants.
      assertThat(result.path("badges").toString())
          .isEqualTo(
              "[{\"code\":\"x1\",\"level\":1,\"since\":\"2020-01-01T00:00:00Z\"},"
                  + "{\"code\":\"X1\",\"level\":2}]");
      assertThat(result.path("tags").toString()).isEqualTo("[\"blue\"]");
      assertThat(result.path("codes").toString()).isEqualTo("[\"AB\"]");
    }

    @Test
    void replaceOfAComplexValueNeedsOnlyTheSubAttributesItChanges() {
      JsonNode renamed =
          patch(
              things,
              thing(),
              "{\"op\":\"replace\",\"path\":\"owner\",\"value\":{\"name\":\"Oleg\"}}");
      assertThat(renamed.path("owner").toString()).isEqualTo("{\"id\":\"o1\",\"name\":\"Oleg\"}");

      JsonNode relevelled =
          patch(
              things,
              thing(),
              "{\"op\":\"replace\",\"path\":\"badges[level eq 2]\",\"value\":{\"level\":3}}");
      assertThat(relevelled.at("/badges/2").toString()).isEqualTo("{\"code\":\"X1\",\"level\":3}");

      assertRejected(
          things,
          thing(),
          "{\"op\":\"replace\",\"path\":\"owner\",\"value\":{\"id\":null}}",
          400,
          ScimType.MUTABILITY);
    }

    @Test
    void replaceThroughAValueFilterMergesIntoAMemberAndKeepsItsIdentity() {
      JsonNode result =
          patch(
              GROUPS,
              group(),
              "{\"op\":\"replace\",\"path\":\"members[value eq \\\""
                  + BABS
                  + "\\\"]\",\"value\":{\"type\":\"User\"}}");
      assertThat(result.path("members").get(0).toString())
          .isEqualTo(
              "{\"value\":\""
                  + BABS
                  + "\",\"$ref\":\"https://example.com/v2/Users/"
                  + BABS
                  + "\",\"display\":\"Babs Jensen\",\"type\":\"User\"}");

      assertRejected(
          GROUPS,
          group(),
          "{\"op\":\"replace\",\"path\":\"members[value eq \\\""
              + BABS
              + "\\\"]\",\"value\":{\"value\":\"someone-else\"}}",
          400,
          ScimType.MUTABILITY);
    }

    @Test
    void addOfNullToARequiredAttributeIsInvalidValue() {
      for (String operation :
          List.of(
              "{\"op\":\"add\",\"path\":\"handle\",\"value\":null}",
              "{\"op\":\"add\",\"path\":\"labels\",\"value\":null}",
              "{\"op\":\"add\",\"path\":\"owner.id\",\"value\":null}",
              "{\"op\":\"add\",\"value\":{\"handle\":null}}")) {
        assertRejected(things, thing(), operation, 400, ScimType.INVALID_VALUE);
      }
      // Replacing with null or removing is still refused as a change of mutability.
      assertRejected(
          things,
          thing(),
          "{\"op\":\"replace\",\"path\":\"handle\",\"value\":null}",
          400,
          ScimType.MUTABILITY);
    }

    @Test
    void addOfNullUnassignsASingleValueAndAddsNothingToAList() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"add\",\"path\":\"title\",\"value\":null},"
                  + "{\"op\":\"add\",\"path\":\"emails\",\"value\":null},"
                  + "{\"op\":\"add\",\"path\":\"name.givenName\",\"value\":null}");

      assertThat(result.has("title")).isFalse();
      assertThat(result.path("emails")).isEqualTo(user().toJson().path("emails"));
      assertThat(result.path("name").has("givenName")).isFalse();
      assertThat(result.at("/name/familyName").asText()).isEqualTo("Jensen");
    }

    @Test
    void pathlessValueFilteredKeysAreReadAsPaths() {
      JsonNode result =
          patch(
              USERS,
              user(),
              "{\"op\":\"replace\",\"value\":{\"emails[type eq \\\"work\\\"].value\":\"b@u.example\","
                  + "\"emails[type eq \\\"home\\\"]\":{\"display\":\"Home\"}}}");
      assertThat(result.path("emails").toString())
          .isEqualTo(
              "[{\"value\":\"b@u.example\",\"type\":\"work\",\"primary\":true},"
                  + "{\"value\":\"babs@jensen.org\",\"type\":\"home\",\"display\":\"Home\"}]");

      // A filtered key is a path: a wrong one is an error, not an unknown attribute to ignore.
      assertRejected(
          USERS,
          user(),
          "{\"op\":\"replace\",\"value\":{\"name[givenName eq \\\"Barbara\\\"].familyName\":\"J\"}}",
          400,
          ScimType.INVALID_PATH);
    }
  }

  @Nested
  class MemberDeltas {
    private MemberDelta delta(String operations) {
      return GROUPS.memberDelta(GROUPS.readRequest(json(body(operations)))).orElseThrow();
    }

    @Test
    void entraAddAndRemove() {
      MemberDelta added =
          delta(
              "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\"a\"},{\"value\":\"b\"}]}");
      assertThat(added)
          .isEqualTo(
              new MemberDelta(false, List.of(), List.of(ResourceRef.of("a"), ResourceRef.of("b"))));

      assertThat(delta("{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\"a\"}]}"))
          .isEqualTo(new MemberDelta(false, List.of("a"), List.of()));
      assertThat(delta("{\"op\":\"remove\",\"path\":\"members[value eq \\\"a\\\"]\"}"))
          .isEqualTo(new MemberDelta(false, List.of("a"), List.of()));
      assertThat(delta("{\"op\":\"remove\",\"path\":\"members\"}"))
          .isEqualTo(new MemberDelta(true, List.of(), List.of()));
    }

    @Test
    void removeWithTheValueWrappedInAnObjectNamingTheAttribute() {
      assertThat(
              delta(
                  "{\"op\":\"remove\",\"path\":\"members\",\"value\":{\"members\":[{\"value\":\"a\"},"
                      + "{\"value\":\"b\"}]}}"))
          .isEqualTo(new MemberDelta(false, List.of("a", "b"), List.of()));
    }

    @Test
    void oktaBatchesAndFullReplacement() {
      assertThat(
              delta(
                  "{\"op\":\"remove\",\"path\":\"members[value eq \\\"r1\\\"]\"},"
                      + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"r2\\\"]\"},"
                      + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"a1\",\"display\":\"a1@x\"}]}"))
          .isEqualTo(
              new MemberDelta(
                  false, List.of("r1", "r2"), List.of(new ResourceRef("a1", null, "a1@x", null))));
      assertThat(delta("{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}"))
          .isEqualTo(new MemberDelta(true, List.of(), List.of()));
      assertThat(delta("{\"op\":\"replace\",\"value\":{\"members\":[{\"value\":\"u\"}]}}"))
          .isEqualTo(new MemberDelta(true, List.of(), List.of(ResourceRef.of("u"))));
    }

    @Test
    void laterOperationsWinWithinOneRequest() {
      assertThat(
              delta(
                  "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"x\"}]},"
                      + "{\"op\":\"remove\",\"path\":\"members[value eq \\\"x\\\"]\"}"))
          .isEqualTo(new MemberDelta(false, List.of("x"), List.of()));
      assertThat(
              delta(
                  "{\"op\":\"remove\",\"path\":\"members[value eq \\\"x\\\"]\"},"
                      + "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"x\"}]}"))
          .isEqualTo(new MemberDelta(false, List.of(), List.of(ResourceRef.of("x"))));
    }

    @Test
    void deltaAgreesWithApplyingTheOperations() {
      String operations =
          "{\"op\":\"remove\",\"path\":\"members[value eq \\\""
              + BABS
              + "\\\"]\"},{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"n1\"},{\"value\":\""
              + MANDY
              + "\"}]},{\"op\":\"remove\",\"path\":\"members\",\"value\":[{\"value\":\"n1\"}]}";
      MemberDelta delta = delta(operations);
      List<String> viaDelta = new java.util.ArrayList<>(memberIds(group().toJson()));
      if (delta.removeAll()) {
        viaDelta.clear();
      }
      viaDelta.removeAll(delta.removed());
      delta
          .added()
          .forEach(
              m -> {
                if (!viaDelta.contains(m.value())) {
                  viaDelta.add(m.value());
                }
              });

      assertThat(viaDelta)
          .containsExactlyInAnyOrderElementsOf(memberIds(patch(GROUPS, group(), operations)));
    }

    @Test
    void otherOperationsAreNotADelta() {
      for (String operations :
          List.of(
              "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}",
              "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"a\"}]},{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"x\"}",
              "{\"op\":\"remove\",\"path\":\"members[type eq \\\"Group\\\"]\"}",
              "{\"op\":\"replace\",\"value\":{\"members\":[],\"displayName\":\"x\"}}")) {
        assertThat(GROUPS.memberDelta(GROUPS.readRequest(json(body(operations)))))
            .as(operations)
            .isEmpty();
      }
      assertThat(
              USERS.memberDelta(
                  USERS.readRequest(
                      json(body("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}")))))
          .isEmpty();
    }
  }
}
