package dev.roster.scim.jaxrs.internal;

import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Map;

/**
 * Answers SCIM requests before resource matching: translates the JAX-RS request into a {@link
 * ScimRequest}, lets the engine handle it, and aborts the chain with the engine's response.
 */
@PreMatching
public final class ScimRequestFilter implements ContainerRequestFilter {
  private final ScimServer server;
  private final String basePath;
  private final String baseUrl;

  /** A filter serving {@code server} under {@code basePath}. */
  public ScimRequestFilter(ScimServer server, String basePath, String baseUrl) {
    this.server = server;
    this.basePath = basePath;
    this.baseUrl = baseUrl;
  }

  @Override
  public void filter(ContainerRequestContext context) throws IOException {
    UriInfo uri = context.getUriInfo();
    String path = uri.getPath(true);
    path = path.startsWith("/") ? path : "/" + path;
    String rest;
    if (basePath.equals("/")) {
      rest = path;
    } else if (path.equals(basePath) || path.startsWith(basePath + "/")) {
      rest = path.substring(basePath.length());
    } else {
      return;
    }
    long limit = server.limits().maxRequestBodyBytes();
    byte[] body =
        context.hasEntity() ? ScimRequest.readBody(context.getEntityStream(), limit) : null;
    String base =
        baseUrl != null
            ? baseUrl
            : stripSlash(uri.getBaseUri().toString()) + (basePath.equals("/") ? "" : basePath);
    ScimResponse response =
        server.handle(
            new ScimRequest(
                context.getMethod(),
                rest,
                Map.copyOf(uri.getQueryParameters(true)),
                Map.copyOf(context.getHeaders()),
                body,
                base));
    Response.ResponseBuilder answer = Response.status(response.status());
    response.headers().forEach(answer::header);
    if (response.body() != null) {
      answer.entity(response.bodyBytes()).type(ScimResponse.MEDIA_TYPE);
    }
    context.abortWith(answer.build());
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
