package dev.roster.scim.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaUrns;
import java.util.ArrayList;
import java.util.List;

/**
 * The discovery endpoints (RFC 7644 §4), generated from what is registered and from what the engine
 * does: what {@code /ServiceProviderConfig} advertises is what works.
 */
final class Discovery {
  private final List<Endpoint> endpoints;
  private final List<Schema> schemas;
  private final ScimLimits limits;
  private final boolean sort;
  private final boolean cursor;
  private final long cursorTimeout;
  private final List<AuthenticationScheme> schemes;

  /**
   * @param endpoints the resource types served, in registration order
   * @param limits the limits the engine enforces, which {@code /ServiceProviderConfig} states
   * @param schemes what the authenticator accepts, the first one primary
   * @param cursorTimeout how long a cursor is valid, in seconds
   */
  Discovery(
      List<Endpoint> endpoints,
      ScimLimits limits,
      List<AuthenticationScheme> schemes,
      long cursorTimeout) {
    this.schemes = List.copyOf(schemes);
    this.endpoints = List.copyOf(endpoints);
    this.limits = limits;
    List<Schema> used = new ArrayList<>();
    for (Endpoint endpoint : endpoints) {
      addSchema(used, endpoint.schema().coreSchema());
      endpoint.schema().extensionSchemas().forEach(e -> addSchema(used, e));
    }
    this.schemas = List.copyOf(used);
    this.sort = endpoints.stream().allMatch(e -> e.repository().supportsSort());
    this.cursor = endpoints.stream().allMatch(e -> e.repository().supportsCursors());
    this.cursorTimeout = cursorTimeout;
  }

  private static void addSchema(List<Schema> schemas, Schema schema) {
    if (schemas.stream().noneMatch(s -> s.hasId(schema.id()))) {
      schemas.add(schema);
    }
  }

  /**
   * Answers {@code GET /ServiceProviderConfig}, {@code /Schemas[/{id}]} or {@code
   * /ResourceTypes[/{id}]}.
   *
   * @param first the first path segment, one of those three
   * @param segments every path segment
   * @param base the SCIM base URL, for {@code meta.location}
   */
  ScimResponse respond(String first, List<String> segments, String base) {
    if (first.equalsIgnoreCase("ServiceProviderConfig")) {
      if (segments.size() != 1) {
        throw ScimException.notFound("No such resource");
      }
      return ScimResponse.of(200, serviceProviderConfig(base));
    }
    boolean bySchema = first.equalsIgnoreCase("Schemas");
    ArrayNode all = Json.array();
    if (bySchema) {
      schemas.forEach(s -> all.add(schema(s, base)));
    } else {
      endpoints.forEach(e -> all.add(resourceType(e, base)));
    }
    if (segments.size() == 1) {
      return ScimResponse.of(200, Responses.listResponse(all.size(), 1, all));
    }
    if (segments.size() == 2) {
      for (var item : all) {
        if (item.path("id").asText().equalsIgnoreCase(segments.get(1))) {
          return ScimResponse.of(200, item);
        }
      }
    }
    throw ScimException.notFound(
        "No "
            + (bySchema ? "schema" : "resource type")
            + " '"
            + String.join("/", segments.subList(1, segments.size()))
            + "'");
  }

  private ObjectNode serviceProviderConfig(String base) {
    ObjectNode json = Json.object();
    json.putArray("schemas").add(SchemaUrns.SERVICE_PROVIDER_CONFIG);
    json.putObject("patch").put("supported", true);
    json.putObject("bulk")
        .put("supported", true)
        .put("maxOperations", limits.maxBulkOperations())
        .put("maxPayloadSize", limits.maxBulkPayloadBytes());
    json.putObject("filter").put("supported", true).put("maxResults", limits.maxPageSize());
    json.putObject("changePassword").put("supported", false);
    json.putObject("sort").put("supported", sort);
    json.putObject("etag").put("supported", true);
    // RFC 9865: index paging stays the default, so clients that know only RFC 7644 see no
    // change; cursorTimeout is stated only where cursors are issued.
    ObjectNode pagination =
        json.putObject("pagination")
            .put("cursor", cursor)
            .put("index", true)
            .put("defaultPaginationMethod", "index")
            .put("defaultPageSize", limits.defaultPageSize())
            .put("maxPageSize", limits.maxPageSize());
    if (cursor) {
      pagination.put("cursorTimeout", cursorTimeout);
    }
    ArrayNode authentication = json.putArray("authenticationSchemes");
    for (AuthenticationScheme scheme : schemes) {
      ObjectNode entry =
          authentication
              .addObject()
              .put("type", scheme.type())
              .put("name", scheme.name())
              .put("description", scheme.description());
      if (scheme.specUri() != null) {
        entry.put("specUri", scheme.specUri());
      }
      entry.put("primary", authentication.size() == 1);
    }
    json.set("meta", meta("ServiceProviderConfig", base + "/ServiceProviderConfig"));
    return json;
  }

  private static ObjectNode schema(Schema schema, String base) {
    ObjectNode json = schema.toJson();
    json.set("meta", meta("Schema", base + "/Schemas/" + schema.id()));
    return json;
  }

  private static ObjectNode resourceType(Endpoint endpoint, String base) {
    ResourceType type = endpoint.schema().resourceType();
    ObjectNode json = type.toJson();
    json.set("meta", meta("ResourceType", base + "/ResourceTypes/" + type.id()));
    return json;
  }

  private static ObjectNode meta(String resourceType, String location) {
    return Json.object().put("resourceType", resourceType).put("location", location);
  }
}
