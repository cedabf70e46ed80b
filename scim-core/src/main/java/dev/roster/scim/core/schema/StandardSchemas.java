package dev.roster.scim.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The schemas and resource types RFC 7643 defines, loaded from the schema documents of RFC 7643
 * §8.7.1 as printed (see {@code RFC-DEVIATIONS.md} beside them for the published errata).
 */
public final class StandardSchemas {
  /** The core User schema, {@value SchemaUrns#USER}. */
  public static final Schema USER = load("User.json");

  /** The core Group schema, {@value SchemaUrns#GROUP}. */
  public static final Schema GROUP = load("Group.json");

  /** The Enterprise User extension, {@value SchemaUrns#ENTERPRISE_USER}. */
  public static final Schema ENTERPRISE_USER = load("EnterpriseUser.json");

  /** The User resource type at {@code /Users}, accepting the Enterprise User extension. */
  public static final ResourceType USER_TYPE =
      new ResourceType(
          "User",
          "User",
          "/Users",
          "User Account",
          SchemaUrns.USER,
          List.of(new SchemaExtension(SchemaUrns.ENTERPRISE_USER, false)));

  /** The Group resource type at {@code /Groups}. */
  public static final ResourceType GROUP_TYPE =
      new ResourceType("Group", "Group", "/Groups", "Group", SchemaUrns.GROUP, List.of());

  private StandardSchemas() {}

  private static Schema load(String resource) {
    try (InputStream in = StandardSchemas.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing schema resource " + resource);
      }
      JsonNode json = Json.MAPPER.readTree(in);
      return Schema.fromJson(json);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read schema resource " + resource, e);
    }
  }
}
