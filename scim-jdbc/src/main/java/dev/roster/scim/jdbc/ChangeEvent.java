package dev.roster.scim.jdbc;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;

/**
 * One committed change to a user or a group, as {@link ChangeFeed#poll} (or {@link
 * TenantChangeFeed#poll}) reads it from the outbox table {@code scim_changes}.
 *
 * <p>Events carry what changed, not the new values: a consumer that needs them reads the resource
 * (which may have changed again since; a later event will say so). Immutable and thread-safe.
 *
 * @param position the event's place in the feed it was read from: positive, increasing in commit
 *     order, without gaps between events still retained; acknowledge it ({@link
 *     ChangeFeed#acknowledge}) once applied. In the store's feed every event has a position of its
 *     own; in a {@link TenantChangeFeed} the tenant's events are numbered apart, 1, 2, 3, ...
 * @param tenant the tenant whose resource changed
 * @param resourceType {@code "User"} or {@code "Group"}
 * @param id the resource's id
 * @param version the resource's version after the change ({@code meta.version}, e.g. {@code "3"});
 *     null for {@link Operation#DELETED}
 * @param operation what happened
 * @param changedAttributes the attribute paths whose values changed: every attribute present for
 *     {@link Operation#CREATED}, those whose values differ for {@link Operation#REPLACED}, {@code
 *     members} for {@link Operation#MEMBERS}, none for {@link Operation#DELETED}. A path is a
 *     top-level attribute ({@code active}, {@code name}, {@code emails}, {@code externalId}) or an
 *     extension attribute qualified by its URN ({@code
 *     urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager}); never {@code id},
 *     {@code meta} or {@code schemas}
 * @param addedMembers for a group, the ids of the members the change added (users or groups)
 * @param removedMembers for a group, the ids of the members the change removed; also, for a deleted
 *     group, the members it had, and for a user or group deleted while a member of a group, its id
 *     in a {@link Operation#MEMBERS} event of that group
 * @param time when the change was recorded, by the store's clock, just before its commit
 */
public record ChangeEvent(
    long position,
    String tenant,
    String resourceType,
    String id,
    String version,
    Operation operation,
    List<String> changedAttributes,
    List<String> addedMembers,
    List<String> removedMembers,
    Instant time) {

  /** What happened to the resource. */
  public enum Operation {
    /** The resource was created (POST, or a bulk POST). */
    CREATED,
    /**
     * The resource's attributes were replaced (PUT, or a PATCH of a user or of a group's
     * attributes).
     */
    REPLACED,
    /** Only a group's members changed (a PATCH of {@code members}, or a member deleted). */
    MEMBERS,
    /** The resource was deleted. */
    DELETED
  }

  public ChangeEvent {
    requireNonNull(tenant, "tenant");
    requireNonNull(resourceType, "resourceType");
    requireNonNull(id, "id");
    requireNonNull(operation, "operation");
    requireNonNull(time, "time");
    changedAttributes = List.copyOf(changedAttributes);
    addedMembers = List.copyOf(addedMembers);
    removedMembers = List.copyOf(removedMembers);
  }
}
