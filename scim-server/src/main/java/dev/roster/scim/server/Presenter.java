package dev.roster.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.internal.ResourceTrees;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.spi.Projection;
import java.util.List;

/**
 * Turns stored resources into what responses carry: {@code meta.location}, {@code
 * meta.resourceType} and {@code meta.version} as an entity tag set, the projection applied, the
 * {@code ETag} header beside it. Stateless.
 */
final class Presenter {
  private Presenter() {}

  /** The URL of a resource: the base URL, the type's endpoint and the id. */
  static String location(Endpoint endpoint, String id, String base) {
    return base + endpoint.schema().resourceType().endpoint() + "/" + id;
  }

  /**
   * A response of {@code status} with the resource, projected, its {@code ETag}, and a {@code
   * Location} header with its URI, as RFC 7644's examples of POST (§3.3), GET (§3.4.1), PUT
   * (§3.5.1) and PATCH (§3.5.2) responses carry it.
   */
  static ScimResponse resource(
      int status, Endpoint endpoint, ScimResource resource, Projection projection, String base) {
    return withEtag(
            ScimResponse.of(status, present(endpoint, resource, projection, base)),
            resource.version())
        .withHeader("Location", location(endpoint, resource.id(), base));
  }

  /** {@code response} with the {@code ETag} of a repository's version token, when there is one. */
  static ScimResponse withEtag(ScimResponse response, String version) {
    String etag = EntityTags.of(version);
    return etag == null ? response : response.withHeader("ETag", etag);
  }

  /** A ListResponse of resources, each presented. */
  static ScimResponse list(
      Endpoint endpoint,
      List<ScimResource> resources,
      int count,
      long totalResults,
      long startIndex,
      Projection projection,
      String base) {
    return ScimResponse.of(
        200,
        Responses.listResponse(
            totalResults, startIndex, presentAll(endpoint, resources, count, projection, base)));
  }

  /** The first {@code count} of {@code resources}, each presented, for a ListResponse. */
  static ArrayNode presentAll(
      Endpoint endpoint,
      List<ScimResource> resources,
      int count,
      Projection projection,
      String base) {
    ArrayNode shown = Json.array();
    for (ScimResource resource : resources) {
      if (shown.size() >= count) {
        break; // a repository that returned more than asked for
      }
      shown.add(present(endpoint, resource, projection, base));
    }
    return shown;
  }

  /**
   * The resource as a response carries it, a JSON object the caller owns: {@code meta.location}
   * set, {@code meta.resourceType} set unless the repository did, {@code meta.version} as the
   * entity tag of the repository's token, projection applied.
   */
  static ObjectNode present(
      Endpoint endpoint, ScimResource resource, Projection projection, String base) {
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
      meta.put("resourceType", endpoint.name());
    }
    String etag = EntityTags.of(resource.version());
    if (etag != null) {
      setIgnoringCase(meta, "version", etag);
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
}
