package dev.roster.scim.server.memory;

import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import java.util.List;

/** What a search can learn from a filter's shape before evaluating it. */
final class FilterTerms {
  private FilterTerms() {}

  /** The filter's conjuncts: the operands of a top-level {@code and}, else the filter itself. */
  static List<Filter> conjuncts(Filter filter) {
    return filter instanceof Filter.And and ? and.operands() : List.of(filter);
  }

  /** The string literal of {@code attribute eq "text"}, or null if the term is not one. */
  static String stringEquality(Filter term) {
    if (term instanceof Filter.Compare compare
        && compare.operator() == ComparisonOperator.EQ
        && compare.value() instanceof String literal) {
      return literal;
    }
    return null;
  }

  /**
   * The id in a term {@code members[value eq "id"]} or {@code members.value eq "id"} of the core
   * schema {@code coreUrn}, or null if the term is not one.
   */
  static String memberEquality(Filter term, String coreUrn) {
    if (term instanceof Filter.Compare compare) {
      AttributePath path = compare.attribute();
      return isAttribute(path, "members", coreUrn) && "value".equalsIgnoreCase(path.subAttribute())
          ? stringEquality(term)
          : null;
    }
    if (term instanceof Filter.ValuePath valuePath
        && isAttribute(valuePath.attribute(), "members", coreUrn)
        && valuePath.filter() instanceof Filter.Compare inner) {
      AttributePath path = inner.attribute();
      return path.schema() == null
              && !path.hasSubAttribute()
              && path.attribute().equalsIgnoreCase("value")
          ? stringEquality(inner)
          : null;
    }
    return null;
  }

  /** Whether any path in {@code filter} names the top-level attribute {@code attribute}. */
  static boolean mentions(Filter filter, String attribute) {
    return filter.accept(
        new Filter.Visitor<Boolean>() {
          @Override
          public Boolean visitCompare(Filter.Compare f) {
            return f.attribute().attribute().equalsIgnoreCase(attribute);
          }

          @Override
          public Boolean visitPresent(Filter.Present f) {
            return f.attribute().attribute().equalsIgnoreCase(attribute);
          }

          @Override
          public Boolean visitAnd(Filter.And f) {
            return f.operands().stream().anyMatch(op -> op.accept(this));
          }

          @Override
          public Boolean visitOr(Filter.Or f) {
            return f.operands().stream().anyMatch(op -> op.accept(this));
          }

          @Override
          public Boolean visitNot(Filter.Not f) {
            return f.operand().accept(this);
          }

          @Override
          public Boolean visitValuePath(Filter.ValuePath f) {
            return f.attribute().attribute().equalsIgnoreCase(attribute);
          }
        });
  }

  private static boolean isAttribute(AttributePath path, String attribute, String coreUrn) {
    return path.attribute().equalsIgnoreCase(attribute)
        && (path.schema() == null || path.schema().equalsIgnoreCase(coreUrn));
  }
}
