package dev.roster.scim.server;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.internal.ResourceTrees;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.filter.FilterParser;
import dev.roster.scim.patch.PatchEngine;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SCIM protocol engine (RFC 7644 §3): routes a {@link ScimRequest} to the right repository and
 * returns the {@link ScimResponse}, with no dependency on an HTTP framework. The JAX-RS binding in
 * {@code dev.roster.scim.jaxrs} only translates HTTP to and from these two records.
 *
 * <pre>{@code
 * ScimServer server = ScimServer.builder()
 *     .users(myUsers)
 *     .groups(myGroups)
 *     .authenticator(BearerTokenAuthenticator.single(token))
 *     .build();
 * }</pre>
 *
 * <p>Every failure becomes a SCIM error response: {@link ScimException}s with their status and
 * {@code scimType}, anything else a 500 whose detail names only the request id (the cause is logged
 * through SLF4J). Immutable and thread-safe; it keeps no state between requests.
 */
public final class ScimServer {
  private static final Logger LOG = LoggerFactory.getLogger(ScimServer.class);
  private static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
  private static final String SERVICE_PROVIDER_CONFIG = "ServiceProviderConfig";
  private static final String SCHEMAS = "Schemas";
  private static final String RESOURCE_TYPES = "ResourceTypes";

  private final Map<String, Endpoint> endpoints;
  private final List<Schema> schemas;
  private final Authenticator authenticator;
  private final boolean openDiscovery;
  private final boolean tenantFromPath;
  private final ScimLimits limits;
  private final FilterParser parser;
  private final ChangeObserver observer;
  private final int maxRetries;

