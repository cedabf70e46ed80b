package dev.roster.scim.core.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.resource.ScimResource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every example resource of RFC 7643 §3 and §8 parses, validates and writes back without loss. */
class RfcExampleResourcesTest {
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();

  @ParameterizedTest
  @CsvSource({
    "3-example-json-resource-structure.json, User",
    "8.1-minimal-user.json, User",
    "8.2-full-user.json, User",
    "8.3-enterprise-user.json, User",
    "8.4-group.json, Group",
  })
  void resourceValidatesStrictlyAndWritesBackUnchanged(String file, String type) {
    JsonNode rfc = RfcExamples.read(file);
    ScimResource parsed = ScimResource.parse(RfcExamples.text(file));
    SchemaValidator strict =
        new SchemaValidator(REGISTRY.resourceSchema(type), SchemaValidator.Mode.STRICT);

    ScimResource checked = strict.check(parsed);

    assertThat(parsed.toJson()).isEqualTo(rfc);
    assertThat(checked.toJson()).isEqualTo(rfc);
    assertThat(ScimResource.parse(checked.toJsonString())).isEqualTo(parsed);
  }

  @ParameterizedTest
  @CsvSource({
    "8.2-full-user.json, User",
    "8.3-enterprise-user.json, User",
    "8.4-group.json, Group",
  })
  void asClientInputOnlyReadOnlyAttributesAreDropped(String file, String type) {
    ObjectNode rfc = (ObjectNode) RfcExamples.read(file);
    ScimResource input = ScimResource.parse(rfc.toString());

    ScimResource created =
        new SchemaValidator(REGISTRY.resourceSchema(type), SchemaValidator.Mode.STRICT)
            .validateCreate(input);

    ObjectNode expected = rfc.deepCopy();
    expected.remove("id");
    expected.remove("meta");
    expected.remove("groups");
    if (expected.has(SchemaUrns.ENTERPRISE_USER)) {
      ((ObjectNode) expected.get(SchemaUrns.ENTERPRISE_USER).get("manager")).remove("displayName");
    }
    assertThat(created.toJson()).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void resourceTypesOfSection86ReadAndWriteBack(int index) {
    ObjectNode rfc = (ObjectNode) RfcExamples.read("8.6-resource-types.json").get(index);
    ResourceType type = ResourceType.fromJson(rfc);

    ObjectNode written = type.toJson();

    ObjectNode expected = rfc.deepCopy();
    expected.remove("meta");
    if (!expected.has("schemaExtensions")) {
      expected.putArray("schemaExtensions");
    }
    assertThat(written).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1, 2})
  void metaSchemasOfSection872Read(int index) {
    JsonNode rfc = RfcExamples.read("8.7.2-service-provider-schemas.json").get(index);

    Schema schema = Schema.fromJson(rfc);

    assertThat(schema.id()).isEqualTo(rfc.get("id").asText());
    assertThat(schema.attributes()).hasSize(rfc.get("attributes").size());
    assertThat(Schema.fromJson(schema.toJson())).isEqualTo(schema);
  }
}
