package dev.roster.scim.filter;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;

/**
 * Evaluates SCIM filters (RFC 7644 §3.4.2.2) against resources in memory, under the rules of one
 * resource type's schemas.
 *
 * <pre>{@code
 * FilterEvaluator evaluator = FilterEvaluator.lenient(registry.resourceSchema("User"));
 * Filter filter = FilterParser.withDefaults().parse("emails[type eq \"work\"] and active eq true");
 * List<ScimResource> found = users.stream().filter(u -> evaluator.matches(filter, u)).toList();
 * }</pre>
 *
 * <p>Semantics:
 *
 * <ul>
 *   <li>Attribute names and schema URNs ignore case, in the filter and in the resource; {@code
 *       urn:ietf:params:scim:schemas:core:2.0:User:userName} is {@code userName}, extension paths
 *       like {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value} look
 *       under the extension's URN, and {@code id}, {@code externalId}, {@code meta.*} and {@code
 *       schemas} can be filtered on.
 *   <li>Strings compare by the attribute's {@code caseExact}: without it, {@code eq}, {@code co},
 *       {@code sw}, {@code ew} and the orderings all ignore case the way {@link
 *       String#equalsIgnoreCase} does (per character, no locale), so {@code "ÆRØ"} equals {@code
 *       "ærø"}. Orderings on strings are lexicographic; {@code binary} values are case-exact.
 *   <li>Numbers compare by value ({@code 1} equals {@code 1.0}); dateTimes as instants ({@code
 *       2011-05-13T04:42:34Z} equals {@code 2011-05-13T06:42:34+02:00}), and {@code co}, {@code sw}
 *       and {@code ew} apply to their text.
 *   <li>Booleans take {@code eq} and {@code ne} only. The strings {@code "true"} and {@code
 *       "false"} in any case count as booleans, in the filter and in the resource, because
 *       Microsoft Entra ID sends {@code roles[primary eq "True"]} and {@code "primary": "True"}.
 *   <li>A multi-valued attribute matches if any of its values does: {@code emails.value co
 *       "@example.com"}. A comparison on a complex attribute without a sub-attribute compares its
 *       {@code value} sub-attribute, as the RFC's example {@code emails co "example.com"} does.
 *   <li>A value path {@code emails[type eq "work" and value co "@example.com"]} matches only if one
 *       and the same element satisfies the whole bracketed filter.
 *   <li>Missing values: {@code pr} is false for a missing attribute, JSON null, an empty string, an
 *       empty array and a complex value with no present sub-attribute. {@code eq null} is {@code
 *       not pr}, and {@code ne null} is {@code pr}. Every other operator is false on a missing
 *       value, except {@code ne}: {@code a ne v} is always {@code not (a eq v)}, so it is true when
 *       {@code a} has no value, and on a multi-valued attribute it means "no value equals v" (RFC
 *       7644 says only that the values "are not identical"; this is how the Ping SCIM 2 SDK reads
 *       it, and it keeps {@code ne} and {@code not eq} interchangeable).
 *   <li>An attribute the schemas do not define has no value in {@link Mode#LENIENT} mode (RFC 7644
 *       §3.4.2.1: "the service provider SHALL treat the attribute as if there is no attribute
 *       value"), so {@code pr} and {@code eq} are false and {@code ne} is true; in {@link
 *       Mode#STRICT} mode it is an error.
 * </ul>
 *
 * <p>Errors: a filter the evaluator cannot apply throws a {@link
 * dev.roster.scim.core.error.ScimException} 400 {@code invalidFilter} before any value is looked
 * at, whatever the resource holds: {@code gt}, {@code ge}, {@code lt} or {@code le} on a boolean,
 * binary or complex attribute; {@code co}, {@code sw} or {@code ew} on a boolean or number; a
 * literal of the wrong type ({@code userName eq 1}, {@code active eq "yes"}, a dateTime that does
 * not parse); null with an operator other than {@code eq} and {@code ne}; a value filter on a
 * single-valued simple attribute or inside another value filter; any attribute returned {@code
 * never}, such as {@code password}, since filtering would reveal it; and in strict mode an
 * undefined attribute. A value of the wrong type in the resource matches nothing.
 *
 * <p>Immutable in behaviour and thread-safe. The filter is compiled against the schema once and the
 * compilation is reused while the same {@link Filter} instance is evaluated again, as when
 * searching many resources with one filter.
 */
