package dev.roster.quickstart;

import java.nio.charset.StandardCharsets;
import org.glassfish.grizzly.filterchain.FilterChainBuilder;
import org.glassfish.grizzly.http.HttpContent;
import org.glassfish.grizzly.http.HttpResponsePacket;
import org.glassfish.grizzly.http.HttpServerFilter;
import org.glassfish.grizzly.http.server.AddOn;
import org.glassfish.grizzly.http.server.NetworkListener;
import org.glassfish.grizzly.http.server.ServerConfiguration;
import org.glassfish.grizzly.memory.Buffers;

/**
 * Makes what Grizzly refuses before any application sees the request (a request line and headers
 * over the listener's limit, a malformed request line) answer as SCIM does: an {@code
 * application/scim+json} error body with the status, instead of an empty body. It swaps Grizzly's
 * HTTP codec filter for one configured the same way whose only change is the error body.
 */
final class ScimErrorsFromGrizzly implements AddOn {
  private final ServerConfiguration configuration;

  ScimErrorsFromGrizzly(ServerConfiguration configuration) {
    this.configuration = configuration;
  }

  @Override
  @SuppressWarnings("deprecation") // the constructor Grizzly's own HttpServer uses
  public void setup(NetworkListener listener, FilterChainBuilder builder) {
    int index = builder.indexOfType(HttpServerFilter.class);
    if (index < 0) {
      return;
    }
    HttpServerFilter original = (HttpServerFilter) builder.get(index);
    HttpServerFilter scim =
        new HttpServerFilter(
            listener.isChunkingEnabled(),
            listener.getMaxHttpHeaderSize(),
            original.getDefaultResponseContentType(),
            listener.getKeepAlive(),
            null, // idle keep-alive connections are closed by the chain's IdleTimeoutFilter
            listener.getMaxRequestHeaders(),
            listener.getMaxResponseHeaders()) {
          @Override
          protected HttpContent customizeErrorResponse(HttpResponsePacket response) {
            byte[] body = errorBody(response.getStatus());
            // Raw, since Grizzly leaves an error response's content type unwritten.
            response.getHeaders().addValue("Content-Type").setString("application/scim+json");
            response.setContentLength(body.length);
            return HttpContent.builder(response)
                .content(Buffers.wrap(null, body))
                .last(true)
                .build();
          }
        };
    scim.setAllowPayloadForUndefinedHttpMethods(
        configuration.isAllowPayloadForUndefinedHttpMethods());
    scim.setMaxPayloadRemainderToSkip(configuration.getMaxPayloadRemainderToSkip());
    builder.set(index, scim);
  }

  /** A SCIM error (RFC 7644 §3.12) for what the container refused. */
  static byte[] errorBody(int status) {
    return ("{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:Error\"],\"status\":\""
            + status
            + "\",\"detail\":\"The request line or headers are malformed or larger than "
            + QuickstartServer.MAX_REQUEST_HEAD
            + " bytes\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
