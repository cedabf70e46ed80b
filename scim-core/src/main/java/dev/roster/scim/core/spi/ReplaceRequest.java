package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.resource.ScimResource;

/**
 * A request to replace a stored resource's attributes, from a PUT or an applied PATCH.
 *
 * @param context the caller
 * @param id the resource's id
 * @param resource the complete new state, validated; {@code meta} is the repository's to set
 * @param expectedVersion the version ({@code meta.version}) the change was computed from, exactly
 *     the string this repository handed out (e.g. {@code W/"7"}, not {@code 7}): the write must
 *     happen only if the stored version still {@link String#equals equals} it; null for an
 *     unconditional write (the engine passes the version it read whenever it read one)
 */
public record ReplaceRequest(
    RequestContext context, String id, ScimResource resource, String expectedVersion) {
  public ReplaceRequest {
    requireNonNull(context, "context");
    requireNonNull(id, "id");
    requireNonNull(resource, "resource");
  }
}