  private ScimServer(Builder b) {
    this.authenticator = requireNonNull(b.authenticator, "authenticator");
    this.openDiscovery = b.openDiscovery;
    this.tenantFromPath = b.tenantFromPath;
    this.limits = b.limits;
    this.parser = new FilterParser(limits);
    this.observer = b.observer;
    this.maxRetries = b.maxRetries;
    Map<String, Endpoint> byName = new LinkedHashMap<>();
    List<Schema> used = new ArrayList<>();
    for (Map.Entry<String, ResourceRepository> entry : b.repositories.entrySet()) {
      ResourceSchema schema = b.registry.resourceSchema(entry.getKey());
      ResourceType type = schema.resourceType();
      PatchResponse patchResponse =
          b.patchResponses.getOrDefault(
              type.name(),
              entry.getValue() instanceof GroupRepository
                  ? PatchResponse.NO_CONTENT
                  : PatchResponse.RESOURCE);
      byName.put(
          key(type.endpoint().substring(1)),
          new Endpoint(
              schema,
              entry.getValue(),
              new SchemaValidator(schema, b.validation),
              new PatchEngine(schema, b.validation, limits),
              patchResponse));
      addSchema(used, schema.coreSchema());
      schema.extensionSchemas().forEach(e -> addSchema(used, e));
    }
    if (byName.isEmpty()) {
      throw new IllegalStateException("Register at least one repository");
    }
    this.endpoints = Collections.unmodifiableMap(byName); // registration order
    this.schemas = List.copyOf(used);
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
   * Handles one request. Never throws: every failure is a SCIM error response.
   *
   * <p>Logs one DEBUG line per request: method, path, status, duration and tenant.
   */
  public ScimResponse handle(ScimRequest request) {
    long started = System.nanoTime();
    String requestId = requestId(request);
    String[] tenant = {"-"};
    ScimResponse response;
    try {
      response = route(request, requestId, tenant);
    } catch (ScimException e) {
      response = Responses.error(e);
    } catch (RuntimeException e) {
      LOG.error("Request {} {} {} failed", requestId, request.method(), request.path(), e);
      response =
          Responses.error(
              new ScimException(
                  500,
                  null,
                  "The server could not complete the request (request id " + requestId + ")"));
    }
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
    boolean discovery =
        first.equalsIgnoreCase(SERVICE_PROVIDER_CONFIG)
            || first.equalsIgnoreCase(SCHEMAS)
            || first.equalsIgnoreCase(RESOURCE_TYPES);
    RequestContext context =
        discovery && openDiscovery ? null : authenticate(request, pathTenant, requestId);
    tenantOut[0] = context == null ? "-" : context.tenant();
    String method = request.method();
    if (discovery) {
      requireMethod(method, "GET");
      return Discovery.respond(this, first, segments, base);
    }
    if (first.equalsIgnoreCase("Bulk") || first.equalsIgnoreCase("Me")) {
      throw new ScimException(
          501, null, "/" + first + " is not supported by this service provider");
    }
    if (first.equals(".search")) {
      requireMethod(method, "POST");
      if (segments.size() != 1) {
        throw ScimException.notFound("No SCIM resource at '" + request.path() + "'");
      }
      return searchAll(context, request, base);
    }
    Endpoint endpoint = endpoints.get(key(first));
    if (endpoint == null || segments.size() > 2) {
      throw ScimException.notFound("No SCIM resource at '" + request.path() + "'");
    }
    Resources resources = new Resources(this, endpoint, context, request, base);
    if (segments.size() == 1) {
      switch (method) {
        case "GET":
          return resources.list(Queries.fromParameters(request, parser, endpoint.schema(), limits));
        case "POST":
          return resources.create();
        default:
          throw methodNotAllowed("GET, POST");
      }
    }
    String id = segments.get(1);
    if (id.equals(".search")) {
      requireMethod(method, "POST");
      return resources.list(Queries.fromBody(body(request), parser, endpoint.schema(), limits));
    }
    switch (method) {
      case "GET":
        return resources.get(id);
      case "PUT":
        return resources.replace(id);
      case "PATCH":
        return resources.patch(id);
      case "DELETE":
        return resources.delete(id);
      default:
        throw methodNotAllowed("GET, PUT, PATCH, DELETE");
    }
  }

  /** {@code POST /.search} at the root: every resource type, in registration order. */
  private ScimResponse searchAll(RequestContext context, ScimRequest request, String base) {
    JsonNode body = body(request);
    long offset = -1;
    int count = -1;
    long total = 0;
    ArrayNode out = Json.array();
    for (Endpoint endpoint : endpoints.values()) {
      Queries query = Queries.fromBody(body, parser, endpoint.schema(), limits);
      query.requireSortable(endpoint);
      if (offset < 0) {
        offset = query.startIndex() - 1L;
        count = query.count();
      }
      Page counted = endpoint.repository().search(query.toSearch(context, 1, 0));
      long here = counted.totalResults();
      long skip = Math.max(0, offset - total);
      if (out.size() < count && skip < here) {
        int wanted = (int) Math.min(count - out.size(), here - skip);
        Page page = endpoint.repository().search(query.toSearch(context, (int) skip + 1, wanted));
        for (ScimResource resource : page.resources()) {
          if (out.size() < count) {
            out.add(present(endpoint, resource, query.projection(), base));
          }
        }
      }
      total += here;
    }
    return ScimResponse.of(200, Responses.listResponse(total, offset + 1, out));
  }

  private RequestContext authenticate(ScimRequest request, String pathTenant, String requestId) {
    Identity identity =
        authenticator
            .authenticate(request)
            .orElseThrow(() -> new Unauthenticated("The request needs a valid bearer token"));
    String tenant = identity.tenant();
    if (pathTenant != null) {
      if (!identity.tenant().equals(ANY_TENANT) && !identity.tenant().equals(pathTenant)) {
        throw new ScimException(403, null, "These credentials do not grant access to this tenant");
      }
      tenant = pathTenant;
    }
    return new RequestContext(tenant, identity.principal(), requestId, identity.attributes());
  }

  /**
   * The tenant an {@link Identity} names to be allowed into every tenant when tenants come from the
   * request path.
   */
  public static final String ANY_TENANT = "*";

  JsonNode body(ScimRequest request) {
    byte[] body = request.body();
    if (body == null || body.length == 0) {
      throw ScimException.invalidSyntax("The request needs a JSON body");
    }
    if (body.length > limits.maxRequestBodyBytes()) {
      throw ScimException.payloadTooLarge(
          "The request body is larger than "
              + limits.maxRequestBodyBytes()
              + " bytes (ScimLimits.maxRequestBodyBytes)");
    }
    String contentType = request.header("Content-Type");
    if (contentType != null) {
      String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (!media.equals(ScimResponse.MEDIA_TYPE) && !media.equals("application/json")) {
        throw new ScimException(
            415, null, "Send application/scim+json or application/json, not " + media);
      }
    }
    try {
      return Json.MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw Json.invalidJson(e);
    } catch (IOException e) {
      throw ScimException.invalidSyntax("The request body could not be read");
    }
  }

  /** The URL of a resource: the base URL, the type's endpoint and the id. */
  String location(Endpoint endpoint, String id, String base) {
    return base + endpoint.schema().resourceType().endpoint() + "/" + id;
  }

  /**
   * The resource as a response carries it, a JSON object the caller owns: {@code meta.location}
   * set, {@code meta.resourceType} set unless the repository did, projection applied.
   */
  ObjectNode present(Endpoint endpoint, ScimResource resource, Projection projection, String base) {
    // A new top level over the resource's own nodes, with a new meta object; the projection then
    // copies what it keeps. Neither the resource nor its nodes are changed.
    ObjectNode stored = ResourceTrees.tree(resource);
    ObjectNode located = Json.object();
    stored.properties().forEach(member -> located.set(member.getKey(), member.getValue()));
    String metaName = Json.fieldName(stored, "meta");
    JsonNode storedMeta = metaName == null ? null : stored.get(metaName);
    ObjectNode meta = storedMeta instanceof ObjectNode object ? object.deepCopy() : Json.object();
    located.remove(metaName == null ? "meta" : metaName);
    located.set("meta", meta);
    setIgnoringCase(meta, "location", location(endpoint, resource.id(), base));
    if (Json.get(meta, "resourceType") == null) {
      meta.put("resourceType", endpoint.schema().resourceType().name());
    }
    ScimResource shown = endpoint.schema().project(ResourceTrees.adopt(located), projection);
    return ResourceTrees.tree(shown); // the projection's own copy, which nothing else holds
  }

  private static void setIgnoringCase(ObjectNode object, String name, String value) {
    String existing = Json.fieldName(object, name);
    if (existing != null) {
      object.remove(existing);
    }
    object.put(name, value);
  }

  void notify(
      RequestContext context, Endpoint endpoint, String id, ChangeEvent.Kind kind, String version) {
    if (observer == null) {
      return;
    }
    try {
      observer.changed(
          new ChangeEvent(context, endpoint.schema().resourceType().name(), id, kind, version));
    } catch (RuntimeException e) {
      LOG.warn("Change observer failed for {} {}", endpoint.schema().resourceType().name(), id, e);
    }
  }

  /**
   * Runs a read-modify-write step, again after a version conflict the client did not ask for (no
   * {@code If-Match}), at most {@code maxRetries} more times, after a short random pause that grows
   * with each attempt so that concurrent writers to one resource spread out instead of colliding
   * again.
   */
  <T> T retrying(boolean clientConditional, Supplier<T> step) {
    for (int attempt = 0; ; attempt++) {
      try {
        return step.get();
      } catch (ScimException e) {
        if (e.status() != 412 || clientConditional || attempt >= maxRetries) {
          throw e;
        }
        backOff(attempt);
      }
    }
  }

  private static void backOff(int attempt) {
    long bound = Math.min(50, 1L << Math.min(attempt, 6)); // milliseconds: 1, 2, 4, ... 50
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(bound + 1));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ScimException(503, null, "The request was interrupted; retry it");
    }
  }

  List<Schema> schemas() {
    return schemas;
  }

  FilterParser parser() {
    return parser;
  }

  List<Endpoint> endpoints() {
    return List.copyOf(endpoints.values());
  }

  private static void addSchema(List<Schema> schemas, Schema schema) {
    if (schemas.stream().noneMatch(s -> s.hasId(schema.id()))) {
      schemas.add(schema);
    }
  }

  private static List<String> segments(String path) {
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
      throw methodNotAllowed(allowed);
    }
  }

  private static ScimException methodNotAllowed(String allowed) {
    return new MethodNotAllowed(allowed);
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** A resource type's endpoint with everything needed to serve it. */
  record Endpoint(
      ResourceSchema schema,
      ResourceRepository repository,
      SchemaValidator validator,
      PatchEngine patch,
      PatchResponse patchResponse) {}

  /** 401, answered with {@code WWW-Authenticate}. */
  static final class Unauthenticated extends ScimException {
    private static final long serialVersionUID = 1L;

    Unauthenticated(String detail) {
      super(401, null, detail);
    }
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
    private SchemaValidator.Mode validation = SchemaValidator.Mode.LENIENT;
    private ChangeObserver observer;
    private int maxRetries = 32;

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

    /** How to treat unknown attributes in request bodies; default lenient. */
    public Builder validation(SchemaValidator.Mode mode) {
      this.validation = requireNonNull(mode, "mode");
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

    /** Builds the server. */
    public ScimServer build() {
      return new ScimServer(this);
    }
  }

  static <T> T orNotFound(Optional<T> value, String id) {
    return value.orElseThrow(() -> ScimException.notFound("Resource " + id + " not found"));
  }
}
