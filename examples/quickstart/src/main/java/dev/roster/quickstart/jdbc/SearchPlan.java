package dev.roster.quickstart.jdbc;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.ResolvedAttribute;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import dev.roster.scim.filter.SqlFilter;
import dev.roster.scim.filter.SqlMapping;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How a search runs: the SQL condition scim-filter translated the filter to, and whether that
 * condition decides alone or only narrows the candidates that {@code FilterEvaluator} then checks
 * in memory (when the filter uses an attribute without a column, such as {@code roles}).
 *
 * @param condition the SQL condition to AND with the tenant's, or null for none
 * @param parameters the condition's bind values, in order
 * @param exact whether the condition selects exactly the matches
 */
record SearchPlan(String condition, List<Object> parameters, boolean exact) {
  SearchPlan {
    parameters = List.copyOf(parameters);
  }

  /**
   * Plans a search for {@code filter} (null for every resource) over resources stored as {@code
   * mapping} says.
   *
   * @throws dev.roster.scim.core.error.ScimException 400 {@code invalidFilter} for a filter that
   *     cannot apply to the resource type
   */
  static SearchPlan of(Filter filter, ResourceSchema schema, SqlMapping mapping) {
    if (filter == null) {
      return new SearchPlan(null, List.of(), true);
    }
    SqlFilter.Result whole = SqlFilter.translate(filter, schema, mapping);
    if (whole.translated()) {
      return new SearchPlan(whole.sql(), whole.parameters(), true);
    }
    // userName eq "x" and roles[...]: let the database find userName, check the rest in memory.
    if (filter instanceof Filter.And and) {
      List<String> terms = new ArrayList<>();
      List<Object> parameters = new ArrayList<>();
      for (Filter operand : and.operands()) {
        SqlFilter.Result term = SqlFilter.translate(operand, schema, mapping);
        if (term.translated()) {
          terms.add("(" + term.sql() + ")");
          parameters.addAll(term.parameters());
        }
      }
      if (!terms.isEmpty()) {
        return new SearchPlan(String.join(" AND ", terms), parameters, false);
      }
    }
    return new SearchPlan(null, List.of(), false);
  }

  /** {@code " AND (condition)"}, or nothing when there is no condition. */
  String and() {
    return condition == null ? "" : " AND (" + condition + ")";
  }

  /**
   * The SQL {@code ORDER BY} list for {@code sort}, ending with {@code tieBreak}; null when the
   * sort attribute has no column in {@code columns} and results must be sorted in memory.
   */
  static String orderBy(
      Sort sort, ResourceSchema schema, Map<AttributePath, String> columns, String tieBreak) {
    if (sort == null) {
      return tieBreak;
    }
    Optional<ResolvedAttribute> resolved = schema.resolve(sort.by());
    if (resolved.isEmpty()) {
      return tieBreak; // no resource has a value for it, so all rank alike (RFC 7644 §3.4.2.3)
    }
    String column = columns.get(resolved.get().canonicalPath());
    if (column == null) {
      return null;
    }
    AttributeDefinition definition = resolved.get().definition();
    String key = foldsCase(definition) ? "LOWER(" + column + ")" : column;
    // Resources without a value come last in ascending order and first in descending order.
    return sort.order() == SortOrder.DESCENDING
        ? key + " DESC NULLS FIRST, " + tieBreak
        : key + " ASC NULLS LAST, " + tieBreak;
  }

  /**
   * Orders resources in memory as {@link #orderBy} orders rows: by the attribute's value (for a
   * multi-valued attribute, its primary value or else its first), missing values last when
   * ascending.
   */
  static Comparator<ScimResource> comparator(Sort sort, ResourceSchema schema) {
    Optional<ResolvedAttribute> found = schema.resolve(sort.by());
    if (found.isEmpty()) {
      return (a, b) -> 0;
    }
    ResolvedAttribute resolved = found.get();
    AttributeDefinition definition = resolved.definition();
    AttributePath path = resolved.canonicalPath();
    Comparator<Comparable<Object>> values = Comparator.nullsLast(Comparator.naturalOrder());
    Comparator<ScimResource> ascending =
        Comparator.comparing(resource -> sortKey(resource, path, definition), values);
    return sort.order() == SortOrder.DESCENDING ? ascending.reversed() : ascending;
  }

  private static boolean foldsCase(AttributeDefinition definition) {
    return (definition.type() == AttributeType.STRING
            || definition.type() == AttributeType.REFERENCE)
        && !definition.caseExact();
  }

  @SuppressWarnings("unchecked") // every key of one attribute has the same comparable type
  private static Comparable<Object> sortKey(
      ScimResource resource, AttributePath path, AttributeDefinition definition) {
    JsonNode value = resource.get(path.topLevel());
    if (value != null && value.isArray()) {
      value = primaryOrFirst(value);
    }
    if (value != null && value.isObject()) {
      value = member(value, path.hasSubAttribute() ? path.subAttribute() : "value");
    }
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    Comparable<?> key;
    switch (definition.type()) {
      case BOOLEAN:
        key = value.asBoolean();
        break;
      case INTEGER:
      case DECIMAL:
        key = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText());
        break;
      case DATE_TIME:
        key = Meta.parseDateTime(value.asText());
        break;
      default:
        key = foldsCase(definition) ? value.asText().toLowerCase(Locale.ROOT) : value.asText();
    }
    return (Comparable<Object>) key;
  }

  private static JsonNode primaryOrFirst(JsonNode array) {
    for (JsonNode element : array) {
      JsonNode primary = member(element, "primary");
      if (primary != null && primary.asBoolean()) {
        return element;
      }
    }
    return array.isEmpty() ? null : array.get(0);
  }

  private static JsonNode member(JsonNode object, String name) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String candidate = names.next();
      if (candidate.equalsIgnoreCase(name)) {
        return object.get(candidate);
      }
    }
    return null;
  }
}
