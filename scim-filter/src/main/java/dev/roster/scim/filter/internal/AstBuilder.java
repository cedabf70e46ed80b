package dev.roster.scim.filter.internal;

import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.patch.PatchPath;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.AndExpContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.AttrPathContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.CompValueContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.CompareContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.CompareOpContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.FilteredPathContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.GroupContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.LogExpContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.PlainPathContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.PresentContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.TermContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValAndExpContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValCompareContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValGroupContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValLogExpContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValPresentContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValTermContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValuePathContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValuePathTermContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/**
 * Builds scim-core's AST from {@link AntlrReader}'s parse trees. With {@code AntlrReader}, the only
 * code that sees ANTLR's types; {@link FastParser} builds the same trees without them.
 */
final class AstBuilder {
  private AstBuilder() {}

  /** The filter a {@code filter} parse tree denotes. */
  static Filter filter(ScimFilterParser.FilterContext tree) {
    return logExp(tree.logExp());
  }

  /** The PATCH path a {@code path} parse tree denotes. */
  static PatchPath path(ScimFilterParser.PathContext tree) {
    if (tree instanceof PlainPathContext plain) {
      return PatchPath.of(attrPath(plain.attrPath()));
    }
    FilteredPathContext filtered = (FilteredPathContext) tree;
    ValuePathContext valuePath = filtered.valuePath();
    Filter.ValuePath selected = valuePath(valuePath);
    String sub = filtered.subAttr == null ? null : name(filtered.subAttr.getStart());
    return new PatchPath(selected.attribute(), selected.filter(), sub);
  }

  private static Filter logExp(LogExpContext context) {
    List<Filter> operands = new ArrayList<>();
    for (AndExpContext and : context.andExp()) {
      List<Filter> terms = new ArrayList<>();
      for (TermContext term : and.term()) {
        terms.add(term(term));
      }
      operands.add(and(terms));
    }
    return or(operands);
  }

  private static Filter valLogExp(ValLogExpContext context) {
    List<Filter> operands = new ArrayList<>();
    for (ValAndExpContext and : context.valAndExp()) {
      List<Filter> terms = new ArrayList<>();
      for (ValTermContext term : and.valTerm()) {
        terms.add(valTerm(term));
      }
      operands.add(and(terms));
    }
    return or(operands);
  }

  private static Filter or(List<Filter> operands) {
    return operands.size() == 1 ? operands.get(0) : new Filter.Or(operands);
  }

  private static Filter and(List<Filter> operands) {
    return operands.size() == 1 ? operands.get(0) : new Filter.And(operands);
  }

  private static Filter term(TermContext context) {
    if (context instanceof CompareContext compare) {
      return compare(compare.attrPath(), compare.compareOp(), compare.compValue());
    }
    if (context instanceof PresentContext present) {
      return new Filter.Present(attrPath(present.attrPath()));
    }
    if (context instanceof GroupContext group) {
      Filter inner = logExp(group.logExp());
      return group.NOT() != null ? new Filter.Not(inner) : inner;
    }
    ValuePathTermContext term = (ValuePathTermContext) context;
    Filter.ValuePath valuePath = valuePath(term.valuePath());
    if (term.subAttr == null) {
      return valuePath;
    }
    // Beyond the ABNF: emails[type eq "work"].value eq "x" means one element matches both.
    Token subToken = term.subAttr.getStart();
    AttributePath sub = attributePath(null, subToken.getText(), null, subToken);
    Filter condition =
        term.PR() != null
            ? new Filter.Present(sub)
            : new Filter.Compare(sub, operator(term.compareOp()), value(term.compValue()));
    return new Filter.ValuePath(valuePath.attribute(), and(valuePath.filter(), condition));
  }

