package dev.roster.scim.jaxrs;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.jaxrs.internal.ScimRequestFilter;
import dev.roster.scim.server.ScimServer;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Feature;
import jakarta.ws.rs.core.FeatureContext;

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

  private ScimFeature(Builder b) {
    this.server = requireNonNull(b.server, "server");
    this.basePath = b.basePath;
    this.baseUrl = b.baseUrl;
  }

  /** Starts configuring the feature. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public boolean configure(FeatureContext context) {
    // Before the host's own authentication filters: SCIM requests carry their own credentials.
    context.register(
        new ScimRequestFilter(server, basePath, baseUrl), Priorities.AUTHENTICATION - 100);
    return true;
  }

  /** Configures a {@link ScimFeature}; not thread-safe. */
  public static final class Builder {
    private ScimServer server;
    private String basePath = "/scim/v2";
    private String baseUrl;

    private Builder() {}

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
      String p = requireNonNull(path, "path").strip();
      if (!p.startsWith("/")) {
        p = "/" + p;
      }
      while (p.length() > 1 && p.endsWith("/")) {
        p = p.substring(0, p.length() - 1);
      }
      this.basePath = p;
      return this;
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
