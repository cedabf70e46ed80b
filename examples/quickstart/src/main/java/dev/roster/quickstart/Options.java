package dev.roster.quickstart;

import static java.util.Objects.requireNonNull;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to run the quickstart server, from the command line and {@code ROSTER_*} environment
 * variables; an option on the command line wins over its variable.
 *
 * @param host the address to listen on
 * @param port the port to listen on; 0 for any free port
 * @param token the bearer token clients must send, or null to generate one
 * @param tokenSource where {@code token} came from: {@code --token} or {@code ROSTER_TOKEN}; null
 *     when generated
 * @param tenantTokens further tenants, each with the bearer token that authenticates as it ({@code
 *     --tenant-token TENANT=TOKEN}); a request sees only its token's tenant
 * @param clients OAuth clients of the token endpoint, as {@code TENANT:CLIENT_ID:SECRET}
 * @param createTokens tenants to issue a new secret token for at start, printed once
 * @param createClients clients to register at start with a generated secret, printed once, as
 *     {@code TENANT:CLIENT_ID}
 * @param groupPatchResponse how a group PATCH answers: {@code 204} (no body, the default) or {@code
 *     200} (the group)
 * @param rateLimit requests a second each tenant may send ({@code --rate-limit RATE[:BURST]}), or 0
 *     for no limit
 * @param rateBurst requests a tenant may send at once before the rate applies
 * @param strictTenants tenants whose requests are validated strictly: what no schema declares is
 *     refused with 400 instead of dropped ({@code --strict-tenant TENANT})
 * @param memory whether to keep everything in memory, lost at exit
 * @param jdbcUrl the database to use, or null for the embedded H2 database under {@code dataDir}
 * @param jdbcUser the database user, or null
 * @param jdbcPassword the database password, or null
 * @param dataDir where the embedded H2 database lives
 * @param extensions schema documents (RFC 7643 §7) of custom User extensions to register
 * @param cursorKey the key that signs paging cursors (RFC 9865), at least 32 bytes ({@code
 *     --cursor-key BASE64}), or null for a random key per process
 * @param help whether to print the usage and exit
 */
