package dev.roster.scim.server;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.schema.SchemaUrns;

/** Building blocks of responses: error bodies and list responses. */
final class Responses {
  private Responses() {}

  static ScimResponse error(ScimException e) {
    ScimResponse response = ScimResponse.of(e.status(), e.toError().toJson());
    if (e instanceof Authentication.Unauthenticated) {
      return response.withHeader("WWW-Authenticate", "Bearer realm=\"SCIM\"");
    }
    if (e instanceof TooManyRequests throttled) {
      return response.withHeader("Retry-After", Long.toString(throttled.retryAfter()));
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

  /**
   * A ListResponse of a cursor-paged query (RFC 9865): no {@code startIndex}, and {@code
   * previousCursor} and {@code nextCursor} when there are such pages.
   */
  static ObjectNode cursorListResponse(
      long totalResults, ArrayNode resources, String nextCursor, String previousCursor) {
    ObjectNode json = Json.object();
    json.putArray("schemas").add(SchemaUrns.LIST_RESPONSE);
    json.put("totalResults", totalResults);
    json.put("itemsPerPage", resources.size());
    if (previousCursor != null) {
      json.put("previousCursor", previousCursor);
    }
    if (nextCursor != null) {
      json.put("nextCursor", nextCursor);
    }
    json.set("Resources", resources);
    return json;
  }
}
