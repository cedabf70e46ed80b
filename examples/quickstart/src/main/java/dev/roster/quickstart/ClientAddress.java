package dev.roster.quickstart;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import org.glassfish.grizzly.http.server.Request;

/**
 * Tells Roster each request's client address, which Jakarta REST cannot: Grizzly knows it, and this
 * filter, running before Roster's, puts it in a request property that {@link
 * dev.roster.scim.jaxrs.ScimFeature.Builder#remoteAddress} reads. Behind a proxy it is the proxy's
 * address.
 */
@PreMatching
@Priority(800) // before ScimFeature's filter at Priorities.AUTHENTICATION - 100
public final class ClientAddress implements ContainerRequestFilter {
  /** The request property holding the address. */
  static final String PROPERTY = "dev.roster.quickstart.clientAddress";

  @Inject private Provider<Request> requests;

  /** Created by Jersey, which injects the Grizzly request. */
  public ClientAddress() {}

  @Override
  public void filter(ContainerRequestContext context) {
    Request request = requests.get();
    if (request != null) {
      context.setProperty(PROPERTY, request.getRemoteAddr());
    }
  }

  /** The address this filter recorded for {@code context}, or null. */
  static String of(ContainerRequestContext context) {
    Object address = context.getProperty(PROPERTY);
    return address instanceof String text ? text : null;
  }
}
