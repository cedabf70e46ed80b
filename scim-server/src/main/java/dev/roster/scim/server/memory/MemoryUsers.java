package dev.roster.scim.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.UserRepository;
import java.util.Set;

/**
 * Users in memory: {@code userName} unique per tenant ignoring case, and the read-only {@code
 * groups} attribute computed from the tenant's memberships. Thread-safe.
 */
final class MemoryUsers extends MemoryRepository implements UserRepository {

  MemoryUsers(InMemoryStore store, ResourceSchema schema) {
    super(store, schema, "groups", "userName");
  }

  @Override
  boolean canBeMember() {
    return true;
  }

  /** The user, with {@code groups} listing its direct memberships when asked for. */
  @Override
  ScimResource view(Tenant tenant, Entry entry, boolean withComputed) {
    Set<String> groupIds = withComputed ? tenant.groupsOf(entry.id()) : Set.of();
    if (groupIds.isEmpty()) {
      return entry.resource();
    }
    ArrayNode groups = JsonNodeFactory.instance.arrayNode();
    for (String groupId : groupIds) {
      Entry group = tenant.group(groupId);
      JsonNode name = group == null ? null : group.resource().get("displayName");
      String display = name == null || !name.isTextual() ? null : name.textValue();
      groups.add(new ResourceRef(groupId, null, display, "direct").toJson());
    }
    return ResourceJson.with(entry.resource(), "groups", groups);
  }
}
