package dev.roster.scim.server;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.spi.RequestContext;
import java.util.Map;

/**
 * Who an {@link Authenticator} found behind a request's credentials.
 *
 * @param tenant the tenant the caller may act on
 * @param principal the caller, for logs and audit (never a secret)
 * @param attributes anything else to hand to repositories through the {@link RequestContext}
 */
public record Identity(String tenant, String principal, Map<String, Object> attributes) {
  public Identity {
    requireNonNull(tenant, "tenant");
    requireNonNull(principal, "principal");
    attributes = Map.copyOf(attributes);
  }

  /** An identity in {@code tenant} without extra attributes. */
  public static Identity of(String tenant, String principal) {
    return new Identity(tenant, principal, Map.of());
  }
}
