package dev.roster.scim.server;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.spi.RequestContext;
import java.util.List;

/**
 * What lenient validation dropped from a request that succeeded: attributes and schema URNs that no
 * registered schema declares, which identity providers send (Entra ID's ADSCIM URN on groups,
 * {@code "roles": []} on users) and which the engine therefore does not refuse, but does not keep
 * either.
 *
 * @param context who sent the request
 * @param resourceType the resource type's name, e.g. {@code User}
 * @param id the resource's id
 * @param names each dropped attribute (as the client spelled its path) or schema URN, once
 */
public record IgnoredInput(
    RequestContext context, String resourceType, String id, List<String> names) {
  /** Validates and copies. */
  public IgnoredInput {
    requireNonNull(context, "context");
    requireNonNull(resourceType, "resourceType");
    names = List.copyOf(names);
  }
}
