package dev.roster.scim.core.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shared JSON mapper and small tree helpers used across scim-core. */
public final class Json {
  /** The node factory for trees built in code. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** A mapper configured for SCIM: decimals kept exactly as written, bounded nesting. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .nodeFactory(NODES)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).build());
  }

  private Json() {}

  /**
   * The 400 {@code invalidSyntax} error for JSON that does not parse, with the line and column when
   * known; Jackson's own message is not shown, as it may quote the input at length.
   */
  public static ScimException invalidJson(JsonProcessingException e) {
    if (e instanceof StreamConstraintsException) {
      return ScimException.invalidSyntax("The body nests or repeats too deeply to be read as JSON");
    }
    JsonLocation location = e.getLocation();
    return ScimException.invalidSyntax(
        location == null
            ? "The body is not valid JSON"
            : "The body is not valid JSON (line "
                + location.getLineNr()
                + ", column "
                + location.getColumnNr()
                + ")");
  }

  /** A new empty object node. */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /** A new empty array node. */
  public static ArrayNode array() {
    return NODES.arrayNode();
  }

  /**
   * Finds a member of an object by name, ignoring case; exact matches win.
   *
   * @return the member's name as stored, or null if there is none
   */
  public static String fieldName(ObjectNode object, String name) {
    if (object.has(name)) {
      return name;
    }
    for (Map.Entry<String, JsonNode> member : object.properties()) {
      if (member.getKey().equalsIgnoreCase(name)) {
        return member.getKey();
      }
    }
    return null;
  }

  /** The member named {@code name} ignoring case, or null. */
  public static JsonNode get(ObjectNode object, String name) {
    String field = fieldName(object, name);
    return field == null ? null : object.get(field);
  }

  /** The text members of an array, or an empty list if the node is absent or not an array. */
  public static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> values.add(v.asText()));
    }
    return values;
  }
}
