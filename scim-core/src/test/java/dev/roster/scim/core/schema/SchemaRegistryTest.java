package dev.roster.scim.core.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {
  private static final String SPOKE = "urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User";

  private static JsonNode spokeSchemaDocument() throws IOException {
    try (InputStream in =
        SchemaRegistryTest.class.getResourceAsStream("/extensions/spoke-custom-user.json")) {
      return new ObjectMapper().readTree(in);
    }
  }

  @Test
  void restrictKeepsOnlyWhatTheHostStoresAndDropsExtensionsWithNothingKept() {
    SchemaRegistry registry = SchemaRegistry.standard();

    ResourceType users =
        registry.restrict(
            "User",
            List.of(
                "userName",
                "externalId",
                "active",
                "name.givenName",
                "name.familyName",
                "emails",
                "phoneNumbers.value",
                "phoneNumbers.type"));

    Schema core = registry.schema(SchemaUrns.USER).orElseThrow();
    assertThat(core.attributes())
        .extracting(AttributeDefinition::name)
        .containsExactly("userName", "name", "active", "emails", "phoneNumbers");
    assertThat(core.attribute("name").orElseThrow().subAttributes())
        .extracting(AttributeDefinition::name)
        .containsExactly("familyName", "givenName");
    assertThat(core.attribute("emails").orElseThrow().subAttributes())
        .extracting(AttributeDefinition::name)
        .contains("value", "type", "primary", "display");
    assertThat(core.attribute("phoneNumbers").orElseThrow().subAttributes())
        .extracting(AttributeDefinition::name)
        .containsExactly("value", "type");
    assertThat(users.schemaExtensions()).isEmpty();
    assertThat(registry.resourceSchema("User").extensionSchemas()).isEmpty();
    // A stored user keeps only what is declared; the rest is dropped in lenient mode.
    ScimResource validated =
        SchemaValidator.lenient(registry.resourceSchema("User"))
            .validateCreate(
                ScimResource.parse(
                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                        + "\"userName\":\"ada\",\"title\":\"Countess\","
                        + "\"name\":{\"givenName\":\"Ada\",\"formatted\":\"Ada L\"}}"));
    assertThat(validated.get("title")).isNull();
    assertThat(validated.get("name").has("formatted")).isFalse();
    assertThat(validated.get("name").path("givenName").asText()).isEqualTo("Ada");
  }

  @Test
  void restrictKeepsNamedExtensionAttributesAndRefusesWhatCannotBeLeftOut() {
    SchemaRegistry registry = SchemaRegistry.standard();
    registry.restrict(
        "User",
        List.of(
            "userName", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department"));

    assertThat(registry.resourceSchema("User").extensionSchemas())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.attributes())
                    .extracting(AttributeDefinition::name)
                    .containsExactly("department"));
    assertThatThrownBy(() -> SchemaRegistry.standard().restrict("User", List.of("active")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'userName' is required");
    assertThatThrownBy(
            () -> SchemaRegistry.standard().restrict("User", List.of("userName", "shoeSize")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("declares no attribute 'shoeSize'");
    assertThatThrownBy(
            () -> SchemaRegistry.standard().restrict("User", List.of("userName", "name.nick")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no 'nick'");
  }

  @Test
  void standardRegistryServesUsersAndGroups() {
    SchemaRegistry registry = SchemaRegistry.standard();

    assertThat(registry.resourceTypes())
        .extracting(ResourceType::name)
        .containsExactly("User", "Group");
    assertThat(registry.resourceTypeAt("/users")).map(ResourceType::name).contains("User");
    assertThat(registry.schemas())
        .extracting(Schema::id)
        .containsExactly(SchemaUrns.USER, SchemaUrns.GROUP, SchemaUrns.ENTERPRISE_USER);
    assertThat(registry.resourceSchema("User").extensionSchemas())
        .containsExactly(StandardSchemas.ENTERPRISE_USER);
  }

  @Test
  void lookupsIgnoreCase() {
    SchemaRegistry registry = SchemaRegistry.standard();

    assertThat(registry.schema(SchemaUrns.USER.toUpperCase())).contains(StandardSchemas.USER);
    assertThat(registry.resourceType("gRoUp")).contains(StandardSchemas.GROUP_TYPE);
    assertThat(registry.resourceSchema("USER").extension(SchemaUrns.ENTERPRISE_USER.toLowerCase()))
        .contains(StandardSchemas.ENTERPRISE_USER);
  }

  @Test
  void customExtensionDeclaredFromJsonIsValidatedAndAppearsInResources() throws IOException {
    SchemaRegistry registry = SchemaRegistry.standard();
    Schema spoke = registry.register(spokeSchemaDocument());
    registry.addExtension("User", spoke, false);

    ScimResource input =
        ScimResource.parse(
            "{\"schemas\":[\""
                + SchemaUrns.USER
                + "\",\""
                + SPOKE
                + "\"],\"userName\":\"bjensen\",\""
                + SPOKE.toLowerCase()
                + "\":{\"STARTDATE\":\"2026-01-05\"}}");
    ScimResource created =
        new SchemaValidator(registry.resourceSchema("User"), SchemaValidator.Mode.STRICT)
            .validateCreate(input);

    assertThat(created.schemas()).containsExactly(SchemaUrns.USER, SPOKE);
    assertThat(created.get(new AttributePath(SPOKE, "startDate", null)).asText())
        .isEqualTo("2026-01-05");
    assertThat(created.toJson().get(SPOKE).has("startDate")).isTrue();

    ScimResource wrongType =
        ScimResource.parse(
            "{\"schemas\":[\""
                + SchemaUrns.USER
                + "\"],\"userName\":\"b\",\""
                + SPOKE
                + "\":{\"startDate\":20260105}}");
    assertThatThrownBy(
            () ->
                SchemaValidator.lenient(registry.resourceSchema("User")).validateCreate(wrongType))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_VALUE));
  }

  @Test
  void customExtensionAppearsInItsSchemaJsonAndTheResourceType() throws IOException {
    SchemaRegistry registry = SchemaRegistry.standard();
    registry.addExtension("User", Schema.fromJson(spokeSchemaDocument()), false);

    JsonNode schemaJson = registry.schema(SPOKE).orElseThrow().toJson();
    assertThat(schemaJson.get("id").asText()).isEqualTo(SPOKE);
    assertThat(schemaJson.get("attributes").get(0).get("name").asText()).isEqualTo("startDate");
    assertThat(schemaJson.get("attributes").get(0).get("type").asText()).isEqualTo("string");

    JsonNode typeJson = registry.resourceType("User").orElseThrow().toJson();
    assertThat(typeJson.get("schemaExtensions").findValuesAsText("schema"))
        .containsExactly(SchemaUrns.ENTERPRISE_USER, SPOKE);
  }

  @Test
  void customExtensionDeclaredWithBuilderNeedsNoJson() {
    SchemaRegistry registry = SchemaRegistry.standard();
    Schema spoke =
        Schema.builder(SPOKE)
            .name("SpokeCustom")
            .attribute(AttributeDefinition.builder("startDate").build())
            .build();
    registry.addExtension("User", spoke, true);

    ScimResource missing = ScimResource.parse("{\"userName\":\"b\"}");
    assertThatThrownBy(
            () -> SchemaValidator.lenient(registry.resourceSchema("User")).validateCreate(missing))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_VALUE));
    assertThat(registry.resourceSchema("User").resolve(AttributePath.of("userName"))).isPresent();
  }

  @Test
  void customResourceTypeWithItsOwnSchema() {
    SchemaRegistry registry = SchemaRegistry.standard();
    Schema device =
        Schema.builder("urn:example:params:scim:schemas:Device")
            .name("Device")
            .attribute(AttributeDefinition.builder("serial").required(true).caseExact(true).build())
            .build();
    registry.register(device);
    registry.register(ResourceType.of("Device", "/Devices", device.id()));

    ResourceSchema devices = registry.resourceSchema("Device");
    ScimResource created =
        SchemaValidator.lenient(devices).validateCreate(ScimResource.parse("{\"Serial\":\"X1\"}"));

    assertThat(created.toJson().get("serial").asText()).isEqualTo("X1");
    assertThat(created.schemas()).containsExactly(device.id());
  }

  @Test
  void resourceTypeNeedsRegisteredSchemasAndAFreeEndpoint() {
    SchemaRegistry registry = SchemaRegistry.standard();

    assertThatThrownBy(
            () -> registry.register(ResourceType.of("Device", "/Devices", "urn:example:nothing")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> registry.register(ResourceType.of("People", "/Users", SchemaUrns.USER)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidSchemaDocumentsAreRejectedWithScimErrors() {
    ObjectMapper mapper = new ObjectMapper();
    for (String document :
        List.of(
            "{\"id\":\"not-a-urn\",\"attributes\":[]}",
            "{\"id\":\"urn:x:y\"}",
            "{\"id\":\"urn:x:y\",\"attributes\":[{\"name\":\"1bad\"}]}",
            "{\"id\":\"urn:x:y\",\"attributes\":[{\"name\":\"a\",\"type\":\"text\"}]}",
            "{\"id\":\"urn:x:y\",\"attributes\":[{\"name\":\"a\",\"type\":\"complex\"}]}",
            "{\"id\":\"urn:x:y\",\"attributes\":[{\"name\":\"a\"},{\"name\":\"A\"}]}")) {
      assertThatThrownBy(() -> SchemaRegistry.empty().register(mapper.readTree(document)))
          .as(document)
          .isInstanceOfSatisfying(
              ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_VALUE));
    }
  }
}
