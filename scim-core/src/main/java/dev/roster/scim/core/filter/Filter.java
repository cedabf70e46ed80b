package dev.roster.scim.core.filter;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.path.AttributePath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;

/**
 * A SCIM filter (RFC 7644 §3.4.2.2) as a tree of immutable records.
 *
 * <p>{@code toString()} prints canonical filter syntax (lower-case operators, JSON literals,
 * parentheses only where needed), so parsing a filter's text gives back an equal filter. Parsing is
 * done by scim-filter's {@code FilterParser}; the static factories below build filters in code and
 * escape values correctly:
 *
 * <pre>{@code
 * Filter f = Filter.and(Filter.eq("userName", "bjensen"), Filter.present("title"));
 * f.toString(); // userName eq "bjensen" and title pr
 * }</pre>
 *
 * <p>Attribute paths inside a {@link ValuePath}'s filter are relative to the multi-valued attribute
 * ({@code emails[type eq "work"]} compares each email's {@code type}).
 */
public sealed interface Filter
    permits Filter.Compare, Filter.Present, Filter.And, Filter.Or, Filter.Not, Filter.ValuePath {

  /** Applies a visitor; lets callers handle each kind of node without instanceof chains. */
  <R> R accept(Visitor<R> visitor);

  /**
   * {@code attribute op value}.
   *
   * @param attribute the attribute compared
   * @param operator the operator
   * @param value the literal: a {@link String}, {@link Boolean}, {@link BigDecimal}, or null for
   *     the JSON {@code null}; other {@link Number}s are converted to {@link BigDecimal}
   */
  record Compare(AttributePath attribute, ComparisonOperator operator, Object value)
      implements Filter {
    public Compare {
      requireNonNull(attribute, "attribute");
      requireNonNull(operator, "operator");
      value = literal(value);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitCompare(this);
    }

    @Override
    public String toString() {
      return attribute + " " + operator.wireValue() + " " + FilterText.print(value);
    }
  }

  /** {@code attribute pr}: the attribute has a non-empty value. */
  record Present(AttributePath attribute) implements Filter {
    public Present {
      requireNonNull(attribute, "attribute");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitPresent(this);
    }

    @Override
    public String toString() {
      return attribute + " pr";
    }
  }

  /** Two or more filters joined by {@code and}; binds tighter than {@code or}. */
  record And(List<Filter> operands) implements Filter {
    public And {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("'and' needs at least two operands");
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitAnd(this);
    }

    @Override
    public String toString() {
      return FilterText.join(operands, " and ", op -> op instanceof Or || op instanceof And);
    }
  }

  /** Two or more filters joined by {@code or}. */
  record Or(List<Filter> operands) implements Filter {
    public Or {
      operands = List.copyOf(operands);
      if (operands.size() < 2) {
        throw new IllegalArgumentException("'or' needs at least two operands");
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitOr(this);
    }

    @Override
    public String toString() {
      return FilterText.join(operands, " or ", op -> op instanceof Or);
    }
  }

  /** {@code not (filter)}. */
  record Not(Filter operand) implements Filter {
    public Not {
      requireNonNull(operand, "operand");
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitNot(this);
    }

    @Override
    public String toString() {
      return "not (" + operand + ")";
    }
  }

  /**
   * {@code attribute[filter]}: some single value of a multi-valued complex attribute matches {@code
   * filter}, all of whose conditions apply to that same value.
   */
  record ValuePath(AttributePath attribute, Filter filter) implements Filter {
    public ValuePath {
      requireNonNull(attribute, "attribute");
      requireNonNull(filter, "filter");
      if (attribute.hasSubAttribute()) {
        throw new IllegalArgumentException(
            "A value path filters a top-level attribute, not '" + attribute + "'");
      }
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.visitValuePath(this);
    }

    @Override
    public String toString() {
      return attribute + "[" + filter + "]";
    }
  }

  /** One method per kind of node. */
  interface Visitor<R> {
    /** Visits a comparison. */
    R visitCompare(Compare filter);

    /** Visits a presence test. */
    R visitPresent(Present filter);

    /** Visits a conjunction. */
    R visitAnd(And filter);

    /** Visits a disjunction. */
    R visitOr(Or filter);

    /** Visits a negation. */
    R visitNot(Not filter);

    /** Visits a value path. */
    R visitValuePath(ValuePath filter);
  }

  /** {@code attribute eq value}; the attribute is written as for {@link #compare}. */
  static Filter eq(String attribute, Object value) {
    return compare(attribute, ComparisonOperator.EQ, value);
  }

  /**
   * {@code attribute op value} for an attribute written as {@code userName}, {@code name.givenName}
   * or {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}.
   */
  static Filter compare(String attribute, ComparisonOperator operator, Object value) {
    return new Compare(FilterText.path(attribute), operator, value);
  }

  /** {@code attribute pr}. */
  static Filter present(String attribute) {
    return new Present(FilterText.path(attribute));
  }

  /** {@code a and b and ...}. */
  static Filter and(Filter first, Filter second, Filter... more) {
    return new And(FilterText.list(first, second, more));
  }

  /** {@code a or b or ...}. */
  static Filter or(Filter first, Filter second, Filter... more) {
    return new Or(FilterText.list(first, second, more));
  }

  /** {@code not (filter)}. */
  static Filter not(Filter filter) {
    return new Not(filter);
  }

  /** {@code attribute[filter]}. */
  static Filter valuePath(String attribute, Filter filter) {
    return new ValuePath(AttributePath.of(attribute), filter);
  }

  private static Object literal(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal;
    }
    if (value instanceof BigInteger integer) {
      return new BigDecimal(integer);
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return BigDecimal.valueOf(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        throw new IllegalArgumentException("A filter value must be a finite number, not " + d);
      }
      // Float.toString gives a float's shortest decimal form: 0.1f is 0.1, not 0.10000000149...
      return new BigDecimal(value.toString());
    }
    throw new IllegalArgumentException(
        "A filter value is a String, Boolean, Number or null, not " + value.getClass().getName());
  }
}
