package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * A request to read one resource by id.
 *
 * @param context the caller
 * @param id the resource's id, as the repository assigned it
 * @param projection the attributes the response will carry; consult it to avoid loading what is not
 *     needed, such as a group's members
 */
public record GetRequest(RequestContext context, String id, Projection projection) {
  public GetRequest {
    requireNonNull(context, "context");
    requireNonNull(id, "id");
    requireNonNull(projection, "projection");
  }
}
