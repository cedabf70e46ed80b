package dev.roster.scim.server.memory;

import dev.roster.scim.core.schema.ResourceSchema;

/**
 * Resources of a custom resource type in memory, unique by the attributes their schemas declare
 * unique. Thread-safe.
 */
final class MemoryResources extends MemoryRepository {

  MemoryResources(InMemoryStore store, ResourceSchema schema) {
    super(store, schema, null, null);
  }
}