public record Options(
    String host,
    int port,
    String token,
    String tokenSource,
    Map<String, String> tenantTokens,
    List<String> clients,
    List<String> createTokens,
    List<String> createClients,
    int groupPatchResponse,
    double rateLimit,
    int rateBurst,
    List<String> strictTenants,
    boolean memory,
    String jdbcUrl,
    String jdbcUser,
    String jdbcPassword,
    Path dataDir,
    List<Path> extensions,
    byte[] cursorKey,
    boolean help) {

  /** The usage text {@code --help} prints. */
  public static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar roster-quickstart.jar [options]",
          "",
          "Serves SCIM 2.0 (RFC 7643, RFC 7644) at http://HOST:PORT/scim/v2 for Microsoft Entra ID,",
          "Okta and any other SCIM client, storing users and groups in a database.",
          "",
          "Options (each also read from the environment variable shown):",
          "  --port PORT            port to listen on; 0 picks a free one  (ROSTER_PORT, default 8080)",
          "  --host HOST            address to listen on        (ROSTER_HOST, default 127.0.0.1)",
          "  --token TOKEN          bearer token clients must send (ROSTER_TOKEN; default: a new",
          "                         random token, printed once, unless --tenant-token is given).",
          "                         Prefer the variable: command lines are visible to other users",
          "                         of the machine.",
          "  --tenant-token TENANT=TOKEN",
          "                         a tenant and the bearer token that authenticates as it; each",
          "                         tenant sees only its own users and groups; repeatable",
          "                         (ROSTER_TENANT_TOKENS: TENANT=TOKEN pairs separated by ',')",
          "  --create-token TENANT  issue a secret token for TENANT, print it with the Tenant URL",
          "                         once, and serve; tokens are kept (hashed) in the database",
          "  --client TENANT:CLIENT_ID:SECRET",
          "                         an OAuth client of the token endpoint (client credentials),",
          "                         whose access tokens act for TENANT; repeatable (ROSTER_CLIENTS:",
          "                         entries separated by ',')",
          "  --create-client TENANT:CLIENT_ID",
          "                         register a client with a generated secret, printed once",
          "  --group-patch-response 204|200",
          "                         how a group PATCH answers: 204 without a body (default) or",
          "                         200 with the group (ROSTER_GROUP_PATCH_RESPONSE)",
          "  --rate-limit RATE[:BURST]",
          "                         at most RATE requests a second per tenant, bursts of BURST",
          "                         (default RATE); more get 429 with Retry-After (ROSTER_RATE_LIMIT;",
          "                         default no limit)",
          "  --strict-tenant TENANT refuse (400) attributes and schema URNs no schema declares in",
          "                         TENANT's requests instead of dropping them; repeatable",
          "                         (ROSTER_STRICT_TENANTS: tenants separated by ',')",
          "  --store memory         keep everything in memory, lost at exit  (ROSTER_STORE)",
          "  --jdbc-url URL         database, e.g. jdbc:postgresql://localhost:5432/roster",
          "                         (ROSTER_JDBC_URL; default: an H2 database file in --data-dir)",
          "  --jdbc-user USER       database user               (ROSTER_JDBC_USER)",
          "  --jdbc-password PASS   database password           (ROSTER_JDBC_PASSWORD)",
          "  --data-dir DIR         where the default H2 database lives (ROSTER_DATA_DIR, default",
          "                         ./data)",
          "  --extension FILE       register a custom User extension from its RFC 7643 §7 schema",
          "                         JSON; repeatable (ROSTER_EXTENSIONS: files separated by '"
              + File.pathSeparator
              + "')",
          "  --cursor-key BASE64    key that signs paging cursors (RFC 9865), at least 32 bytes",
          "                         in base64 (ROSTER_CURSOR_KEY); give every process behind one",
          "                         database the same key so that each accepts the others' cursors;",
          "                         default: a random key per process. Keep it secret.",
          "  --help                 print this and exit",
          "");

  public Options {
    requireNonNull(host, "host");
    requireNonNull(dataDir, "dataDir");
    extensions = List.copyOf(extensions);
    tenantTokens = Collections.unmodifiableMap(new LinkedHashMap<>(tenantTokens));
    clients = List.copyOf(clients);
    createTokens = List.copyOf(createTokens);
    createClients = List.copyOf(createClients);
    strictTenants = List.copyOf(strictTenants);
  }

  /**
   * Reads options from the command line and the environment.
   *
   * @throws IllegalArgumentException naming the option that is unknown, misses its value or has a
   *     bad one
   */
  public static Options parse(String[] args, Map<String, String> env) {
    String host = env.getOrDefault("ROSTER_HOST", "127.0.0.1");
    String port = env.getOrDefault("ROSTER_PORT", "8080");
    String portSource = "ROSTER_PORT";
    String token = env.get("ROSTER_TOKEN");
    String tokenSource = token == null ? null : "ROSTER_TOKEN";
    Map<String, String> tenantTokens = new LinkedHashMap<>();
    List<String> clients = new ArrayList<>();
    List<String> createTokens = new ArrayList<>();
    List<String> createClients = new ArrayList<>();
    String groupPatchResponse = env.getOrDefault("ROSTER_GROUP_PATCH_RESPONSE", "204");
    String rateLimit = env.get("ROSTER_RATE_LIMIT");
    List<String> strictTenants = new ArrayList<>();
    for (String tenant : env.getOrDefault("ROSTER_STRICT_TENANTS", "").split(",")) {
      if (!tenant.isBlank()) {
        strictTenants.add(tenant.strip());
      }
    }
    String clientsFromEnv = env.get("ROSTER_CLIENTS");
    if (clientsFromEnv != null && !clientsFromEnv.isBlank()) {
      for (String client : clientsFromEnv.split(",")) {
        if (!client.isBlank()) {
          clients.add(client(client.strip(), "ROSTER_CLIENTS", 3));
        }
      }
    }
    String tenantTokensFromEnv = env.get("ROSTER_TENANT_TOKENS");
    if (tenantTokensFromEnv != null && !tenantTokensFromEnv.isBlank()) {
      for (String pair : tenantTokensFromEnv.split(",")) {
        if (!pair.isBlank()) {
          addTenantToken(tenantTokens, pair.strip(), "ROSTER_TENANT_TOKENS");
        }
      }
    }
    String store = env.get("ROSTER_STORE");
    String jdbcUrl = env.get("ROSTER_JDBC_URL");
    String jdbcUser = env.get("ROSTER_JDBC_USER");
    String jdbcPassword = env.get("ROSTER_JDBC_PASSWORD");
    String dataDir = env.getOrDefault("ROSTER_DATA_DIR", "data");
    List<Path> extensions = new ArrayList<>();
    String fromEnv = env.get("ROSTER_EXTENSIONS");
    if (fromEnv != null && !fromEnv.isBlank()) {
      for (String file : fromEnv.split(File.pathSeparator)) {
        if (!file.isBlank()) {
          extensions.add(Path.of(file.strip()));
        }
      }
    }
    String cursorKey = env.get("ROSTER_CURSOR_KEY");
    String cursorKeySource = "ROSTER_CURSOR_KEY";
    boolean help = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int equals = arg.indexOf('=');
      if (arg.startsWith("--") && equals > 0) {
        name = arg.substring(0, equals);
        value = arg.substring(equals + 1);
      }
      if (name.equals("--help") || name.equals("-h")) {
        help = true;
        continue;
      }
      if (value == null) {
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(
              known(name) ? name + " needs a value" : "Unknown option " + name);
        }
        value = args[++i];
      }
      switch (name) {
        case "--host":
          host = value;
          break;
        case "--port":
          port = value;
          portSource = "--port";
          break;
        case "--token":
          token = value;
          tokenSource = "--token";
          break;
        case "--tenant-token":
          addTenantToken(tenantTokens, value, "--tenant-token");
          break;
        case "--client":
          clients.add(client(value, "--client", 3));
          break;
        case "--create-client":
          createClients.add(client(value, "--create-client", 2));
          break;
        case "--group-patch-response":
          groupPatchResponse = value;
          break;
        case "--rate-limit":
          rateLimit = value;
          break;
        case "--strict-tenant":
          if (value.isBlank()) {
            throw new IllegalArgumentException("--strict-tenant needs a tenant");
          }
          strictTenants.add(value.strip());
          break;
        case "--create-token":
          if (value.isBlank()) {
            throw new IllegalArgumentException("--create-token needs a tenant");
          }
          createTokens.add(value.strip());
          break;
        case "--store":
          store = value;
          break;
        case "--jdbc-url":
          jdbcUrl = value;
          break;
        case "--jdbc-user":
          jdbcUser = value;
          break;
        case "--jdbc-password":
          jdbcPassword = value;
          break;
        case "--data-dir":
          dataDir = value;
          break;
        case "--extension":
          extensions.add(Path.of(value));
          break;
        case "--cursor-key":
          cursorKey = value;
          cursorKeySource = "--cursor-key";
          break;
        default:
          throw new IllegalArgumentException("Unknown option " + name + "; see --help");
      }
    }
    boolean memory = false;
    if (store != null) {
      switch (store) {
        case "memory":
          memory = true;
          break;
        case "jdbc":
          break;
        default:
          throw new IllegalArgumentException(
              "--store takes 'memory' (or 'jdbc', the default), not '" + store + "'");
      }
    }
    if (memory && jdbcUrl != null) {
      throw new IllegalArgumentException("Give --store memory or --jdbc-url, not both");
    }
    if (token != null && token.isBlank()) {
      throw new IllegalArgumentException("The token from " + tokenSource + " is blank");
    }
    if (token != null && tenantTokens.containsValue(token)) {
      throw new IllegalArgumentException("--token and a --tenant-token must not be the same token");
    }
    double[] rate = rateLimit(rateLimit);
    return new Options(
        host,
        port(port, portSource),
        token,
        tokenSource,
        tenantTokens,
        clients,
        createTokens,
        createClients,
        groupPatchResponse(groupPatchResponse),
        rate[0],
        (int) rate[1],
        strictTenants,
        memory,
        jdbcUrl,
        jdbcUser,
        jdbcPassword,
        Path.of(dataDir),
        extensions,
        cursorKey(cursorKey, cursorKeySource),
        help);
  }

  /** A cursor key from base64, at least 32 bytes; null when none is given. */
  private static byte[] cursorKey(String text, String source) {
    if (text == null || text.isBlank()) {
      return null;
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(text.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          source + " must be base64, e.g. from openssl rand -base64 32");
    }
    if (key.length < 32) {
      throw new IllegalArgumentException(
          source + " must be at least 32 bytes (base64 of 32 random bytes), not " + key.length);
    }
    return key;
  }

  /**
   * Checks {@code TENANT:CLIENT_ID[:SECRET]} has its {@code parts}, none blank; the message never
   * shows the secret.
   */
  private static String client(String value, String source, int parts) {
    String[] split = value.split(":", parts);
    boolean complete = split.length == parts;
    for (String part : split) {
      complete &= !part.isBlank();
    }
    if (!complete) {
      throw new IllegalArgumentException(
          source + " takes " + (parts == 3 ? "TENANT:CLIENT_ID:SECRET" : "TENANT:CLIENT_ID"));
    }
    return value;
  }

  /** Adds {@code TENANT=TOKEN}; the message never shows the token. */
  private static void addTenantToken(Map<String, String> tokens, String pair, String source) {
    int equals = pair.indexOf('=');
    if (equals <= 0 || equals == pair.length() - 1) {
      throw new IllegalArgumentException(source + " takes TENANT=TOKEN, both present");
    }
    String tenant = pair.substring(0, equals).strip();
    String token = pair.substring(equals + 1).strip();
    if (tokens.containsKey(tenant)) {
      throw new IllegalArgumentException(source + " names tenant '" + tenant + "' twice");
    }
    if (tokens.containsValue(token)) {
      throw new IllegalArgumentException(source + " gives two tenants the same token");
    }
    tokens.put(tenant, token);
  }

  private static int groupPatchResponse(String text) {
    switch (text.strip()) {
      case "204":
        return 204;
      case "200":
        return 200;
      default:
        throw new IllegalArgumentException(
            "--group-patch-response takes 204 or 200, not '" + text + "'");
    }
  }

  /** {@code RATE[:BURST]} as {rate, burst}; {0, 0} when unset. */
  private static double[] rateLimit(String text) {
    if (text == null || text.isBlank()) {
      return new double[] {0, 0};
    }
    String[] parts = text.strip().split(":", 2);
    try {
      double rate = Double.parseDouble(parts[0]);
      int burst = parts.length == 2 ? Integer.parseInt(parts[1]) : (int) Math.max(1, rate);
      if (rate > 0 && !Double.isInfinite(rate) && burst >= 1) {
        return new double[] {rate, burst};
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        "--rate-limit takes RATE[:BURST], a positive number of requests a second and a whole"
            + " burst of at least 1, e.g. 50 or 50:100, not '"
            + text
            + "'");
  }

  private static int port(String text, String source) {
    try {
      int port = Integer.parseInt(text.strip());
      if (port >= 0 && port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(
        source + " must be a port number from 0 to 65535, not '" + text + "'");
  }

  private static boolean known(String name) {
    return List.of(
            "--host",
            "--port",
            "--token",
            "--tenant-token",
            "--client",
            "--create-client",
            "--create-token",
            "--group-patch-response",
            "--rate-limit",
            "--strict-tenant",
            "--store",
            "--jdbc-url",
            "--jdbc-user",
            "--jdbc-password",
            "--data-dir",
            "--extension",
            "--cursor-key")
        .contains(name);
  }

  /** Options for tests and embedding: every default, the given token, any free port. */
  public static Options defaults(String token) {
    return parse(new String[] {"--port", "0", "--token", token}, Map.of());
  }

  /** A copy that uses the database at {@code url}. */
  public Options withJdbc(String url, String user, String password) {
    return copy(false, url, user, password, extensions);
  }

  /** A copy that keeps everything in memory. */
  public Options withMemoryStore() {
    return copy(true, null, null, null, extensions);
  }

  /** A copy that registers these custom User extensions too. */
  public Options withExtension(Path schemaFile) {
    List<Path> more = new ArrayList<>(extensions);
    more.add(schemaFile);
    return copy(memory, jdbcUrl, jdbcUser, jdbcPassword, more);
  }

  /** A copy with another store and extensions, everything else the same. */
  private Options copy(
      boolean memory, String url, String user, String password, List<Path> extensions) {
    return new Options(
        host,
        port,
        token,
        tokenSource,
        tenantTokens,
        clients,
        createTokens,
        createClients,
        groupPatchResponse,
        rateLimit,
        rateBurst,
        strictTenants,
        memory,
        url,
        user,
        password,
        dataDir,
        extensions,
        cursorKey,
        help);
  }

  /** The options, without the token and the database password. */
  @Override
  public String toString() {
    return "Options[host="
        + host
        + ", port="
        + port
        + ", token="
        + (token == null ? "(generated)" : "(from " + tokenSource + ")")
        + ", tenants="
        + tenantTokens.keySet()
        + ", clients="
        + clients.stream().map(c -> c.substring(0, c.lastIndexOf(':'))).toList()
        + (rateLimit > 0 ? ", rateLimit=" + rateLimit + ":" + rateBurst : "")
        + ", store="
        + (memory
            ? "memory"
            : jdbcUrl == null ? "h2 in " + dataDir : DatabasePool.describe(jdbcUrl))
        + ", extensions="
        + extensions
        + "]";
  }
}
