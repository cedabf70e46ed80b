package dev.roster.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.StorableText;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Seek;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import dev.roster.scim.filter.FilterParser;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The query of a list or search request (RFC 7644 §3.4.2, §3.4.3), from URL parameters or a
 * SearchRequest body, parsed and checked once.
 *
 * @param cursor null for index paging; for cursor paging (RFC 9865) the client's {@code cursor},
 *     empty for the first page
 */
record Queries(
    Filter filter, Sort sort, int startIndex, int count, Projection projection, String cursor) {

  static Queries fromParameters(
      ScimRequest request, FilterParser parser, ResourceSchema schema, ScimLimits limits) {
    // RFC 9865 asks for the first page with a cursor parameter that has no value: "?cursor".
    String cursor =
        request.query().containsKey("cursor")
            ? Objects.requireNonNullElse(request.parameter("cursor"), "")
            : null;
    String startIndex = request.parameter("startIndex");
    return new Queries(
        filter(request.parameter("filter"), parser),
        sort(request.parameter("sortBy"), request.parameter("sortOrder"), parser),
        startIndex(cursor, startIndex != null, () -> number(startIndex, "startIndex")),
        count(cursor, () -> number(request.parameter("count"), "count"), limits),
        projection(request, parser, schema),
        cursor);
  }

  static Queries fromBody(
      JsonNode body, FilterParser parser, ResourceSchema schema, ScimLimits limits) {
    if (!body.isObject()) {
      throw ScimException.invalidSyntax("A SearchRequest must be a JSON object");
    }
    ObjectNode search = (ObjectNode) body;
    String cursor = cursor(search);
    JsonNode startIndex = Json.get(search, "startIndex");
    return new Queries(
        filter(text(search, "filter"), parser),
        sort(text(search, "sortBy"), text(search, "sortOrder"), parser),
        startIndex(
            cursor,
            startIndex != null && !startIndex.isNull(),
            () -> integer(search, "startIndex")),
        count(cursor, () -> integer(search, "count"), limits),
        projection(
            paths(list(search, "attributes"), parser, schema),
            paths(list(search, "excludedAttributes"), parser, schema)),
        cursor);
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

  /**
   * Refuses a {@code cursor} that the endpoint's repository cannot honour (see {@link
   * dev.roster.scim.core.spi.ResourceRepository#supportsCursors()}): 501, as for {@code sortBy},
   * never an index-paged answer that a client would read as the last page.
   */
  void requireCursorPaging(Endpoint endpoint) {
    if (cursor != null && !endpoint.repository().supportsCursors()) {
      throw new ScimException(
          501,
          null,
          "Cursor paging of "
              + endpoint.schema().resourceType().name()
              + " resources is not supported (/ServiceProviderConfig says pagination.cursor is"
              + " false); page with startIndex");
    }
  }

  /** This query as a repository search, over another window of results. */
  SearchRequest toSearch(RequestContext context, int start, int size) {
    return new SearchRequest(context, filter, sort, start, size, projection);
  }

  /** This query as a cursor-paged repository search from {@code seek}. */
  SearchRequest toSearch(RequestContext context, Seek seek) {
    return SearchRequest.cursor(context, filter, sort, seek, count, projection);
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

  /**
   * RFC 7644 §3.4.2.4: a startIndex below 1 is read as 1. A cursor-paged request has none: {@code
   * startIndex} and {@code cursor} ask for two ways of paging (RFC 9865).
   */
  private static int startIndex(String cursor, boolean given, Supplier<Integer> value) {
    if (cursor != null && given) {
      throw ScimException.invalidValue(
          "startIndex and cursor ask for index and cursor paging at once; send one of them");
    }
    Integer index = value.get();
    return index == null || index < 1 ? 1 : index;
  }

  /**
   * The page size: for index paging as {@link ScimLimits#pageSize} reads it (RFC 7644 §3.4.2.4);
   * for cursor paging a positive integer (RFC 9865), else 400 {@code invalidCount}, capped at
   * {@link ScimLimits#maxPageSize()} as for index paging.
   */
  private static int count(String cursor, Supplier<Integer> value, ScimLimits limits) {
    if (cursor == null) {
      return limits.pageSize(value.get());
    }
    Integer count;
    try {
      count = value.get();
    } catch (ScimException e) {
      count = 0;
    }
    if (count != null && count < 1) {
      throw new ScimException(
          ScimType.INVALID_COUNT,
          "count for cursor paging is an integer from 1 to "
              + limits.maxPageSize()
              + " (larger ones are read as "
              + limits.maxPageSize()
              + ")");
    }
    return limits.pageSize(count);
  }

  /** The body's {@code cursor}: null when absent or null, a string otherwise. */
  private static String cursor(ObjectNode body) {
    JsonNode value = Json.get(body, "cursor");
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ScimException(
          ScimType.INVALID_CURSOR, "cursor is a string: empty for the first page");
    }
    return value.textValue();
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
