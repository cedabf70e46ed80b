package dev.roster.scim.filter;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.resource.Meta;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Comparator;
import java.util.function.Predicate;

/**
 * Tests of one JSON value against a filter literal, by attribute type. Every test is false for a
 * value of the wrong JSON type (bad data matches nothing rather than failing the request); {@code
 * ne} is never passed here: the evaluator negates {@code eq}.
 */
final class Comparisons {
  /** RFC 7644 §3.4.2.2 {@code pr}: a non-empty, non-null value, or a complex value with one. */
  static final Predicate<JsonNode> PRESENT = Comparisons::isPresent;

  private static final Comparator<String> EXACT = Comparator.naturalOrder();

  private Comparisons() {}

  /**
   * Whether {@code value} counts as present: not missing, not null, not an empty string, and for
   * arrays and objects, holding at least one present member.
   */
  static boolean isPresent(JsonNode value) {
    if (value == null) {
      return false;
    }
    switch (value.getNodeType()) {
      case NULL:
      case MISSING:
        return false;
      case STRING:
        return !value.textValue().isEmpty();
      case ARRAY:
      case OBJECT:
        for (JsonNode member : value) {
          if (isPresent(member)) {
            return true;
          }
        }
        return false;
      default:
        return true;
    }
  }

  /**
   * A string test: {@code eq}, {@code co}, {@code sw}, {@code ew} or an ordering. Without {@code
   * caseExact}, characters compare as {@link String#equalsIgnoreCase} does (per code point, upper
   * then lower case, no locale), for every operator alike.
   */
  static Predicate<JsonNode> string(ComparisonOperator op, String literal, boolean caseExact) {
    int length = literal.length();
    switch (op) {
      case EQ:
        return caseExact
            ? v -> v.isTextual() && v.textValue().equals(literal)
            : v -> v.isTextual() && v.textValue().equalsIgnoreCase(literal);
      case CO:
        return v -> v.isTextual() && contains(v.textValue(), literal, caseExact);
      case SW:
        return v -> v.isTextual() && v.textValue().regionMatches(!caseExact, 0, literal, 0, length);
      case EW:
        return v -> {
          if (!v.isTextual()) {
            return false;
          }
          String text = v.textValue();
          return text.regionMatches(!caseExact, text.length() - length, literal, 0, length);
        };
      default:
        Comparator<String> order = caseExact ? EXACT : String.CASE_INSENSITIVE_ORDER;
        return v -> v.isTextual() && holds(op, order.compare(v.textValue(), literal));
    }
  }

  /** {@code eq} on a boolean; the strings "true" and "false" in any case count as booleans. */
  static Predicate<JsonNode> booleanEquals(boolean literal) {
    return v -> {
      if (v.isBoolean()) {
        return v.booleanValue() == literal;
      }
      if (v.isTextual()) {
        Boolean parsed = parseBoolean(v.textValue());
        return parsed != null && parsed == literal;
      }
      return false;
    };
  }

  /** A numeric test ({@code eq} or an ordering), comparing by value: 1 equals 1.0. */
  static Predicate<JsonNode> number(ComparisonOperator op, BigDecimal literal) {
    Long exact = asLong(literal);
    return v -> {
      if (!v.isNumber()) {
        return false;
      }
      if (exact != null && v.isIntegralNumber() && v.canConvertToLong()) {
        return holds(op, Long.compare(v.longValue(), exact));
      }
      if ((v.isDouble() || v.isFloat()) && !Double.isFinite(v.doubleValue())) {
        return false;
      }
      return holds(op, v.decimalValue().compareTo(literal));
    };
  }

  /** A dateTime test ({@code eq} or an ordering), comparing instants. */
  static Predicate<JsonNode> dateTime(ComparisonOperator op, Instant literal) {
    return v -> {
      Instant instant = v.isTextual() ? parseDateTime(v.textValue()) : null;
      return instant != null && holds(op, instant.compareTo(literal));
    };
  }

  /** "true" or "false" in any case as a boolean, else null. */
  static Boolean parseBoolean(String text) {
    if ("true".equalsIgnoreCase(text)) {
      return Boolean.TRUE;
    }
    if ("false".equalsIgnoreCase(text)) {
      return Boolean.FALSE;
    }
    return null;
  }

  /** Whether {@code text} contains {@code part}, ignoring case unless {@code caseExact}. */
  static boolean contains(String text, String part, boolean caseExact) {
    if (caseExact) {
      return text.contains(part);
    }
    int length = part.length();
    for (int i = 0, last = text.length() - length; i <= last; i++) {
      if (text.regionMatches(true, i, part, 0, length)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a comparison result satisfies {@code op} ({@code eq} or an ordering). */
  static boolean holds(ComparisonOperator op, int comparison) {
    switch (op) {
      case GT:
        return comparison > 0;
      case GE:
        return comparison >= 0;
      case LT:
        return comparison < 0;
      case LE:
        return comparison <= 0;
      default:
        return comparison == 0;
    }
  }

  private static Instant parseDateTime(String text) {
    try {
      return Meta.parseDateTime(text);
    } catch (ScimException e) {
      return null;
    }
  }

  private static Long asLong(BigDecimal value) {
    try {
      return value.longValueExact();
    } catch (ArithmeticException e) {
      return null;
    }
  }
}