  private static Filter valTerm(ValTermContext context) {
    if (context instanceof ValCompareContext compare) {
      return compare(compare.attrPath(), compare.compareOp(), compare.compValue());
    }
    if (context instanceof ValPresentContext present) {
      return new Filter.Present(attrPath(present.attrPath()));
    }
    ValGroupContext group = (ValGroupContext) context;
    Filter inner = valLogExp(group.valLogExp());
    return group.NOT() != null ? new Filter.Not(inner) : inner;
  }

  private static Filter compare(
      AttrPathContext attribute, CompareOpContext operator, CompValueContext value) {
    return new Filter.Compare(attrPath(attribute), operator(operator), value(value));
  }

  private static ComparisonOperator operator(CompareOpContext context) {
    return ComparisonOperator.fromWireValue(context.getText());
  }

  private static Filter and(Filter left, Filter right) {
    List<Filter> operands = new ArrayList<>();
    if (left instanceof Filter.And and) {
      operands.addAll(and.operands());
    } else {
      operands.add(left);
    }
    operands.add(right);
    return new Filter.And(operands);
  }

  private static Filter.ValuePath valuePath(ValuePathContext context) {
    AttributePath attribute = attrPath(context.attrPath());
    if (attribute.hasSubAttribute()) {
      throw error(
          context.LBRACKET().getSymbol(),
          "A value filter applies to a multi-valued attribute, not to sub-attribute '"
              + attribute
              + "'");
    }
    return new Filter.ValuePath(attribute, valLogExp(context.valLogExp()));
  }

  private static AttributePath attrPath(AttrPathContext context) {
    Token start = context.getStart();
    if (context.URN_PATH() != null) {
      return urnPath(start);
    }
    String attribute = name(context.attrName(0).getStart());
    String sub = context.subName == null ? null : name(context.subName.getStart());
    return attributePath(null, attribute, sub, start);
  }

  /** Splits {@code urn:...:User:manager.value} into URN, attribute and sub-attribute. */
  private static AttributePath urnPath(Token token) {
    String text = token.getText();
    int colon = text.lastIndexOf(':');
    String schema = text.substring(0, colon);
    String rest = text.substring(colon + 1);
    if (!SchemaUrns.isUrn(schema) || rest.isEmpty()) {
      throw error(token, "'" + text + "' is not an attribute path of the form urn:...:attribute");
    }
    int dot = rest.indexOf('.');
    String attribute = dot < 0 ? rest : rest.substring(0, dot);
    String sub = dot < 0 ? null : rest.substring(dot + 1);
    return attributePath(schema, attribute, sub, token);
  }

  private static AttributePath attributePath(
      String schema, String attribute, String sub, Token at) {
    try {
      return new AttributePath(schema, attribute, sub);
    } catch (IllegalArgumentException e) {
      throw error(at, "Invalid attribute path: " + e.getMessage());
    }
  }

  private static String name(Token token) {
    return token.getText();
  }

  /**
   * Numbers whose scale exceeds ±{@value #MAX_SCALE} are refused: no attribute holds them, and
   * comparing one with an ordinary number would cost time proportional to its exponent.
   */
  private static final int MAX_SCALE = 1000;

  private static BigDecimal number(Token token) {
    try {
      BigDecimal number = new BigDecimal(token.getText());
      if (number.scale() >= -MAX_SCALE && number.scale() <= MAX_SCALE) {
        return number;
      }
    } catch (NumberFormatException e) {
      // the exponent does not fit an int; reported below like any other out-of-range number
    }
    throw error(token, "Number '" + token.getText() + "' is out of range");
  }

  private static Object value(CompValueContext context) {
    Token token = context.getStart();
    switch (token.getType()) {
      case ScimFilterParser.TRUE:
        return Boolean.TRUE;
      case ScimFilterParser.FALSE:
        return Boolean.FALSE;
      case ScimFilterParser.NULL:
        return null;
      case ScimFilterParser.NUMBER:
        return number(token);
      default:
        String text = token.getText();
        return JsonStrings.unquote(text, 0, text.length());
    }
  }

  /** A problem with the token {@code at}, reported at its first code point. */
  private static SyntaxError error(Token at, String problem) {
    return SyntaxError.at(at.getStartIndex(), problem);
  }
}
