package dev.roster.scim.server;

import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.patch.PatchEngine;

/**
 * A resource type as the engine serves it, fixed when the server is built.
 *
 * @param schema its core schema and extensions
 * @param repository where its resources are stored
 * @param validator checks POST and PUT bodies against the schema
 * @param patch reads and applies PATCH requests under the schema
 * @param patchResponse whether a PATCH answers 200 with the resource or 204
 */
record Endpoint(
    ResourceSchema schema,
    ResourceRepository repository,
    SchemaValidator validator,
    PatchEngine patch,
    PatchResponse patchResponse) {

  /** The resource type's name, e.g. {@code User}. */
  String name() {
    return schema.resourceType().name();
  }
}
