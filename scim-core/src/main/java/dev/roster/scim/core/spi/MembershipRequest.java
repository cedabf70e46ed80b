package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.resource.ResourceRef;
import java.util.List;

/**
 * A change to a group's members, as a {@link MemberDelta}, for {@link
 * GroupRepository#updateMembers}.
 *
 * @param context the caller
 * @param groupId the group's id
 * @param delta what to remove and add
 * @param expectedVersion null, or exactly the {@code meta.version} string this repository handed
 *     out for the group when the client sent {@code If-Match} (the engine has already matched the
 *     header against it): compare with {@link String#equals}, never parse it
 */
public record MembershipRequest(
    RequestContext context, String groupId, MemberDelta delta, String expectedVersion) {
  public MembershipRequest {
    requireNonNull(context, "context");
    requireNonNull(groupId, "groupId");
    requireNonNull(delta, "delta");
  }

  /** Whether every current member goes first: {@code delta().removeAll()}. */
  public boolean removeAll() {
    return delta.removeAll();
  }

  /** The member ids to remove: {@code delta().removed()}. */
  public List<String> removed() {
    return delta.removed();
  }

  /** The members to add: {@code delta().added()}. */
  public List<ResourceRef> added() {
    return delta.added();
  }
}
