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
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.FilteredPathContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.GroupContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.LogExpContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.PlainPathContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.PresentContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.TermContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValuePathContext;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser.ValuePathTermContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;

/** Builds scim-core's AST from a parse tree; the only code that sees ANTLR's types. */
public final class AstBuilder {
  private AstBuilder() {}

  /** The filter a {@code filter} parse tree denotes. */
  public static Filter filter(ScimFilterParser.FilterContext tree) {
    return logExp(tree.logExp(), false);
  }

  /** The PATCH path a {@code path} parse tree denotes. */
  public static PatchPath path(ScimFilterParser.PathContext tree) {
    if (tree instanceof PlainPathContext plain) {
      return PatchPath.of(attrPath(plain.attrPath()));
    }
    FilteredPathContext filtered = (FilteredPathContext) tree;
    ValuePathContext valuePath = filtered.valuePath();
    Filter.ValuePath selected = valuePath(valuePath);
    String sub = filtered.subAttr == null ? null : name(filtered.subAttr.getStart());
    return new PatchPath(selected.attribute(), selected.filter(), sub);
  }

  private static Filter logExp(LogExpContext context, boolean inValuePath) {
    List<AndExpContext> terms = context.andExp();
    if (terms.size() == 1) {
      return andExp(terms.get(0), inValuePath);
    }
    List<Filter> operands = new ArrayList<>(terms.size());
    for (AndExpContext term : terms) {
      operands.add(andExp(term, inValuePath));
    }
    return new Filter.Or(operands);
  }

  private static Filter andExp(AndExpContext context, boolean inValuePath) {
    List<TermContext> terms = context.term();
    if (terms.size() == 1) {
      return term(terms.get(0), inValuePath);
    }
    List<Filter> operands = new ArrayList<>(terms.size());
    for (TermContext term : terms) {
      operands.add(term(term, inValuePath));
    }
    return new Filter.And(operands);
  }

  private static Filter term(TermContext context, boolean inValuePath) {
    if (context instanceof CompareContext compare) {
      return new Filter.Compare(
          attrPath(compare.attrPath()),
          ComparisonOperator.fromWireValue(compare.compareOp().getText()),
          value(compare.compValue()));
    }
    if (context instanceof PresentContext present) {
      return new Filter.Present(attrPath(present.attrPath()));
    }
    if (context instanceof GroupContext group) {
      Filter inner = logExp(group.logExp(), inValuePath);
      return group.NOT() != null ? new Filter.Not(inner) : inner;
    }
    ValuePathTermContext term = (ValuePathTermContext) context;
    if (inValuePath) {
      throw SyntaxError.at(term.getStart(), "A value path cannot be nested in another");
    }
    Filter.ValuePath valuePath = valuePath(term.valuePath());
    if (term.subAttr == null) {
      return valuePath;
    }
    // Beyond the ABNF: emails[type eq "work"].value eq "x" means one element matches both.
    AttributePath sub =
        attributePath(null, name(term.subAttr.getStart()), null, term.subAttr.getStart());
    Filter condition =
        term.PR() != null
            ? new Filter.Present(sub)
            : new Filter.Compare(
                sub,
                ComparisonOperator.fromWireValue(term.compareOp().getText()),
                value(term.compValue()));
    return new Filter.ValuePath(valuePath.attribute(), and(valuePath.filter(), condition));
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
      throw SyntaxError.at(
          context.attrPath().getStart(),
          "A value filter applies to a multi-valued attribute, not to sub-attribute '"
              + attribute
              + "'");
    }
    return new Filter.ValuePath(attribute, logExp(context.logExp(), true));
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
      throw SyntaxError.at(
          token, "'" + text + "' is not an attribute path of the form urn:...:attribute");
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
      throw SyntaxError.at(at, "Invalid attribute path: " + e.getMessage());
    }
  }

  private static String name(Token token) {
    return token.getText();
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
        return new BigDecimal(token.getText());
      default:
        return JsonStrings.unquote(token);
    }
  }
}
