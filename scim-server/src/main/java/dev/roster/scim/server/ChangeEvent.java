package dev.roster.scim.server;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.spi.RequestContext;

/**
 * A change the protocol engine made through a repository, for audit logs.
 *
 * @param context who made it (tenant, principal, request id)
 * @param resourceType the resource type's name, e.g. {@code User}
 * @param id the resource's id
 * @param kind what happened
 * @param version the resource's version afterwards, or null after a delete
 */
public record ChangeEvent(
    RequestContext context, String resourceType, String id, Kind kind, String version) {

  /** What happened to the resource. */
  public enum Kind {
    /** Created by POST. */
    CREATED,
    /** Replaced by PUT. */
    REPLACED,
    /** Changed by PATCH. */
    PATCHED,
    /** A group's members changed by a PATCH applied as a delta. */
    MEMBERS_CHANGED,
    /** Deleted. */
    DELETED
  }

  public ChangeEvent {
    requireNonNull(context, "context");
    requireNonNull(resourceType, "resourceType");
    requireNonNull(id, "id");
    requireNonNull(kind, "kind");
  }
}
