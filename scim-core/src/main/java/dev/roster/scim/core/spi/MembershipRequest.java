package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.resource.ResourceRef;
import java.util.List;

/**
 * A change to a group's members, as a delta: the protocol engine turns member-only PATCH operations
 * into one of these so that a 100,000-member group is as cheap to change as a 10-member one.
 *
 * <p>Apply it as: if {@link #removeAll()}, remove every member; then remove {@link #removed()};
 * then add {@link #added()}. Adding a present member and removing an absent one change nothing.
 *
 * @param context the caller
 * @param groupId the group's id
 * @param removeAll whether to remove every current member first (a {@code replace} of {@code
 *     members}, as Okta sends, or a {@code remove} of {@code members} without a filter)
 * @param removed the members to remove, by {@code value}
 * @param added the members to add; {@code type} is {@code User} or {@code Group} when the client
 *     said so, else null
 * @param expectedVersion null, or exactly the {@code meta.version} string this repository handed
 *     out for the group when the client sent {@code If-Match} (the engine has already matched the
 *     header against it): compare with {@link String#equals}, never parse it
 */
public record MembershipRequest(
    RequestContext context,
    String groupId,
    boolean removeAll,
    List<String> removed,
    List<ResourceRef> added,
    String expectedVersion) {
  public MembershipRequest {
    requireNonNull(context, "context");
    requireNonNull(groupId, "groupId");
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }
}
