package dev.roster.scim.jaxrs.internal;

import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.TokenEndpoint;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

/**
 * Answers SCIM requests before resource matching: translates the JAX-RS request into a {@link
 * ScimRequest}, lets the engine handle it, and aborts the chain with the engine's response.
 */
@PreMatching
public final class ScimRequestFilter implements ContainerRequestFilter {
  private final ScimServer server;
  private final String basePath;
  private final String baseUrl;
  private final TokenEndpoint tokenEndpoint;
  private final String tokenPath;
  private final Function<ContainerRequestContext, String> remoteAddress;

  /**
   * A filter serving {@code server} under {@code basePath}, and {@code tokenEndpoint} at {@code
   * tokenPath} when both are given; {@code remoteAddress} tells each request's client address, or
   * is null when the host gives none.
   */
  public ScimRequestFilter(
      ScimServer server,
      String basePath,
      String baseUrl,
      TokenEndpoint tokenEndpoint,
      String tokenPath,
      Function<ContainerRequestContext, String> remoteAddress) {
    this.remoteAddress = remoteAddress;
    this.server = server;
    this.basePath = basePath;
    this.baseUrl = baseUrl;
    this.tokenEndpoint = tokenEndpoint;
    this.tokenPath = tokenPath;
  }

  @Override
  public void filter(ContainerRequestContext context) throws IOException {
    UriInfo uri = context.getUriInfo();
    String path = uri.getPath(true);
    path = path.startsWith("/") ? path : "/" + path;
    if (tokenEndpoint != null && path.equals(tokenPath)) {
      long limit = server.limits().maxRequestBodyBytes();
      byte[] body =
          context.hasEntity() ? ScimRequest.readBody(context.getEntityStream(), limit) : null;
      context.abortWith(
          answer(
              tokenEndpoint.handle(
                  new ScimRequest(
                      context.getMethod(),
                      path,
                      Map.copyOf(uri.getQueryParameters(true)),
                      Map.copyOf(context.getHeaders()),
                      body,
                      stripSlash(uri.getBaseUri().toString()),
                      remoteAddress(context)))));
      return;
    }
    String rest;
    if (basePath.equals("/")) {
      rest = path;
    } else if (path.equals(basePath) || path.startsWith(basePath + "/")) {
      rest = path.substring(basePath.length());
    } else {
      return;
    }
    byte[] body =
        context.hasEntity()
            ? ScimRequest.readBody(context.getEntityStream(), server.maxBodyBytes(rest))
            : null;
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
                base,
                remoteAddress(context)));
    context.abortWith(answer(response));
  }

  private String remoteAddress(ContainerRequestContext context) {
    return remoteAddress == null ? null : remoteAddress.apply(context);
  }

  /** The engine's response as JAX-RS sends it: status, headers, bytes of its media type. */
  private static Response answer(ScimResponse response) {
    Response.ResponseBuilder answer = Response.status(response.status());
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                answer.header(name, value);
              }
            });
    if (response.body() != null) {
      answer.entity(response.bodyBytes()).type(response.mediaType());
    }
    return answer.build();
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }
}
