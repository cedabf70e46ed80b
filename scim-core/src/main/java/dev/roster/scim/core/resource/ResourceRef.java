package dev.roster.scim.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;
import java.util.Objects;

/**
 * A reference to another resource, as in a group's {@code members}, a user's {@code groups} or the
 * enterprise {@code manager} (RFC 7643 §4.1.2, §4.2, §4.3).
 *
 * @param value the referenced resource's id; not null
 * @param ref the referenced resource's URI ({@code $ref}), or null
 * @param display a human-readable name, or null
 * @param type the kind of reference, e.g. {@code User}, {@code Group}, {@code direct}; or null
 */
public record ResourceRef(String value, String ref, String display, String type) {
  public ResourceRef {
    Objects.requireNonNull(value, "value");
  }

  /** A reference carrying only the id. */
  public static ResourceRef of(String value) {
    return new ResourceRef(value, null, null, null);
  }

  /** A reference with an id and a type, such as a group member {@code ("2819c223", "User")}. */
  public static ResourceRef of(String value, String type) {
    return new ResourceRef(value, null, null, type);
  }

  /** Writes the reference as a JSON object, leaving out null components. */
  public ObjectNode toJson() {
    ObjectNode json = Json.object().put("value", value);
    if (ref != null) {
      json.put("$ref", ref);
    }
    if (display != null) {
      json.put("display", display);
    }
    if (type != null) {
      json.put("type", type);
    }
    return json;
  }

  /**
   * Reads a reference: an object with {@code value} (names matched ignoring case), or a bare id
   * string as Microsoft Entra ID sends for {@code manager}; null if there is no usable id.
   */
  public static ResourceRef fromJson(JsonNode json) {
    if (json == null || json.isNull()) {
      return null;
    }
    if (json.isTextual()) {
      return json.textValue().isEmpty() ? null : of(json.textValue());
    }
    if (!json.isObject()) {
      return null;
    }
    ObjectNode object = (ObjectNode) json;
    String value = text(object, "value");
    if (value == null || value.isEmpty()) {
      return null;
    }
    return new ResourceRef(
        value, text(object, "$ref"), text(object, "display"), text(object, "type"));
  }

  static String text(ObjectNode object, String name) {
    JsonNode node = Json.get(object, name);
    return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
  }
}
