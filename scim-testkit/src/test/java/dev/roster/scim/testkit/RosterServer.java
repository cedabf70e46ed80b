package dev.roster.scim.testkit;

import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.jaxrs.ScimFeature;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * A real Roster server on 127.0.0.1 (Jersey on Grizzly, in-memory repositories, the askSpoke custom
 * extension registered) for the testkit to test.
 */
final class RosterServer implements AutoCloseable {
  static final String TOKEN = "testkit-token";

  private final HttpServer http;
  private final String baseUrl;

  private RosterServer(Authenticator authenticator) {
    SchemaRegistry registry = SchemaRegistry.standard();
    registry.addExtension(
        "User",
        Schema.builder("urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User")
            .name("SpokeCustom")
            .attribute(AttributeDefinition.builder("startDate").build())
            .build(),
        false);
    InMemoryStore store = new InMemoryStore(registry);
    ScimServer server =
        ScimServer.builder()
            .registry(registry)
            .users(store.users())
            .groups(store.groups())
            .authenticator(authenticator)
            .build();
    http =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"),
            new ResourceConfig()
                .register(ScimFeature.builder().basePath("/scim/v2").server(server).build()));
    baseUrl = "http://127.0.0.1:" + http.getListeners().iterator().next().getPort() + "/scim/v2";
  }

  /** A server accepting {@code Authorization: Bearer testkit-token}. */
  static RosterServer start() {
    return new RosterServer(BearerTokenAuthenticator.single(TOKEN));
  }

  /** A server deciding who may call with {@code authenticator}. */
  static RosterServer start(Authenticator authenticator) {
    return new RosterServer(authenticator);
  }

  String baseUrl() {
    return baseUrl;
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
