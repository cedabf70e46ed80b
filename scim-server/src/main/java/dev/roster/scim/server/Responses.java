package dev.roster.scim.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaUrns;

/** Building blocks of responses: error bodies, list responses, entity tags. */
final class Responses {
  private Responses() {}

  static ScimResponse error(ScimException e) {
    ScimResponse response = ScimResponse.of(e.status(), e.toError().toJson());
    if (e instanceof ScimServer.Unauthenticated) {
      return response.withHeader("WWW-Authenticate", "Bearer realm=\"SCIM\"");
    }
    if (e instanceof ScimServer.MethodNotAllowed notAllowed) {
      return response.withHeader("Allow", notAllowed.allowed());
    }
    return response;
  }

  /** A ListResponse (RFC 7644 §3.4.2) whose itemsPerPage is the number of resources returned. */
  static ObjectNode listResponse(long totalResults, long startIndex, ArrayNode resources) {
    ObjectNode json = Json.object();
    json.putArray("schemas").add(SchemaUrns.LIST_RESPONSE);
    json.put("totalResults", totalResults);
    json.put("startIndex", startIndex);
    json.put("itemsPerPage", resources.size());
    json.set("Resources", resources);
    return json;
  }

  /** The {@code ETag} for a resource's version, or null when it has none. */
  static String etag(ScimResource resource) {
    return Meta.weakVersion(resource.version());
  }

  /**
   * Whether an {@code If-Match} or {@code If-None-Match} header names {@code etag}: {@code *}
   * matches any version, and entity tags compare weakly (RFC 7232 §2.3.2).
   */
  static boolean matches(String header, String etag) {
    if (header == null) {
      return false;
    }
    if (header.strip().equals("*")) {
      return etag != null;
    }
    if (etag == null) {
      return false;
    }
    String wanted = opaque(etag);
    for (String candidate : header.split(",")) {
      if (opaque(candidate.strip()).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    String t = tag.startsWith("W/") ? tag.substring(2) : tag;
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1)
        : t;
  }

  static ScimResponse withEtag(ScimResponse response, ScimResource resource) {
    return withEtag(response, resource.version());
  }

  /** {@code response} with the {@code ETag} of {@code version}, when there is one. */
  static ScimResponse withEtag(ScimResponse response, String version) {
    String etag = Meta.weakVersion(version);
    return etag == null ? response : response.withHeader("ETag", etag);
  }
}
