package dev.roster.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A compiled filter node. It tests either a whole resource (through the {@link EvaluatorScope}) or,
 * inside a value path, one element of a multi-valued attribute. Immutable; one tree serves all
 * threads.
 */
abstract class EvaluatorNode {
  static final EvaluatorNode TRUE = new Constant(true);
  static final EvaluatorNode FALSE = new Constant(false);

  /**
   * Tests the filter.
   *
   * @param scope the resource's attribute values; unused inside a value path
   * @param element the element a value path is testing, or null at the resource level
   */
  abstract boolean test(EvaluatorScope scope, JsonNode element);

  static EvaluatorNode constant(boolean value) {
    return value ? TRUE : FALSE;
  }

  /** Whether a node stands for no value: absent, JSON null, or a missing node. */
  static boolean absent(JsonNode node) {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** The member of an object named {@code name} ignoring case (an exact match wins), or null. */
  static JsonNode member(JsonNode object, String name) {
    if (!object.isObject()) {
      return null;
    }
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> entry : object.properties()) {
      if (entry.getKey().equalsIgnoreCase(name)) {
        return entry.getValue();
      }
    }
    return null;
  }

  /** Where a comparison finds the node it starts from. */
  abstract static class Access {
    abstract JsonNode top(EvaluatorScope scope, JsonNode element);
  }

  /** A top-level attribute of the resource, loaded once per evaluation. */
  static final class ResourceAccess extends Access {
    private final int slot;

    ResourceAccess(int slot) {
      this.slot = slot;
    }

    @Override
    JsonNode top(EvaluatorScope scope, JsonNode element) {
      return scope.attribute(slot);
    }
  }

  /** A sub-attribute of the element a value path is testing. */
  static final class ElementAccess extends Access {
    private final String name;

    ElementAccess(String name) {
      this.name = name;
    }

    @Override
    JsonNode top(EvaluatorScope scope, JsonNode element) {
      return member(element, name);
    }
  }

  /** The element itself: {@code value} inside a value path on a simple multi-valued attribute. */
  static final class SelfAccess extends Access {
    static final SelfAccess INSTANCE = new SelfAccess();

    @Override
    JsonNode top(EvaluatorScope scope, JsonNode element) {
      return element;
    }
  }

  /**
   * A comparison or presence test: true when some value at the path passes {@code test}, inverted
   * when {@code negate} (for {@code ne}, and for {@code eq null}, which is "not present").
   */
  static final class Leaf extends EvaluatorNode {
    private final Access access;
    private final String sub;
    private final Predicate<JsonNode> test;
    private final boolean negate;

    Leaf(Access access, String sub, Predicate<JsonNode> test, boolean negate) {
      this.access = access;
      this.sub = sub;
      this.test = test;
      this.negate = negate;
    }

    @Override
    boolean test(EvaluatorScope scope, JsonNode element) {
      return negate != anyValue(access.top(scope, element));
    }

    private boolean anyValue(JsonNode top) {
      if (absent(top)) {
        return false;
      }
      if (sub == null) {
        return anyOf(top);
      }
      if (top.isArray()) {
        for (JsonNode item : top) {
          if (anyOf(member(item, sub))) {
            return true;
          }
        }
        return false;
      }
      return anyOf(member(top, sub));
    }

    /** A multi-valued attribute matches if any of its values does (RFC 7644 §3.4.2.2). */
    private boolean anyOf(JsonNode value) {
      if (absent(value)) {
        return false;
      }
      if (value.isArray()) {
        for (JsonNode item : value) {
          if (!absent(item) && test.test(item)) {
            return true;
          }
        }
        return false;
      }
      return test.test(value);
    }
  }

  /** {@code attr[filter]}: some single element of {@code attr} matches all of {@code filter}. */
  static final class ValuePath extends EvaluatorNode {
    private final Access access;
    private final EvaluatorNode filter;

    ValuePath(Access access, EvaluatorNode filter) {
      this.access = access;
      this.filter = filter;
    }

    @Override
    boolean test(EvaluatorScope scope, JsonNode element) {
      JsonNode top = access.top(scope, element);
      if (absent(top)) {
        return false;
      }
      if (!top.isArray()) {
        return filter.test(scope, top);
      }
      for (JsonNode item : top) {
        if (!absent(item) && filter.test(scope, item)) {
          return true;
        }
      }
      return false;
    }
  }

  static final class And extends EvaluatorNode {
    private final EvaluatorNode[] operands;

    And(List<EvaluatorNode> operands) {
      this.operands = operands.toArray(new EvaluatorNode[0]);
    }

    @Override
    boolean test(EvaluatorScope scope, JsonNode element) {
      for (EvaluatorNode operand : operands) {
        if (!operand.test(scope, element)) {
          return false;
        }
      }
      return true;
    }
  }

  static final class Or extends EvaluatorNode {
    private final EvaluatorNode[] operands;

    Or(List<EvaluatorNode> operands) {
      this.operands = operands.toArray(new EvaluatorNode[0]);
    }

    @Override
    boolean test(EvaluatorScope scope, JsonNode element) {
      for (EvaluatorNode operand : operands) {
        if (operand.test(scope, element)) {
          return true;
        }
      }
      return false;
    }
  }

  static final class Not extends EvaluatorNode {
    private final EvaluatorNode operand;

    Not(EvaluatorNode operand) {
      this.operand = operand;
    }

    @Override
    boolean test(EvaluatorScope scope, JsonNode element) {
      return !operand.test(scope, element);
    }
  }

  private static final class Constant extends EvaluatorNode {
    private final boolean value;

    Constant(boolean value) {
      this.value = value;
    }

    @Override
    boolean test(EvaluatorScope scope, JsonNode element) {
      return value;
    }
  }
}
