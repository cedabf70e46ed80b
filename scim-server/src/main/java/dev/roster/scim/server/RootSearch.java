package dev.roster.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.filter.FilterParser;
import java.util.List;

/**
 * {@code POST /.search} at the root (RFC 7644 §3.4.3): one query over every resource type, in
 * registration order, paged across them by index; a {@code cursor} (RFC 9865) is 501. Immutable.
 */
final class RootSearch {
  private final List<Endpoint> endpoints;
  private final RequestBodies bodies;
  private final FilterParser parser;
  private final ScimLimits limits;

  RootSearch(
      List<Endpoint> endpoints, RequestBodies bodies, FilterParser parser, ScimLimits limits) {
    this.endpoints = List.copyOf(endpoints);
    this.bodies = bodies;
    this.parser = parser;
    this.limits = limits;
  }

  ScimResponse search(Resources.Call call) {
    JsonNode body = bodies.read(call.request());
    long offset = -1;
    int count = -1;
    long total = 0;
    ArrayNode out = Json.array();
    for (Endpoint endpoint : endpoints) {
      Queries query = Queries.fromBody(body, parser, endpoint.schema(), limits);
      query.requireSortable(endpoint);
      if (query.cursor() != null) {
        // A cursor would have to hold a place in each resource type's order at once.
        throw new ScimException(
            501,
            null,
            "Cursor paging across resource types is not supported; page each type's own"
                + " /.search (e.g. /Users/.search) with cursors, or this one with startIndex");
      }
      if (offset < 0) {
        offset = query.startIndex() - 1L;
        count = query.count();
      }
      Page counted = endpoint.repository().search(query.toSearch(call.context(), 1, 0));
      long here = counted.totalResults();
      long skip = Math.max(0, offset - total);
      if (out.size() < count && skip < here) {
        int wanted = (int) Math.min(count - out.size(), here - skip);
        Page page =
            endpoint.repository().search(query.toSearch(call.context(), (int) skip + 1, wanted));
        for (ScimResource resource : page.resources()) {
          if (out.size() < count) {
            out.add(Presenter.present(endpoint, resource, query.projection(), call.base()));
          }
        }
      }
      total += here;
    }
    return ScimResponse.of(200, Responses.listResponse(total, offset + 1, out));
  }
}
