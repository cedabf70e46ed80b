package dev.roster.scim.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.resource.ScimResource;
import java.util.Iterator;
import java.util.Map;

/** Reads and rewrites members of a resource's JSON object, matching names ignoring case. */
final class ResourceJson {
  private ResourceJson() {}

  /** The member of {@code object} named {@code name} ignoring case, or null. */
  static JsonNode member(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return null;
    }
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return null;
  }

  /** {@code resource} without its top-level attribute {@code name}. */
  static ScimResource without(ScimResource resource, String name) {
    return resource.get(name) == null ? resource : resource.toBuilder().remove(name).build();
  }

  /** {@code resource} with {@code value} set as {@code name}, placed before {@code meta}. */
  static ScimResource with(ScimResource resource, String name, JsonNode value) {
    ObjectNode json = resource.toJson();
    JsonNode meta = null;
    for (Iterator<Map.Entry<String, JsonNode>> it = json.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equalsIgnoreCase("meta")) {
        meta = field.getValue();
        it.remove();
      } else if (field.getKey().equalsIgnoreCase(name)) {
        it.remove();
      }
    }
    json.set(name, value);
    if (meta != null) {
      json.set("meta", meta);
    }
    return ScimResource.fromJson(json);
  }
}
