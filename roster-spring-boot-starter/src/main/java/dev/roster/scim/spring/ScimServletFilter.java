package dev.roster.scim.spring;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.TokenEndpoint;
import dev.roster.scim.spring.internal.ServletExchange;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves Roster's SCIM engine from a Servlet filter: every request below the base path becomes a
 * {@link ScimRequest}, and the engine's {@link ScimResponse} is written back as it is (status,
 * headers, {@code Content-Type: application/scim+json} and the body's bytes), never through
 * Spring's message converters or error pages. Requests outside the base path go down the filter
 * chain untouched.
 *
 * <p>The starter registers it at {@code <base-path>/*}, after Spring Security's filter chain; a
 * host that registers it itself builds it with {@link #builder()}.
 *
 * <p>What it reads, as the JAX-RS binding does: the method; the path below the context path and
 * base path, decoded; the query string's parameters, decoded (the body is never read as form
 * parameters); every header; at most {@link ScimServer#maxBodyBytes(String)} + 1 bytes of body
 * ({@code maxBulkPayloadBytes} for {@code /Bulk}, {@code maxRequestBodyBytes} otherwise), so that
 * the engine can refuse a larger one with 413 without the filter buffering it; and the base URL,
 * configured or derived from the request's scheme, host, port, context path and base path.
 *
 * <p>Immutable and thread-safe. {@link ScimRequestListener}s are told about each request after its
 * response is written; an exception one throws is logged and ignored.
 */
public final class ScimServletFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(ScimServletFilter.class);

  private final ScimServer server;
  private final String basePath;
  private final String baseUrl;
  private final List<ScimRequestListener> listeners;
  private final TokenEndpoint tokenEndpoint;
  private final String tokenPath;

  private ScimServletFilter(Builder b) {
    this.tokenEndpoint = b.tokenEndpoint;
    this.tokenPath = b.tokenPath;
    this.server = requireNonNull(b.server, "server");
    this.basePath = b.basePath;
    this.baseUrl = b.baseUrl;
    this.listeners = List.copyOf(b.listeners);
  }

  /** Starts configuring a filter. */
  public static Builder builder() {
    return new Builder();
  }

  /** The path below the context path that this filter answers, e.g. {@code /scim/v2}. */
  public String basePath() {
    return basePath;
  }

  /**
   * The Servlet URL pattern that maps exactly this filter's requests, e.g. {@code /scim/v2/*}
   * (which also matches {@code /scim/v2} itself).
   */
  public String urlPattern() {
    return basePath.equals("/") ? "/*" : basePath + "/*";
  }

  /**
   * The Servlet URL patterns of this filter's requests: {@link #urlPattern()} and the token path.
   */
  public List<String> urlPatterns() {
    return tokenPath == null ? List.of(urlPattern()) : List.of(urlPattern(), tokenPath);
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (!(request instanceof HttpServletRequest http)
        || !(response instanceof HttpServletResponse out)) {
      chain.doFilter(request, response);
      return;
    }
    String path = ServletExchange.path(http);
    if (tokenEndpoint != null && path.equals(tokenPath)) {
      ScimRequest tokenRequest = read(http, path, ServletExchange.applicationUrl(http));
      ServletExchange.write(tokenEndpoint.handle(tokenRequest), out);
      return;
    }
    String rest = ServletExchange.pathBelow(path, basePath);
    if (rest == null) {
      chain.doFilter(request, response);
      return;
    }
    long started = System.nanoTime();
    String base =
        baseUrl != null
            ? baseUrl
            : ServletExchange.applicationUrl(http) + (basePath.equals("/") ? "" : basePath);
    ScimRequest scimRequest = read(http, rest, base);
    ScimResponse scimResponse = server.handle(scimRequest);
    ServletExchange.write(scimResponse, out);
    long elapsed = System.nanoTime() - started;
    for (ScimRequestListener listener : listeners) {
      try {
        listener.handled(scimRequest, scimResponse, elapsed);
      } catch (RuntimeException e) {
        LOG.warn("SCIM request listener {} failed", listener, e);
      }
    }
  }

  /** The request as the engine sees it, {@code path} below {@code base}. */
  private ScimRequest read(HttpServletRequest http, String path, String base) throws IOException {
    return new ScimRequest(
        http.getMethod(),
        path,
        ServletExchange.queryParameters(http.getQueryString()),
        ServletExchange.headers(http),
        ScimRequest.readBody(http.getInputStream(), server.maxBodyBytes(path)),
        base,
        http.getRemoteAddr());
  }

  /** Configures a {@link ScimServletFilter}; not thread-safe. */
  public static final class Builder {
    private ScimServer server;
    private String basePath = "/scim/v2";
    private String baseUrl;
    private final List<ScimRequestListener> listeners = new ArrayList<>();
    private TokenEndpoint tokenEndpoint;
    private String tokenPath;

    private Builder() {}

    /**
     * Also answers the OAuth 2.0 token endpoint at {@code path} below the context path (the
     * starter's default is {@code /oauth/token}); its access tokens are accepted on SCIM requests
     * when the server's authenticator includes {@code endpoint.authenticator()}.
     *
     * @throws IllegalArgumentException if the path holds a wildcard, query or fragment, or is
     *     {@code /}
     */
    public Builder tokenEndpoint(TokenEndpoint endpoint, String path) {
      String normalized = normalizeBasePath(path);
      if (normalized.equals("/")) {
        throw new IllegalArgumentException("The token endpoint needs a path of its own");
      }
      this.tokenEndpoint = requireNonNull(endpoint, "endpoint");
      this.tokenPath = normalized;
      return this;
    }

    /** The protocol engine to serve (required). */
    public Builder server(ScimServer server) {
      this.server = requireNonNull(server, "server");
      return this;
    }

    /**
     * The path below the application's context path under which SCIM is served; default {@code
     * /scim/v2}. A missing leading {@code /} is added and trailing ones are dropped; {@code /}
     * serves SCIM at the root, so the filter answers every request.
     *
     * @throws IllegalArgumentException if the path holds a wildcard, query or fragment
     */
    public Builder basePath(String path) {
      this.basePath = normalizeBasePath(path);
      return this;
    }

    /**
     * The absolute base URL clients use, e.g. {@code https://api.example.com/scim/v2}; null (the
     * default) derives it from each request.
     */
    public Builder baseUrl(String url) {
      this.baseUrl = url == null || url.isBlank() ? null : url.strip();
      return this;
    }

    /** Also tells {@code listener} about every request the filter answers. */
    public Builder listener(ScimRequestListener listener) {
      listeners.add(requireNonNull(listener, "listener"));
      return this;
    }

    /** Builds the filter. */
    public ScimServletFilter build() {
      return new ScimServletFilter(this);
    }
  }

  static String normalizeBasePath(String path) {
    String p = requireNonNull(path, "path").strip();
    if (p.contains("*") || p.contains("?") || p.contains("#") || p.contains(";")) {
      throw new IllegalArgumentException(
          "The path '" + path + "' must be a plain path like /scim/v2");
    }
    if (!p.startsWith("/")) {
      p = "/" + p;
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
