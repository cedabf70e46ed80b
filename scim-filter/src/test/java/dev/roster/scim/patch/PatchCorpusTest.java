package dev.roster.scim.patch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.patch.PatchOp;
import dev.roster.scim.core.patch.PatchOperation;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.MemberDelta;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives the PATCH corpus in {@code src/test/resources/patch/cases}: every PATCH body of RFC 7644
 * §3.5.2, of {@code entra-traffic.md} and of {@code okta-traffic.md}, each applied to a stored
 * resource and checked against the complete resource it must give.
 *
 * <p>A case file holds one case or a JSON array of closely related cases. A case has {@code
 * description} (the test's name: what, and where it comes from), {@code resourceType} ({@code User}
 * or {@code Group}), {@code before} (the stored resource), {@code request} (the PatchOp body as the
 * source prints it) and either {@code after} (the complete resulting resource) or {@code error}
 * ({@code {"status": 400, "scimType": "noTarget"}}; {@code scimType} left out when the error has
 * none).
 *
 * <p>Comparison of {@code after}: JSON equality where object member order never matters and array
 * element order does not matter either (arrays are compared as multisets, so a duplicated value is
 * still a difference). RFC 7643 gives no meaning to the order of a multi-valued attribute's values
 * (§2.4 defines none, and for {@code schemas} §3 says "Value order is not specified and MUST NOT
 * impact behavior"), and RFC 7644 §3.5.2.1 says only that an {@code add} adds a value, not where.
 * Names, values and JSON types are compared exactly: {@code "active": "False"} must end as the
 * boolean {@code false}, attribute names as the schema spells them.
 *
 * <p>For a group case whose operations touch nothing but {@code members}, the {@link MemberDelta}
 * the engine distils must turn the member ids of {@code before} into those of {@code after}. For an
 * error case, the exception's status and {@code scimType} must match and the input must be left as
 * it was.
 */
class PatchCorpusTest {
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();
  private static final Map<String, PatchEngine> ENGINES =
      Map.of(
          "User", PatchEngine.lenient(REGISTRY.resourceSchema("User")),
          "Group", PatchEngine.lenient(REGISTRY.resourceSchema("Group")));
  private static final String DIRECTORY = "/patch/cases";

  /** One corpus case. */
  record Case(
      String description,
      String file,
      String resourceType,
      JsonNode before,
      JsonNode request,
      JsonNode after,
      JsonNode error) {

    boolean isError() {
      return error != null;
    }

    @Override
    public String toString() {
      return description;
    }
  }

  static Stream<Case> cases() {
    return load().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void patch(Case c) {
    PatchEngine engine = ENGINES.get(c.resourceType());
    JsonNode beforeCopy = c.before().deepCopy();
    JsonNode requestCopy = c.request().deepCopy();
    ScimResource before = ScimResource.fromJson(c.before());

    if (c.isError()) {
      assertRejected(c, engine, before);
    } else {
      JsonNode result = engine.apply(before, engine.readRequest(c.request())).toJson();
      assertThat(canonical(result))
          .as("%s (%s): resulting resource", c.description(), c.file())
          .isEqualTo(canonical(c.after()));
      checkMemberDelta(c, engine);
    }

    assertThat(before.toJson()).as("the input resource is unchanged").isEqualTo(beforeCopy);
    assertThat(c.before()).as("the fixture's before is unchanged").isEqualTo(beforeCopy);
    assertThat(c.request()).as("the request body is unchanged").isEqualTo(requestCopy);
  }

  private static void assertRejected(Case c, PatchEngine engine, ScimResource before) {
    ScimResource copy = ScimResource.fromJson(before.toJson());
    ScimResource result;
    try {
      result = engine.apply(before, engine.readRequest(c.request()));
    } catch (ScimException e) {
      int status = c.error().path("status").asInt();
      String scimType =
          c.error().hasNonNull("scimType") ? c.error().get("scimType").asText() : null;
      assertThat(e.status()).as("status; detail: %s", e.detail()).isEqualTo(status);
      assertThat(e.scimType().map(ScimType::wireValue).orElse(null))
          .as("scimType; detail: %s", e.detail())
          .isEqualTo(scimType);
      assertThat(before).as("the resource is unchanged").isEqualTo(copy);
      return;
    }
    fail(
        "%s (%s): expected %s, but the PATCH succeeded with%n%s",
        c.description(), c.file(), c.error(), pretty(result.toJson()));
  }

  /**
   * For a request touching only {@code members}: applying the engine's delta to the member ids of
   * {@code before} gives the member ids of {@code after}.
   */
  private static void checkMemberDelta(Case c, PatchEngine engine) {
    if (!c.resourceType().equals("Group")) {
      return;
    }
    List<PatchOperation> operations = engine.readRequest(c.request());
    if (!membersOnly(operations)) {
      return;
    }
    Optional<MemberDelta> delta = engine.memberDelta(operations);
    assertThat(delta).as("a members-only request gives a member delta").isPresent();
    List<String> ids = memberIds(c.before());
    if (delta.get().removeAll()) {
      ids.clear();
    }
    ids.removeAll(delta.get().removed());
    for (ResourceRef added : delta.get().added()) {
      if (!ids.contains(added.value())) {
        ids.add(added.value());
      }
    }
    assertThat(ids)
        .as("member ids after applying %s", delta.get())
        .containsExactlyInAnyOrderElementsOf(memberIds(c.after()));
  }

  private static boolean membersOnly(List<PatchOperation> operations) {
    for (PatchOperation operation : operations) {
      if (operation.path() == null) {
        JsonNode value = operation.value();
        if (operation.op() == PatchOp.REMOVE
            || value == null
            || !value.isObject()
            || value.size() != 1
            || !value.fieldNames().next().equalsIgnoreCase("members")) {
          return false;
        }
      } else {
        AttributePath attribute = operation.path().attribute();
        if (!attribute.attribute().equalsIgnoreCase("members")
            || attribute.schema() != null
            || attribute.subAttribute() != null
            || operation.path().subAttribute() != null) {
          return false;
        }
      }
    }
    return true;
  }

  private static List<String> memberIds(JsonNode group) {
    List<String> ids = new ArrayList<>();
    for (JsonNode member : group.path("members")) {
      ids.add(member.path("value").asText());
    }
    return ids;
  }

  @Test
  void corpusIsWellFormed() {
    List<Case> cases = load();
    Set<String> descriptions = new HashSet<>();
    for (Case c : cases) {
      assertThat(descriptions.add(c.description()))
          .as("description is unique: %s", c.description())
          .isTrue();
    }
    assertThat(cases.stream().filter(Case::isError).count())
        .as("error cases")
        .isGreaterThanOrEqualTo(20);
    assertThat(cases.stream().filter(c -> !c.isError()).count())
        .as("success cases")
        .isGreaterThanOrEqualTo(100);
    PatchEngine groups = ENGINES.get("Group");
    assertThat(
            cases.stream()
                .filter(c -> !c.isError() && c.resourceType().equals("Group"))
                .filter(c -> membersOnly(groups.readRequest(c.request()))))
        .as("members-only group cases, whose member delta is checked too")
        .hasSizeGreaterThanOrEqualTo(25);
  }

  // ------------------------------------------------------------------------------------------
  // Loading

  private static List<Case> load() {
    Path directory = directory();
    List<Case> cases = new ArrayList<>();
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".json")).sorted().toList()) {
        JsonNode json = MAPPER.readTree(file.toFile());
        String name = file.getFileName().toString();
        if (json.isArray()) {
          for (JsonNode element : json) {
            cases.add(toCase(name, element));
          }
        } else {
          cases.add(toCase(name, json));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    assertThat(cases).as("cases in %s", directory).isNotEmpty();
    return cases;
  }

  private static Path directory() {
    URL url = PatchCorpusTest.class.getResource(DIRECTORY);
    if (url == null) {
      throw new IllegalStateException("Missing test resource directory " + DIRECTORY);
    }
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Case toCase(String file, JsonNode json) {
    String description = json.path("description").asText("");
    String where = file + ": " + description;
    assertThat(description).as("%s: description", file).isNotBlank();
    assertThat(json.path("resourceType").asText()).as(where).isIn("User", "Group");
    assertThat(json.path("before").isObject()).as("%s: before is an object", where).isTrue();
    assertThat(json.path("request").isObject()).as("%s: request is an object", where).isTrue();
    assertThat(json.has("after") != json.has("error"))
        .as("%s: exactly one of after and error", where)
        .isTrue();
    if (json.has("after")) {
      assertThat(json.get("after").isObject()).as("%s: after is an object", where).isTrue();
    } else {
      assertThat(json.get("error").path("status").isInt()).as("%s: error.status", where).isTrue();
    }
    return new Case(
        description,
        file,
        json.get("resourceType").asText(),
        json.get("before"),
        json.get("request"),
        json.get("after"),
        json.get("error"));
  }

  // ------------------------------------------------------------------------------------------
  // Comparison

  /**
   * The JSON as indented text with object members sorted by name and array elements sorted by their
   * own canonical text, so that equal texts mean equal JSON up to member and element order.
   */
  static String canonical(JsonNode json) {
    return pretty(normalise(json));
  }

  private static JsonNode normalise(JsonNode json) {
    if (json.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      for (Map.Entry<String, JsonNode> member : json.properties()) {
        sorted.put(member.getKey(), normalise(member.getValue()));
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (json.isArray()) {
      List<JsonNode> elements = new ArrayList<>();
      json.forEach(element -> elements.add(normalise(element)));
      elements.sort(Comparator.comparing(JsonNode::toString));
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      elements.forEach(out::add);
      return out;
    }
    return json;
  }

  private static String pretty(JsonNode json) {
    try {
      return MAPPER.writeValueAsString(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
