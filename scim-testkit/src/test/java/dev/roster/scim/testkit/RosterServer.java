package dev.roster.scim.testkit;

import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.jaxrs.ScimFeature;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.TokenEndpoint;
import dev.roster.scim.server.memory.InMemoryStore;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A real Roster server on 127.0.0.1 (Jersey on Grizzly, in-memory repositories, the askSpoke custom
 * extension registered, {@code /Me} for the test token's caller), optionally with an OAuth 2.0
 * token endpoint at {@code /oauth/token}, for the testkit to test.
 */
final class RosterServer implements AutoCloseable {
  static final String TOKEN = "testkit-token";

  /** Who the test token stands for. */
  static final String PRINCIPAL = "testkit";

  /**
   * The userName of the User that {@code /Me} stands for with the test token: the server creates it
   * at start, so it is the one user the testkit does not create.
   */
  static final String ME_USER_NAME = "me@roster-server.example";

  private final HttpServer http;
  private final String baseUrl;
  private final String tokenUrl;

  /** What a variant of the server leaves out, to test that the testkit skips instead of failing. */
  enum Without {
    /** The askSpoke custom extension (the quickstart's default). */
    CUSTOM_EXTENSION,
    /** The enterprise extension: User has no extension at all. */
    ENTERPRISE_EXTENSION,
    /** The Group resource type. */
    GROUPS,
    /** Sorting: the user repository says it cannot sort. */
    SORT,
    /** A {@code MeResolver}: {@code /Me} answers 501, and no user is created at start. */
    ME
  }

  private RosterServer(
      Authenticator authenticator, Set<Without> without, TokenEndpoint tokenEndpoint) {
    SchemaRegistry registry;
    if (without.contains(Without.ENTERPRISE_EXTENSION)) {
      SchemaRegistry standard = SchemaRegistry.standard();
      registry = SchemaRegistry.empty();
      for (String urn : List.of(SchemaUrns.USER, SchemaUrns.GROUP)) {
        registry.register(standard.schema(urn).orElseThrow());
      }
      registry.register(ResourceType.of("User", "/Users", SchemaUrns.USER));
      registry.register(ResourceType.of("Group", "/Groups", SchemaUrns.GROUP));
    } else {
      registry = SchemaRegistry.standard();
    }
    if (!without.contains(Without.CUSTOM_EXTENSION)) {
      registry.addExtension(
          "User",
          Schema.builder("urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User")
              .name("SpokeCustom")
              .attribute(AttributeDefinition.builder("startDate").build())
              .build(),
          false);
    }
    InMemoryStore store = new InMemoryStore(registry);
    ScimServer.Builder builder =
        ScimServer.builder()
            .registry(registry)
            .users(without.contains(Without.SORT) ? new Unsorted(store.users()) : store.users())
            .authenticator(authenticator);
    if (!without.contains(Without.GROUPS)) {
      builder.groups(store.groups());
    }
    if (!without.contains(Without.ME)) {
      String me =
          store
              .users()
              .create(
                  new CreateRequest(
                      RequestContext.of(RequestContext.SINGLE_TENANT, "setup", "setup"),
                      ScimResource.builder()
                          .schemas(List.of(SchemaUrns.USER))
                          .set("userName", ME_USER_NAME)
                          .build()))
              .id();
      builder.me(
          context ->
              context.tenant().equals(RequestContext.SINGLE_TENANT)
                      && context.principal().equals(PRINCIPAL)
                  ? Optional.of(me)
                  : Optional.empty());
    }
    ScimFeature.Builder feature =
        ScimFeature.builder().basePath("/scim/v2").server(builder.build());
    if (tokenEndpoint != null) {
      feature.tokenEndpoint(tokenEndpoint, "/oauth/token");
    }
    http =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"), new ResourceConfig().register(feature.build()));
    String origin = "http://127.0.0.1:" + http.getListeners().iterator().next().getPort();
    baseUrl = origin + "/scim/v2";
    tokenUrl = tokenEndpoint == null ? null : origin + "/oauth/token";
  }

  /** A server accepting {@code Authorization: Bearer testkit-token}. */
  static RosterServer start() {
    return new RosterServer(testToken(), Set.of(), null);
  }

  /** Accepts the test token, for {@link #PRINCIPAL} in the single tenant. */
  private static Authenticator testToken() {
    return BearerTokenAuthenticator.of(
        Map.of(TOKEN, Identity.of(RequestContext.SINGLE_TENANT, PRINCIPAL)));
  }

  /** A server deciding who may call with {@code authenticator}. */
  static RosterServer start(Authenticator authenticator) {
    return new RosterServer(authenticator, Set.of(), null);
  }

  /**
   * A server deciding who may call with {@code authenticator} that serves {@code tokenEndpoint} at
   * {@link #tokenUrl()}.
   */
  static RosterServer start(Authenticator authenticator, TokenEndpoint tokenEndpoint) {
    return new RosterServer(authenticator, Set.of(), tokenEndpoint);
  }

  /** A server accepting the test token that leaves out what {@code without} names. */
  static RosterServer without(Without... without) {
    return new RosterServer(testToken(), Set.of(without), null);
  }

  /** A user repository that stores like the in-memory one and does not sort. */
  private record Unsorted(UserRepository users) implements UserRepository {
    @Override
    public ScimResource create(CreateRequest request) {
      return users.create(request);
    }

    @Override
    public Optional<ScimResource> get(GetRequest request) {
      return users.get(request);
    }

    @Override
    public Page search(SearchRequest request) {
      return users.search(request);
    }

    @Override
    public ScimResource replace(ReplaceRequest request) {
      return users.replace(request);
    }

    @Override
    public void delete(DeleteRequest request) {
      users.delete(request);
    }
  }

  String baseUrl() {
    return baseUrl;
  }

  /** The token endpoint's URL, or null when the server has none. */
  String tokenUrl() {
    return tokenUrl;
  }

  /** Options for this server with the test token. */
  TestkitOptions.Builder options() {
    return TestkitOptions.builder(baseUrl).bearerToken(TOKEN);
  }

  @Override
  public void close() {
    http.shutdownNow();
  }
}
