package dev.roster.scim.server;

import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.patch.PatchOperation;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ResourceRepository;
import java.util.List;
import java.util.Optional;

/**
 * Everything the engine does differently for a group, so that a group of 100,000 members is as
 * cheap to change as one of 10, in one place:
 *
 * <ul>
 *   <li>a PATCH whose operations touch only {@code members} goes to {@link
 *       GroupRepository#updateMembers} as a {@link MemberDelta}, without reading the group;
 *   <li>any other PATCH, and a PUT, read the group without its members before writing (a PUT's body
 *       brings the full list; a PATCH reads them only when its operations need them);
 *   <li>the replacement always carries the {@code members} key, an empty list included, because
 *       {@link GroupRepository#replace} keeps the stored members when the key is absent;
 *   <li>a PATCH answers 204 by default, so a large group's members are never serialised back.
 * </ul>
 */
final class GroupRules {
  private static final Projection WITHOUT_MEMBERS = Projection.excluding("members");

  private GroupRules() {}

  /** Whether the endpoint serves groups. */
  static boolean applies(Endpoint endpoint) {
    return endpoint.repository() instanceof GroupRepository;
  }

  /** How a PATCH answers unless the host chose: 204 for groups, 200 with the resource otherwise. */
  static PatchResponse defaultPatchResponse(ResourceRepository repository) {
    return repository instanceof GroupRepository
        ? PatchResponse.NO_CONTENT
        : PatchResponse.RESOURCE;
  }

  /** The operations as a membership delta, when the endpoint serves groups and they allow it. */
  static Optional<MemberDelta> delta(Endpoint endpoint, List<PatchOperation> operations) {
    return applies(endpoint) ? endpoint.patch().memberDelta(operations) : Optional.empty();
  }

  /** What to read before a PUT: groups without their members, which the body replaces. */
  static Projection beforeReplace(Endpoint endpoint) {
    return applies(endpoint) ? WITHOUT_MEMBERS : Projection.DEFAULT;
  }

  /** What to read to check a version before a write that does not need the resource itself. */
  static Projection forVersionCheck() {
    return WITHOUT_MEMBERS;
  }

  /** {@code resource} with a {@code members} key when the endpoint serves groups. */
  static ScimResource withMembersKey(Endpoint endpoint, ScimResource resource) {
    if (!applies(endpoint) || resource.get("members") != null) {
      return resource;
    }
    return resource.toBuilder().set("members", Json.array()).build();
  }
}
