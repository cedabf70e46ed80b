package dev.roster.scim.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.ResolvedAttribute;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Sorts search results as RFC 7644 §3.4.2.3 asks: by one attribute's value, compared by its type
 * (strings by {@code caseExact}, numbers by value, dateTimes as instants, {@code false} before
 * {@code true}); a multi-valued attribute sorts by its primary value, else its first; resources
 * without a value come last in ascending order and first in descending order; ties keep creation
 * order.
 */
final class ResourceOrder {
  private ResourceOrder() {}

  /**
   * {@code entries} sorted by {@code sort}; an attribute the schemas do not define has no value,
   * which leaves creation order.
   *
   * @param view the resource to read an entry's sort value from
   */
  static List<Entry> sort(
      List<Entry> entries, Sort sort, ResourceSchema schema, Function<Entry, ScimResource> view) {
    Optional<ResolvedAttribute> found = schema.resolve(sort.by());
    if (found.isEmpty()) {
      return entries;
    }
    ResolvedAttribute resolved = found.get();
    AttributeDefinition definition = keyDefinition(resolved);
    if (definition == null || definition.isComplex()) {
      return entries;
    }
    List<Keyed> keyed = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      keyed.add(new Keyed(entry, key(view.apply(entry), resolved, definition)));
    }
    Comparator<Object> values = comparator(definition);
    Comparator<Keyed> order =
        (a, b) -> {
          if (a.key == null || b.key == null) {
            return a.key == null ? (b.key == null ? 0 : 1) : -1;
          }
          return values.compare(a.key, b.key);
        };
    if (sort.order() == SortOrder.DESCENDING) {
      order = order.reversed();
    }
    keyed.sort(order.thenComparingLong(k -> k.entry.sequence()));
    List<Entry> sorted = new ArrayList<>(keyed.size());
    keyed.forEach(k -> sorted.add(k.entry));
    return sorted;
  }

  /** The definition of the value compared: the sub-attribute, or a complex attribute's value. */
  private static AttributeDefinition keyDefinition(ResolvedAttribute resolved) {
    if (resolved.subAttribute() != null) {
      return resolved.subAttribute();
    }
    AttributeDefinition attribute = resolved.attribute();
    return attribute.isComplex() ? attribute.subAttribute("value").orElse(null) : attribute;
  }

  private static Object key(
      ScimResource resource, ResolvedAttribute resolved, AttributeDefinition definition) {
    JsonNode value = resource.get(resolved.canonicalPath().topLevel());
    String sub =
        resolved.subAttribute() != null
            ? resolved.subAttribute().name()
            : resolved.attribute().isComplex() ? "value" : null;
    if (value == null || !value.isArray()) {
      return typed(sub == null ? value : ResourceJson.member(value, sub), definition);
    }
    Object first = null;
    for (JsonNode element : value) {
      Object key = typed(sub == null ? element : ResourceJson.member(element, sub), definition);
      if (key != null && isTrue(ResourceJson.member(element, "primary"))) {
        return key;
      }
      if (first == null) {
        first = key;
      }
    }
    return first;
  }

  private static boolean isTrue(JsonNode value) {
    return value != null
        && (value.isBoolean() ? value.booleanValue() : "true".equalsIgnoreCase(value.asText()));
  }

  /** The value as the Java type its definition compares by, or null if missing or ill-typed. */
  private static Object typed(JsonNode value, AttributeDefinition definition) {
    if (value == null || value.isNull() || value.isContainerNode()) {
      return null;
    }
    switch (definition.type()) {
      case BOOLEAN:
        if (value.isBoolean()) {
          return value.booleanValue();
        }
        String text = value.asText();
        return "true".equalsIgnoreCase(text)
            ? Boolean.TRUE
            : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
      case INTEGER:
      case DECIMAL:
        if (value.isNumber()) {
          return value.decimalValue();
        }
        try {
          return new BigDecimal(value.asText());
        } catch (NumberFormatException e) {
          return null;
        }
      case DATE_TIME:
        try {
          return Meta.parseDateTime(value.asText());
        } catch (ScimException e) {
          return null;
        }
      default:
        return value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }
  }

  private static Comparator<Object> comparator(AttributeDefinition definition) {
    switch (definition.type()) {
      case BOOLEAN:
        return (a, b) -> Boolean.compare((Boolean) a, (Boolean) b);
      case INTEGER:
      case DECIMAL:
        return (a, b) -> ((BigDecimal) a).compareTo((BigDecimal) b);
      case DATE_TIME:
        return (a, b) -> ((Instant) a).compareTo((Instant) b);
      default:
        Comparator<String> strings =
            definition.caseExact() ? Comparator.naturalOrder() : String.CASE_INSENSITIVE_ORDER;
        return (a, b) -> strings.compare((String) a, (String) b);
    }
  }

  private static final class Keyed {
    private final Entry entry;
    private final Object key;

    Keyed(Entry entry, Object key) {
      this.entry = entry;
      this.key = key;
    }
  }
}
