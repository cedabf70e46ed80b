package dev.roster.scim.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Lenient reading and null-skipping writing of attribute values, shared by the typed views. */
final class AttributeValues {
  private AttributeValues() {}

  /** The text of a simple value; null for a missing, null or complex value. */
  static String text(JsonNode node) {
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }

  /**
   * A boolean given as a JSON boolean or as the string {@code true} or {@code false} in any case
   * (Microsoft Entra ID sends {@code "True"}); null for anything else.
   */
  static Boolean bool(JsonNode node) {
    if (node == null) {
      return null;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    String text = node.isTextual() ? node.textValue() : "";
    return text.equalsIgnoreCase("true")
        ? Boolean.TRUE
        : text.equalsIgnoreCase("false") ? false : null;
  }

  /**
   * Reads each element of a multi-valued attribute with {@code reader}, skipping elements it
   * returns null for; a lone non-array value counts as one element. Returns an unmodifiable list.
   */
  static <T> List<T> list(JsonNode node, Function<JsonNode, T> reader) {
    if (node == null) {
      return List.of();
    }
    List<T> values = new ArrayList<>();
    for (JsonNode element : node.isArray() ? node : List.of(node)) {
      T value = reader.apply(element);
      if (value != null) {
        values.add(value);
      }
    }
    return List.copyOf(values);
  }

  /** Writes each of {@code values} with {@code writer} into a new array. */
  static <T> ArrayNode array(List<T> values, Function<T, JsonNode> writer) {
    ArrayNode array = Json.array();
    values.forEach(value -> array.add(writer.apply(value)));
    return array;
  }

  /** Puts a string member unless {@code value} is null. */
  static void put(ObjectNode object, String name, String value) {
    if (value != null) {
      object.put(name, value);
    }
  }

  /** Puts a boolean member unless {@code value} is null. */
  static void put(ObjectNode object, String name, Boolean value) {
    if (value != null) {
      object.put(name, value.booleanValue());
    }
  }
}
