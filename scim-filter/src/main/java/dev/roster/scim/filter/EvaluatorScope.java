package dev.roster.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.roster.scim.core.resource.ScimResource;
import java.util.List;

/**
 * The top-level attribute values of one resource during one evaluation. Each attribute the filter
 * names is copied out of the resource once, when first needed, however many times the filter refers
 * to it. Not thread-safe; one per evaluation.
 */
final class EvaluatorScope {
  /** A scope without a resource, for evaluating a value filter on one element. */
  static final EvaluatorScope NONE = new EvaluatorScope(null, List.of());

  private final ScimResource resource;
  private final List<Slot> slots;
  private final JsonNode[] values;

  EvaluatorScope(ScimResource resource, List<Slot> slots) {
    this.resource = resource;
    this.slots = slots;
    this.values = new JsonNode[slots.size()];
  }

  /** The value of the attribute in {@code slot}, or a missing node if the resource has none. */
  JsonNode attribute(int slot) {
    JsonNode value = values[slot];
    if (value == null) {
      value = slots.get(slot).load(resource);
      values[slot] = value == null ? MissingNode.getInstance() : value;
    }
    return values[slot];
  }

  /**
   * Where a top-level attribute lives: at the top of the resource, or in the object under an
   * extension's URN.
   *
   * @param extension the extension URN, or null for core and common attributes
   * @param name the attribute name as the schema declares it
   */
  record Slot(String extension, String name) {
    JsonNode load(ScimResource resource) {
      if (extension == null) {
        return resource.get(name);
      }
      JsonNode values = resource.get(extension);
      return values == null ? null : EvaluatorNode.member(values, name);
    }
  }
}
