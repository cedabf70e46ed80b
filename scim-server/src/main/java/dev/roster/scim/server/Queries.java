package dev.roster.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.StorableText;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import dev.roster.scim.filter.FilterParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The query of a list or search request (RFC 7644 §3.4.2, §3.4.3), from URL parameters or a
 * SearchRequest body, parsed and checked once.
 */
record Queries(Filter filter, Sort sort, int startIndex, int count, Projection projection) {

  static Queries fromParameters(
      ScimRequest request, FilterParser parser, ResourceSchema schema, ScimLimits limits) {
    return new Queries(
        filter(request.parameter("filter"), parser),
        sort(request.parameter("sortBy"), request.parameter("sortOrder"), parser),
        startIndex(number(request.parameter("startIndex"), "startIndex")),
        limits.pageSize(number(request.parameter("count"), "count")),
        projection(request, parser, schema));
  }

  static Queries fromBody(
      JsonNode body, FilterParser parser, ResourceSchema schema, ScimLimits limits) {
    if (!body.isObject()) {
      throw ScimException.invalidSyntax("A SearchRequest must be a JSON object");
    }
    ObjectNode search = (ObjectNode) body;
    return new Queries(
        filter(text(search, "filter"), parser),
        sort(text(search, "sortBy"), text(search, "sortOrder"), parser),
        startIndex(integer(search, "startIndex")),
        limits.pageSize(integer(search, "count")),
        projection(
            paths(list(search, "attributes"), parser, schema),
            paths(list(search, "excludedAttributes"), parser, schema)));
  }

  /**
   * Refuses a {@code sortBy} that the endpoint's repository cannot honour (see {@link
   * dev.roster.scim.core.spi.ResourceRepository#supportsSort()}): 501, never an unsorted page.
   */
  void requireSortable(Endpoint endpoint) {
    if (sort != null && !endpoint.repository().supportsSort()) {
      throw new ScimException(
          501,
          null,
          "Sorting "
              + endpoint.schema().resourceType().name()
              + " resources is not supported (/ServiceProviderConfig says sort.supported is"
              + " false)");
    }
  }

  /** This query as a repository search, over another window of results. */
  SearchRequest toSearch(RequestContext context, int start, int size) {
    return new SearchRequest(context, filter, sort, start, size, projection);
  }

  /** This query as a repository search. */
  SearchRequest toSearch(RequestContext context) {
    return toSearch(context, startIndex, count);
  }

  static Projection projection(ScimRequest request, FilterParser parser, ResourceSchema schema) {
    return projection(
        paths(split(request.parameter("attributes")), parser, schema),
        paths(split(request.parameter("excludedAttributes")), parser, schema));
  }

  private static Projection projection(Set<AttributePath> attributes, Set<AttributePath> excluded) {
    return attributes.isEmpty() && excluded.isEmpty()
        ? Projection.DEFAULT
        : new Projection(attributes, excluded);
  }

  private static Filter filter(String text, FilterParser parser) {
    if (text == null || text.isBlank()) {
      return null;
    }
    Filter filter = parser.parse(text);
    if (!storable(filter)) {
      // A literal written with escapes (\u0000, a lone \ud800) that no store can hold.
      throw ScimException.invalidValue(
          "A filter literal holds U+0000 or an unpaired surrogate, which cannot be stored");
    }
    return filter;
  }

  private static boolean storable(Filter filter) {
    if (filter instanceof Filter.Compare compare) {
      return !(compare.value() instanceof String text) || StorableText.isStorable(text);
    }
    if (filter instanceof Filter.And and) {
      return and.operands().stream().allMatch(Queries::storable);
    }
    if (filter instanceof Filter.Or or) {
      return or.operands().stream().allMatch(Queries::storable);
    }
    if (filter instanceof Filter.Not not) {
      return storable(not.operand());
    }
    if (filter instanceof Filter.ValuePath valuePath) {
      return storable(valuePath.filter());
    }
    return true;
  }

  private static Sort sort(String by, String order, FilterParser parser) {
    SortOrder direction = SortOrder.ASCENDING;
    if (order != null && !order.isBlank()) {
      if (order.equalsIgnoreCase("descending")) {
        direction = SortOrder.DESCENDING;
      } else if (!order.equalsIgnoreCase("ascending")) {
        throw ScimException.invalidValue(
            "sortOrder is 'ascending' or 'descending', not '" + order + "'");
      }
    }
    return by == null || by.isBlank() ? null : new Sort(parser.parseAttributePath(by), direction);
  }

  /** RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1. */
  private static int startIndex(Integer value) {
    return value == null || value < 1 ? 1 : value;
  }

  private static Integer number(String text, String name) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      long value = Long.parseLong(text.strip());
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value));
    } catch (NumberFormatException e) {
      throw ScimException.invalidValue(name + " must be an integer, not '" + text + "'");
    }
  }

  private static Integer integer(ObjectNode body, String name) {
    JsonNode value = Json.get(body, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber()) {
      return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, value.asLong()));
    }
    if (value.isTextual()) {
      return number(value.textValue(), name);
    }
    throw ScimException.invalidValue(name + " must be an integer");
  }

  private static String text(ObjectNode body, String name) {
    JsonNode value = Json.get(body, name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw ScimException.invalidValue(name + " must be a string");
    }
    return value.textValue();
  }

  private static List<String> list(ObjectNode body, String name) {
    JsonNode value = Json.get(body, name);
    if (value == null || value.isNull()) {
      return List.of();
    }
    if (value.isTextual()) {
      return split(value.textValue());
    }
    if (!value.isArray()) {
      throw ScimException.invalidValue(name + " must be a list of attribute paths");
    }
    return Json.strings(value);
  }

  private static List<String> split(String text) {
    List<String> parts = new ArrayList<>();
    if (text != null) {
      for (String part : text.split(",")) {
        if (!part.isBlank()) {
          parts.add(part.strip());
        }
      }
    }
    return parts;
  }

  /**
   * Parses attribute paths; a bare extension URN stands for every attribute of that extension
   * ({@code attributes=urn:ietf:params:scim:schemas:extension:enterprise:2.0:User}).
   */
  private static Set<AttributePath> paths(
      List<String> texts, FilterParser parser, ResourceSchema schema) {
    Set<AttributePath> paths = new LinkedHashSet<>();
    for (String text : texts) {
      Optional<Schema> extension = schema.extension(text);
      if (extension.isPresent()) {
        extension
            .get()
            .attributes()
            .forEach(a -> paths.add(new AttributePath(extension.get().id(), a.name(), null)));
      } else {
        paths.add(parser.parseAttributePath(text));
      }
    }
    return paths;
  }
}