public final class FilterEvaluator {
  /** How to treat attribute paths that no schema of the resource type defines. */
  public enum Mode {
    /** Such an attribute has no value (RFC 7644 §3.4.2.1). */
    LENIENT,
    /** Such an attribute makes the filter fail with {@code invalidFilter}. */
    STRICT
  }

  private final ResourceSchema schema;
  private final Mode mode;
  // The last compilations, reused while callers pass the same filter; races only cost a recompile.
  private volatile EvaluatorPlan lastResourcePlan;
  private volatile EvaluatorPlan lastElementPlan;

  /**
   * An evaluator for resources of {@code schema}'s type.
   *
   * @param schema the resource type's schemas, which say what paths mean and how values compare
   * @param mode how to treat attributes the schemas do not define
   */
  public FilterEvaluator(ResourceSchema schema, Mode mode) {
    this.schema = requireNonNull(schema, "schema");
    this.mode = requireNonNull(mode, "mode");
  }

  /** An evaluator in {@link Mode#LENIENT} mode, as RFC 7644 §3.4.2.1 describes. */
  public static FilterEvaluator lenient(ResourceSchema schema) {
    return new FilterEvaluator(schema, Mode.LENIENT);
  }

  /** The schemas this evaluator applies. */
  public ResourceSchema schema() {
    return schema;
  }

  /** How this evaluator treats undefined attributes. */
  public Mode mode() {
    return mode;
  }

  /**
   * Whether {@code resource} matches {@code filter}.
   *
   * @throws dev.roster.scim.core.error.ScimException 400 {@code invalidFilter} if the filter cannot
   *     be applied to this resource type (see the class description)
   */
  public boolean matches(Filter filter, ScimResource resource) {
    requireNonNull(filter, "filter");
    requireNonNull(resource, "resource");
    EvaluatorPlan plan = lastResourcePlan;
    if (plan == null || !plan.isFor(filter, null)) {
      plan = EvaluatorCompiler.forResources(schema, mode, filter);
      lastResourcePlan = plan;
    }
    return plan.matches(resource);
  }

  /**
   * Whether one element of a multi-valued (or complex) attribute matches a value filter whose paths
   * are relative to the element, as inside {@code emails[type eq "work"]}: {@code
   * matchesElement(AttributePath.of("emails"), parse("type eq \"work\""), email)}. This is the
   * evaluation {@link #matches} applies to each element of a value path, so that a PATCH path like
   * {@code emails[type eq "work"].value} selects exactly the elements a search would match.
   *
   * <p>Inside the filter, a path names one sub-attribute of {@code multiValuedAttribute} (such as
   * {@code type}, {@code value}, {@code primary}, or the RFC 7643 §2.4 defaults it does not
   * declare); for a multi-valued attribute of simple values, {@code value} is the element itself.
   *
   * @param multiValuedAttribute the attribute the element belongs to, e.g. {@code emails} or {@code
   *     urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager}; no sub-attribute
   * @param filter the value filter
   * @param element the element; a JSON null never matches
   * @throws dev.roster.scim.core.error.ScimException 400 {@code invalidFilter} if the filter cannot
   *     be applied to the attribute's values, or, in strict mode, the attribute is undefined (in
   *     lenient mode no element of an undefined attribute matches)
   * @throws IllegalArgumentException if {@code multiValuedAttribute} names a sub-attribute
   */
  public boolean matchesElement(
      AttributePath multiValuedAttribute, Filter filter, JsonNode element) {
    requireNonNull(multiValuedAttribute, "multiValuedAttribute");
    requireNonNull(filter, "filter");
    requireNonNull(element, "element");
    EvaluatorPlan plan = lastElementPlan;
    if (plan == null || !plan.isFor(filter, multiValuedAttribute)) {
      plan = EvaluatorCompiler.forElements(schema, mode, multiValuedAttribute, filter);
      lastElementPlan = plan;
    }
    return plan.matchesElement(element);
  }

  @Override
  public String toString() {
    return "FilterEvaluator[" + schema.resourceType().name() + ", " + mode + "]";
  }
}
