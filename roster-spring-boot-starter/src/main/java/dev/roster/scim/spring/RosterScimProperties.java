package dev.roster.scim.spring;

import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.server.PatchResponse;
import java.util.LinkedHashMap;
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
