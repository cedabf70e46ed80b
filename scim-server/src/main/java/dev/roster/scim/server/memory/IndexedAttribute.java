package dev.roster.scim.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.CommonAttributes;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.Uniqueness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An attribute a table indexes by value: for {@code eq} lookups in searches, and for uniqueness
 * when {@code unique}.
 *
 * <p>Values are indexed by a key that is equal exactly when the filter evaluator's {@code eq} would
 * call them equal: the text itself for a {@code caseExact} attribute, else its {@link #fold}.
 *
 * @param path the attribute's canonical path (qualified with the URN for an extension attribute)
 * @param definition the attribute (or sub-attribute) the path ends at
 * @param unique whether no two resources of a tenant may share a value
 */
record IndexedAttribute(AttributePath path, AttributeDefinition definition, boolean unique) {

  /**
   * The attributes to index for a resource type: {@code externalId}, the core {@code userName} and
   * {@code displayName}, and every attribute (or sub-attribute) whose {@code uniqueness} is not
   * {@code none}, in the core schema or an extension.
   *
   * @param forcedUnique a core attribute that is unique whatever its schema says, or null
   */
  static List<IndexedAttribute> of(ResourceSchema schema, String forcedUnique) {
    List<IndexedAttribute> indexed = new ArrayList<>();
    indexed.add(
        new IndexedAttribute(AttributePath.of("externalId"), CommonAttributes.EXTERNAL_ID, false));
    List<Schema> schemas = new ArrayList<>();
    schemas.add(schema.coreSchema());
    schemas.addAll(schema.extensionSchemas());
    for (Schema owner : schemas) {
      boolean core = owner == schema.coreSchema();
      for (AttributeDefinition attribute : owner.attributes()) {
        AttributePath path = new AttributePath(core ? null : owner.id(), attribute.name(), null);
        if (attribute.isComplex()) {
          for (AttributeDefinition sub : attribute.subAttributes()) {
            if (sub.uniqueness() != Uniqueness.NONE) {
              indexed.add(new IndexedAttribute(path.withSubAttribute(sub.name()), sub, true));
            }
          }
          continue;
        }
        boolean unique =
            attribute.uniqueness() != Uniqueness.NONE
                || (core && forcedUnique != null && attribute.isNamed(forcedUnique));
        boolean looked =
            core && (attribute.isNamed("userName") || attribute.isNamed("displayName"));
        if (unique || looked) {
          indexed.add(new IndexedAttribute(path, attribute, unique));
        }
      }
    }
    return List.copyOf(indexed);
  }

  /**
   * The attribute's values in {@code resource}, each key mapped to the value's text (for messages).
   */
  Map<String, String> keys(ScimResource resource) {
    Map<String, String> keys = new LinkedHashMap<>();
    collect(resource.get(path), keys);
    return keys;
  }

  /** Whether an {@code eq} with a string literal can be answered from this index. */
  boolean answersStringEquality() {
    AttributeType type = definition.type();
    return type == AttributeType.STRING
        || type == AttributeType.REFERENCE
        || type == AttributeType.BINARY;
  }

  /** The key of a string literal compared with {@code eq}. */
  String key(String literal) {
    return exact() ? literal : fold(literal);
  }

  /**
   * {@code text} with every code point mapped to the lower case of its upper case: two strings fold
   * to the same text exactly when {@link String#equalsIgnoreCase} calls them equal.
   */
  static String fold(String text) {
    StringBuilder folded = new StringBuilder(text.length());
    text.codePoints()
        .forEach(cp -> folded.appendCodePoint(Character.toLowerCase(Character.toUpperCase(cp))));
    return folded.toString();
  }

  private boolean exact() {
    return definition.caseExact() || definition.type() == AttributeType.BINARY;
  }

  private void collect(JsonNode value, Map<String, String> keys) {
    if (value == null || value.isNull() || value.isObject()) {
      return;
    }
    if (value.isArray()) {
      value.forEach(element -> collect(element, keys));
      return;
    }
    String text = value.asText();
    keys.putIfAbsent(key(value, text), text);
  }

  private String key(JsonNode value, String text) {
    switch (definition.type()) {
      case BOOLEAN:
        return text.toLowerCase(Locale.ROOT);
      case INTEGER:
      case DECIMAL:
        return value.isNumber() ? value.decimalValue().stripTrailingZeros().toPlainString() : text;
      case DATE_TIME:
        try {
          return Meta.parseDateTime(text).toString();
        } catch (ScimException e) {
          return text;
        }
      default:
        return exact() ? text : fold(text);
    }
  }
}
