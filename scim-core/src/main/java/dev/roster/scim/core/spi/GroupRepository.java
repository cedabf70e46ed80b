package dev.roster.scim.core.spi;

/**
 * Stores groups ({@code urn:ietf:params:scim:schemas:core:2.0:Group}, served at {@code /Groups}).
 *
 * <p>Groups can be large: an identity provider may sync a group of 100,000 members and then PATCH
 * it one member at a time. Two rules keep that cheap:
 *
 * <ul>
 *   <li>{@link #get} and {@link #search} load {@code members} only when {@code
 *       request.projection().includes("members")}; Microsoft Entra ID always sends {@code
 *       excludedAttributes=members}.
 *   <li>Member-only PATCH operations arrive at {@link #updateMembers} as a delta; the engine never
 *       loads the member list to apply them.
 * </ul>
 *
 * <p>{@link #replace} sets the members only when the resource has a {@code members} member: an
 * absent key keeps the stored members, a present one (an empty list included) replaces them. The
 * engine always sends the key for PUT and for PATCHes applied to the whole group.
 *
 * <p>A group's {@code displayName} is unique per tenant, compared case-insensitively.
 */
public interface GroupRepository extends ResourceRepository {

  /**
   * Applies a membership delta and returns the group's new metadata.
   *
   * <p>Called by the protocol engine, on the request thread, for PATCH operations that only add,
   * remove or replace members; possibly concurrently for the same group (32 identity provider
   * threads adding distinct members must all succeed). Apply the delta atomically: single
   * INSERT/DELETE statements, not read-modify-write of the member list. Adding a present member or
   * removing an absent one is not an error. Bump {@code meta.version} and {@code meta.lastModified}
   * when membership changed.
   *
   * @throws dev.roster.scim.core.error.ScimException 404 if the group does not exist, 412 if {@link
   *     MembershipRequest#expectedVersion()} is given and differs, 400 {@code invalidValue} if an
   *     added member does not exist
   */
  MembershipResult updateMembers(MembershipRequest request);
}
