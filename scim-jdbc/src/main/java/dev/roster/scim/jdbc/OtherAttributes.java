package dev.roster.scim.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaUrns;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code other_attributes} column: a JSON object holding whatever a resource carries that has
 * no column of its own, laid out as in the resource (custom extensions under their URN, such as
 * {@code urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User}, and core attributes like
 * {@code roles} at the top level). Filters on these fall back to in-memory evaluation.
 */
final class OtherAttributes {
  private static final ObjectMapper JSON = new ObjectMapper();

  private OtherAttributes() {}

  /**
   * The members of {@code resource} whose names are not in {@code stored} (lower-case names of what
   * has columns), as JSON text; null when there are none.
   */
  static String of(ScimResource resource, Set<String> stored) {
    ObjectNode other = resource.toJson();
    for (Iterator<Map.Entry<String, JsonNode>> it = other.properties().iterator(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> member = it.next();
      if (stored.contains(member.getKey().toLowerCase(Locale.ROOT)) || member.getValue().isNull()) {
        it.remove();
      }
    }
    return other.isEmpty() ? null : other.toString();
  }

  /**
   * Adds the members stored as {@code json} to {@code resource}, a resource's JSON object being
   * built, listing each extension URN in {@code schemas}; a member replaces one of the same name
   * (ignoring case), as {@link ScimResource.Builder#set(String, JsonNode)} would.
   *
   * @param id the resource's id, for the message if the column is not JSON
   */
  static void merge(ObjectNode resource, String json, String id) {
    if (json == null || json.isEmpty()) {
      return;
    }
    JsonNode other;
    try {
      other = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("other_attributes of " + id + " is not JSON", e);
    }
    for (Map.Entry<String, JsonNode> member : other.properties()) {
      String name = member.getKey();
      String existing = Json.fieldName(resource, name);
      if (existing != null) {
        resource.remove(existing);
      }
      resource.set(name, member.getValue());
      if (SchemaUrns.isUrn(name)) {
        ArrayNode schemas = (ArrayNode) resource.get("schemas");
        if (Json.strings(schemas).stream().noneMatch(name::equalsIgnoreCase)) {
          schemas.add(name);
        }
      }
    }
  }
}
