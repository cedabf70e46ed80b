package dev.roster.scim.spring;

import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.server.PatchResponse;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code roster.scim.*} configuration properties. Spring Boot binds them; the Javadoc of each
 * field is the description IDEs show for its key.
 *
 * <p>Mutable while Spring binds it, then read only; not thread-safe while being bound.
 */
@ConfigurationProperties("roster.scim")
public final class RosterScimProperties {

  /** Whether to serve SCIM at all. */
  private boolean enabled = true;

  /**
   * Path below the application's context path under which SCIM is served, such as /scim/v2. Every
   * request below it is answered by Roster; "/" serves SCIM at the root and so answers every
   * request.
   */
  private String basePath = "/scim/v2";

  /**
   * Absolute SCIM base URL clients use, such as https://api.example.com/scim/v2, for meta.location
   * and Location. By default it is derived from each request (scheme, host, port, context path and
   * base path), which Spring Boot's server.forward-headers-strategy adjusts behind a proxy.
   */
  private String baseUrl;

  /**
   * Bearer token that SCIM clients of a single-tenant application send; requests carrying it act on
   * the tenant "default". Ignored when the application declares its own Authenticator bean.
   */
  private String token;

  /**
   * One bearer token per tenant, as tenant name to token (roster.scim.tenant-tokens.acme=...).
   * Requests act on the tenant whose token they carry. Ignored when the application declares its
   * own Authenticator bean.
   */
  private Map<String, String> tenantTokens = new LinkedHashMap<>();

  /**
   * Whether the tenant is the first path segment below the base path (/scim/v2/acme/Users); the
   * caller's credentials must grant that tenant.
   */
  private boolean tenantFromPath;

  /** Whether /ServiceProviderConfig, /Schemas and /ResourceTypes are served without credentials. */
  private boolean openDiscovery;

  /**
   * How to treat attributes and schema URNs a request body carries that no registered schema
   * declares: lenient drops them (what identity providers need), strict rejects the request.
   */
  private SchemaValidator.Mode validation = SchemaValidator.Mode.LENIENT;

  /**
   * Key (base64, at least 32 bytes) that signs RFC 9865 cursors; every instance behind one database
   * needs the same one, or they refuse each other's cursors. Unset: random per instance.
   */
  private String cursorKey;

  /** How long a cursor stays valid after it was issued. Unset keeps the engine's 10 minutes. */
  private Duration cursorTimeout;

  /** Tenants whose requests are validated strictly whatever roster.scim.validation says. */
  private List<String> strictTenants = new ArrayList<>();

  /**
   * How PATCH answers, per resource type name or endpoint (User, Groups): "resource" (200 with the
   * resource) or "no-content" (204). Unset types keep the engine's default: no-content for groups,
   * so a large group's members are not sent back, and resource for every other type.
   */
  private Map<String, PatchResponse> patchResponse = new LinkedHashMap<>();

  /**
   * How often a read-modify-write is retried after a version conflict the client did not make
   * conditional with If-Match. Unset keeps the engine's default, 32.
   */
  private Integer maxVersionRetries;

  /**
   * Order of the SCIM Servlet filter. The default, -90, runs it after Spring Security's filter
   * chain (spring.security.filter.order, default -100), so the application's security applies to
   * SCIM requests first; keep it above that order.
   */
  private int filterOrder = -90;

  /** Limits on client input (ScimLimits); an unset limit keeps its default. */
  private final Limits limits = new Limits();

  /**
   * Failed authentications one client address may have within a minute before its SCIM requests are
   * answered 429 with Retry-After; 0 for no limit. The address is the Servlet request's remote
   * address (set server.forward-headers-strategy behind a proxy).
   */
  private int failedAuthenticationLimit = 100;

  /** A per-tenant limit on requests (roster.scim.rate-limit.*); off by default. */
  private final RateLimit rateLimit = new RateLimit();

  /** Secret tokens the application generates for its customers (roster.scim.secret-tokens.*). */
  private final SecretTokenSettings secretTokens = new SecretTokenSettings();

