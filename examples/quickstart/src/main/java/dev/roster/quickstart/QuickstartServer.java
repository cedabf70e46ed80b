package dev.roster.quickstart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.jaxrs.ScimFeature;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.PatchResponse;
import dev.roster.scim.server.RateLimiter;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.ClientStore;
import dev.roster.scim.server.auth.InMemoryClientStore;
import dev.roster.scim.server.auth.InMemoryTokenStore;
import dev.roster.scim.server.auth.IssuedToken;
import dev.roster.scim.server.auth.SecretTokenAuthenticator;
import dev.roster.scim.server.auth.SecretTokens;
import dev.roster.scim.server.auth.TokenEndpoint;
import dev.roster.scim.server.auth.TokenStore;
import dev.roster.scim.server.memory.InMemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.glassfish.grizzly.http.server.HttpServer;
import org.glassfish.grizzly.http.server.NetworkListener;
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

  /** Where the OAuth 2.0 token endpoint (client credentials) is served, under the server's root. */
  public static final String TOKEN_PATH = "/oauth/token";

  /** The longest request line and headers Grizzly reads, in bytes: 4 MiB. */
  static final int MAX_REQUEST_HEAD = 4 * 1024 * 1024;

  /**
   * How often the engine retries a read-modify-write (a PATCH applied to the whole resource) after
   * another write to the same resource won. Each failed attempt means that another write committed
   * in between, so N concurrent writers of one resource need at most N - 1 retries: 64 covers an
   * identity provider's 32 threads across several server processes, above the engine's default of
   * 32 (when that default was 16, some of 32 concurrent PATCHes of one group answered 412).
   */
  static final int MAX_VERSION_RETRIES = 64;

  private final HttpServer http;
  private final DatabasePool jdbc;
  private final URI baseUri;
  private final URI tokenEndpoint;
  private final String token;
  private final String store;
  private final List<IssuedToken> createdTokens;
  private final List<ClientCredentials.NewSecret> createdClients;

  private QuickstartServer(
      HttpServer http,
      DatabasePool jdbc,
      URI baseUri,
      URI tokenEndpoint,
      String token,
      String store,
      List<IssuedToken> createdTokens,
      List<ClientCredentials.NewSecret> createdClients) {
    this.http = http;
    this.jdbc = jdbc;
    this.baseUri = baseUri;
    this.tokenEndpoint = tokenEndpoint;
    this.token = token;
    this.store = store;
    this.createdTokens = List.copyOf(createdTokens);
    this.createdClients = List.copyOf(createdClients);
  }

  /** The OAuth 2.0 token endpoint's URL, e.g. {@code http://127.0.0.1:8080/oauth/token}. */
  public URI tokenEndpoint() {
    return tokenEndpoint;
  }

  /** The secret tokens {@code --create-token} issued at start, to show once. */
  public List<IssuedToken> createdTokens() {
    return createdTokens;
  }

  /** The clients {@code --create-client} registered at start, with their secrets, to show once. */
  public List<ClientCredentials.NewSecret> createdClients() {
    return createdClients;
  }

  /**
   * Opens the store, registers the extensions and starts serving.
   *
   * @throws IllegalArgumentException if an extension file is not a valid schema document
   * @throws UncheckedIOException if an extension file cannot be read or the port is taken
   * @throws IllegalStateException if the database cannot be reached
   * @throws dev.roster.scim.jdbc.StorageException if its schema cannot be created or migrated
   */
  public static QuickstartServer start(Options options) {
    SchemaRegistry registry = SchemaRegistry.standard();
    for (Path file : options.extensions()) {
      Schema extension = readSchema(file);
      registry.addExtension("User", extension, false);
    }

    UserRepository users;
    GroupRepository groups;
    TokenStore tokenStore;
    ClientStore clientStore;
    DatabasePool jdbc = null;
    String store;
    if (options.memory()) {
      InMemoryStore memory = new InMemoryStore(registry);
      users = memory.users();
      groups = memory.groups();
      tokenStore = new InMemoryTokenStore();
      clientStore = new InMemoryClientStore();
      store = "in memory (lost when the server stops)";
    } else {
      String url = options.jdbcUrl() != null ? options.jdbcUrl() : h2Url(options.dataDir());
      jdbc = DatabasePool.open(url, options.jdbcUser(), options.jdbcPassword(), registry);
      users = jdbc.store().users();
      groups = jdbc.store().groups();
      tokenStore = jdbc.store().tokens();
      clientStore = jdbc.store().clients();
      store = DatabasePool.describe(url) + " (schema version " + jdbc.store().schemaVersion() + ")";
    }

    // Secret tokens and OAuth clients live in the store, so every process sharing the database
    // accepts the same ones, and a revocation or a disabled client counts on the next request.
    SecretTokens secretTokens = new SecretTokens(tokenStore);
    ClientCredentials clients = new ClientCredentials(clientStore);
    List<IssuedToken> createdTokens = new ArrayList<>();
    List<ClientCredentials.NewSecret> createdClients = new ArrayList<>();
    for (String client : options.clients()) {
      String[] parts = client.split(":", 3);
      if (clients.verify(parts[1], parts[2]).isEmpty()) {
        clients.addSecret(parts[0], parts[1], parts[2], null);
      }
    }
    for (String client : options.createClients()) {
      String[] parts = client.split(":", 2);
      createdClients.add(clients.addSecret(parts[0], parts[1], null, null));
    }
    for (String tenant : options.createTokens()) {
      createdTokens.add(secretTokens.issue(tenant, "created with --create-token", null));
    }
    TokenEndpoint tokenEndpoint =
        TokenEndpoint.builder().clients(clients).tokens(secretTokens).build();

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
            .authenticator(
                tokens.isEmpty()
                    ? Authenticator.anyOf(
                        new SecretTokenAuthenticator(secretTokens), tokenEndpoint.authenticator())
                    : Authenticator.anyOf(
                        BearerTokenAuthenticator.of(tokens),
                        new SecretTokenAuthenticator(secretTokens),
                        tokenEndpoint.authenticator()))
            .maxVersionRetries(MAX_VERSION_RETRIES)
            .cursorKey(options.cursorKey() != null ? options.cursorKey() : newCursorKey())
            .bulkScope(
                jdbc != null ? jdbc.store().bulkScope() : (context, operations) -> operations.run())
            .validation(
                context ->
                    options.strictTenants().contains(context.tenant())
                        ? SchemaValidator.Mode.STRICT
                        : SchemaValidator.Mode.LENIENT)
            .rateLimiter(
                options.rateLimit() > 0
                    ? RateLimiter.tokenBucket(options.rateLimit(), options.rateBurst())
                    : null)
            .patchResponse(
                "Group",
                options.groupPatchResponse() == 200
                    ? PatchResponse.RESOURCE
                    : PatchResponse.NO_CONTENT)
            .build();
    ResourceConfig application =
        new ResourceConfig()
            .register(
                ScimFeature.builder()
                    .basePath(BASE_PATH)
                    .server(scim)
                    .tokenEndpoint(tokenEndpoint, TOKEN_PATH)
                    .remoteAddress(ClientAddress::of)
                    .build())
            .register(ClientAddress.class)
            // Nothing here needs WADL or the javax.activation DataSource provider; Jersey warns
            // at start when they are missing.
            .property(ServerProperties.WADL_FEATURE_DISABLE, true)
            .property(CommonProperties.PROVIDER_DEFAULT_DISABLE, "DATASOURCE");

    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    HttpServer http;
    try {
      http =
          GrizzlyHttpServerFactory.createHttpServer(
              URI.create("http://" + host + ":" + options.port() + "/"), application, false);
      // Grizzly refuses a request line and headers over 8 KiB with an empty 400 of its own; with
      // room for a megabyte-long filter or id, Roster's limits answer instead, with SCIM errors.
      for (NetworkListener listener : http.getListeners()) {
        listener.setMaxHttpHeaderSize(MAX_REQUEST_HEAD);
        // What Grizzly must still refuse itself answers with a SCIM error body too.
        listener.registerAddOn(new ScimErrorsFromGrizzly(http.getServerConfiguration()));
      }
      http.start();
    } catch (IOException | RuntimeException e) {
      if (jdbc != null) {
        jdbc.close();
      }
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    int port = http.getListeners().iterator().next().getPort();
    URI baseUri = URI.create("http://" + host + ":" + port + BASE_PATH);
    return new QuickstartServer(
        http,
        jdbc,
        baseUri,
        URI.create("http://" + host + ":" + port + TOKEN_PATH),
        token,
        store,
        createdTokens,
        createdClients);
  }

  /** The SCIM base URL, e.g. {@code http://127.0.0.1:8080/scim/v2}. */
  public URI baseUri() {
    return baseUri;
  }

  /** A random cursor key for this process alone, when no --cursor-key is given. */
  private static byte[] newCursorKey() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return key;
  }

  /**
   * The bearer token of the default tenant, or null when only {@code --tenant-token}s are given.
   */
  public String token() {
    return token;
  }

  /**
   * The connection pool the store uses when it is a database ({@code --jdbc-url}, or the embedded
   * H2 file): the very {@code DataSource} the SQL store reads and writes users and groups through,
   * so that what else runs beside the server (a benchmark's own query, the application's own
   * tables) shares its connections. Empty when the store is in memory. Closed by {@link #close}.
   */
  public Optional<DataSource> dataSource() {
    return jdbc == null ? Optional.empty() : Optional.of(jdbc.dataSource());
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
