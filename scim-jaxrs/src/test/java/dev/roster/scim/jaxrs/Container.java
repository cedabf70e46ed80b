package dev.roster.scim.jaxrs;

import io.undertow.Undertow;
import jakarta.ws.rs.core.Application;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Set;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.jboss.resteasy.plugins.server.undertow.UndertowJaxrsServer;

/** A JAX-RS runtime on 127.0.0.1 serving one {@link ScimFeature}; one per started server. */
interface Container {
  /** Starts serving {@code feature}; returns the application's root URL, without trailing /. */
  String start(ScimFeature feature) throws IOException;

  void stop();

  /** Jersey on Grizzly. */
  final class Jersey implements Container {
    private HttpServer server;

    @Override
    public String start(ScimFeature feature) {
      server =
          GrizzlyHttpServerFactory.createHttpServer(
              URI.create("http://127.0.0.1:0/"), new ResourceConfig().register(feature));
      return "http://127.0.0.1:" + server.getListeners().iterator().next().getPort();
    }

    @Override
    public void stop() {
      server.shutdownNow();
    }
  }

  /** RESTEasy on Undertow. */
  final class Resteasy implements Container {
    private UndertowJaxrsServer server;

    /** A host application whose only component is the SCIM feature being deployed. */
    public static final class HostApplication extends Application {
      static ScimFeature feature;

      @Override
      public Set<Object> getSingletons() {
        return Set.of(feature);
      }
    }

    @Override
    public String start(ScimFeature feature) throws IOException {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      // RESTEasy instantiates the application while deploy() runs, so one static slot serves
      // servers started one after another.
      synchronized (HostApplication.class) {
        HostApplication.feature = feature;
        server = new UndertowJaxrsServer();
        server.start(Undertow.builder().addHttpListener(port, "127.0.0.1"));
        server.deploy(HostApplication.class);
      }
      return "http://127.0.0.1:" + port;
    }

    @Override
    public void stop() {
      server.stop();
    }
  }
}
