package dev.roster.scim.core.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.path.AttributePath;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScimResourceTest {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static String rfcExample(String file) throws IOException {
    try (InputStream in = ScimResourceTest.class.getResourceAsStream("/rfc7643/" + file)) {
      assertThat(in).as("test resource rfc7643/%s", file).isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static ScimResource enterpriseUser() throws IOException {
    return ScimResource.parse(rfcExample("8.3-enterprise-user.json"));
  }

  private static void assertInvalidSyntax(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.scimType()).contains(ScimType.INVALID_SYNTAX);
            });
  }

  private static List<String> namesLike(ObjectNode object, String name) {
    List<String> names = new ArrayList<>();
    object
        .fieldNames()
        .forEachRemaining(
            n -> {
              if (n.equalsIgnoreCase(name)) {
                names.add(n);
              }
            });
    return names;
  }

  // ---- parse and write ---------------------------------------------------------------------

  // RFC 7643 §3 and §8.1-§8.4: every example resource reads and writes back unchanged.
  @ParameterizedTest
  @ValueSource(
      strings = {
        "3-example-json-resource-structure.json",
        "8.1-minimal-user.json",
        "8.2-full-user.json",
        "8.3-enterprise-user.json",
        "8.4-group.json"
      })
  void parsesAndWritesTheRfcExamplesUnchanged(String file) throws IOException {
    String text = rfcExample(file);
    JsonNode expected = MAPPER.readTree(text);

    ScimResource resource = ScimResource.parse(text);

    assertThat(resource.toJson()).isEqualTo(expected);
    assertThat(MAPPER.readTree(resource.toJsonString())).isEqualTo(expected);
    assertThat(ScimResource.parse(resource.toJsonString())).isEqualTo(resource);
    assertThat(ScimResource.fromJson(expected)).isEqualTo(resource);
  }

  @Test
  void keepsDecimalsAndLargeIntegersExactly() {
    String text = "{\"a\":1.50,\"b\":0.1,\"c\":12345678901234567890123,\"d\":1E+2,\"e\":-0.0}";

    ScimResource resource = ScimResource.parse(text);

    assertThat(resource.toJsonString()).contains("\"a\":1.50", "\"b\":0.1");
    assertThat(resource.get("c").bigIntegerValue())
        .isEqualTo(new BigInteger("12345678901234567890123"));
    assertThat(ScimResource.parse(resource.toJsonString())).isEqualTo(resource);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "   ",
        "{",
        "}",
        "{\"a\":}",
        "{\"a\" 1}",
        "{'a':1}",
        "{a:1}",
        "{\"a\":1,}",
        "not json",
        "[]",
        "[{\"id\":\"1\"}]",
        "\"text\"",
        "42",
        "true",
        "null"
      })
  void rejectsTextThatIsNotAJsonObjectAsInvalidSyntax(String text) {
    assertInvalidSyntax(() -> ScimResource.parse(text));
  }

  // A body with content after the object is not valid JSON (RFC 8259 §2: one value).
  @ParameterizedTest
  @ValueSource(strings = {"{\"a\":1} x", "{\"a\":1}}", "{\"a\":1}{\"a\":2}", "{\"a\":1} []"})
  void rejectsContentAfterTheObjectAsInvalidSyntax(String text) {
    assertInvalidSyntax(() -> ScimResource.parse(text));
  }

  // The shared mapper limits nesting; exceeding the limit is the client's error, not a 500.
  @Test
  void rejectsTooDeeplyNestedJsonAsInvalidSyntax() {
    String deep = "{\"a\":" + "[".repeat(1_000) + "]".repeat(1_000) + "}";

    assertInvalidSyntax(() -> ScimResource.parse(deep));
  }

  @Test
  void fromJsonRejectsSomethingThatIsNotAnObjectAsInvalidSyntax() {
    assertInvalidSyntax(() -> ScimResource.fromJson(null));
    assertInvalidSyntax(() -> ScimResource.fromJson(NODES.nullNode()));
    assertInvalidSyntax(() -> ScimResource.fromJson(NODES.arrayNode()));
    assertInvalidSyntax(() -> ScimResource.fromJson(TextNode.valueOf("{}")));
  }

  // ---- accessors ---------------------------------------------------------------------------

  @Test
  void readsTheCommonAttributes() throws IOException {
    ScimResource user = enterpriseUser();

    assertThat(user.id()).isEqualTo("2819c223-7f76-453a-919d-413861904646");
    assertThat(user.externalId()).contains("701984");
    assertThat(user.schemas()).containsExactly(USER, ENTERPRISE);
    assertThat(user.meta().resourceType()).isEqualTo("User");
    assertThat(user.meta().created()).isEqualTo(Instant.parse("2010-01-23T04:56:22Z"));
    assertThat(user.meta().version()).isEqualTo("W/\"3694e05e9dff591\"");
  }

  @Test
  void versionReadsMetaVersionAloneIgnoringCase() throws IOException {
    assertThat(enterpriseUser().version()).isEqualTo("W/\"3694e05e9dff591\"");
    assertThat(
            ScimResource.parse("{\"META\":{\"Version\":\"7\",\"created\":\"no date\"}}").version())
        .isEqualTo("7");
    assertThat(ScimResource.parse("{}").version()).isNull();
    assertThat(ScimResource.parse("{\"meta\":{\"version\":null}}").version()).isNull();
    assertThat(ScimResource.parse("{\"meta\":\"v1\"}").version()).isNull();
  }

  @Test
  void commonAttributesAreAbsentOnAnEmptyResource() {
    ScimResource empty = ScimResource.parse("{}");

    assertThat(empty.id()).isNull();
    assertThat(empty.externalId()).isEmpty();
    assertThat(empty.schemas()).isEmpty();
    assertThat(empty.meta()).isEqualTo(Meta.EMPTY);
  }

  @Test
  void readsCommonAttributesIgnoringCase() {
    ScimResource resource =
        ScimResource.parse(
            "{\"SCHEMAS\":[\""
                + USER
                + "\"],\"ID\":\"1\",\"ExternalID\":\"e\","
                + "\"Meta\":{\"resourceType\":\"User\"}}");

    assertThat(resource.id()).isEqualTo("1");
    assertThat(resource.externalId()).contains("e");
    assertThat(resource.schemas()).containsExactly(USER);
    assertThat(resource.meta().resourceType()).isEqualTo("User");
  }

  @Test
  void getsATopLevelAttributeIgnoringCase() throws IOException {
    ScimResource user = enterpriseUser();

    assertThat(user.get("userName").textValue()).isEqualTo("bjensen@example.com");
    assertThat(user.get("USERNAME").textValue()).isEqualTo("bjensen@example.com");
    assertThat(user.get("username").textValue()).isEqualTo("bjensen@example.com");
    assertThat(user.get("Name").get("givenName").textValue()).isEqualTo("Barbara");
    assertThat(user.get("nonexistent")).isNull();
  }

  @Test
  void getsAnExtensionObjectByItsUrnIgnoringCase() throws IOException {
    ScimResource user = enterpriseUser();

    JsonNode extension = user.get(ENTERPRISE.toUpperCase());

    assertThat(extension.get("employeeNumber").textValue()).isEqualTo("701984");
    assertThat(user.extension(ENTERPRISE.toLowerCase())).isPresent();
    assertThat(user.extension(ENTERPRISE).get().get("costCenter").textValue()).isEqualTo("4130");
    assertThat(user.extension("urn:example:absent")).isEmpty();
  }

  @Test
  void getsASubAttributeByPath() throws IOException {
    ScimResource user = enterpriseUser();

    assertThat(user.get(AttributePath.of("name", "givenName")).textValue()).isEqualTo("Barbara");
    assertThat(user.get(AttributePath.of("NAME", "GIVENNAME")).textValue()).isEqualTo("Barbara");
    assertThat(user.get(AttributePath.of("name", "nope"))).isNull();
    assertThat(user.get(AttributePath.of("userName", "x"))).isNull();
  }

  @Test
  void getsAMultiValuedSubAttributeAsAnArrayOfItsValues() throws IOException {
    ScimResource user = enterpriseUser();

    JsonNode values = user.get(AttributePath.of("emails", "value"));

    assertThat(values.isArray()).isTrue();
    assertThat(values)
        .extracting(JsonNode::textValue)
        .containsExactly("bjensen@example.com", "babs@jensen.org");
    assertThat(user.get(AttributePath.of("Emails", "Type")))
        .extracting(JsonNode::textValue)
        .containsExactly("work", "home");
    // Only the first email has "primary".
    assertThat(user.get(AttributePath.of("emails", "primary")))
        .extracting(JsonNode::booleanValue)
        .containsExactly(true);
    assertThat(user.get(AttributePath.of("emails", "display"))).isEmpty();
  }

  @Test
  void getsAnExtensionAttributeByItsUrnIgnoringCase() throws IOException {
    ScimResource user = enterpriseUser();

    assertThat(user.get(new AttributePath(ENTERPRISE, "employeeNumber", null)).textValue())
        .isEqualTo("701984");
    assertThat(
            user.get(new AttributePath(ENTERPRISE.toUpperCase(), "EMPLOYEENUMBER", null))
                .textValue())
        .isEqualTo("701984");
    assertThat(
            user.get(new AttributePath(ENTERPRISE.toLowerCase(), "manager", "value")).textValue())
        .isEqualTo("26118915-6090-4610-87e4-49d8ca9f808d");
    assertThat(user.get(new AttributePath(ENTERPRISE, "userName", null))).isNull();
  }

  @Test
  void aPathQualifiedWithTheCoreSchemaLooksAtTheTopLevel() throws IOException {
    ScimResource user = enterpriseUser();

    assertThat(user.get(new AttributePath(USER, "userName", null)).textValue())
        .isEqualTo("bjensen@example.com");
    assertThat(user.get(new AttributePath(USER.toUpperCase(), "name", "familyName")).textValue())
        .isEqualTo("Jensen");
    assertThat(user.get(new AttributePath(USER, "employeeNumber", null))).isNull();
  }

  @Test
  void aPathQualifiedWithAnAbsentExtensionFindsNothing() {
    ScimResource user = ScimResource.parse("{\"schemas\":[\"" + USER + "\"],\"userName\":\"b\"}");

    assertThat(user.get(new AttributePath(ENTERPRISE, "userName", null))).isNull();
    assertThat(user.has(new AttributePath(ENTERPRISE, "userName", null))).isFalse();
  }

  @Test
  void hasIsFalseForAbsentNullAndEmptyValues() {
    ScimResource resource =
        ScimResource.parse("{\"a\":\"x\",\"n\":null,\"e\":[],\"o\":{},\"emails\":[{\"type\":1}]}");

    assertThat(resource.has(AttributePath.of("a"))).isTrue();
    assertThat(resource.has(AttributePath.of("A"))).isTrue();
    assertThat(resource.has(AttributePath.of("missing"))).isFalse();
    assertThat(resource.has(AttributePath.of("n"))).isFalse();
    assertThat(resource.has(AttributePath.of("e"))).isFalse();
    assertThat(resource.has(AttributePath.of("emails", "value"))).isFalse();
    assertThat(resource.has(AttributePath.of("emails", "type"))).isTrue();
  }

  // ---- builder -----------------------------------------------------------------------------

  @Test
  void buildsAResource() throws IOException {
    ScimResource user =
        ScimResource.builder()
            .schemas(List.of(USER))
            .id("1")
            .externalId("e1")
            .set("userName", "bjensen")
            .set("active", true)
            .set("name", MAPPER.readTree("{\"givenName\":\"Barbara\"}"))
            .meta(Meta.EMPTY.withResourceType("User"))
            .build();

    assertThat(user.toJson())
        .isEqualTo(
            MAPPER.readTree(
                "{\"schemas\":[\""
                    + USER
                    + "\"],\"id\":\"1\",\"externalId\":\"e1\",\"userName\":\"bjensen\","
                    + "\"active\":true,\"name\":{\"givenName\":\"Barbara\"},"
                    + "\"meta\":{\"resourceType\":\"User\"}}"));
  }

  @Test
  void settingANameReplacesAMemberThatDiffersOnlyInCase() throws IOException {
    ScimResource user = enterpriseUser().toBuilder().set("USERNAME", "babs").build();

    assertThat(namesLike(user.toJson(), "userName")).containsExactly("USERNAME");
    assertThat(user.get("userName").textValue()).isEqualTo("babs");
  }

  @Test
  void settingAnExtensionObjectReplacesItUnderAnyCase() throws IOException {
    ObjectNode replacement = NODES.objectNode().put("employeeNumber", "42");

    ScimResource user =
        enterpriseUser().toBuilder().set(ENTERPRISE.toUpperCase(), replacement).build();

    assertThat(namesLike(user.toJson(), ENTERPRISE)).containsExactly(ENTERPRISE.toUpperCase());
    assertThat(user.get(new AttributePath(ENTERPRISE, "employeeNumber", null)).textValue())
        .isEqualTo("42");
    assertThat(user.get(new AttributePath(ENTERPRISE, "costCenter", null))).isNull();
  }

  @Test
  void removeIgnoresCase() throws IOException {
    ScimResource user =
        enterpriseUser().toBuilder().remove("USERNAME").remove(ENTERPRISE.toLowerCase()).build();

    assertThat(namesLike(user.toJson(), "userName")).isEmpty();
    assertThat(user.extension(ENTERPRISE)).isEmpty();
    assertThat(user.get("displayName").textValue()).isEqualTo("Babs Jensen");
  }

  @Test
  void settingNullRemoves() throws IOException {
    ScimResource user =
        enterpriseUser().toBuilder()
            .set("Title", (String) null)
            .set("ACTIVE", (Boolean) null)
            .set("name", (JsonNode) null)
            .externalId(null)
            .meta(null)
            .build();

    assertThat(user.get("title")).isNull();
    assertThat(user.get("active")).isNull();
    assertThat(user.get("name")).isNull();
    assertThat(user.externalId()).isEmpty();
    assertThat(user.toJson().has("meta")).isFalse();
    assertThat(user.meta()).isEqualTo(Meta.EMPTY);
  }

  @Test
  void addSchemaListsAUrnOnce() {
    ScimResource resource =
        ScimResource.builder()
            .addSchema(USER)
            .addSchema(ENTERPRISE)
            .addSchema(ENTERPRISE.toUpperCase())
            .addSchema(USER)
            .build();

    assertThat(resource.schemas()).containsExactly(USER, ENTERPRISE);
  }

  @Test
  void settingAnExtensionPathCreatesTheExtensionAndListsItsUrn() {
    AttributePath employeeNumber = new AttributePath(ENTERPRISE, "employeeNumber", null);

    ScimResource user =
        ScimResource.builder()
            .schemas(List.of(USER))
            .set("userName", "bjensen")
            .set(employeeNumber, TextNode.valueOf("701984"))
            .build();

    assertThat(user.schemas()).containsExactly(USER, ENTERPRISE);
    assertThat(user.extension(ENTERPRISE)).isPresent();
    assertThat(user.extension(ENTERPRISE).get().get("employeeNumber").textValue())
        .isEqualTo("701984");
    assertThat(user.get(employeeNumber).textValue()).isEqualTo("701984");
    assertThat(user.get("userName").textValue()).isEqualTo("bjensen");
    assertThat(user.toJson().has("employeeNumber")).isFalse();
  }

  @Test
  void settingAnExtensionSubAttributeCreatesItsParent() {
    AttributePath managerValue = new AttributePath(ENTERPRISE, "manager", "value");

    ScimResource user =
        ScimResource.builder()
            .schemas(List.of(USER))
            .set(managerValue, TextNode.valueOf("26118915"))
            .build();

    assertThat(user.get(managerValue).textValue()).isEqualTo("26118915");
    assertThat(user.extension(ENTERPRISE).get().get("manager").get("value").textValue())
        .isEqualTo("26118915");
  }

  @Test
  void settingAPathInAnExistingExtensionUnderAnotherCaseUsesIt() throws IOException {
    AttributePath path = new AttributePath(ENTERPRISE.toUpperCase(), "DIVISION", null);

    ScimResource user = enterpriseUser().toBuilder().set(path, TextNode.valueOf("Parks")).build();

    assertThat(user.schemas()).containsExactly(USER, ENTERPRISE);
    assertThat(namesLike(user.toJson(), ENTERPRISE)).containsExactly(ENTERPRISE);
    ObjectNode extension = user.extension(ENTERPRISE).get();
    assertThat(namesLike(extension, "division")).containsExactly("DIVISION");
    assertThat(extension.get("DIVISION").textValue()).isEqualTo("Parks");
    assertThat(extension.get("employeeNumber").textValue()).isEqualTo("701984");
  }

  @Test
  void settingACorePathWritesTheTopLevel() throws IOException {
    ScimResource user =
        enterpriseUser().toBuilder()
            .set(new AttributePath(USER, "nickName", null), TextNode.valueOf("B"))
            .set(AttributePath.of("NAME", "GIVENNAME"), TextNode.valueOf("Barb"))
            .build();

    assertThat(user.get("nickName").textValue()).isEqualTo("B");
    assertThat(user.toJson().has(USER)).isFalse();
    ObjectNode name = (ObjectNode) user.get("name");
    assertThat(namesLike(name, "givenName")).containsExactly("GIVENNAME");
    assertThat(name.get("familyName").textValue()).isEqualTo("Jensen");
  }

  @Test
  void settingASubAttributeCreatesItsComplexParent() {
    ScimResource user =
        ScimResource.builder()
            .set(AttributePath.of("name", "givenName"), TextNode.valueOf("Barbara"))
            .build();

    assertThat(user.get("name").get("givenName").textValue()).isEqualTo("Barbara");
  }

  @Test
  void settingAPathToNullRemovesItWithoutCreatingAnything() throws IOException {
    ScimResource none =
        ScimResource.builder()
            .schemas(List.of(USER))
            .set(new AttributePath(ENTERPRISE, "employeeNumber", null), null)
            .set(AttributePath.of("name", "givenName"), null)
            .build();

    assertThat(none.schemas()).containsExactly(USER);
    assertThat(none.extension(ENTERPRISE)).isEmpty();
    assertThat(none.get("name")).isNull();

    ScimResource user =
        enterpriseUser().toBuilder()
            .set(new AttributePath(ENTERPRISE, "EmployeeNumber", null), null)
            .set(AttributePath.of("name", "GIVENNAME"), null)
            .build();

    assertThat(user.get(new AttributePath(ENTERPRISE, "employeeNumber", null))).isNull();
    assertThat(user.get(AttributePath.of("name", "givenName"))).isNull();
    assertThat(user.get(AttributePath.of("name", "familyName")).textValue()).isEqualTo("Jensen");
  }

  // What set(path) writes, get(path) reads; here the builder has no schemas yet, so the URN it
  // lists becomes the core schema and get() looks for the attribute at the top level.
  @Test
  void setThenGetByTheSameQualifiedPathRoundTripsOnAnEmptyBuilder() {
    AttributePath userName = new AttributePath(USER, "userName", null);

    ScimResource user = ScimResource.builder().set(userName, TextNode.valueOf("bjensen")).build();

    assertThat(user.get(userName)).isEqualTo(TextNode.valueOf("bjensen"));
  }

  @Test
  void builderCanBeReusedWithoutChangingBuiltResources() {
    ScimResource.Builder builder = ScimResource.builder().set("userName", "a");
    ScimResource first = builder.build();
    builder.set("userName", "b").set(AttributePath.of("name", "givenName"), TextNode.valueOf("x"));
    ScimResource second = builder.build();

    assertThat(first.get("userName").textValue()).isEqualTo("a");
    assertThat(first.get("name")).isNull();
    assertThat(second.get("userName").textValue()).isEqualTo("b");
  }

  @Test
  void toBuilderLeavesTheOriginalUnchanged() throws IOException {
    ScimResource original = enterpriseUser();

    original.toBuilder().set("userName", "changed").remove("emails").build();

    assertThat(original).isEqualTo(enterpriseUser());
  }

  // ---- immutability ------------------------------------------------------------------------

  @Test
  void mutatingReturnedJsonDoesNotChangeTheResource() throws IOException {
    ScimResource user = enterpriseUser();
    ScimResource pristine = enterpriseUser();

    ((ObjectNode) user.get("name")).put("givenName", "Mallory");
    ((ArrayNode) user.get("emails")).removeAll();
    ((ArrayNode) user.get(AttributePath.of("emails", "value"))).add("evil@example.com");
    ((ObjectNode) user.get(new AttributePath(ENTERPRISE, "manager", null))).put("value", "x");
    user.extension(ENTERPRISE).get().put("employeeNumber", "0");
    ((ObjectNode) user.get(ENTERPRISE)).removeAll();
    user.toJson().put("userName", "mallory");
    ((ArrayNode) user.toJson().get("schemas")).removeAll();

    assertThat(user).isEqualTo(pristine);
    assertThat(user.get(AttributePath.of("name", "givenName")).textValue()).isEqualTo("Barbara");
  }

  @Test
  void mutatingTheInputDoesNotChangeTheResource() throws IOException {
    ObjectNode input =
        (ObjectNode) MAPPER.readTree("{\"userName\":\"a\",\"name\":{\"givenName\":\"g\"}}");
    ScimResource resource = ScimResource.fromJson(input);
    input.put("userName", "b");
    ((ObjectNode) input.get("name")).put("givenName", "h");

    assertThat(resource.get("userName").textValue()).isEqualTo("a");
    assertThat(resource.get(AttributePath.of("name", "givenName")).textValue()).isEqualTo("g");
  }

  @Test
  void mutatingAValueAfterSettingItDoesNotChangeTheResource() {
    ObjectNode name = NODES.objectNode().put("givenName", "g");
    ObjectNode extension = NODES.objectNode().put("employeeNumber", "1");
    ScimResource.Builder builder =
        ScimResource.builder().schemas(List.of(USER)).set("name", name).set(ENTERPRISE, extension);
    name.put("givenName", "changed");
    extension.put("employeeNumber", "2");

    ScimResource resource = builder.build();

    assertThat(resource.get(AttributePath.of("name", "givenName")).textValue()).isEqualTo("g");
    assertThat(resource.get(ENTERPRISE).get("employeeNumber").textValue()).isEqualTo("1");
  }

  @Test
  void schemasListIsACopy() throws IOException {
    ScimResource user = enterpriseUser();

    try {
      user.schemas().clear();
    } catch (UnsupportedOperationException expected) {
      // an unmodifiable list is fine too
    }

    assertThat(user.schemas()).containsExactly(USER, ENTERPRISE);
  }

  // ---- equality and text -------------------------------------------------------------------

  @Test
  void equalityIgnoresMemberOrder() {
    ScimResource a = ScimResource.parse("{\"a\":1,\"b\":{\"x\":true,\"y\":null}}");
    ScimResource b = ScimResource.parse("{\"b\":{\"y\":null,\"x\":true},\"a\":1}");

    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
  }

  @Test
  void resourcesWithDifferentContentAreNotEqual() {
    assertThat(ScimResource.parse("{\"a\":1}"))
        .isNotEqualTo(ScimResource.parse("{\"a\":2}"))
        .isNotEqualTo(ScimResource.parse("{\"A\":1}"))
        .isNotEqualTo(ScimResource.parse("{\"a\":[1]}"))
        .isNotEqualTo("{\"a\":1}");
  }

  @Test
  void toStringIsCompactJson() {
    ScimResource resource = ScimResource.parse("{ \"a\" : 1 ,\n \"b\" : \"x\" }");

    assertThat(resource).hasToString("{\"a\":1,\"b\":\"x\"}");
    assertThat(resource.toJsonString()).isEqualTo("{\"a\":1,\"b\":\"x\"}");
  }

  // ---- Jackson -----------------------------------------------------------------------------

  @Test
  void jacksonWritesAndReadsAResource() throws IOException {
    ScimResource user = enterpriseUser();

    String text = MAPPER.writeValueAsString(user);

    assertThat(MAPPER.readTree(text)).isEqualTo(user.toJson());
    assertThat(MAPPER.readValue(text, ScimResource.class)).isEqualTo(user);
  }

  @Test
  void jacksonWritesAndReadsResourcesInsideOtherValues() throws IOException {
    ScimResource group = ScimResource.parse(rfcExample("8.4-group.json"));
    Map<String, Object> response = Map.of("Resources", List.of(group), "totalResults", 1);

    String text = MAPPER.writeValueAsString(response);

    assertThat(MAPPER.readTree(text).get("Resources").get(0)).isEqualTo(group.toJson());
    List<ScimResource> read =
        MAPPER.readValue(
            MAPPER.readTree(text).get("Resources").toString(),
            new TypeReference<List<ScimResource>>() {});
    assertThat(read).containsExactly(group);
  }

  @Test
  void jacksonRefusesToReadSomethingThatIsNotAnObject() {
    assertThatThrownBy(() -> MAPPER.readValue("[1]", ScimResource.class))
        .isInstanceOf(IOException.class)
        .hasRootCauseInstanceOf(ScimException.class);
  }
}