  /** The OAuth 2.0 client credentials token endpoint (roster.scim.oauth.*). */
  private final OAuthSettings oauth = new OAuthSettings();

  /** Tokens Microsoft Entra ID issues itself (roster.scim.entra.*). */
  private final EntraSettings entra = new EntraSettings();

  /**
   * HTTP Basic credentials, as Okta can send them: one entry per credential, each with username,
   * password and tenant.
   */
  private List<BasicCredential> basic = new ArrayList<>();

  /** Properties at their defaults, for Spring Boot to bind. */
  public RosterScimProperties() {}

  /** Whether to serve SCIM at all. */
  public boolean isEnabled() {
    return enabled;
  }

  /** Sets {@link #isEnabled()}. */
  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  /** The path below the context path under which SCIM is served. */
  public String getBasePath() {
    return basePath;
  }

  /** Sets {@link #getBasePath()}. */
  public void setBasePath(String basePath) {
    this.basePath = basePath;
  }

  /** The configured absolute base URL, or null to derive it from each request. */
  public String getBaseUrl() {
    return baseUrl;
  }

  /** Sets {@link #getBaseUrl()}. */
  public void setBaseUrl(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** The single-tenant bearer token, or null. */
  public String getToken() {
    return token;
  }

  /** Sets {@link #getToken()}. */
  public void setToken(String token) {
    this.token = token;
  }

  /** Tenant name to bearer token; never null. */
  public Map<String, String> getTenantTokens() {
    return tenantTokens;
  }

  /** Sets {@link #getTenantTokens()}. */
  public void setTenantTokens(Map<String, String> tenantTokens) {
    this.tenantTokens = tenantTokens == null ? new LinkedHashMap<>() : tenantTokens;
  }

  /** Whether the tenant is the first path segment. */
  public boolean isTenantFromPath() {
    return tenantFromPath;
  }

  /** Sets {@link #isTenantFromPath()}. */
  public void setTenantFromPath(boolean tenantFromPath) {
    this.tenantFromPath = tenantFromPath;
  }

  /** Whether discovery endpoints are served without credentials. */
  public boolean isOpenDiscovery() {
    return openDiscovery;
  }

  /** Sets {@link #isOpenDiscovery()}. */
  public void setOpenDiscovery(boolean openDiscovery) {
    this.openDiscovery = openDiscovery;
  }

  /** How unknown attributes in request bodies are treated. */
  public SchemaValidator.Mode getValidation() {
    return validation;
  }

  /** Sets {@link #getValidation()}. */
  public void setValidation(SchemaValidator.Mode validation) {
    this.validation = validation;
  }

  /** PATCH response style per resource type name or endpoint; never null. */
  public Map<String, PatchResponse> getPatchResponse() {
    return patchResponse;
  }

  /** Sets {@link #getPatchResponse()}. */
  public void setPatchResponse(Map<String, PatchResponse> patchResponse) {
    this.patchResponse = patchResponse == null ? new LinkedHashMap<>() : patchResponse;
  }

  /** The configured retry count, or null for the engine's default. */
  public Integer getMaxVersionRetries() {
    return maxVersionRetries;
  }

  /** Sets {@link #getMaxVersionRetries()}. */
  public void setMaxVersionRetries(Integer maxVersionRetries) {
    this.maxVersionRetries = maxVersionRetries;
  }

  /** The order of the SCIM Servlet filter. */
  public int getFilterOrder() {
    return filterOrder;
  }

  /** Sets {@link #getFilterOrder()}. */
  public void setFilterOrder(int filterOrder) {
    this.filterOrder = filterOrder;
  }

  /** The limits; never null. */
  public Limits getLimits() {
    return limits;
  }

  /** Failed authentications allowed per client address and minute; 0 for no limit. */
  public int getFailedAuthenticationLimit() {
    return failedAuthenticationLimit;
  }

  /** Sets {@link #getFailedAuthenticationLimit()}. */
  public void setFailedAuthenticationLimit(int failedAuthenticationLimit) {
    this.failedAuthenticationLimit = failedAuthenticationLimit;
  }

  /** The cursor key, base64, or null. */
  public String getCursorKey() {
    return cursorKey;
  }

  /** Sets {@link #getCursorKey()}. */
  public void setCursorKey(String cursorKey) {
    this.cursorKey = cursorKey;
  }

  /** The cursor timeout, or null for the engine's default. */
  public Duration getCursorTimeout() {
    return cursorTimeout;
  }

  /** Sets {@link #getCursorTimeout()}. */
  public void setCursorTimeout(Duration cursorTimeout) {
    this.cursorTimeout = cursorTimeout;
  }

  /** Tenants validated strictly; never null. */
  public List<String> getStrictTenants() {
    return strictTenants;
  }

  /** Sets {@link #getStrictTenants()}. */
  public void setStrictTenants(List<String> strictTenants) {
    this.strictTenants = strictTenants;
  }

  /** The rate limit settings; never null. */
  public RateLimit getRateLimit() {
    return rateLimit;
  }

  /** The {@code roster.scim.rate-limit.*} properties. */
  public static final class RateLimit {
    /**
     * Requests a second each tenant may send, sustained; more are answered 429 with Retry-After.
     * Unset: no limit. A RateLimiter bean replaces this.
     */
    private Double requestsPerSecond;

    /** Requests a tenant may send at once before the rate applies; default the rate, at least 1. */
    private Integer burst;

    /** Settings at their defaults. */
    public RateLimit() {}

    /** The sustained rate, or null for no limit. */
    public Double getRequestsPerSecond() {
      return requestsPerSecond;
    }

    /** Sets {@link #getRequestsPerSecond()}. */
    public void setRequestsPerSecond(Double requestsPerSecond) {
      this.requestsPerSecond = requestsPerSecond;
    }

    /** The burst, or null for the default. */
    public Integer getBurst() {
      return burst;
    }

    /** Sets {@link #getBurst()}. */
    public void setBurst(Integer burst) {
      this.burst = burst;
    }
  }

  /** The secret token settings; never null. */
  public SecretTokenSettings getSecretTokens() {
    return secretTokens;
  }

  /** The token endpoint settings; never null. */
  public OAuthSettings getOauth() {
    return oauth;
  }

  /** The Entra-issued token settings; never null. */
  public EntraSettings getEntra() {
    return entra;
  }

  /** The HTTP Basic credentials; never null. */
  public List<BasicCredential> getBasic() {
    return basic;
  }

  /** Sets {@link #getBasic()}. */
  public void setBasic(List<BasicCredential> basic) {
    this.basic = basic;
  }

  /** The {@code roster.scim.secret-tokens.*} properties. */
  public static final class SecretTokenSettings {
    /**
     * Whether SCIM requests may carry secret tokens (rst_...) that the application issues through
     * the SecretTokens bean, kept in the application's TokenStore bean, or in memory without one.
     */
    private boolean enabled;

    /** Settings at their defaults. */
    public SecretTokenSettings() {}

    /** Whether secret tokens are accepted. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@link #isEnabled()}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /** The {@code roster.scim.oauth.*} properties. */
  public static final class OAuthSettings {
    /**
     * Whether to serve the OAuth 2.0 token endpoint (client credentials grant) and accept its
     * access tokens on SCIM requests, as Microsoft Entra ID's gallery requires.
     */
    private boolean enabled;

    /** Path below the application's context path at which the token endpoint answers. */
    private String tokenPath = "/oauth/token";

    /** How long access tokens live: 60 minutes to 6 hours. */
    private Duration tokenLifetime = Duration.ofMinutes(60);

    /**
     * Scopes a client may request; empty (the default) ignores the scope parameter, otherwise any
     * other requested scope is refused with invalid_scope.
     */
    private List<String> scopes = new ArrayList<>();

    /**
     * Failed client authentications one remote address may have within a minute before the token
     * endpoint answers it 429; 0 for no limit. Each client id is limited to 10 regardless.
     */
    private int failuresPerAddress = 30;

    /**
     * Clients registered at startup, each with client-id, tenant and secret; added to the
     * application's ClientStore bean, or to an in-memory store without one.
     */
    private List<Client> clients = new ArrayList<>();

    /** Settings at their defaults. */
    public OAuthSettings() {}

    /** Whether the token endpoint is served. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@link #isEnabled()}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The token endpoint's path. */
    public String getTokenPath() {
      return tokenPath;
    }

    /** Sets {@link #getTokenPath()}. */
    public void setTokenPath(String tokenPath) {
      this.tokenPath = tokenPath;
    }

    /** How long access tokens live. */
    public Duration getTokenLifetime() {
      return tokenLifetime;
    }

    /** Sets {@link #getTokenLifetime()}. */
    public void setTokenLifetime(Duration tokenLifetime) {
      this.tokenLifetime = tokenLifetime;
    }

    /** The scopes clients may request. */
    public List<String> getScopes() {
      return scopes;
    }

    /** Sets {@link #getScopes()}. */
    public void setScopes(List<String> scopes) {
      this.scopes = scopes;
    }

    /** Failed client authentications allowed per remote address and minute. */
    public int getFailuresPerAddress() {
      return failuresPerAddress;
    }

    /** Sets {@link #getFailuresPerAddress()}. */
    public void setFailuresPerAddress(int failuresPerAddress) {
      this.failuresPerAddress = failuresPerAddress;
    }

    /** The clients registered at startup. */
    public List<Client> getClients() {
      return clients;
    }

    /** Sets {@link #getClients()}. */
    public void setClients(List<Client> clients) {
      this.clients = clients;
    }
  }

  /** One {@code roster.scim.oauth.clients[n]} entry. */
  public static final class Client {
    /** The client id the identity provider sends. */
    private String clientId;

    /** The tenant the client's access tokens act on. */
    private String tenant;

    /** The client secret; only its salted PBKDF2 hash is kept. */
    private String secret;

    /** An empty entry, for binding. */
    public Client() {}

    /** The client id. */
    public String getClientId() {
      return clientId;
    }

    /** Sets {@link #getClientId()}. */
    public void setClientId(String clientId) {
      this.clientId = clientId;
    }

    /** The tenant. */
    public String getTenant() {
      return tenant;
    }

    /** Sets {@link #getTenant()}. */
    public void setTenant(String tenant) {
      this.tenant = tenant;
    }

    /** The secret. */
    public String getSecret() {
      return secret;
    }

    /** Sets {@link #getSecret()}. */
    public void setSecret(String secret) {
      this.secret = secret;
    }

    @Override
    public String toString() {
      return "Client[clientId=" + clientId + ", tenant=" + tenant + ", secret=****]";
    }
  }

  /** The {@code roster.scim.entra.*} properties. */
  public static final class EntraSettings {
    /** Whether SCIM requests may carry tokens Microsoft Entra ID issued (RS256 JWTs). */
    private boolean enabled;

    /**
     * The audience tokens must name: 8adf8e6e-67b2-4cf2-a259-e3dc5476c621 for non-gallery apps, the
     * application id for a gallery app.
     */
    // EntraTokenAuthenticator.NON_GALLERY_AUDIENCE, written out so the metadata shows it.
    private String audience = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

    /** Where Entra's signing keys are fetched (JWKS); default Entra's common keys. */
    private URI jwksUri;

    /** A JWKS file to read the keys from instead of fetching them. */
    private Path jwksFile;

    /** Tolerance for exp and nbf between clocks. */
    private Duration clockSkew = Duration.ofMinutes(2);

    /**
     * Entra tenant id (GUID) to Roster tenant; tokens of unlisted Entra tenants are refused. An
     * EntraTenantMapping bean replaces this map.
     */
    private Map<String, String> tenants = new LinkedHashMap<>();

    /** Settings at their defaults. */
    public EntraSettings() {}

    /** Whether Entra-issued tokens are accepted. */
    public boolean isEnabled() {
      return enabled;
    }

    /** Sets {@link #isEnabled()}. */
    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    /** The audience tokens must name. */
    public String getAudience() {
      return audience;
    }

    /** Sets {@link #getAudience()}. */
    public void setAudience(String audience) {
      this.audience = audience;
    }

    /** The JWKS URL, or null for Entra's. */
    public URI getJwksUri() {
      return jwksUri;
    }

    /** Sets {@link #getJwksUri()}. */
    public void setJwksUri(URI jwksUri) {
      this.jwksUri = jwksUri;
    }

    /** The JWKS file, or null. */
    public Path getJwksFile() {
      return jwksFile;
    }

    /** Sets {@link #getJwksFile()}. */
    public void setJwksFile(Path jwksFile) {
      this.jwksFile = jwksFile;
    }

    /** The clock skew tolerated. */
    public Duration getClockSkew() {
      return clockSkew;
    }

    /** Sets {@link #getClockSkew()}. */
    public void setClockSkew(Duration clockSkew) {
      this.clockSkew = clockSkew;
    }

    /** Entra tenant id to Roster tenant. */
    public Map<String, String> getTenants() {
      return tenants;
    }

    /** Sets {@link #getTenants()}. */
    public void setTenants(Map<String, String> tenants) {
      this.tenants = tenants;
    }
  }

  /** One {@code roster.scim.basic[n]} entry. */
  public static final class BasicCredential {
    /** The user name. */
    private String username;

    /** The password. */
    private String password;

    /** The tenant requests with this credential act on. */
    private String tenant = RequestContext.SINGLE_TENANT;

    /** An empty entry, for binding. */
    public BasicCredential() {}

    /** The user name. */
    public String getUsername() {
      return username;
    }

    /** Sets {@link #getUsername()}. */
    public void setUsername(String username) {
      this.username = username;
    }

    /** The password. */
    public String getPassword() {
      return password;
    }

    /** Sets {@link #getPassword()}. */
    public void setPassword(String password) {
      this.password = password;
    }

    /** The tenant. */
    public String getTenant() {
      return tenant;
    }

    /** Sets {@link #getTenant()}. */
    public void setTenant(String tenant) {
      this.tenant = tenant;
    }

    @Override
    public String toString() {
      return "BasicCredential[username=" + username + ", password=****, tenant=" + tenant + "]";
    }
  }

  /**
   * The {@code roster.scim.limits.*} properties: one per {@link ScimLimits} component, each null
   * until set.
   */
  public static final class Limits {
    /** Longest filter or PATCH path accepted, in characters. Default 8192. */
    private Integer maxFilterLength;

    /** Deepest nesting of parentheses, "not" and value paths in a filter. Default 64. */
    private Integer maxFilterDepth;

    /** Most operations in one PATCH request. Default 1000. */
    private Integer maxPatchOperations;

    /** Results per page when a query gives no count. Default 100. */
    private Integer defaultPageSize;

    /**
     * Most results one page returns, whatever count asks for (filter.maxResults in
     * /ServiceProviderConfig). Default 1000.
     */
    private Integer maxPageSize;

    /** Largest request body accepted, in bytes. Default 1048576 (1 MiB). */
    private Long maxRequestBodyBytes;

    /** Most operations in one bulk request. Default 1000. */
    private Integer maxBulkOperations;

    /** Largest bulk request body, in bytes. Default 1048576 (1 MiB). */
    private Long maxBulkPayloadBytes;

    /** Deepest nesting of JSON objects and arrays in a request body. Default 64. */
    private Integer maxJsonDepth;

    /** Longest JSON string in a request body, in characters. Default 1000000. */
    private Integer maxJsonStringLength;

    /** Longest JSON number in a request body, in characters. Default 1000. */
    private Integer maxJsonNumberLength;

    /** Every limit unset. */
    public Limits() {}

    /** The configured value, or null for the default. */
    public Integer getMaxFilterLength() {
      return maxFilterLength;
    }

    /** Sets {@link #getMaxFilterLength()}. */
    public void setMaxFilterLength(Integer value) {
      this.maxFilterLength = value;
    }

    /** The configured value, or null for the default. */
    public Integer getMaxFilterDepth() {
      return maxFilterDepth;
    }

    /** Sets {@link #getMaxFilterDepth()}. */
    public void setMaxFilterDepth(Integer value) {
      this.maxFilterDepth = value;
    }

    /** The configured value, or null for the default. */
    public Integer getMaxPatchOperations() {
      return maxPatchOperations;
    }

    /** Sets {@link #getMaxPatchOperations()}. */
    public void setMaxPatchOperations(Integer value) {
      this.maxPatchOperations = value;
    }

    /** The configured value, or null for the default. */
    public Integer getDefaultPageSize() {
      return defaultPageSize;
    }

    /** Sets {@link #getDefaultPageSize()}. */
    public void setDefaultPageSize(Integer value) {
      this.defaultPageSize = value;
    }

    /** The configured value, or null for the default. */
    public Integer getMaxPageSize() {
      return maxPageSize;
    }

    /** Sets {@link #getMaxPageSize()}. */
    public void setMaxPageSize(Integer value) {
      this.maxPageSize = value;
    }

    /** The configured value, or null for the default. */
    public Long getMaxRequestBodyBytes() {
      return maxRequestBodyBytes;
    }

    /** Sets {@link #getMaxRequestBodyBytes()}. */
    public void setMaxRequestBodyBytes(Long value) {
      this.maxRequestBodyBytes = value;
    }

    /** The configured value, or null for the default. */
    public Integer getMaxBulkOperations() {
      return maxBulkOperations;
    }

    /** Sets {@link #getMaxBulkOperations()}. */
    public void setMaxBulkOperations(Integer value) {
      this.maxBulkOperations = value;
    }

    /** The configured value, or null for the default. */
    public Long getMaxBulkPayloadBytes() {
      return maxBulkPayloadBytes;
    }

    /** Sets {@link #getMaxBulkPayloadBytes()}. */
    public void setMaxBulkPayloadBytes(Long value) {
      this.maxBulkPayloadBytes = value;
    }

    /** The configured value, or null for the default. */
    public Integer getMaxJsonDepth() {
      return maxJsonDepth;
    }

    /** Sets {@link #getMaxJsonDepth()}. */
    public void setMaxJsonDepth(Integer value) {
      this.maxJsonDepth = value;
    }

    /** The configured value, or null for the default. */
    public Integer getMaxJsonStringLength() {
      return maxJsonStringLength;
    }

    /** Sets {@link #getMaxJsonStringLength()}. */
    public void setMaxJsonStringLength(Integer value) {
      this.maxJsonStringLength = value;
    }

    /** The configured value, or null for the default. */
    public Integer getMaxJsonNumberLength() {
      return maxJsonNumberLength;
    }

    /** Sets {@link #getMaxJsonNumberLength()}. */
    public void setMaxJsonNumberLength(Integer value) {
      this.maxJsonNumberLength = value;
    }

    /**
     * {@link ScimLimits#defaults()} with every configured limit applied.
     *
     * @throws IllegalArgumentException naming the setting, if a value is not positive or the
     *     default page size exceeds the largest page
     */
    public ScimLimits toScimLimits() {
      ScimLimits defaults = ScimLimits.defaults();
      return new ScimLimits(
          or(maxFilterLength, defaults.maxFilterLength()),
          or(maxFilterDepth, defaults.maxFilterDepth()),
          or(maxPatchOperations, defaults.maxPatchOperations()),
          or(defaultPageSize, defaults.defaultPageSize()),
          or(maxPageSize, defaults.maxPageSize()),
          or(maxRequestBodyBytes, defaults.maxRequestBodyBytes()),
          or(maxBulkOperations, defaults.maxBulkOperations()),
          or(maxBulkPayloadBytes, defaults.maxBulkPayloadBytes()),
          or(maxJsonDepth, defaults.maxJsonDepth()),
          or(maxJsonStringLength, defaults.maxJsonStringLength()),
          or(maxJsonNumberLength, defaults.maxJsonNumberLength()));
    }

    private static int or(Integer value, int fallback) {
      return value == null ? fallback : value;
    }

    private static long or(Long value, long fallback) {
      return value == null ? fallback : value;
    }
  }
}
