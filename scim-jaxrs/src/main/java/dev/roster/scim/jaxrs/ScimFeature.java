package dev.roster.scim.jaxrs;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.jaxrs.internal.ScimRequestFilter;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.TokenEndpoint;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;
import java.util.function.Function;

/**
 * The one thing a host registers to serve SCIM from its JAX-RS application (Jersey, RESTEasy, or
 * any Jakarta REST 3.1 runtime).
 *
 * <pre>{@code
 * ScimServer server = ScimServer.builder()
 *     .users(new JdbcUserRepository(dataSource))
 *     .groups(new JdbcGroupRepository(dataSource))
 *     .authenticator(BearerTokenAuthenticator.single(System.getenv("SCIM_TOKEN")))
 *     .build();
 * resourceConfig.register(ScimFeature.builder().basePath("/scim/v2").server(server).build());
 * }</pre>
 *
 * <p>It registers a pre-matching request filter that answers every request under {@link
 * Builder#basePath} itself, so it needs no resource classes and no JSON provider from the host;
 * other requests pass through untouched.
 */
public final class ScimFeature implements Feature {
  private final ScimServer server;
  private final String basePath;
  private final String baseUrl;
  private final TokenEndpoint tokenEndpoint;
  private final String tokenPath;
  private final Function<ContainerRequestContext, String> remoteAddress;

  private ScimFeature(Builder b) {
    this.remoteAddress = b.remoteAddress;
    this.server = requireNonNull(b.server, "server");
    this.basePath = b.basePath;
    this.baseUrl = b.baseUrl;
    this.tokenEndpoint = b.tokenEndpoint;
    this.tokenPath = b.tokenPath;
  }

  /** Starts configuring the feature. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean configure(FeatureContext context) {
    // Before the host's own authentication filters: SCIM requests carry their own credentials.
    context.register(
        new ScimRequestFilter(server, basePath, baseUrl, tokenEndpoint, tokenPath, remoteAddress),
        Priorities.AUTHENTICATION - 100);
    return true;
  }

  /** Configures a {@link ScimFeature}; not thread-safe. */
  public static final class Builder {
    private ScimServer server;
    private String basePath = "/scim/v2";
    private String baseUrl;
    private TokenEndpoint tokenEndpoint;
    private String tokenPath;
    private Function<ContainerRequestContext, String> remoteAddress;

    private Builder() {}

    /**
     * How to tell each request's client address, which the server and the token endpoint use to
     * refuse an address that keeps failing to authenticate (429 with {@code Retry-After}). Jakarta
     * REST has no portable way to read it, so by default no address is known and only failures per
     * client id are counted. A Servlet container's: {@code c -> servletRequest.getRemoteAddr()}
     * (with an injected {@code HttpServletRequest} proxy); behind a proxy that sets {@code
     * X-Forwarded-For}, the last address it appended. The function may return null for an unknown
     * address.
     */
    public Builder remoteAddress(Function<ContainerRequestContext, String> resolver) {
      this.remoteAddress = requireNonNull(resolver, "resolver");
      return this;
    }

    /**
     * Also serves the OAuth 2.0 token endpoint (client credentials, RFC 6749 §4.4) at {@code path},
     * relative to the JAX-RS application's root (the documented default is {@code /oauth/token});
     * register {@code endpoint.authenticator()} with the server's authenticator so that its access
     * tokens are accepted on SCIM requests.
     */
    public Builder tokenEndpoint(TokenEndpoint endpoint, String path) {
      this.tokenEndpoint = requireNonNull(endpoint, "endpoint");
      this.tokenPath = normalise(path);
      return this;
    }

    /** The protocol engine to serve (required). */
    public Builder server(ScimServer server) {
      this.server = requireNonNull(server, "server");
      return this;
    }

    /**
     * The path, relative to the JAX-RS application's root, under which SCIM is served; default
     * {@code /scim/v2}. {@code /} serves SCIM at the application root.
     */
    public Builder basePath(String path) {
      this.basePath = normalise(path);
      return this;
    }

    private static String normalise(String path) {
      String p = requireNonNull(path, "path").strip();
      if (!p.startsWith("/")) {
        p = "/" + p;
      }
      while (p.length() > 1 && p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      return p;
    }

    /**
     * The absolute base URL clients use, e.g. {@code https://api.example.com/scim/v2}, for {@code
     * meta.location} and {@code Location} behind proxies; by default it is derived from each
     * request.
     */
    public Builder baseUrl(String url) {
      this.baseUrl = url;
      return this;
    }

    /** Builds the feature. */
    public ScimFeature build() {
      return new ScimFeature(this);
    }
  }
}
