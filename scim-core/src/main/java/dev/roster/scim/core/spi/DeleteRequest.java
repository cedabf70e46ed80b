package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

/**
 * A request to delete a resource.
 *
 * @param context the caller
 * @param id the resource's id
 * @param expectedVersion null for an unconditional delete; otherwise exactly the {@code
 *     meta.version} string this repository handed out for the resource (the engine has already
 *     matched the client's {@code If-Match} against it): compare with {@link String#equals}, never
 *     parse it
 */
public record DeleteRequest(RequestContext context, String id, String expectedVersion) {
  public DeleteRequest {
    requireNonNull(context, "context");
    requireNonNull(id, "id");
  }
}
