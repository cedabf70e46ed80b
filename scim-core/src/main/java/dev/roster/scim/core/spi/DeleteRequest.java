package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * A request to delete a resource.
 *
 * @param context the caller
 * @param id the resource's id
 * @param expectedVersion the version the client's {@code If-Match} named, or null for an
 *     unconditional delete
 */
public record DeleteRequest(RequestContext context, String id, String expectedVersion) {
  public DeleteRequest {
    requireNonNull(context, "context");
    requireNonNull(id, "id");
  }
}
