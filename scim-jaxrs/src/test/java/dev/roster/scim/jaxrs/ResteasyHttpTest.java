package dev.roster.scim.jaxrs;

import io.undertow.Undertow;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Set;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/** The HTTP suite on RESTEasy with Undertow. */
class ResteasyHttpTest extends ScimHttpSuite {
  private UndertowJaxrsServer server;

  /** A host application whose only component is the SCIM feature. */
  public static final class HostApplication extends Application {
    static ScimFeature feature;

    @Override
    public Set<Object> getSingletons() {
      return Set.of(feature);
    }
  }

  @Override
  String start(ScimFeature feature) throws IOException {
    HostApplication.feature = feature;
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = probe.getLocalPort();
    }
    server = new UndertowJaxrsServer();
    server.start(Undertow.builder().addHttpListener(port, "127.0.0.1"));
    server.deploy(HostApplication.class);
    return "http://127.0.0.1:" + port + "/scim/v2";
  }

  @Override
  void stop() {
    server.stop();
  }
}
