package dev.roster.scim.jaxrs;

import java.net.URI;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** The HTTP suite on Jersey with Grizzly. */
class JerseyHttpTest extends ScimHttpSuite {
  private HttpServer server;

  @Override
  String start(ScimFeature feature) {
    server =
        GrizzlyHttpServerFactory.createHttpServer(
            URI.create("http://127.0.0.1:0/"), new ResourceConfig().register(feature));
    int port = server.getListeners().iterator().next().getPort();
    return "http://127.0.0.1:" + port + "/scim/v2";
  }

  @Override
  void stop() {
    server.shutdownNow();
  }
}
