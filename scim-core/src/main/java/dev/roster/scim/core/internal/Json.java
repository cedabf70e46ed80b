package dev.roster.scim.core.internal;

import com.fasterxml.jackson.core.JsonFactory;
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
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The shared JSON mapper and small tree helpers used across scim-core. */
public final class Json {
  /** The node factory for trees built in code. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /**
   * A mapper configured for SCIM: decimals kept exactly as written, and the JSON limits of {@link
   * ScimLimits#defaults()}.
   */
  public static final ObjectMapper MAPPER = mapper(ScimLimits.defaults());

  private Json() {}

  /**
   * A mapper configured for SCIM that reads within the JSON limits of {@code limits} ({@link
   * ScimLimits#maxJsonDepth()}, {@link ScimLimits#maxJsonStringLength()}, {@link
   * ScimLimits#maxJsonNumberLength()}), enforced by Jackson while it reads.
   */
  public static ObjectMapper mapper(ScimLimits limits) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxJsonDepth())
                    .maxStringLength(limits.maxJsonStringLength())
                    .maxNumberLength(limits.maxJsonNumberLength())
                    .build())
            .build();
    return JsonMapper.builder(factory)
        .nodeFactory(NODES)
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
        .build();
  }

  /** {@link #invalidJson(JsonProcessingException, ScimLimits)} for the default limits. */
  public static ScimException invalidJson(JsonProcessingException e) {
    return invalidJson(e, ScimLimits.defaults());
  }

  /**
   * The 400 error for JSON that does not parse, with the line and column when known, or that
   * exceeds a JSON limit of {@code limits}, naming the setting; Jackson's own message is not shown,
   * as it may quote the input at length.
   */
  public static ScimException invalidJson(JsonProcessingException e, ScimLimits limits) {
    if (e instanceof StreamConstraintsException) {
      String what = String.valueOf(e.getOriginalMessage());
      if (what.contains("getMaxStringLength")) {
        return ScimException.invalidValue(
            "A JSON string in the body is longer than "
                + limits.maxJsonStringLength()
                + " characters (ScimLimits.maxJsonStringLength)");
      }
      if (what.contains("getMaxNumberLength")) {
        return ScimException.invalidValue(
            "A JSON number in the body is longer than "
                + limits.maxJsonNumberLength()
                + " characters (ScimLimits.maxJsonNumberLength)");
      }
      if (what.contains("getMaxNestingDepth")) {
        return ScimException.invalidSyntax(
            "The body nests JSON deeper than "
                + limits.maxJsonDepth()
                + " levels (ScimLimits.maxJsonDepth)");
      }
      return ScimException.invalidSyntax("The body exceeds a limit on what JSON Roster reads");
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
