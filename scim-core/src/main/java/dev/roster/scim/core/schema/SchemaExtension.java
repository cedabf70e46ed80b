package dev.roster.scim.core.schema;

import static java.util.Objects.requireNonNull;

/**
 * A schema extension a resource type accepts (RFC 7643 §6 {@code schemaExtensions}).
 *
 * @param schema the extension schema's URN
 * @param required whether every resource of the type must carry the extension
 */
public record SchemaExtension(String schema, boolean required) {
  public SchemaExtension {
    requireNonNull(schema, "schema");
    if (!SchemaUrns.isUrn(schema)) {
      throw new IllegalArgumentException("Schema extension '" + schema + "' is not a URN");
    }
  }
}
