package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.resource.ScimResource;

/**
 * A request to store a new resource.
 *
 * @param context the caller
 * @param resource the validated resource, without {@code id} or {@code meta}; attribute names in
 *     the schema's spelling, readOnly attributes removed
 */
public record CreateRequest(RequestContext context, ScimResource resource) {
  public CreateRequest {
    requireNonNull(context, "context");
    requireNonNull(resource, "resource");
  }
}
