package dev.roster.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.ResolvedAttribute;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.Returned;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Compiles a filter against a resource schema into an {@link EvaluatorNode} tree: resolves every
 * path once, checks each operator against the attribute's type and parses literals once, so that a
 * filter the evaluator cannot apply fails with {@code invalidFilter} whatever the data.
 *
 * <p>One compiler compiles paths relative to the resource; a value path's filter gets its own,
 * relative to the elements of the attribute before the {@code [}.
 */
final class EvaluatorCompiler implements Filter.Visitor<EvaluatorNode> {
  /** RFC 7644 §3.4.2.2 lets clients filter on {@code schemas}, which no schema document defines. */
  private static final AttributeDefinition SCHEMAS =
      AttributeDefinition.builder("schemas")
          .type(AttributeType.REFERENCE)
          .multiValued(true)
          .build();

  private final ResourceSchema schema;
  private final FilterEvaluator.Mode mode;
  private final List<EvaluatorScope.Slot> slots;

  /** The multi-valued attribute whose elements paths are relative to, or null. */
  private final AttributeDefinition element;

  /** The path before the {@code [}, for messages; null at the resource level. */
  private final AttributePath elementPath;

  private EvaluatorCompiler(
      ResourceSchema schema,
      FilterEvaluator.Mode mode,
      List<EvaluatorScope.Slot> slots,
      AttributeDefinition element,
      AttributePath elementPath) {
    this.schema = schema;
    this.mode = mode;
    this.slots = slots;
    this.element = element;
    this.elementPath = elementPath;
  }

  /** Compiles a filter whose paths are relative to the resource. */
  static EvaluatorPlan forResources(
      ResourceSchema schema, FilterEvaluator.Mode mode, Filter filter) {
    List<EvaluatorScope.Slot> slots = new ArrayList<>();
    EvaluatorNode root = filter.accept(new EvaluatorCompiler(schema, mode, slots, null, null));
    return new EvaluatorPlan(filter, null, root, slots);
  }

  /** Compiles a value filter whose paths are relative to elements of {@code attribute}. */
  static EvaluatorPlan forElements(
      ResourceSchema schema, FilterEvaluator.Mode mode, AttributePath attribute, Filter filter) {
    if (attribute.hasSubAttribute()) {
      throw new IllegalArgumentException(
          "A value filter selects elements of a top-level attribute, not '" + attribute + "'");
    }
    List<EvaluatorScope.Slot> slots = new ArrayList<>();
    EvaluatorCompiler outer = new EvaluatorCompiler(schema, mode, slots, null, null);
    Target target = outer.resolve(attribute, "'" + attribute + "'");
    EvaluatorNode root;
    if (target == null) {
      root = EvaluatorNode.FALSE;
    } else {
      checkValueFilterable(target.definition, attribute);
      root =
          filter.accept(new EvaluatorCompiler(schema, mode, slots, target.definition, attribute));
    }
    return new EvaluatorPlan(filter, attribute, root, slots);
  }

  @Override
  public EvaluatorNode visitCompare(Filter.Compare compare) {
    ComparisonOperator op = compare.operator();
    Object literal = compare.value();
    String where = where(compare);
    if (literal == null && op != ComparisonOperator.EQ && op != ComparisonOperator.NE) {
      throw ScimException.invalidFilter(
          where + ": only eq and ne compare with null; use 'pr' to test for a value");
    }
    // ne is "not eq", so a missing value is not equal; eq null is "not present".
    boolean negate = (op == ComparisonOperator.NE) != (literal == null);
    Target target = resolve(compare.attribute(), where);
    if (target == null) {
      return EvaluatorNode.constant(negate);
    }
    if (literal == null) {
      return new EvaluatorNode.Leaf(target.access, target.sub, Comparisons.PRESENT, negate);
    }
    AttributeDefinition definition = target.definition;
    String sub = target.sub;
    if (definition.isComplex()) {
      Optional<AttributeDefinition> value =
          sub == null ? definition.subAttribute("value") : Optional.empty();
      if (op.isOrdering() || value.isEmpty()) {
        throw ScimException.invalidFilter(
            where
                + ": '"
                + compare.attribute()
                + "' is complex; compare one of its sub-attributes, like '"
                + compare.attribute()
                + "."
                + definition.subAttributes().get(0).name()
                + "'");
      }
      // RFC 7644 §3.4.2.2's own example 'emails co "example.com"' compares the value sub-attribute.
      definition = value.get();
      sub = "value";
    }
    return new EvaluatorNode.Leaf(
        target.access, sub, valueTest(op, literal, definition, where), negate);
  }

  @Override
  public EvaluatorNode visitPresent(Filter.Present present) {
    Target target = resolve(present.attribute(), where(present));
    return target == null
        ? EvaluatorNode.FALSE
        : new EvaluatorNode.Leaf(target.access, target.sub, Comparisons.PRESENT, false);
  }

  @Override
  public EvaluatorNode visitAnd(Filter.And and) {
    return new EvaluatorNode.And(compileAll(and.operands()));
  }

  @Override
  public EvaluatorNode visitOr(Filter.Or or) {
    return new EvaluatorNode.Or(compileAll(or.operands()));
  }

  @Override
  public EvaluatorNode visitNot(Filter.Not not) {
    return new EvaluatorNode.Not(not.operand().accept(this));
  }

  @Override
  public EvaluatorNode visitValuePath(Filter.ValuePath valuePath) {
    String where = where(valuePath);
    if (element != null) {
      throw ScimException.invalidFilter(
          where + ": value filters do not nest; '" + elementPath + "[...]' already selects values");
    }
    Target target = resolve(valuePath.attribute(), where);
    if (target == null) {
      return EvaluatorNode.FALSE;
    }
    checkValueFilterable(target.definition, valuePath.attribute());
    EvaluatorCompiler inner =
        new EvaluatorCompiler(schema, mode, slots, target.definition, valuePath.attribute());
    return new EvaluatorNode.ValuePath(target.access, valuePath.filter().accept(inner));
  }

  private List<EvaluatorNode> compileAll(List<Filter> operands) {
    List<EvaluatorNode> compiled = new ArrayList<>(operands.size());
    for (Filter operand : operands) {
      compiled.add(operand.accept(this));
    }
    return compiled;
  }

  /**
   * Where a path's values are and what they are; null when the path names no attribute and the mode
   * is lenient, so that it has no value (RFC 7644 §3.4.2.1: "the service provider SHALL treat the
   * attribute as if there is no attribute value").
   */
  private Target resolve(AttributePath path, String where) {
    return element == null ? resolveInResource(path, where) : resolveInElement(path, where);
  }

  private Target resolveInResource(AttributePath path, String where) {
    if (path.schema() == null && !path.hasSubAttribute() && SCHEMAS.isNamed(path.attribute())) {
      return new Target(new EvaluatorNode.ResourceAccess(slot(null, "schemas")), null, SCHEMAS);
    }
    Optional<ResolvedAttribute> resolved = schema.resolve(path);
    if (resolved.isEmpty()) {
      return undefined(
          where
              + ": no schema of resource type "
              + schema.resourceType().name()
              + " defines '"
              + path
              + "'; use one of "
              + schema.schemaUrns()
              + " or a common attribute (id, externalId, meta)");
    }
    ResolvedAttribute attribute = resolved.get();
    checkFilterable(attribute.attribute(), path);
    attribute.sub().ifPresent(sub -> checkFilterable(sub, path));
    String extension = attribute.extension() ? attribute.schema().id() : null;
    return new Target(
        new EvaluatorNode.ResourceAccess(slot(extension, attribute.attribute().name())),
        attribute.subAttribute() == null ? null : attribute.subAttribute().name(),
        attribute.definition());
  }

  private Target resolveInElement(AttributePath path, String where) {
    if (path.schema() == null && !path.hasSubAttribute()) {
      if (element.isComplex()) {
        Optional<AttributeDefinition> sub = element.subAttribute(path.attribute());
        if (sub.isPresent()) {
          checkFilterable(sub.get(), path);
          return new Target(new EvaluatorNode.ElementAccess(sub.get().name()), null, sub.get());
        }
      } else if (path.attribute().equalsIgnoreCase("value")) {
        return new Target(EvaluatorNode.SelfAccess.INSTANCE, null, element);
      }
    }
    return undefined(
        where
            + ": inside '"
            + elementPath
            + "[...]' a path names one sub-attribute of "
            + elementPath
            + (element.isComplex() ? ", like 'type'" : ": 'value'")
            + ", and '"
            + path
            + "' is not one");
  }

  private Target undefined(String detail) {
    if (mode == FilterEvaluator.Mode.STRICT) {
      throw ScimException.invalidFilter(detail);
    }
    return null;
  }

  private int slot(String extension, String name) {
    EvaluatorScope.Slot slot = new EvaluatorScope.Slot(extension, name);
    int index = slots.indexOf(slot);
    if (index < 0) {
      slots.add(slot);
      index = slots.size() - 1;
    }
    return index;
  }

  /** Refuses attributes that are never returned (passwords): a filter would reveal them. */
  private static void checkFilterable(AttributeDefinition definition, AttributePath path) {
    if (definition.returned() == Returned.NEVER) {
      throw ScimException.invalidFilter(
          "'"
              + path
              + "' is never returned, so it cannot be filtered on; remove it from the filter");
    }
  }

  private static void checkValueFilterable(AttributeDefinition definition, AttributePath path) {
    if (!definition.isComplex() && !definition.multiValued()) {
      throw ScimException.invalidFilter(
          "'"
              + path
              + "[...]': a value filter selects values of a multi-valued or complex attribute, and '"
              + path
              + "' is a single "
              + definition.type()
              + "; compare it directly, like '"
              + path
              + " eq ...'");
    }
  }

  /** The test of one value against the literal; {@code ne} is tested as {@code eq}, negated. */
  private static Predicate<JsonNode> valueTest(
      ComparisonOperator op, Object literal, AttributeDefinition definition, String where) {
    ComparisonOperator test = op == ComparisonOperator.NE ? ComparisonOperator.EQ : op;
    String name = "'" + definition.name() + "'";
    switch (definition.type()) {
      case BOOLEAN:
        {
          if (test != ComparisonOperator.EQ) {
            throw ScimException.invalidFilter(
                where + ": " + name + " is boolean, so only eq and ne apply, not " + op);
          }
          Boolean value =
              literal instanceof Boolean
                  ? (Boolean) literal
                  : literal instanceof String ? Comparisons.parseBoolean((String) literal) : null;
          if (value == null) {
            throw ScimException.invalidFilter(
                where + ": " + name + " is boolean; compare it with true or false");
          }
          return Comparisons.booleanEquals(value);
        }
      case INTEGER:
      case DECIMAL:
        if (op.isSubstring()) {
          throw ScimException.invalidFilter(
              where + ": " + name + " is a number, so co, sw and ew do not apply");
        }
        if (!(literal instanceof BigDecimal)) {
          throw ScimException.invalidFilter(
              where + ": " + name + " is a number; compare it with a number like 42, unquoted");
        }
        return Comparisons.number(test, (BigDecimal) literal);
      case DATE_TIME:
        {
          String text = text(literal, name, where);
          if (op.isSubstring()) {
            return Comparisons.string(test, text, definition.caseExact());
          }
          Instant instant;
          try {
            instant = Meta.parseDateTime(text);
          } catch (ScimException e) {
            throw ScimException.invalidFilter(
                where
                    + ": "
                    + name
                    + " is a dateTime; compare it with one like \"2011-05-13T04:42:34Z\"");
          }
          return Comparisons.dateTime(test, instant);
        }
      case BINARY:
        if (op.isOrdering()) {
          throw ScimException.invalidFilter(
              where + ": " + name + " is binary, so gt, ge, lt and le do not apply (RFC 7644)");
        }
        // RFC 7643 §2.3.6: binary values are case-exact whatever the schema says.
        return Comparisons.string(test, text(literal, name, where), true);
      case STRING:
      case REFERENCE:
        return Comparisons.string(test, text(literal, name, where), definition.caseExact());
      default:
        throw ScimException.invalidFilter(
            where + ": " + name + " is complex; compare one of its sub-attributes");
    }
  }

  private static String text(Object literal, String name, String where) {
    if (!(literal instanceof String)) {
      throw ScimException.invalidFilter(
          where + ": " + name + " holds strings; compare it with a quoted string");
    }
    return (String) literal;
  }

  private String where(Filter filter) {
    return elementPath == null
        ? "'" + filter + "'"
        : "'" + filter + "' in '" + elementPath + "[...]'";
  }

  /** A resolved path: where its values start, the sub-attribute to descend to, its definition. */
  private static final class Target {
    final EvaluatorNode.Access access;
    final String sub;
    final AttributeDefinition definition;

    Target(EvaluatorNode.Access access, String sub, AttributeDefinition definition) {
      this.access = access;
      this.sub = sub;
      this.definition = definition;
    }
  }
}
