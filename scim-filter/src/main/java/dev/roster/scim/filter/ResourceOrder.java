package dev.roster.scim.filter;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.internal.ResourceTrees;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.ResolvedAttribute;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Orders resources in memory as a search's {@code sortBy} and {@code sortOrder} ask (RFC 7644
 * §3.4.2.3), so that a repository can honour {@link dev.roster.scim.core.spi.SearchRequest#sort()}
 * for any attribute.
 *
 * <pre>{@code
 * // Each resource's sort value is read once, however long the list.
 * List<ScimResource> sorted = ResourceOrder.sort(matches, r -> r, request.sort(), schema);
 * // The same order as a comparator, which reads the values on every comparison.
 * matches.sort(ResourceOrder.comparator(request.sort(), schema));
 * }</pre>
 *
 * <p>The rules:
 *
 * <ul>
 *   <li>Values compare by the type the schema gives them: strings, references and binaries by the
 *       attribute's {@code caseExact} (case-exact ones by UTF-16 code unit, the others ignoring
 *       case per character as {@link String#CASE_INSENSITIVE_ORDER} does, with no locale; binaries
 *       are always case-exact), integers and decimals by value ({@code 9} before {@code 10}),
 *       dateTimes as instants, and {@code false} before {@code true}.
 *   <li>A multi-valued attribute sorts by its primary value, else its first value. A complex
 *       attribute named without a sub-attribute sorts by its {@code value} sub-attribute, so {@code
 *       sortBy=emails} is {@code sortBy=emails.value}.
 *   <li>A resource without a value (absent, null, an empty string, or a value of the wrong type)
 *       sorts last in ascending order and first in descending order.
 *   <li>Ties keep the order the resources came in: {@link #sort} is stable and the comparator
 *       returns 0 for them, so give resources in the repository's own order (creation, say).
 *   <li>An attribute the schemas do not define, or a complex attribute without a {@code value}
 *       sub-attribute, gives no resource a value, so the order does not change. RFC 7644 says what
 *       resources without a value do, not that such a {@code sortBy} is an error, and RFC 7644
 *       §3.4.2.1 treats an undefined attribute in a filter the same way.
 * </ul>
 *
 * <p>{@link SqlSearch#orderBy} writes the same order as SQL for attributes with a column.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResourceOrder {
  private final String extension;
  private final String attribute;
  private final String sub;
  private final AttributePath keyPath;
  private final AttributeDefinition key;
  private final boolean multiValued;
  private final boolean descending;
  private final Comparator<Object> values;

  private ResourceOrder(ResolvedAttribute resolved, AttributeDefinition key, boolean descending) {
    AttributeDefinition top = resolved.attribute();
    this.extension = resolved.extension() ? resolved.schema().id() : null;
    this.attribute = top.name();
    // A complex attribute compares a sub-attribute: the one named, or its value.
    this.sub = top.isComplex() ? key.name() : null;
    AttributePath canonical = resolved.canonicalPath();
    this.keyPath = sub == null ? canonical : canonical.withSubAttribute(sub);
    this.key = key;
    this.multiValued = top.multiValued();
    this.descending = descending;
    this.values = valueOrder(key);
  }

  /**
   * A comparator that orders resources of {@code schema}'s type by {@code sort}, under the rules
   * above. It reads the sort value of both resources on every comparison; {@link #sort} reads each
   * once and suits long lists better.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Comparator<ScimResource> comparator(Sort sort, ResourceSchema schema) {
    ResourceOrder order = of(sort, schema);
    if (order == null) {
      return (a, b) -> 0;
    }
    return (a, b) -> order.compareKeys(order.key(a), order.key(b));
  }

  /**
   * {@code items} in the order {@code sort} asks for, as a new list; ties keep their order in
   * {@code items}. Each item's sort value is read once, from the resource {@code resource} gives
   * for it (the item itself, or a view of a stored entry that holds what it is sorted by).
   *
   * @param <T> what is sorted: resources, or entries a resource can be read from
   * @throws NullPointerException if an argument is null
   */
  public static <T> List<T> sort(
      Collection<? extends T> items,
      Function<? super T, ScimResource> resource,
      Sort sort,
      ResourceSchema schema) {
    requireNonNull(items, "items");
    requireNonNull(resource, "resource");
    ResourceOrder order = of(sort, schema);
    if (order == null || items.size() < 2) {
      return new ArrayList<>(items);
    }
    Keyed[] keyed = new Keyed[items.size()];
    int i = 0;
    for (T item : items) {
      keyed[i++] = new Keyed(item, order.key(resource.apply(item)));
    }
    // Arrays.sort on objects is stable, so ties keep their order.
    Arrays.sort(keyed, (a, b) -> order.compareKeys(a.key, b.key));
    List<T> sorted = new ArrayList<>(keyed.length);
    for (Keyed k : keyed) {
      @SuppressWarnings("unchecked") // every item was a T
      T item = (T) k.item;
      sorted.add(item);
    }
    return sorted;
  }

  /**
   * How {@code sort} orders resources of {@code schema}'s type, or null when no resource has a
   * value for it (the order does not change).
   */
  static ResourceOrder of(Sort sort, ResourceSchema schema) {
    requireNonNull(sort, "sort");
    requireNonNull(schema, "schema");
    Optional<ResolvedAttribute> found = schema.resolve(sort.by());
    if (found.isEmpty()) {
      return null;
    }
    ResolvedAttribute resolved = found.get();
    AttributeDefinition key =
        resolved.subAttribute() != null
            ? resolved.subAttribute()
            : resolved.attribute().isComplex()
                ? resolved.attribute().subAttribute("value").orElse(null)
                : resolved.attribute();
    if (key == null || key.isComplex()) {
      return null;
    }
    return new ResourceOrder(resolved, key, sort.order() == SortOrder.DESCENDING);
  }

  /** The canonical path of the value compared: {@code emails.value} for {@code emails}. */
  AttributePath keyPath() {
    return keyPath;
  }

  /** The definition of the value compared. */
  AttributeDefinition keyDefinition() {
    return key;
  }

  /** Whether the attribute is multi-valued, so its primary or first value is compared. */
  boolean multiValued() {
    return multiValued;
  }

  boolean descending() {
    return descending;
  }

  /** Whether strings of {@code definition} compare with their case. */
  static boolean caseExact(AttributeDefinition definition) {
    // RFC 7643 §2.3.6: binary values are case-exact whatever the schema says.
    return definition.caseExact() || definition.type() == AttributeType.BINARY;
  }

  /** Whether {@code type} holds strings: string, reference or binary. */
  static boolean isString(AttributeType type) {
    return type == AttributeType.STRING
        || type == AttributeType.REFERENCE
        || type == AttributeType.BINARY;
  }

  /** The resource's sort value as the Java type it compares by, or null if it has none. */
  Object key(ScimResource resource) {
    ObjectNode container = ResourceTrees.tree(resource);
    if (extension != null) {
      JsonNode values = Json.get(container, extension);
      if (values == null || !values.isObject()) {
        return null;
      }
      container = (ObjectNode) values;
    }
    JsonNode value = Json.get(container, attribute);
    if (value == null || !value.isArray()) {
      return typed(sub == null ? value : member(value, sub));
    }
    Object first = null;
    for (JsonNode element : value) {
      Object key = typed(sub == null ? element : member(element, sub));
      if (key != null && isTrue(member(element, "primary"))) {
        return key;
      }
      if (first == null) {
        first = key;
      }
    }
    return first;
  }

  /** Compares two sort values, either of them null: missing values last, or first descending. */
  int compareKeys(Object a, Object b) {
    if (a == null || b == null) {
      int missingLast = a == null ? (b == null ? 0 : 1) : -1;
      return descending ? -missingLast : missingLast;
    }
    int order = values.compare(a, b);
    return descending ? -order : order;
  }

  private static JsonNode member(JsonNode object, String name) {
    return object != null && object.isObject() ? Json.get((ObjectNode) object, name) : null;
  }

  private static boolean isTrue(JsonNode value) {
    return value != null
        && (value.isBoolean()
            ? value.booleanValue()
            : value.isTextual() && Boolean.TRUE.equals(Comparisons.parseBoolean(value.asText())));
  }

  /** The value as the Java type {@link #key} compares by, or null if missing or ill-typed. */
  private Object typed(JsonNode value) {
    if (value == null || value.isNull() || value.isContainerNode() || value.isMissingNode()) {
      return null;
    }
    switch (key.type()) {
      case BOOLEAN:
        return value.isBoolean()
            ? Boolean.valueOf(value.booleanValue())
            : value.isTextual() ? Comparisons.parseBoolean(value.textValue()) : null;
      case INTEGER:
      case DECIMAL:
        return number(value);
      case DATE_TIME:
        try {
          return value.isTextual() ? Meta.parseDateTime(value.textValue()) : null;
        } catch (ScimException e) {
          return null;
        }
      default:
        return value.isTextual() && !value.textValue().isEmpty() ? value.textValue() : null;
    }
  }

  private static BigDecimal number(JsonNode value) {
    if (value.isNumber()) {
      boolean finite =
          !(value.isDouble() || value.isFloat()) || Double.isFinite(value.doubleValue());
      return finite ? value.decimalValue() : null;
    }
    try {
      return new BigDecimal(value.asText());
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Comparator<Object> valueOrder(AttributeDefinition definition) {
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
            caseExact(definition) ? Comparator.naturalOrder() : String.CASE_INSENSITIVE_ORDER;
        return (a, b) -> strings.compare((String) a, (String) b);
    }
  }

  /** An item and its sort value. */
  private static final class Keyed {
    private final Object item;
    private final Object key;

    Keyed(Object item, Object key) {
      this.item = item;
      this.key = key;
    }
  }
}
