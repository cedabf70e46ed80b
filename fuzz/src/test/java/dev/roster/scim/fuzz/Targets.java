package dev.roster.scim.fuzz;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.SchemaRegistry;
import java.io.IOException;

/** What the fuzz targets share: the limits, the schemas and the resources they start from. */
final class Targets {
  static final ScimLimits LIMITS = ScimLimits.defaults();
  private static final ObjectMapper MAPPER = Json.mapper(LIMITS);
  private static final SchemaRegistry REGISTRY = SchemaRegistry.standard();
  private static final ScimResource USER =
      resource(
          "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\","
              + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"],"
              + "\"id\":\"2819c223\",\"userName\":\"bjensen\",\"active\":true,"
              + "\"name\":{\"givenName\":\"Barbara\",\"familyName\":\"Jensen\"},"
              + "\"emails\":[{\"value\":\"bjensen@example.com\",\"type\":\"work\",\"primary\":true},"
              + "{\"value\":\"babs@example.org\",\"type\":\"home\"}],"
              + "\"phoneNumbers\":[{\"value\":\"555-555-8377\",\"type\":\"work\"}],"
              + "\"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\":"
              + "{\"department\":\"Tour\",\"manager\":{\"value\":\"26118915\"}},"
              + "\"meta\":{\"resourceType\":\"User\",\"version\":\"W/\\\"1\\\"\"}}");
  private static final ScimResource GROUP =
      resource(
          "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\"e9e30dba\","
              + "\"displayName\":\"Tour Guides\",\"members\":[{\"value\":\"2819c223\"},"
              + "{\"value\":\"902c246b\"}],\"meta\":{\"resourceType\":\"Group\"}}");

  private Targets() {}

  static ResourceSchema schema(boolean group) {
    return REGISTRY.resourceSchema(group ? "Group" : "User");
  }

  static ScimResource user() {
    return USER;
  }

  static ScimResource group() {
    return GROUP;
  }

  /**
   * The bytes as JSON, as the engine reads request bodies, or null when they are not JSON (the
   * engine's 400): a syntax error, or bytes Jackson takes for a broken UTF-16 or UTF-32 text.
   */
  static JsonNode json(byte[] data) {
    try {
      return MAPPER.readTree(data);
    } catch (IOException e) {
      return null;
    }
  }

  private static ScimResource resource(String json) {
    try {
      return ScimResource.fromJson(MAPPER.readTree(json));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
