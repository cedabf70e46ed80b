package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.resource.Meta;

/**
 * The outcome of a {@link MembershipRequest}.
 *
 * @param meta the group's metadata after the change: a new {@code version} and {@code lastModified}
 *     whenever membership changed
 */
public record MembershipResult(Meta meta) {
  public MembershipResult {
    requireNonNull(meta, "meta");
  }
}
