package dev.roster.scim.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.patch.PatchOp;
import dev.roster.scim.core.patch.PatchOperation;
import dev.roster.scim.core.patch.PatchPath;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.Mutability;
import dev.roster.scim.core.schema.ResolvedAttribute;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.filter.FilterEvaluator;
import dev.roster.scim.filter.FilterParser;
import dev.roster.scim.filter.FilterSyntaxException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One application of a PATCH request: a working copy of the resource and the rules to change it.
 */
final class PatchRun {
  private final ResourceSchema schema;
  private final SchemaValidator validator;
  private final FilterEvaluator evaluator;
  private final FilterParser parser;
  private final ObjectNode root;
  private final String id;

  PatchRun(
      ResourceSchema schema,
      SchemaValidator validator,
      FilterEvaluator evaluator,
      FilterParser parser,
      ScimResource resource) {
    this.schema = schema;
    this.validator = validator;
    this.evaluator = evaluator;
    this.parser = parser;
    this.root = resource.toJson();
    this.id = resource.id();
  }

  ScimResource result() {
    return ScimResource.fromJson(root);
  }

  void apply(PatchOperation operation) {
    if (operation.path() == null) {
      applyWithoutPath(operation.op(), operation.value());
      return;
    }
    Target target = target(operation.path());
    if (operation.op() == PatchOp.REMOVE) {
      remove(target, operation.value());
    } else {
      set(target, operation.op(), operation.value());
    }
  }

  /** The attribute a path targets: an extension as a whole, an attribute, or parts of one. */
  private record Target(
      Schema extension,
      AttributeDefinition attribute,
      Filter filter,
      AttributeDefinition sub,
      String text) {

    boolean wholeExtension() {
      return attribute == null;
    }

    AttributePath path() {
      return new AttributePath(extension == null ? null : extension.id(), attribute.name(), null);
    }
  }

  private Target target(PatchPath path) {
    AttributePath attribute = path.attribute();
    String text = path.toString();
    if (attribute.schema() != null) {
      // "urn:...:enterprise:2.0:User" parses as schema "urn:...:2.0" and attribute "User".
      Optional<Schema> extension =
          schema.extension(attribute.schema() + ":" + attribute.attribute());
      if (extension.isPresent()) {
        if (path.valueFilter() != null) {
          throw ScimException.invalidPath("A schema extension cannot take a value filter");
        }
        if (attribute.subAttribute() == null) {
          return new Target(extension.get(), null, null, null, text);
        }
        // The pre-2019 Entra form "urn:...:User.manager" names the extension's attribute.
        attribute = new AttributePath(extension.get().id(), attribute.subAttribute(), null);
      }
    }
    ResolvedAttribute resolved =
        schema
            .resolve(attribute.topLevel())
            .orElseThrow(
                () ->
                    ScimException.invalidPath(
                        "'"
                            + path.attribute().topLevel()
                            + "' is not an attribute of resource type "
                            + schema.resourceType().name()));
    AttributeDefinition definition = resolved.attribute();
    String subName =
        attribute.subAttribute() != null ? attribute.subAttribute() : path.subAttribute();
    AttributeDefinition sub = null;
    if (subName != null) {
      sub =
          definition
              .subAttribute(subName)
              .orElseThrow(
                  () ->
                      ScimException.invalidPath(
                          "'" + definition.name() + "' has no sub-attribute '" + subName + "'"));
    }
    if (path.valueFilter() != null && !(definition.multiValued() && definition.isComplex())) {
      throw ScimException.invalidPath(
          "A value filter needs a multi-valued complex attribute; '"
              + definition.name()
              + "' is not one");
    }
    Schema extension = resolved.extension() ? resolved.schema() : null;
    return new Target(extension, definition, path.valueFilter(), sub, text);
  }

