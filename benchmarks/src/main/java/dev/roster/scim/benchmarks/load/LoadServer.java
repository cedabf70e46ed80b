package dev.roster.scim.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.quickstart.Options;
import dev.roster.quickstart.QuickstartServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.internal.inject.AbstractBinder;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The server side of a load run, in a JVM of its own: the quickstart server exactly as {@code java
 * -jar roster-quickstart.jar} starts it (same {@link Options}, same {@link QuickstartServer}), and
 * beside it, in the same JVM, the {@link BareResource} on a second Grizzly server built with the
 * same factory call and Jersey properties, and on that server too, when the store is a database,
 * the {@link FloorResource} over the store's own connection pool. Prints one line, {@code ready
 * <scim base URL> <bare base URL> [<floor base URL>]}, the last only on a database, then serves
 * until its standard input closes.
 *
 * <p>Arguments: the quickstart's own options ({@code --store memory}, {@code --jdbc-url ...},
 * {@code --data-dir ...}, {@code --token ...}); the port is always 0 and the host 127.0.0.1.
 */
public final class LoadServer {
  // Held so that the logging configuration is not collected with the logger.
  private static final Logger GRIZZLY = Logger.getLogger("org.glassfish");

  /** The variable the driver passes a database password in, off the command line. */
  static final String PASSWORD_VARIABLE = "ROSTER_JDBC_PASSWORD";

  private LoadServer() {}

  /** Starts both servers and serves until standard input closes. */
  public static void main(String[] args) throws IOException {
    GRIZZLY.setLevel(Level.WARNING); // as the quickstart's Main does
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--port";
    all[args.length + 1] = "0";
    all[args.length + 2] = "--host";
    all[args.length + 3] = "127.0.0.1";
    String password = System.getenv(PASSWORD_VARIABLE);
    Options options =
        Options.parse(all, password == null ? Map.of() : Map.of(PASSWORD_VARIABLE, password));
    try (QuickstartServer scim = QuickstartServer.start(options)) {
      Optional<DataSource> dataSource = scim.dataSource();
      HttpServer bare = startBare(dataSource);
      try {
        int port = bare.getListeners().iterator().next().getPort();
        String root = "http://127.0.0.1:" + port;
        System.out.println(
            "ready "
                + scim.baseUri()
                + " "
                + root
                + "/bare"
                + (dataSource.isPresent() ? " " + root + "/floor" : ""));
        System.out.println("store " + scim.store());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
          // wait for the driver to close our standard input
        }
      } finally {
        bare.shutdownNow();
      }
    }
  }

  /**
   * The bare endpoint on Jersey and Grizzly, configured as {@link QuickstartServer#start} is, and
   * the floor endpoint beside it over {@code dataSource} when there is one.
   */
  static HttpServer startBare(Optional<DataSource> dataSource) {
    ResourceConfig application =
        new ResourceConfig()
            .register(BareResource.class)
            .property(ServerProperties.WADL_FEATURE_DISABLE, true)
            .property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "DATASOURCE");
    // The class, with the pool to inject: Jersey makes one per request, as it does BareResource
    // (an instance registered instead draws a spurious "will be ignored" warning, Jersey #3700).
    dataSource.ifPresent(
        pool ->
            application
                .register(FloorResource.class)
                .register(
                    new AbstractBinder() {
                      @Override
                      protected void configure() {
                        bind(pool).to(DataSource.class);
                      }
                    }));
    return GrizzlyHttpServerFactory.createHttpServer(
        URI.create("http://127.0.0.1:0/"), application, true);
  }

  /** RFC 7643 §8.3's enterprise user without its whitespace: 3,594 bytes. */
  static byte[] compactEnterpriseUser() {
    try (InputStream in =
        LoadServer.class.getResourceAsStream("/dev/roster/scim/benchmarks/enterprise-user.json")) {
      ObjectMapper mapper = new ObjectMapper();
      JsonNode user = mapper.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      return mapper.writeValueAsBytes(user);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
