package dev.roster.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import java.util.List;

/**
 * A filter compiled against a resource schema: the tree to run and the top-level attributes it
 * reads. Immutable; {@link FilterEvaluator} keeps the last one to reuse it while the same filter is
 * evaluated against many resources or elements.
 *
 * @param filter the filter compiled (compared by identity to reuse the plan)
 * @param attribute for a value filter on elements, the multi-valued attribute; else null
 * @param root the compiled tree
 * @param slots the top-level attributes the tree reads from a resource
 */
record EvaluatorPlan(
    Filter filter, AttributePath attribute, EvaluatorNode root, List<EvaluatorScope.Slot> slots) {

  EvaluatorPlan {
    slots = List.copyOf(slots);
  }

  /** Whether {@code resource} matches. */
  boolean matches(ScimResource resource) {
    return root.test(new EvaluatorScope(resource, slots), null);
  }

  /** Whether {@code element} matches the value filter. */
  boolean matchesElement(JsonNode element) {
    return !EvaluatorNode.absent(element) && root.test(EvaluatorScope.NONE, element);
  }

  /** Whether this plan was compiled from exactly these arguments. */
  boolean isFor(Filter other, AttributePath otherAttribute) {
    return filter == other
        && (attribute == otherAttribute
            || (attribute != null && otherAttribute != null && attribute.equals(otherAttribute)));
  }
}