  private void applyWithoutPath(PatchOp op, JsonNode value) {
    if (value == null || !value.isObject()) {
      throw ScimException.invalidSyntax(
          "An " + op + " without a path needs an object of attributes as its value");
    }
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      String key = member.getKey();
      JsonNode memberValue = member.getValue();
      if (key.equalsIgnoreCase("schemas") || key.equalsIgnoreCase("meta")) {
        continue; // read-only; Okta and Entra echo them
      }
      if (key.equalsIgnoreCase("id")) {
        if (!memberValue.isTextual() || !memberValue.textValue().equals(id)) {
          throw ScimException.mutability("'id' is readOnly and cannot change");
        }
        continue;
      }
      Optional<Schema> extension = schema.extension(key);
      if (extension.isPresent()) {
        set(new Target(extension.get(), null, null, null, key), op, memberValue);
        continue;
      }
      PatchPath path;
      try {
        path = parser.parsePath(key); // name.givenName, emails[type eq "work"].value, ...
      } catch (FilterSyntaxException e) {
        throw new ScimException(
            400, ScimType.INVALID_PATH, "'" + key + "' in the value is not an attribute path", e);
      }
      Target target;
      try {
        target = target(path);
      } catch (ScimException e) {
        if (validator.mode() == SchemaValidator.Mode.LENIENT
            && path.valueFilter() == null
            && e.scimType().filter(ScimType.INVALID_PATH::equals).isPresent()) {
          validator.reportDropped(key);
          continue; // unknown attributes are ignored in lenient mode, as in POST and PUT bodies
        }
        throw e; // a value-filtered key is a path, as an operation's "path" is
      }
      set(target, op, memberValue);
    }
  }

  private void set(Target target, PatchOp op, JsonNode raw) {
    if (target.wholeExtension()) {
      if (!raw.isObject()) {
        throw ScimException.invalidValue(
            "'" + target.extension().id() + "' needs an object of the extension's attributes");
      }
      for (Map.Entry<String, JsonNode> member : raw.properties()) {
        Optional<AttributeDefinition> definition = target.extension().attribute(member.getKey());
        if (definition.isEmpty()) {
          unknown(target.extension().id() + ":" + member.getKey());
          continue;
        }
        Target attribute =
            new Target(target.extension(), definition.get(), null, null, definition.get().name());
        set(attribute, op, member.getValue());
      }
      return;
    }
    if (target.filter() != null) {
      setFiltered(target, op, raw);
    } else if (target.sub() != null) {
      setSubAttribute(target, op, raw);
    } else {
      setAttribute(target, op, raw);
    }
    tidy(target);
  }

  private void setAttribute(Target target, PatchOp op, JsonNode raw) {
    AttributeDefinition definition = target.attribute();
    writable(definition, definition.name());
    requireValueToAdd(op, raw, definition, definition.name());
    JsonNode given = reference(definition, raw);
    if (!definition.multiValued() && definition.isComplex() && given != null && given.isObject()) {
      mergeComplex(target, (ObjectNode) given);
      return;
    }
    JsonNode value = validator.validateValue(definition, given, target.text());
    ObjectNode container = container(target, value != null);
    if (value == null) {
      // No value: unassigned (RFC 7643 §2.5). An add replaces a single value (RFC 7644 §3.5.2.1)
      // but adds nothing to a multi-valued attribute.
      if ((op == PatchOp.REPLACE || !definition.multiValued()) && container != null) {
        notRequired(definition, definition.name());
        remove(container, definition.name());
      }
      return;
    }
    String name = definition.name();
    if (!definition.multiValued()) {
      put(container, name, value);
      return;
    }
    ArrayNode values = (ArrayNode) value;
    requireMemberValues(target, values);
    if (op == PatchOp.REPLACE) {
      put(container, name, values);
      return;
    }
    ArrayNode current = array(container, name, true);
    List<JsonNode> added = new ArrayList<>();
    for (JsonNode element : values) {
      if (indexOfEqual(current, element, definition) < 0) {
        current.add(element);
        added.add(element);
      }
    }
    onePrimary(current, added);
  }

  /**
   * Sets the sub-attributes a complex value gives and leaves the others as they are (RFC 7644
   * §3.5.2.1, §3.5.2.3): one given as null becomes unassigned (RFC 7643 §2.5), and {@code {}}
   * changes nothing. A value naming another referent than the stored one ({@code {"value": id}}
   * with a new manager id) replaces the whole value, so the old manager's {@code $ref} and {@code
   * displayName} do not stay behind.
   */
  private void mergeComplex(Target target, ObjectNode given) {
    AttributeDefinition definition = target.attribute();
    Map<AttributeDefinition, JsonNode> subs = subAttributes(definition, given, target.text());
    ObjectNode container = container(target, subs.values().stream().anyMatch(Objects::nonNull));
    if (container == null) {
      return;
    }
    JsonNode current = Json.get(container, definition.name());
    if (current != null && current.isObject() && sameReferent((ObjectNode) current, subs)) {
      setSubAttributes((ObjectNode) current, definition, subs);
      return;
    }
    ObjectNode value = Json.object();
    setSubAttributes(value, definition, subs);
    if (!value.isEmpty()) {
      put(container, definition.name(), value);
    }
  }

  /**
   * The sub-attributes {@code given} names, each with its validated value, or null for one given as
   * null. ReadOnly sub-attributes are ignored, as in any value a client sends; unknown ones are
   * ignored in lenient mode.
   */
  private Map<AttributeDefinition, JsonNode> subAttributes(
      AttributeDefinition parent, ObjectNode given, String text) {
    Map<AttributeDefinition, JsonNode> subs = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : given.properties()) {
      Optional<AttributeDefinition> sub = parent.subAttribute(member.getKey());
      if (sub.isEmpty()) {
        unknown(parent.name() + "." + member.getKey());
      } else if (sub.get().mutability() != Mutability.READ_ONLY) {
        subs.put(
            sub.get(),
            validator.validateValue(sub.get(), member.getValue(), text + "." + sub.get().name()));
      }
    }
    return subs;
  }

  private void setSubAttributes(
      ObjectNode element, AttributeDefinition parent, Map<AttributeDefinition, JsonNode> subs) {
    subs.forEach((sub, value) -> setSubAttribute(element, parent, sub, value));
  }

  /**
   * Sets one sub-attribute of one complex value, or makes it unassigned for a null {@code value}.
   *
   * @throws ScimException {@code mutability} for a change of an immutable sub-attribute that has a
   *     value, or for unassigning a required one
   */
  private static void setSubAttribute(
      ObjectNode element, AttributeDefinition parent, AttributeDefinition sub, JsonNode value) {
    String name = parent.name() + "." + sub.name();
    JsonNode old = Json.get(element, sub.name());
    if (sub.mutability() == Mutability.IMMUTABLE
        && old != null
        && !old.isNull()
        && !old.equals(value)) {
      throw ScimException.mutability("'" + name + "' is immutable and already has a value");
    }
    if (value == null) {
      notRequired(sub, name);
      remove(element, sub.name());
    } else {
      put(element, sub.name(), value);
    }
  }

  private void setSubAttribute(Target target, PatchOp op, JsonNode raw) {
    AttributeDefinition parent = target.attribute();
    AttributeDefinition sub = target.sub();
    String name = parent.name() + "." + sub.name();
    writable(parent, parent.name());
    writable(sub, name);
    requireValueToAdd(op, raw, sub, name);
    JsonNode value = validator.validateValue(sub, raw, target.text());
    ObjectNode container = container(target, value != null);
    if (container == null) {
      return;
    }
    if (!parent.multiValued()) {
      JsonNode current = Json.get(container, parent.name());
      if (value == null) {
        notRequired(sub, name);
        if (current != null && current.isObject()) {
          remove((ObjectNode) current, sub.name());
        }
        return;
      }
      ObjectNode object =
          current != null && current.isObject() ? (ObjectNode) current : Json.object();
      object.set(sub.name(), value);
      put(container, parent.name(), object);
      return;
    }
    ArrayNode elements = array(container, parent.name(), value != null);
    if (elements == null) {
      return;
    }
    if (elements.isEmpty() && value != null) {
      elements.add(Json.object().set(sub.name(), value));
      return;
    }
    for (JsonNode element : elements) {
      if (value == null) {
        remove((ObjectNode) element, sub.name());
      } else {
        ((ObjectNode) element).set(sub.name(), value);
      }
    }
  }

  private void setFiltered(Target target, PatchOp op, JsonNode raw) {
    AttributeDefinition definition = target.attribute();
    writable(definition, definition.name());
    ObjectNode container = container(target, true);
    ArrayNode elements = array(container, definition.name(), true);
    List<ObjectNode> matches = matches(target, elements);
    if (target.sub() != null) {
      AttributeDefinition sub = target.sub();
      writable(sub, definition.name() + "." + sub.name());
      requireValueToAdd(op, raw, sub, definition.name() + "." + sub.name());
      JsonNode value = validator.validateValue(sub, raw, target.text());
      if (matches.isEmpty()) {
        if (value == null) {
          return;
        }
        // Entra sets emails[type eq "work"].value on users that have no work email yet.
        ObjectNode created = elementFromFilter(target.filter());
        if (created == null) {
          throw ScimException.noTarget("No value matches the filter, and none can be made from it");
        }
        created.set(sub.name(), value);
        JsonNode element = validator.validateValue(definition, created, target.text()).get(0);
        elements.add(element);
        onePrimary(elements, List.of(element));
        return;
      }
      for (ObjectNode match : matches) {
        setSubAttribute(match, definition, sub, value);
      }
      onePrimary(elements, new ArrayList<>(matches));
      return;
    }
    requireValueToAdd(op, raw, definition, definition.name());
    if (matches.isEmpty()) {
      if (op == PatchOp.REPLACE) {
        throw ScimException.noTarget("No value matches the filter (RFC 7644 §3.5.2.3)");
      }
      JsonNode value = validator.validateValue(definition, raw, target.text());
      if (value != null) {
        requireMemberValues(target, value);
        value.forEach(elements::add);
        onePrimary(elements, List.copyOf(toList(value)));
      }
      return;
    }
    JsonNode given = raw != null && raw.isArray() && raw.size() == 1 ? raw.get(0) : raw;
    if (given == null || given.isNull() || given.isArray() && given.isEmpty()) {
      // RFC 7643 §2.5: null and [] are unassigned; an add of them adds nothing.
      if (op == PatchOp.REPLACE) {
        elements.removeIf(element -> matches.stream().anyMatch(m -> m == element));
      }
      return;
    }
    if (!given.isObject()) {
      throw ScimException.invalidValue(
          "A value filter selects the values to change; give one JSON object of the"
              + " sub-attributes to set"
              + (given.isArray() ? ", not a list of " + given.size() : ""));
    }
    // RFC 7644 §3.5.2.3: sub-attributes not given are left unchanged, in each matching value.
    Map<AttributeDefinition, JsonNode> subs =
        subAttributes(definition, (ObjectNode) given, target.text());
    for (ObjectNode match : matches) {
      setSubAttributes(match, definition, subs);
    }
    onePrimary(elements, new ArrayList<>(matches));
  }

  private void remove(Target target, JsonNode raw) {
    if (target.wholeExtension()) {
      if (schema.requires(target.extension())) {
        throw ScimException.mutability(
            "The extension " + target.extension().id() + " is required and cannot be removed");
      }
      remove(root, target.extension().id());
      return;
    }
    AttributeDefinition definition = target.attribute();
    writable(definition, definition.name());
    ObjectNode container = container(target, false);
    if (container == null) {
      notRequired(definition, definition.name());
      return;
    }
    if (target.filter() == null && target.sub() == null) {
      if (raw != null && !raw.isNull() && definition.multiValued()) {
        removeValues(
            target, array(container, definition.name(), false), unwrapped(definition, raw));
      } else {
        notRequired(definition, definition.name());
        remove(container, definition.name());
      }
      tidy(target);
      return;
    }
    if (target.filter() == null) {
      setSubAttribute(target, PatchOp.REMOVE, null);
      tidy(target);
      return;
    }
    ArrayNode elements = array(container, definition.name(), false);
    if (elements == null) {
      return;
    }
    List<ObjectNode> matches = matches(target, elements);
    if (target.sub() == null) {
      elements.removeIf(element -> matches.stream().anyMatch(m -> m == element));
    } else {
      writable(target.sub(), definition.name() + "." + target.sub().name());
      notRequired(target.sub(), definition.name() + "." + target.sub().name());
      matches.forEach(match -> remove(match, target.sub().name()));
    }
    tidy(target);
  }

  /**
   * Removes the values a {@code remove} lists in its value: Entra's {@code
   * {"op":"Remove","path":"members","value":[{"value":"id"}]}}, and the same for any multi-valued
   * attribute (issue #16). A group member is matched by its id; any other value matches when each
   * sub-attribute the given value has equals its own, compared as a filter's {@code eq} compares (a
   * simple value as {@code value eq}). A given value that matches nothing removes nothing, as a
   * value filter that matches nothing does; one that names nothing to compare is refused, since it
   * would match every value.
   */
  private void removeValues(Target target, ArrayNode current, JsonNode raw) {
    AttributeDefinition definition = target.attribute();
    ArrayNode given = Json.array();
    for (JsonNode element : raw.isArray() ? raw : List.of(raw)) {
      JsonNode values = validator.validateValue(definition, element, target.text());
      if (values == null) {
        throw ScimException.invalidValue(
            "A value to remove from '"
                + definition.name()
                + "' must give what to match: "
                + (definition.isComplex() ? "at least one sub-attribute" : "a value"));
      }
      given.addAll((ArrayNode) values);
    }
    if (isGroupMembers(target)) {
      requireMemberValues(target, given);
      for (JsonNode value : current == null ? Json.array() : given) {
        int index;
        while ((index = indexOfEqual(current, value, definition)) >= 0) {
          current.remove(index);
        }
      }
      return;
    }
    if (current == null || given.isEmpty()) {
      return;
    }
    List<Filter> selectors = new ArrayList<>();
    given.forEach(value -> selectors.add(selector(definition, value)));
    Filter selector = selectors.size() == 1 ? selectors.get(0) : new Filter.Or(selectors);
    AttributePath path = target.path();
    current.removeIf(element -> evaluator.matchesElement(path, selector, element));
  }

  /**
   * The value filter selecting the values equal to {@code value} in what it gives: {@code type eq
   * "home" and primary eq true} for {@code {"type": "home", "primary": true}}, {@code value eq "x"}
   * for a simple {@code "x"}.
   */
  private static Filter selector(AttributeDefinition definition, JsonNode value) {
    if (!definition.isComplex()) {
      return new Filter.Compare(AttributePath.of("value"), ComparisonOperator.EQ, literal(value));
    }
    List<Filter> terms = new ArrayList<>();
    for (Map.Entry<String, JsonNode> sub : value.properties()) {
      terms.add(
          new Filter.Compare(
              AttributePath.of(sub.getKey()), ComparisonOperator.EQ, literal(sub.getValue())));
    }
    return terms.size() == 1 ? terms.get(0) : new Filter.And(terms);
  }

  /** A validated simple value as a filter literal. */
  private static Object literal(JsonNode value) {
    if (value.isBoolean()) {
      return value.booleanValue();
    }
    return value.isNumber() ? value.decimalValue() : value.asText();
  }

  /**
   * A {@code remove} value given as {@code {"emails": [...]}}, the shape of a path-less value, is
   * the list it wraps; any other value is returned as it is.
   */
  static JsonNode unwrapped(AttributeDefinition definition, JsonNode value) {
    if (value.isObject()
        && value.size() == 1
        && definition.subAttribute(definition.name()).isEmpty()) {
      JsonNode wrapped = Json.get((ObjectNode) value, definition.name());
      if (wrapped != null && !wrapped.isNull()) {
        return wrapped;
      }
    }
    return value;
  }

  private List<ObjectNode> matches(Target target, ArrayNode elements) {
    List<ObjectNode> matches = new ArrayList<>();
    if (elements == null) {
      return matches;
    }
    AttributePath path = target.path();
    for (JsonNode element : elements) {
      if (element.isObject() && evaluator.matchesElement(path, target.filter(), element)) {
        matches.add((ObjectNode) element);
      }
    }
    return matches;
  }

  /**
   * The element a filter of {@code eq} comparisons describes ({@code type eq "work"} gives {@code
   * {"type": "work"}}), or null if the filter is anything else.
   */
  private static ObjectNode elementFromFilter(Filter filter) {
    List<Filter> terms = filter instanceof Filter.And and ? and.operands() : List.of(filter);
    ObjectNode element = Json.object();
    for (Filter term : terms) {
      if (!(term instanceof Filter.Compare compare)
          || compare.operator() != ComparisonOperator.EQ
          || compare.value() == null
          || compare.attribute().hasSubAttribute()) {
        return null;
      }
      Object value = compare.value();
      String name = compare.attribute().attribute();
      if (value instanceof String text) {
        element.put(name, text);
      } else if (value instanceof Boolean bool) {
        element.put(name, bool);
      } else {
        element.put(name, (BigDecimal) value);
      }
    }
    return element;
  }

  /**
   * A complex single-valued attribute with a {@code value} sub-attribute may arrive as the bare
   * value: Entra PATCHes {@code manager} with the manager's id, and clears it with {@code ""} or
   * {@code {"value": ""}}.
   */
  private static JsonNode reference(AttributeDefinition definition, JsonNode raw) {
    if (!definition.isComplex()
        || definition.multiValued()
        || definition.subAttribute("value").isEmpty()
        || raw == null) {
      return raw;
    }
    if (raw.isArray() && raw.size() == 1) {
      raw = raw.get(0); // an old Entra document sends manager as a one-element list
    }
    if (raw.isTextual()) {
      return raw.textValue().isEmpty() ? null : Json.object().put("value", raw.textValue());
    }
    JsonNode value = raw.isObject() ? Json.get((ObjectNode) raw, "value") : null;
    if (value != null && value.isTextual() && value.textValue().isEmpty()) {
      return null;
    }
    return raw;
  }

  /**
   * Whether the sub-attributes given for a complex value refer to the same thing as its current
   * value: they give no {@code value}, or the same. A new manager id replaces the whole value, or
   * the old manager's {@code $ref} and {@code displayName} would stay behind.
   */
  private static boolean sameReferent(ObjectNode current, Map<AttributeDefinition, JsonNode> subs) {
    for (Map.Entry<AttributeDefinition, JsonNode> sub : subs.entrySet()) {
      if (sub.getKey().isNamed("value") && sub.getValue() != null) {
        return sub.getValue().equals(Json.get(current, "value"));
      }
    }
    return true;
  }

  /** A group member is its id: one without a {@code value} is refused, as in a member delta. */
  private void requireMemberValues(Target target, JsonNode values) {
    if (!isGroupMembers(target)) {
      return;
    }
    for (JsonNode element : values) {
      JsonNode value = element.isObject() ? Json.get((ObjectNode) element, "value") : null;
      if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
        throw ScimException.invalidValue("A member needs a 'value' holding the member's id");
      }
    }
  }

  /** Whether the target is the resource type's core {@code members}, whose values are ids. */
  private boolean isGroupMembers(Target target) {
    return target.extension() == null
        && target.attribute().isNamed("members")
        && schema.resolve(AttributePath.of("members")).isPresent();
  }

  /** Keeps at most one {@code primary: true}: the last of {@code chosen} that has it wins. */
  private static void onePrimary(ArrayNode elements, List<JsonNode> chosen) {
    JsonNode winner = null;
    for (JsonNode element : chosen) {
      if (element.isObject() && element.path("primary").asBoolean(false)) {
        winner = element;
      }
    }
    if (winner == null) {
      return;
    }
    for (JsonNode element : elements) {
      if (element != winner && element.isObject() && element.path("primary").asBoolean(false)) {
        ((ObjectNode) element).put("primary", false);
      }
    }
  }

  /**
   * The index of a value equal to {@code candidate}, or -1. Complex values with a {@code value}
   * sub-attribute are equal when their {@code value}s are (compared by its {@code caseExact}) and
   * their {@code type}s do not differ, so a member re-sent with a {@code display} is not added
   * twice.
   */
  private static int indexOfEqual(ArrayNode elements, JsonNode candidate, AttributeDefinition def) {
    for (int i = 0; i < elements.size(); i++) {
      if (sameValue(elements.get(i), candidate, def)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean sameValue(JsonNode a, JsonNode b, AttributeDefinition definition) {
    if (!definition.isComplex()) {
      return sameText(a, b, definition.caseExact());
    }
    if (!a.isObject() || !b.isObject()) {
      return a.equals(b);
    }
    JsonNode valueA = Json.get((ObjectNode) a, "value");
    JsonNode valueB = Json.get((ObjectNode) b, "value");
    if (valueA == null || valueB == null) {
      return a.equals(b);
    }
    boolean caseExact =
        definition.subAttribute("value").map(AttributeDefinition::caseExact).orElse(false);
    JsonNode typeA = Json.get((ObjectNode) a, "type");
    JsonNode typeB = Json.get((ObjectNode) b, "type");
    return sameText(valueA, valueB, caseExact)
        && (typeA == null || typeB == null || sameText(typeA, typeB, false));
  }

  private static boolean sameText(JsonNode a, JsonNode b, boolean caseExact) {
    if (!caseExact && a.isTextual() && b.isTextual()) {
      return a.textValue().equalsIgnoreCase(b.textValue());
    }
    return a.equals(b);
  }

  private void writable(AttributeDefinition definition, String name) {
    if (definition.mutability() == Mutability.READ_ONLY) {
      throw ScimException.mutability("'" + name + "' is readOnly");
    }
  }

  /**
   * An {@code add} of null gives no value (RFC 7643 §2.5), which a required attribute must have.
   *
   * @throws ScimException {@code invalidValue} for an add of null to a required attribute
   */
  private static void requireValueToAdd(
      PatchOp op, JsonNode raw, AttributeDefinition definition, String name) {
    if (op == PatchOp.ADD && (raw == null || raw.isNull()) && definition.required()) {
      throw ScimException.invalidValue(
          "'" + name + "' is required, and an add of null gives it no value (RFC 7643 §2.5)");
    }
  }

  private static void notRequired(AttributeDefinition definition, String name) {
    if (definition.required()) {
      throw ScimException.mutability("'" + name + "' is required and cannot be removed");
    }
  }

  private void unknown(String name) {
    if (validator.mode() == SchemaValidator.Mode.STRICT) {
      throw ScimException.invalidPath(
          "'" + name + "' is not an attribute of resource type " + schema.resourceType().name());
    }
    validator.reportDropped(name);
  }

  /** The object holding the target's attribute: the resource, or its extension's object. */
  private ObjectNode container(Target target, boolean create) {
    if (target.extension() == null) {
      return root;
    }
    JsonNode existing = Json.get(root, target.extension().id());
    if (existing != null && existing.isObject()) {
      return (ObjectNode) existing;
    }
    if (!create) {
      return null;
    }
    ObjectNode created = Json.object();
    put(root, target.extension().id(), created);
    return created;
  }

  private static ArrayNode array(ObjectNode container, String name, boolean create) {
    JsonNode current = Json.get(container, name);
    if (current != null && current.isArray()) {
      return (ArrayNode) current;
    }
    if (!create) {
      return null;
    }
    ArrayNode created = Json.array();
    put(container, name, created);
    return created;
  }

  /** Sets a member, in its place if it has one, replacing one whose name differs only in case. */
  private static void put(ObjectNode container, String name, JsonNode value) {
    if (!container.has(name)) {
      remove(container, name);
    }
    container.set(name, value);
  }

  private static void remove(ObjectNode container, String name) {
    for (Iterator<Map.Entry<String, JsonNode>> it = container.properties().iterator();
        it.hasNext(); ) {
      if (it.next().getKey().equalsIgnoreCase(name)) {
        it.remove();
      }
    }
  }

  /** Drops what an operation left empty: an empty list, complex value or extension object. */
  private void tidy(Target target) {
    ObjectNode container = container(target, false);
    if (container == null) {
      return;
    }
    JsonNode value = Json.get(container, target.attribute().name());
    if (value != null && value.isArray()) {
      ((ArrayNode) value).removeIf(element -> element.isObject() && element.isEmpty());
    }
    if (value != null && value.isContainerNode() && value.isEmpty()) {
      remove(container, target.attribute().name());
    }
    if (container != root && container.isEmpty()) {
      remove(root, target.extension().id());
    }
  }

  private static List<JsonNode> toList(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }
}
