package dev.roster.scim.core.spi;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/**
 * Who is calling and on whose behalf: passed to every repository method.
 *
 * <p>The host's authenticator resolves the tenant and principal from the request's credentials; the
 * protocol engine adds a request id for logs. A multi-tenant host scopes every read and write to
 * {@link #tenant()}; uniqueness of {@code userName} and group {@code displayName} is per tenant.
 *
 * @param tenant the tenant the request acts on; {@link #SINGLE_TENANT} for single-tenant hosts
 * @param principal who authenticated, e.g. the token's client id; for audit logs, never a secret
 * @param requestId an id for correlating logs with the request
 * @param attributes further values the host's authenticator attached, e.g. granted scopes
 */
public record RequestContext(
    String tenant, String principal, String requestId, Map<String, Object> attributes) {

  /** The tenant name used when the host has just one. */
  public static final String SINGLE_TENANT = "default";

  public RequestContext {
    requireNonNull(tenant, "tenant");
    requireNonNull(principal, "principal");
    requireNonNull(requestId, "requestId");
    attributes = Map.copyOf(attributes);
  }

  /** A context without extra attributes. */
  public static RequestContext of(String tenant, String principal, String requestId) {
    return new RequestContext(tenant, principal, requestId, Map.of());
  }

  /** An attribute the authenticator attached, if present and of the given type. */
  public <T> Optional<T> attribute(String name, Class<T> type) {
    Object value = attributes.get(name);
    return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
  }
}
