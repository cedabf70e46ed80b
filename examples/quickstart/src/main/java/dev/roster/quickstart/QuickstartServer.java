package dev.roster.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.quickstart.jdbc.JdbcStore;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.jaxrs.ScimFeature;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.jersey.CommonProperties;
import org.glassfish.jersey.grizzly2.httpserver.GrizzlyHttpServerFactory;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;

/**
 * The quickstart application: Roster's SCIM endpoint on Jersey and Grizzly, over JDBC repositories
 * (an embedded H2 database file by default, PostgreSQL by URL) or in memory.
 *
 * <pre>{@code
 * try (QuickstartServer server = QuickstartServer.start(Options.defaults("dev-token"))) {
 *   System.out.println(server.baseUri()); // http://127.0.0.1:<port>/scim/v2
 * }
 * }</pre>
 *
 * <p>All of it is the few dozen lines of {@link #start}: a SaaS application does the same with its
 * own {@code DataSource}, authenticator and JAX-RS runtime.
 */
public final class QuickstartServer implements AutoCloseable {
  /** Where SCIM is served, under the server's root. */
  public static final String BASE_PATH = "/scim/v2";

  /**
   * How often the engine retries a read-modify-write (a PATCH applied to the whole resource) after
   * another write to the same resource won. Each failed attempt means that another write committed
   * in between, so N concurrent writers of one resource need at most N - 1 retries: 64 covers an
   * identity provider's 32 threads across several server processes, above the engine's default of
   * 32 (when that default was 16, some of 32 concurrent PATCHes of one group answered 412).
   */
  static final int MAX_VERSION_RETRIES = 64;

  private final HttpServer http;
  private final JdbcStore jdbc;
  private final URI baseUri;
  private final String token;
  private final String store;

  private QuickstartServer(
      HttpServer http, JdbcStore jdbc, URI baseUri, String token, String store) {
    this.http = http;
    this.jdbc = jdbc;
    this.baseUri = baseUri;
    this.token = token;
    this.store = store;
  }

  /**
   * Opens the store, registers the extensions and starts serving.
   *
   * @throws IllegalArgumentException if an extension file is not a valid schema document
   * @throws UncheckedIOException if an extension file cannot be read or the port is taken
   * @throws dev.roster.quickstart.jdbc.StorageException if the database cannot be reached
   */
  public static QuickstartServer start(Options options) {
    SchemaRegistry registry = SchemaRegistry.standard();
    for (Path file : options.extensions()) {
      Schema extension = readSchema(file);
      registry.addExtension("User", extension, false);
    }

    UserRepository users;
    GroupRepository groups;
    JdbcStore jdbc = null;
    String store;
    if (options.memory()) {
      InMemoryStore memory = new InMemoryStore(registry);
      users = memory.users();
      groups = memory.groups();
      store = "in memory (lost when the server stops)";
    } else {
      String url = options.jdbcUrl() != null ? options.jdbcUrl() : h2Url(options.dataDir());
      jdbc = JdbcStore.open(url, options.jdbcUser(), options.jdbcPassword(), registry);
      users = jdbc.users();
      groups = jdbc.groups();
      store = JdbcStore.describe(url) + " (schema version " + jdbc.schemaVersion() + ")";
    }

    String token =
        options.token() != null
            ? options.token()
            : options.tenantTokens().isEmpty() ? newToken() : null;
    Map<String, Identity> tokens = new LinkedHashMap<>();
    if (token != null) {
      tokens.put(token, Identity.of(RequestContext.SINGLE_TENANT, "bearer"));
    }
    options.tenantTokens().forEach((tenant, t) -> tokens.put(t, Identity.of(tenant, "bearer")));
    ScimServer scim =
        ScimServer.builder()
            .registry(registry)
            .users(users)
            .groups(groups)
            .authenticator(BearerTokenAuthenticator.of(tokens))
            .maxVersionRetries(MAX_VERSION_RETRIES)
            .build();
    ResourceConfig application =
        new ResourceConfig()
            .register(ScimFeature.builder().basePath(BASE_PATH).server(scim).build())
            // Nothing here needs WADL or the javax.activation DataSource provider; Jersey warns
            // at start when they are missing.
            .property(ServerProperties.WADL_FEATURE_DISABLE, true)
            .property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "DATASOURCE");

    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    HttpServer http;
    try {
      http =
          GrizzlyHttpServerFactory.createHttpServer(
              URI.create("http://" + host + ":" + options.port() + "/"), application, true);
    } catch (RuntimeException e) {
      if (jdbc != null) {
        jdbc.close();
      }
      throw e;
    }
    int port = http.getListeners().iterator().next().getPort();
    URI baseUri = URI.create("http://" + host + ":" + port + BASE_PATH);
    return new QuickstartServer(http, jdbc, baseUri, token, store);
  }

  /** The SCIM base URL, e.g. {@code http://127.0.0.1:8080/scim/v2}. */
  public URI baseUri() {
    return baseUri;
  }

  /**
   * The bearer token of the default tenant, or null when only {@code --tenant-token}s are given.
   */
  public String token() {
    return token;
  }

  /** Where users and groups are kept, without secrets, for the start-up message. */
  public String store() {
    return store;
  }

  /** Stops serving and closes the database connections. */
  @Override
  public void close() {
    http.shutdownNow();
    if (jdbc != null) {
      jdbc.close();
    }
  }

  /**
   * The embedded database: an H2 file {@code roster.mv.db} in {@code dataDir}, waiting up to 10 s
   * for a row another transaction holds (concurrent PATCHes of one group).
   */
  static String h2Url(Path dataDir) {
    return "jdbc:h2:file:"
        + dataDir.toAbsolutePath().normalize().resolve("roster")
        + ";LOCK_TIMEOUT=10000";
  }

  private static Schema readSchema(Path file) {
    JsonNode document;
    try {
      document = new ObjectMapper().readTree(Files.readString(file));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read extension schema " + file, e);
    }
    try {
      return Schema.fromJson(document);
    } catch (ScimException e) {
      throw new IllegalArgumentException(
          "Extension schema " + file + " is not an RFC 7643 §7 schema: " + e.detail(), e);
    }
  }

  /** 256 random bits, URL-safe. */
  private static String newToken() {
    byte[] bytes = new byte[32];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
