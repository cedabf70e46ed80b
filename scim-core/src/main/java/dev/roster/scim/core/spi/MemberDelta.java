package dev.roster.scim.core.spi;

import dev.roster.scim.core.resource.ResourceRef;
import java.util.List;

/**
 * A change to a group's members, as a delta: what the PATCH engine distils from operations that
 * touch only {@code members}, and what {@link GroupRepository#updateMembers} applies without
 * loading the member list, so that a 100,000-member group is as cheap to change as a 10-member one.
 *
 * <p>Apply it as: if {@link #removeAll()}, remove every member; then remove {@link #removed()};
 * then add {@link #added()}. That gives the same result as applying the operations in order (an id
 * added and later removed in one request ends up only in {@code removed}). Adding a present member
 * and removing an absent one change nothing.
 *
 * @param removeAll whether to remove every current member first (a {@code replace} of {@code
 *     members}, as Okta sends, or a {@code remove} of {@code members} without a filter)
 * @param removed the members to remove, by {@code value}
 * @param added the members to add; {@code type} is {@code User} or {@code Group} when the client
 *     said so, else null
 */
public record MemberDelta(boolean removeAll, List<String> removed, List<ResourceRef> added) {
  public MemberDelta {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }
}
