package dev.roster.scim.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.path.AttributePath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardSchemasTest {

  private static final List<Schema> STANDARD =
      List.of(StandardSchemas.USER, StandardSchemas.GROUP, StandardSchemas.ENTERPRISE_USER);

  @Test
  void schemasAreTheThreeOfRfc7643Section871InOrder() {
    JsonNode figure9 = RfcExamples.read("8.7.1-resource-schemas.json");
    assertThat(figure9).hasSize(3);
    for (int i = 0; i < 3; i++) {
      JsonNode rfc = figure9.get(i);
      Schema ours = STANDARD.get(i);
      assertThat(ours.id()).isEqualTo(rfc.get("id").asText());
      assertThat(ours.name()).contains(rfc.get("name").asText());
      assertThat(ours.description()).contains(rfc.get("description").asText());
      assertThat(ours.attributes()).hasSize(rfc.get("attributes").size());
    }
  }

  /**
   * Every member the RFC prints for an attribute, at any depth, is what our schema writes; the
   * members it leaves out are written with RFC 7643 §2.2 defaults.
   */
  @Test
  void everyCharacteristicMatchesTheRfcText() {
    JsonNode figure9 = RfcExamples.read("8.7.1-resource-schemas.json");
    for (int i = 0; i < 3; i++) {
      JsonNode rfcAttributes = figure9.get(i).get("attributes");
      JsonNode ourAttributes = STANDARD.get(i).toJson().get("attributes");
      assertContains(ourAttributes, rfcAttributes, STANDARD.get(i).id());
    }
  }

  private static void assertContains(JsonNode ours, JsonNode rfc, String where) {
    if (rfc.isArray()) {
      assertThat(ours.size()).as(where).isEqualTo(rfc.size());
      for (int i = 0; i < rfc.size(); i++) {
        assertContains(ours.get(i), rfc.get(i), where + "[" + i + "]");
      }
    } else if (rfc.isObject()) {
      for (Map.Entry<String, JsonNode> member : rfc.properties()) {
        assertThat(ours.has(member.getKey())).as(where + "." + member.getKey()).isTrue();
        assertContains(ours.get(member.getKey()), member.getValue(), where + "." + member.getKey());
      }
    } else {
      assertThat(ours).as(where).isEqualTo(rfc);
    }
  }

  @Test
  void writtenSchemasReadBackEqual() {
    for (Schema schema : STANDARD) {
      ObjectNode json = schema.toJson();
      assertThat(Schema.fromJson(json)).isEqualTo(schema);
      assertThat(json.get("schemas").get(0).asText()).isEqualTo(SchemaUrns.SCHEMA);
    }
  }

  /** Spot checks against the prose of RFC 7643 §4, independent of the JSON in §8.7.1. */
  @ParameterizedTest
  @CsvSource({
    "User, userName, string, false, true, false, readWrite, default, server",
    "User, name.givenName, string, false, false, false, readWrite, default, none",
    "User, active, boolean, false, false, false, readWrite, default, none",
    "User, password, string, false, false, false, writeOnly, never, none",
    "User, emails, complex, true, false, false, readWrite, default, none",
    "User, emails.primary, boolean, false, false, false, readWrite, default, none",
    "User, groups, complex, true, false, false, readOnly, default, none",
    "User, groups.$ref, reference, false, false, false, readOnly, default, none",
    "User, x509Certificates.value, binary, false, false, false, readWrite, default, none",
    "User, profileUrl, reference, false, false, false, readWrite, default, none",
    "Group, displayName, string, false, false, false, readWrite, default, none",
    "Group, members, complex, true, false, false, readWrite, default, none",
    "Group, members.value, string, false, false, false, immutable, default, none",
    "Group, members.type, string, false, false, false, immutable, default, none",
    "EnterpriseUser, manager, complex, false, false, false, readWrite, default, none",
    "EnterpriseUser, manager.displayName, string, false, false, false, readOnly, default, none",
    "EnterpriseUser, employeeNumber, string, false, false, false, readWrite, default, none",
  })
  void characteristicsFollowRfc7643(
      String schemaName,
      String path,
      String type,
      boolean multiValued,
      boolean required,
      boolean caseExact,
      String mutability,
      String returned,
      String uniqueness) {
    Schema schema =
        STANDARD.stream().filter(s -> s.name().orElseThrow().equals(schemaName)).findFirst().get();
    String[] parts = path.split("\\.");
    AttributeDefinition attribute = schema.attribute(parts[0]).orElseThrow();
    if (parts.length > 1) {
      attribute = attribute.subAttribute(parts[1]).orElseThrow();
    }
    assertThat(attribute.type().wireValue()).isEqualTo(type);
    assertThat(attribute.multiValued()).isEqualTo(multiValued);
    assertThat(attribute.required()).isEqualTo(required);
    assertThat(attribute.caseExact()).isEqualTo(caseExact);
    assertThat(attribute.mutability().wireValue()).isEqualTo(mutability);
    assertThat(attribute.returned().wireValue()).isEqualTo(returned);
    assertThat(attribute.uniqueness().wireValue()).isEqualTo(uniqueness);
  }

  @Test
  void canonicalValuesAndReferenceTypesAreKept() {
    AttributeDefinition emailType =
        StandardSchemas.USER.attribute("emails").orElseThrow().subAttribute("type").orElseThrow();
    assertThat(emailType.canonicalValues()).containsExactly("work", "home", "other");
    assertThat(emailType.strictCanonicalValues()).isFalse();
    AttributeDefinition memberRef =
        StandardSchemas.GROUP.attribute("members").orElseThrow().subAttribute("$ref").orElseThrow();
    assertThat(memberRef.referenceTypes()).containsExactly("User", "Group");
  }

  @Test
  void attributeLookupIgnoresCase() {
    assertThat(StandardSchemas.USER.attribute("USERNAME")).isPresent();
    assertThat(StandardSchemas.USER.attribute("username").orElseThrow().name())
        .isEqualTo("userName");
    assertThat(StandardSchemas.USER.attribute("Name").orElseThrow().subAttribute("GIVENname"))
        .isPresent();
    ResourceSchema users = SchemaRegistry.standard().resourceSchema("user");
    assertThat(
            users
                .resolve(
                    new AttributePath(
                        "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER",
                        "Manager",
                        "VALUE"))
                .orElseThrow()
                .canonicalPath())
        .hasToString("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value");
    assertThat(users.resolve(AttributePath.of("ID")).orElseThrow().definition())
        .isEqualTo(CommonAttributes.ID);
    assertThat(users.resolve(AttributePath.of("nosuch"))).isEmpty();
    assertThat(users.resolve(AttributePath.of("name", "nosuch"))).isEmpty();
  }
}
