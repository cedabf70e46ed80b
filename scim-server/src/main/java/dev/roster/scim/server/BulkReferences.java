package dev.roster.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.schema.SchemaUrns;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * The bulkId references of RFC 7644 §3.7.2: a string {@code "bulkId:<id>"}, anywhere in an
 * operation's data (a member's {@code value}, {@code manager.value}, a custom reference) or as a
 * segment of its path ({@code /Users/bulkId:qwerty}), stands for the id of the resource that the
 * POST operation with bulkId {@code <id>} created. Stateless.
 */
final class BulkReferences {
  static final String PREFIX = "bulkId:";

  private BulkReferences() {}

  /** The bulkId {@code text} references, or null when it is not a reference. */
  static String referenced(String text) {
    return text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : null;
  }

  /** Adds to {@code into} the bulkIds that the strings in {@code node} reference. */
  static void collect(JsonNode node, Set<String> into) {
    if (node == null) {
      return;
    }
    if (node.isTextual()) {
      String bulkId = referenced(node.asText());
      if (bulkId != null) {
        into.add(bulkId);
      }
    } else if (node.isContainerNode()) {
      node.forEach(child -> collect(child, into));
    }
  }

  /** Adds to {@code into} the bulkIds that the segments of {@code path} reference. */
  static void inPath(String path, Set<String> into) {
    for (String segment : path.split("/")) {
      String bulkId = referenced(segment);
      if (bulkId != null) {
        into.add(bulkId);
      }
    }
  }

  /** Whether a string in {@code node} references one of {@code bulkIds}. */
  static boolean references(JsonNode node, Set<String> bulkIds) {
    if (node.isTextual()) {
      String bulkId = referenced(node.asText());
      return bulkId != null && bulkIds.contains(bulkId);
    }
    for (JsonNode child : node) {
      if (references(child, bulkIds)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A copy of {@code node} whose references are replaced by {@code idOf}'s answer, which throws for
   * a reference that cannot be resolved.
   */
  static JsonNode resolve(JsonNode node, UnaryOperator<String> idOf) {
    if (node.isTextual()) {
      String bulkId = referenced(node.asText());
      return bulkId == null ? node : TextNode.valueOf(idOf.apply(bulkId));
    }
    if (node.isObject()) {
      ObjectNode copy = Json.object();
      node.properties().forEach(m -> copy.set(m.getKey(), resolve(m.getValue(), idOf)));
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = Json.array();
      node.forEach(element -> copy.add(resolve(element, idOf)));
      return copy;
    }
    return node;
  }

  /** {@code path} with each segment that is a reference replaced by {@code idOf}'s answer. */
  static String resolvePath(String path, UnaryOperator<String> idOf) {
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      String bulkId = referenced(segments[i]);
      if (bulkId != null) {
        segments[i] = idOf.apply(bulkId);
      }
    }
    return String.join("/", segments);
  }

  /**
   * A POST's data split for a circular reference (RFC 7644 §3.7.1): what can be created now, and
   * the PATCH operations that add the rest once the resources it references exist.
   *
   * @param now the data without the values that reference the deferred bulkIds
   * @param later {@code add} operations, one per attribute, with those values
   */
  record Split(ObjectNode now, ArrayNode later) {}

  /**
   * Splits {@code data}: each attribute whose value references one of {@code deferred} leaves it, a
   * multi-valued one only the elements that do; an extension's attributes are split one by one, and
   * an extension left empty leaves too. The operations add them back by their path ({@code
   * members}, {@code urn:...:enterprise:2.0:User:manager}).
   */
  static Split split(ObjectNode data, Set<String> deferred) {
    ObjectNode now = data.deepCopy();
    ArrayNode later = Json.array();
    split(now, "", deferred, later);
    return new Split(now, later);
  }

  private static void split(ObjectNode object, String prefix, Set<String> deferred, ArrayNode ops) {
    List<Map.Entry<String, JsonNode>> members = new ArrayList<>(object.properties());
    for (Map.Entry<String, JsonNode> member : members) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      if (!references(value, deferred)) {
        continue;
      }
      if (prefix.isEmpty() && value.isObject() && SchemaUrns.isUrn(name)) {
        split((ObjectNode) value, name + ":", deferred, ops);
        if (value.isEmpty()) {
          object.remove(name);
        }
        continue;
      }
      JsonNode added = value;
      if (value.isArray()) {
        ArrayNode kept = Json.array();
        ArrayNode moved = Json.array();
        value.forEach(element -> (references(element, deferred) ? moved : kept).add(element));
        added = moved;
        if (kept.isEmpty()) {
          object.remove(name);
        } else {
          object.set(name, kept);
        }
      } else {
        object.remove(name);
      }
      ops.addObject().put("op", "add").put("path", prefix + name).set("value", added);
    }
  }
}
