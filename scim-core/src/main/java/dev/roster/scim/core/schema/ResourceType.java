package dev.roster.scim.core.schema;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A resource type (RFC 7643 §6): its name, endpoint, core schema and schema extensions.
 *
 * @param id the resource type's id, usually equal to its name (e.g. {@code User})
 * @param name the name, used in {@code meta.resourceType} (e.g. {@code User})
 * @param endpoint the endpoint relative to the base URL, starting with '/' (e.g. {@code /Users})
 * @param description a human-readable description, or null
 * @param schema the URN of the core schema
 * @param schemaExtensions the extensions resources of this type may (or must) carry
 */
public record ResourceType(
    String id,
    String name,
    String endpoint,
    String description,
    String schema,
    List<SchemaExtension> schemaExtensions) {

  public ResourceType {
    requireNonNull(id, "id");
    requireNonNull(name, "name");
    requireNonNull(endpoint, "endpoint");
    requireNonNull(schema, "schema");
    if (!endpoint.startsWith("/") || endpoint.length() < 2 || endpoint.indexOf('/', 1) >= 0) {
      throw new IllegalArgumentException(
          "Resource type endpoint '" + endpoint + "' must be one path segment, like '/Users'");
    }
    if (!SchemaUrns.isUrn(schema)) {
      throw new IllegalArgumentException("Resource type schema '" + schema + "' is not a URN");
    }
    schemaExtensions = List.copyOf(schemaExtensions);
  }

  /** A resource type whose id equals its name, without extensions. */
  public static ResourceType of(String name, String endpoint, String schema) {
    return new ResourceType(name, name, endpoint, null, schema, List.of());
  }

  /** A copy that also accepts the extension {@code urn}; an existing entry for it is replaced. */
  public ResourceType withExtension(String urn, boolean required) {
    List<SchemaExtension> extensions = new ArrayList<>();
    for (SchemaExtension extension : schemaExtensions) {
      if (!extension.schema().equalsIgnoreCase(urn)) {
        extensions.add(extension);
      }
    }
    extensions.add(new SchemaExtension(urn, required));
    return new ResourceType(id, name, endpoint, description, schema, extensions);
  }

  /** The extension entry for {@code urn}, ignoring case. */
  public Optional<SchemaExtension> extension(String urn) {
    return schemaExtensions.stream().filter(e -> e.schema().equalsIgnoreCase(urn)).findFirst();
  }

  /** Writes the RFC 7643 §6 representation, without {@code meta}. */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.putArray("schemas").add(SchemaUrns.RESOURCE_TYPE);
    json.put("id", id);
    json.put("name", name);
    json.put("endpoint", endpoint);
    if (description != null) {
      json.put("description", description);
    }
    json.put("schema", schema);
    ArrayNode extensions = json.putArray("schemaExtensions");
    for (SchemaExtension extension : schemaExtensions) {
      extensions
          .addObject()
          .put("schema", extension.schema())
          .put("required", extension.required());
    }
    return json;
  }

  /**
   * Reads an RFC 7643 §6 resource type; {@code id} defaults to {@code name}.
   *
   * @throws ScimException 400 {@code invalidValue} naming the missing or malformed member
   */
  public static ResourceType fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("A resource type must be a JSON object");
    }
    String name = required(json, "name");
    String id = json.hasNonNull("id") ? json.get("id").asText() : name;
    List<SchemaExtension> extensions = new ArrayList<>();
    JsonNode list = json.get("schemaExtensions");
    if (list != null && list.isArray()) {
      for (JsonNode extension : list) {
        extensions.add(
            new SchemaExtension(
                required(extension, "schema"), extension.path("required").asBoolean(false)));
      }
    }
    try {
      return new ResourceType(
          id,
          name,
          required(json, "endpoint"),
          json.hasNonNull("description") ? json.get("description").asText() : null,
          required(json, "schema"),
          extensions);
    } catch (IllegalArgumentException e) {
      throw ScimException.invalidValue(e.getMessage());
    }
  }

  private static String required(JsonNode json, String field) {
    JsonNode node = json.get(field);
    if (node == null || !node.isTextual()) {
      throw ScimException.invalidValue("A resource type needs a string '" + field + "'");
    }
    return node.textValue();
  }
}
