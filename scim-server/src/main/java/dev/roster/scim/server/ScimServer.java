package dev.roster.scim.server;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.StorableText;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.filter.FilterParser;
import dev.roster.scim.patch.PatchEngine;
import dev.roster.scim.server.auth.FailureLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCIM protocol engine (RFC 7644 §3): routes a {@link ScimRequest} to the right repository and
 * returns the {@link ScimResponse}, with no dependency on an HTTP framework. Bindings such as the
 * JAX-RS one in {@code dev.roster.scim.jaxrs} only translate HTTP to and from these two records.
 *
 * <pre>{@code
 * ScimServer server = ScimServer.builder()
 *     .users(myUsers)
 *     .groups(myGroups)
 *     .authenticator(BearerTokenAuthenticator.single(token))
 *     .build();
 * }</pre>
 *
 * <p>This class is the configuration and the dispatch: it authenticates through {@link
 * Authentication}, then hands the request to {@link Discovery}, {@link RootSearch}, {@link Bulk}
 * (whose operations come back through the same dispatch) or the {@link Resources} of one resource
 * type, which read bodies with {@link RequestBodies}, present resources with {@link Presenter},
 * retry with {@link VersionRetry} and report changes with {@link ChangeNotifier}. Every failure
 * becomes a SCIM error response: {@link ScimException}s with their status and {@code scimType},
 * anything else a 500 whose detail names only the request id (the cause is logged through SLF4J).
 * Thread-safe; the only state it keeps between requests is the count of recent failed
 * authentications per client address ({@link Builder#failedAuthenticationLimit(int)}) and what its
 * {@link RateLimiter} keeps.
 */
public final class ScimServer {
  private static final Logger LOG = LoggerFactory.getLogger(ScimServer.class);
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /**
   * The tenant an {@link Identity} names to be allowed into every tenant when tenants come from the
   * request path.
   */
  public static final String ANY_TENANT = "*";

  /** Failed authentications allowed per client address and minute, by default. */
  public static final int DEFAULT_FAILED_AUTHENTICATION_LIMIT = 100;

  private final Map<String, Resources> resources;
  private final Discovery discovery;
  private final Bulk bulk;
  private final MeResolver meResolver;

  /** The first path segment of the User endpoint ({@code Users}), or null without users. */
  private final String users;

  private final RootSearch rootSearch;
  private final Authentication authentication;
  private final RateLimiter rateLimiter;
  private final boolean openDiscovery;
  private final boolean tenantFromPath;
  private final ScimLimits limits;
  private final FilterParser parser;

  private ScimServer(Builder b) {
    this.authentication =
        new Authentication(
            requireNonNull(b.authenticator, "authenticator"),
            b.failedAuthenticationLimit == 0
                ? null
                : new FailureLimiter(
                    b.failedAuthenticationLimit, Duration.ofMinutes(1), Clock.systemUTC()));
    this.rateLimiter = b.rateLimiter;
    this.openDiscovery = b.openDiscovery;
    this.tenantFromPath = b.tenantFromPath;
    this.limits = b.limits;
    this.parser = new FilterParser(limits);
    RequestBodies bodies = new RequestBodies(limits);
    CursorPages cursorPages =
        new CursorPages(new Cursors(b.cursorKey, b.cursorTimeout, b.cursorClock));
    VersionRetry retry = new VersionRetry(b.maxRetries);
    ChangeNotifier changes = new ChangeNotifier(b.observer);
    Map<String, Resources> byEndpoint = new LinkedHashMap<>();
    List<Endpoint> endpoints = new ArrayList<>();
    for (Map.Entry<String, ResourceRepository> entry : b.repositories.entrySet()) {
      ResourceSchema schema = b.registry.resourceSchema(entry.getKey());
      ResourceRepository repository = entry.getValue();
      Endpoint endpoint =
          new Endpoint(
              schema,
              repository,
              new SchemaValidator(schema, SchemaValidator.Mode.LENIENT),
              new SchemaValidator(schema, SchemaValidator.Mode.STRICT),
              new PatchEngine(schema, SchemaValidator.Mode.LENIENT, limits),
              new PatchEngine(schema, SchemaValidator.Mode.STRICT, limits),
              b.patchResponses.getOrDefault(
                  schema.resourceType().name(), GroupRules.defaultPatchResponse(repository)),
              b.validation);
      endpoints.add(endpoint);
      byEndpoint.put(
          key(schema.resourceType().endpoint().substring(1)),
          new Resources(endpoint, bodies, parser, limits, retry, changes, cursorPages));
    }
    if (endpoints.isEmpty()) {
      throw new IllegalStateException("Register at least one repository");
    }
    this.resources = Collections.unmodifiableMap(byEndpoint); // registration order
    this.discovery =
        new Discovery(endpoints, limits, b.authenticator.schemes(), cursorPages.timeoutSeconds());
    this.rootSearch = new RootSearch(endpoints, bodies, parser, limits);
    this.bulk = new Bulk(bodies, limits, b.validation, b.bulkScope);
    this.meResolver = b.meResolver;
    this.users =
        endpoints.stream()
            .filter(e -> e.name().equals("User"))
            .map(e -> e.schema().resourceType().endpoint().substring(1))
            .findFirst()
            .orElse(null);
  }

  /** Starts configuring a server. */
  public static Builder builder() {
    return new Builder();
  }

  /** The limits the server enforces. */
  public ScimLimits limits() {
    return limits;
  }

  /**
   * The most body bytes a binding needs to read for a request to {@code path} (as {@link
   * ScimRequest#path()} holds it): {@link ScimLimits#maxBulkPayloadBytes()} for {@code /Bulk},
   * {@link ScimLimits#maxRequestBodyBytes()} for anything else. A binding reads one byte more, as
   * {@link ScimRequest#readBody} does, so that the engine sees a body that is too large and answers
   * 413.
   */
  public long maxBodyBytes(String path) {
    List<String> segments = segments(path);
    int first = tenantFromPath ? 1 : 0;
    return segments.size() > first && segments.get(first).equalsIgnoreCase("Bulk")
        ? limits.maxBulkPayloadBytes()
        : limits.maxRequestBodyBytes();
  }

  /**
   * Handles one request. Never throws: every failure is a SCIM error response.
   *
   * <p>Logs one DEBUG line per request: method, path, status, duration and tenant.
   */
  public ScimResponse handle(ScimRequest request) {
    long started = System.nanoTime();
    String requestId = requestId(request);
    String[] tenant = {"-"};
    ScimResponse response = answer(request, requestId, () -> route(request, requestId, tenant));
    if (LOG.isDebugEnabled()) {
      LOG.debug(
          "{} {} -> {} in {} ms (tenant {}, request {})",
          request.method(),
          request.path(),
          response.status(),
          (System.nanoTime() - started) / 1_000_000,
          tenant[0],
          requestId);
    }
    return response;
  }

  /**
   * What {@code work} answers for {@code request}, or its failure as a SCIM error response: a
   * {@link ScimException} with its status, anything else a 500 that names only the request id.
   */
  private static ScimResponse answer(
      ScimRequest request, String requestId, Supplier<ScimResponse> work) {
    try {
      return work.get();
    } catch (ScimException e) {
      return Responses.error(e);
    } catch (RuntimeException e) {
      LOG.error("Request {} {} {} failed", requestId, request.method(), request.path(), e);
      return Responses.error(
          new ScimException(
              500,
              null,
              "The server could not complete the request (request id " + requestId + ")"));
    }
  }

  private ScimResponse route(ScimRequest request, String requestId, String[] tenantOut) {
    List<String> segments = segments(request.path());
    String pathTenant = null;
    if (tenantFromPath) {
      if (segments.isEmpty()) {
        throw ScimException.notFound("No tenant in the request path");
      }
      pathTenant = segments.remove(0);
    }
    if (segments.isEmpty()) {
      throw ScimException.notFound("No SCIM resource at '" + request.path() + "'");
    }
    String first = segments.get(0);
    String base = pathTenant == null ? request.baseUrl() : request.baseUrl() + "/" + pathTenant;
    boolean isDiscovery =
        first.equalsIgnoreCase("ServiceProviderConfig")
            || first.equalsIgnoreCase("Schemas")
            || first.equalsIgnoreCase("ResourceTypes");
    RequestContext context =
        isDiscovery && openDiscovery
            ? null
            : authentication.authenticate(request, pathTenant, requestId);
    tenantOut[0] = context == null ? "-" : context.tenant();
    if (context != null && rateLimiter != null) {
      long wait = rateLimiter.acquire(context);
      if (wait > 0) {
        throw new TooManyRequests(wait, "Too many requests for this tenant; retry later");
      }
    }
    // No store can keep U+0000 or an unpaired surrogate, so nothing stored is named by one.
    if (pathTenant != null && !StorableText.isStorable(pathTenant)
        || segments.stream().anyMatch(segment -> !StorableText.isStorable(segment))) {
      throw ScimException.notFound("No SCIM resource at this path");
    }
    request
        .query()
        .forEach(
            (name, values) -> {
              if (!StorableText.isStorable(name)
                  || values.stream().anyMatch(v -> !StorableText.isStorable(v))) {
                throw ScimException.invalidValue(
                    "A query parameter holds U+0000 or an unpaired surrogate");
              }
            });
    String method = request.method();
    if (isDiscovery) {
      requireMethod(method, "GET");
      return discovery.respond(first, segments, base);
    }
    if (first.equalsIgnoreCase("Bulk")) {
      requireMethod(method, "POST");
      if (segments.size() != 1) {
        throw ScimException.notFound("No SCIM resource at '" + request.path() + "'");
      }
      return bulk.respond(
          context,
          request,
          base,
          operation ->
              answer(
                  operation,
                  requestId,
                  () -> dispatch(context, operation, base, segments(operation.path()))));
    }
    if (first.equalsIgnoreCase("Me")) {
      return me(context, request, base, segments);
    }
    return dispatch(context, request, base, segments);
  }

  /** {@code /Me}: the caller's own User, through the same dispatch as {@code /Users/{id}}. */
  private ScimResponse me(
      RequestContext context, ScimRequest request, String base, List<String> segments) {
    if (meResolver == null || users == null) {
      throw new ScimException(
          501,
          null,
          "/Me is not enabled: the service provider maps callers to their User with"
              + " ScimServer.Builder.me(MeResolver)");
    }
    if (segments.size() != 1) {
      throw ScimException.notFound("No SCIM resource at '" + request.path() + "'");
    }
    if (request.method().equals("POST")) {
      throw new MethodNotAllowed("GET, PUT, PATCH, DELETE");
    }
    String id =
        meResolver
            .userId(context)
            .filter(StorableText::isStorable)
            .orElseThrow(() -> ScimException.notFound("No User stands for these credentials"));
    return dispatch(context, request, base, List.of(users, id));
  }

  /**
   * Serves a request to a resource type's endpoint or to {@code /.search}, for a client that is
   * already authenticated: a request of its own, or one operation of a bulk request.
   *
   * @param segments the path's segments below the base URL, the tenant's removed
   */
  private ScimResponse dispatch(
      RequestContext context, ScimRequest request, String base, List<String> segments) {
    if (segments.isEmpty()) {
      throw ScimException.notFound("No SCIM resource at '" + request.path() + "'");
    }
    String first = segments.get(0);
    String method = request.method();
    Resources.Call call = new Resources.Call(context, request, base);
    if (first.equals(".search")) {
      requireMethod(method, "POST");
      if (segments.size() != 1) {
        throw ScimException.notFound("No SCIM resource at '" + request.path() + "'");
      }
      return rootSearch.search(call);
    }
    Resources type = resources.get(key(first));
    if (type == null || segments.size() > 2) {
      throw ScimException.notFound("No SCIM resource at '" + request.path() + "'");
    }
    if (segments.size() == 1) {
      switch (method) {
        case "GET":
          return type.list(call);
        case "POST":
          return type.create(call);
        default:
          throw new MethodNotAllowed("GET, POST");
      }
    }
    String id = segments.get(1);
    if (id.equals(".search")) {
      requireMethod(method, "POST");
      return type.search(call);
    }
    switch (method) {
      case "GET":
        return type.get(call, id);
      case "PUT":
        return type.replace(call, id);
      case "PATCH":
        return type.patch(call, id);
      case "DELETE":
        return type.delete(call, id);
      default:
        throw new MethodNotAllowed("GET, PUT, PATCH, DELETE");
    }
  }

  /** The non-empty segments of {@code path}. */
  static List<String> segments(String path) {
    List<String> segments = new ArrayList<>();
    for (String segment : path.split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }

  private static String requestId(ScimRequest request) {
    String given = request.header("X-Request-Id");
    if (given != null && REQUEST_ID.matcher(given).matches()) {
      return given;
    }
    // Unique, not secret: a random UUID's SecureRandom would cost more than the rest of a GET.
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return new UUID(
            (random.nextLong() & ~0xF000L) | 0x4000L, // version 4
            (random.nextLong() & ~(3L << 62)) | (2L << 62)) // IETF variant
        .toString();
  }

  private static void requireMethod(String method, String allowed) {
    if (!method.equals(allowed)) {
      throw new MethodNotAllowed(allowed);
    }
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** 405, answered with {@code Allow}. */
  static final class MethodNotAllowed extends ScimException {
    private static final long serialVersionUID = 1L;
    private final String allowed;

    MethodNotAllowed(String allowed) {
      super(405, null, "This endpoint accepts " + allowed);
      this.allowed = allowed;
    }

    String allowed() {
      return allowed;
    }
  }

  /** Configures a {@link ScimServer}; not thread-safe. */
  public static final class Builder {
    private SchemaRegistry registry = SchemaRegistry.standard();
    private final Map<String, ResourceRepository> repositories = new LinkedHashMap<>();
    private final Map<String, PatchResponse> patchResponses = new LinkedHashMap<>();
    private Authenticator authenticator;
    private boolean openDiscovery;
    private boolean tenantFromPath;
    private ScimLimits limits = ScimLimits.defaults();
    private Function<RequestContext, SchemaValidator.Mode> validation =
        context -> SchemaValidator.Mode.LENIENT;
    private ChangeObserver observer;
    private int maxRetries = 32;
    private int failedAuthenticationLimit = DEFAULT_FAILED_AUTHENTICATION_LIMIT;
    private RateLimiter rateLimiter;
    private MeResolver meResolver;
    private BulkScope bulkScope = (context, operations) -> operations.run();
    private byte[] cursorKey;
    private Duration cursorTimeout = Cursors.DEFAULT_TIMEOUT;
    private Clock cursorClock = Clock.systemUTC();

    private Builder() {}

    /**
     * Uses {@code registry} for schemas and resource types instead of {@link
     * SchemaRegistry#standard()}; register custom types and extensions there first.
     */
    public Builder registry(SchemaRegistry registry) {
      this.registry = requireNonNull(registry, "registry");
      return this;
    }

    /**
     * The schemas and resource types the server will serve, with the extensions registered so far:
     * a repository that evaluates filters or sorts in memory takes its {@code
     * registry().resourceSchema(name)} from here, after the {@link #extension} calls.
     */
    public SchemaRegistry registry() {
      return registry;
    }

    /** Serves {@code /Users} from {@code repository}. */
    public Builder users(UserRepository repository) {
      repositories.put("User", requireNonNull(repository, "repository"));
      return this;
    }

    /** Serves {@code /Groups} from {@code repository}. */
    public Builder groups(GroupRepository repository) {
      repositories.put("Group", requireNonNull(repository, "repository"));
      return this;
    }

    /**
     * Serves a resource type registered in the registry (see {@link #registry}) from {@code
     * repository}.
     */
    public Builder resources(String resourceTypeName, ResourceRepository repository) {
      repositories.put(resourceTypeName, requireNonNull(repository, "repository"));
      return this;
    }

    /** Lets resources of {@code resourceTypeName} carry the extension {@code schema}. */
    public Builder extension(String resourceTypeName, Schema schema, boolean required) {
      registry.addExtension(resourceTypeName, schema, required);
      return this;
    }

    /** Authenticates every request (required). */
    public Builder authenticator(Authenticator authenticator) {
      this.authenticator = requireNonNull(authenticator, "authenticator");
      return this;
    }

    /**
     * Serves {@code /ServiceProviderConfig}, {@code /Schemas} and {@code /ResourceTypes} without
     * credentials.
     */
    public Builder openDiscovery(boolean open) {
      this.openDiscovery = open;
      return this;
    }

    /**
     * Takes the tenant from the first path segment ({@code /scim/v2/{tenant}/Users}); the
     * authenticated identity must name that tenant or {@link #ANY_TENANT}.
     */
    public Builder tenantFromPath(boolean fromPath) {
      this.tenantFromPath = fromPath;
      return this;
    }

    /** The limits to enforce; default {@link ScimLimits#defaults()}. */
    public Builder limits(ScimLimits limits) {
      this.limits = requireNonNull(limits, "limits");
      return this;
    }

    /**
     * How to treat unknown attributes and schema URNs in request bodies, for every tenant; default
     * lenient, which drops them and reports each ({@link ChangeObserver#ignored}, a WARN line once
     * per tenant and name).
     */
    public Builder validation(SchemaValidator.Mode mode) {
      requireNonNull(mode, "mode");
      this.validation = context -> mode;
      return this;
    }

    /**
     * How to treat unknown attributes and schema URNs, decided per request, e.g. strict for the
     * tenants that asked for it: {@code context -> strictTenants.contains(context.tenant()) ?
     * STRICT : LENIENT}. Called on the request thread; it must not return null.
     */
    public Builder validation(Function<RequestContext, SchemaValidator.Mode> policy) {
      this.validation = requireNonNull(policy, "policy");
      return this;
    }

    /**
     * How PATCH responds for a resource type: with the resource (200) or without (204). Default:
     * 200 for every type but groups, which answer 204 so a large group's members are not sent back
     * (RFC 7644 §3.5.2 allows both; Entra and Okta accept both).
     */
    public Builder patchResponse(String resourceTypeName, PatchResponse response) {
      patchResponses.put(resourceTypeName, requireNonNull(response, "response"));
      return this;
    }

    /** Hears about every change; default none. */
    public Builder observer(ChangeObserver observer) {
      this.observer = observer;
      return this;
    }

    /**
     * How often to retry a read-modify-write after a version conflict the client did not make
     * conditional; default 32, with a short random pause before each retry.
     */
    public Builder maxVersionRetries(int retries) {
      if (retries < 0) {
        throw new IllegalArgumentException("retries must not be negative");
      }
      this.maxRetries = retries;
      return this;
    }

    /**
     * How many failed authentications one client address may have within a minute before its
     * requests are answered 429 with {@code Retry-After} until the oldest failure is a minute old;
     * default {@value ScimServer#DEFAULT_FAILED_AUTHENTICATION_LIMIT}, 0 for no limit. Counted per
     * process, for requests whose binding knows the address ({@link ScimRequest#remoteAddress()}).
     * The default is high because identity providers send many tenants' traffic from few addresses:
     * one tenant's stale token must not lock out the others.
     */
    public Builder failedAuthenticationLimit(int perMinute) {
      if (perMinute < 0) {
        throw new IllegalArgumentException("the limit must not be negative");
      }
      this.failedAuthenticationLimit = perMinute;
      return this;
    }

    /**
     * Limits authenticated requests, e.g. {@link RateLimiter#tokenBucket} per tenant; over the
     * limit a request is answered 429 with {@code Retry-After} before any repository is called.
     * Default none.
     */
    public Builder rateLimiter(RateLimiter limiter) {
      this.rateLimiter = limiter;
      return this;
    }

    /**
     * Serves {@code /Me} (RFC 7644 §3.11) for callers {@code resolver} maps to a User; without it,
     * {@code /Me} answers 501 saying how to enable it.
     */
    public Builder me(MeResolver resolver) {
      this.meResolver = resolver;
      return this;
    }

    /**
     * The key that signs cursors (RFC 9865 {@code nextCursor} and {@code previousCursor}) with
     * HMAC-SHA256, at least 32 bytes; default a random key per server. Give every process that
     * serves the same data the same key, so that a cursor one of them issued is valid at the
     * others; a cursor signed with another key is 400 {@code invalidCursor}. Keep it secret: with
     * it, a client could forge cursors (though only for positions in its own tenant's data).
     */
    public Builder cursorKey(byte[] key) {
      requireNonNull(key, "key");
      if (key.length < Cursors.MIN_KEY_BYTES) {
        throw new IllegalArgumentException(
            "A cursor key has at least " + Cursors.MIN_KEY_BYTES + " bytes, not " + key.length);
      }
      this.cursorKey = key.clone();
      return this;
    }

    /**
     * How long a cursor stays valid after it was issued, in whole seconds; default 10 minutes.
     * Advertised as {@code pagination.cursorTimeout}; an older cursor is 400 {@code expiredCursor}.
     * Cursors cost the server nothing while they are valid (nothing is kept per cursor), so the
     * timeout only bounds how long a cursor, once seen, can be replayed.
     */
    public Builder cursorTimeout(Duration timeout) {
      this.cursorTimeout = Cursors.requireTimeout(timeout);
      return this;
    }

    /** What tells cursors' age; for tests. */
    Builder cursorClock(Clock clock) {
      this.cursorClock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Runs each bulk request's operations inside {@code scope}, e.g. one database transaction with
     * a savepoint per operation; default: each operation on its own.
     */
    public Builder bulkScope(BulkScope scope) {
      this.bulkScope = requireNonNull(scope, "scope");
      return this;
    }

    /** Builds the server. */
    public ScimServer build() {
      return new ScimServer(this);
    }
  }
}
