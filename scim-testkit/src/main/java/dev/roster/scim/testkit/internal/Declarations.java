package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a server declares in {@code /Schemas} and {@code /ResourceTypes} (RFC 7643 §6, §7): its
 * resource types, their extensions, and each schema's attributes. Checks write only attributes a
 * server declares, and skip, with the reason, checks that need one it does not: identity providers
 * build their attribute mappings from the same declarations.
 */
final class Declarations {
  /** RFC 7643 §3.1: attributes of every resource, declared by no schema. */
  private static final Set<String> COMMON = Set.of("id", "externalid", "meta", "schemas");

  /** RFC 7643 §2.4: the sub-attributes every multi-valued attribute may carry. */
  private static final Set<String> MULTI_VALUED_DEFAULTS =
      Set.of("type", "primary", "display", "value", "$ref");

  private final Map<String, JsonNode> schemas = new LinkedHashMap<>();
  private final Map<String, JsonNode> types = new LinkedHashMap<>();

  /**
   * @param schemas the resources of {@code /Schemas}
   * @param types the resources of {@code /ResourceTypes}
   */
  Declarations(List<JsonNode> schemas, List<JsonNode> types) {
    for (JsonNode schema : schemas) {
      this.schemas.put(key(Json.get(schema, "id").asText()), schema);
    }
    for (JsonNode type : types) {
      this.types.put(key(Json.get(type, "schema").asText()), type);
    }
  }

  /** The schema with {@code urn} as its id, or null. */
  JsonNode schema(String urn) {
    return schemas.get(key(urn));
  }

  /**
   * Why the resource type whose core schema is {@code coreUrn} does not declare {@code path} (e.g.
   * {@code name.givenName}, {@code emails[type eq "work"].value}, or a URN-qualified extension
   * attribute), or null when it does.
   */
  String undeclared(String coreUrn, String path) {
    Paths.Path p = Paths.parse(path);
    JsonNode type = types.get(key(coreUrn));
    String typeName = shortName(coreUrn);
    if (type == null) {
      return "/ResourceTypes declares no resource type with the schema " + coreUrn;
    }
    boolean core = p.urn() == null || p.urn().equalsIgnoreCase(coreUrn);
    String urn = core ? coreUrn : p.urn();
    if (!core && !declaresExtension(type, urn)) {
      return "the server declares no "
          + shortName(urn)
          + " extension ("
          + urn
          + ") for "
          + typeName;
    }
    if (core && COMMON.contains(key(p.attribute()))) {
      return null;
    }
    JsonNode schema = schema(urn);
    if (schema == null) {
      return "/Schemas has no schema " + urn;
    }
    JsonNode attribute = attribute(schema, p.attribute());
    if (attribute == null) {
      return "the server's " + shortName(urn) + " schema declares no attribute " + p.attribute();
    }
    boolean multiValued = Json.get(attribute, "multiValued").asBoolean(false);
    for (String sub : new String[] {p.key(), p.sub()}) {
      if (sub != null && !hasSub(attribute, sub, multiValued)) {
        return "the server's "
            + shortName(urn)
            + " schema declares no "
            + p.attribute()
            + "."
            + sub;
      }
    }
    return null;
  }

  /** The attribute of {@code schema} named {@code name} (ignoring case), or null. */
  static JsonNode attribute(JsonNode schema, String name) {
    for (JsonNode attribute : Json.elements(Json.get(schema, "attributes"))) {
      if (Json.get(attribute, "name").asText().equalsIgnoreCase(name)) {
        return attribute;
      }
    }
    return null;
  }

  private static boolean hasSub(JsonNode attribute, String sub, boolean multiValued) {
    JsonNode subs = Json.get(attribute, "subAttributes");
    for (JsonNode child : Json.elements(subs)) {
      if (Json.get(child, "name").asText().equalsIgnoreCase(sub)) {
        return true;
      }
    }
    return multiValued && MULTI_VALUED_DEFAULTS.contains(sub);
  }

  private static boolean declaresExtension(JsonNode type, String urn) {
    for (JsonNode extension : Json.elements(Json.get(type, "schemaExtensions"))) {
      if (Json.get(extension, "schema").asText().equalsIgnoreCase(urn)) {
        return true;
      }
    }
    return false;
  }

  /**
   * A readable name for a schema URN: {@code User} for the core User schema, {@code SpokeCustom}
   * for {@code urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User}.
   */
  static String shortName(String urn) {
    String[] parts = urn.split(":");
    for (int i = 0; i < parts.length - 1; i++) {
      if (parts[i].equalsIgnoreCase("extension")) {
        return parts[i + 1];
      }
    }
    return parts[parts.length - 1];
  }

  private static String key(String text) {
    return text.toLowerCase(Locale.ROOT);
  }
}
