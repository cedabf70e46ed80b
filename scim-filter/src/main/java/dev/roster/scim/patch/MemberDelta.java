package dev.roster.scim.patch;

import dev.roster.scim.core.resource.ResourceRef;
import java.util.List;

/**
 * A group's membership change distilled from PATCH operations that touch only {@code members}: what
 * a repository applies without loading the member list.
 *
 * <p>Applying it means: if {@link #removeAll()}, remove every member; then remove {@link
 * #removed()}; then add {@link #added()}. That gives the same result as applying the operations in
 * order (an id added and later removed in one request ends up only in {@code removed}).
 *
 * @param removeAll whether every current member goes first
 * @param removed ids to remove
 * @param added members to add
 */
public record MemberDelta(boolean removeAll, List<String> removed, List<ResourceRef> added) {
  public MemberDelta {
    removed = List.copyOf(removed);
    added = List.copyOf(added);
  }
}
