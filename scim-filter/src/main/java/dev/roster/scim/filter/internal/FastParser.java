package dev.roster.scim.filter.internal;

import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.patch.PatchPath;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.SchemaUrns;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * A hand-written parser for the language of {@code ScimFilter.g4} that gives up, returning null, on
 * anything it is not sure of: then {@link AntlrReader} reads the text and reports any error. It
 * builds exactly the tree {@link AstBuilder} builds from ANTLR's parse tree, in about a tenth of
 * the time, and sees no ANTLR type. {@code FilterCorpusTest} checks both readers against the
 * corpus's expected trees and errors; {@code FastParserTest} checks them against each other.
 */
public final class FastParser {
  /** Thrown to give up; preallocated and without a stack trace, so giving up costs nothing. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  // Token kinds.
  private static final byte END = 0;
  private static final byte LPAREN = 1;
  private static final byte RPAREN = 2;
  private static final byte LBRACKET = 3;
  private static final byte RBRACKET = 4;
  private static final byte DOT = 5;
  private static final byte WORD = 6; // NAME or a keyword: the grammar lets keywords be names
  private static final byte URN = 7;
  private static final byte STRING = 8;
  private static final byte NUMBER = 9;

  // Keywords a WORD may be; the comparison operators are ComparisonOperator's ordinals + 1.
  private static final byte NONE = 0;
  private static final byte PR = 20;
  private static final byte AND = 21;
  private static final byte OR = 22;
  private static final byte NOT = 23;
  private static final byte TRUE = 24;
  private static final byte FALSE = 25;
  private static final byte NULL = 26;

  private static final ComparisonOperator[] OPERATORS = ComparisonOperator.values();

  private final String text;
  private final int length;
  // The current token.
  private byte kind;
  private byte keyword;
  private int start;
  private int end;

  private FastParser(String text) {
    this.text = text;
    this.length = text.length();
    next(0);
  }

  /** The filter {@code text} denotes, or null to let {@link AntlrReader} decide. */
  public static Filter filter(String text) {
    try {
      FastParser parser = new FastParser(text);
      Filter filter = parser.logExp(false);
      parser.expect(END);
      return filter;
    } catch (GiveUp e) {
      return null;
    }
  }

  /** The PATCH path {@code text} denotes, or null to let {@link AntlrReader} decide. */
  public static PatchPath path(String text) {
    try {
      FastParser parser = new FastParser(text);
      AttributePath attribute = parser.attrPath();
      if (parser.kind == END) {
        return PatchPath.of(attribute);
      }
      Filter.ValuePath selected = parser.valuePath(attribute);
      String sub = null;
      if (parser.kind == DOT) {
        parser.advance();
        if (parser.kind != WORD) {
          throw GIVE_UP;
        }
        sub = parser.tokenText();
        parser.advance();
      }
      parser.expect(END);
      return new PatchPath(selected.attribute(), selected.filter(), sub);
    } catch (GiveUp | IllegalArgumentException e) {
      return null;
    }
  }

  // ---- Parser: one method per grammar rule.

  private Filter logExp(boolean inValueFilter) {
    return chain(OR, inValueFilter);
  }

  /** {@code OR}: andExp ("or" andExp)*; {@code AND}: term ("and" term)*. */
  private Filter chain(byte operator, boolean inValueFilter) {
    Filter first = operand(operator, inValueFilter);
    if (!isKeyword(operator)) {
      return first;
    }
    List<Filter> operands = new ArrayList<>(4);
    operands.add(first);
    while (isKeyword(operator)) {
      advance();
      operands.add(operand(operator, inValueFilter));
    }
    return operator == OR ? new Filter.Or(operands) : new Filter.And(operands);
  }

  private Filter operand(byte operator, boolean inValueFilter) {
    return operator == OR ? chain(AND, inValueFilter) : term(inValueFilter);
  }

  private Filter term(boolean inValueFilter) {
    if (kind == LPAREN) {
      advance();
      return group(inValueFilter);
    }
    if (isKeyword(NOT) && peekKind() == LPAREN) {
      advance();
      advance();
      return new Filter.Not(group(inValueFilter));
    }
    AttributePath attribute = attrPath();
    if (isKeyword(PR)) {
      advance();
      return new Filter.Present(attribute);
    }
    if (isOperator()) {
      return compare(attribute);
    }
    if (inValueFilter || kind != LBRACKET) {
      throw GIVE_UP;
    }
    Filter.ValuePath valuePath = valuePath(attribute);
    if (kind != DOT) {
      return valuePath;
    }
    // Beyond the ABNF: emails[type eq "work"].value eq "x" means one element matches both.
    advance();
    if (kind != WORD) {
      throw GIVE_UP;
    }
    AttributePath sub = attributePath(null, tokenText(), null);
    advance();
    Filter condition;
    if (isKeyword(PR)) {
      advance();
      condition = new Filter.Present(sub);
    } else if (isOperator()) {
      condition = compare(sub);
    } else {
      throw GIVE_UP;
    }
    Filter inner = valuePath.filter();
    List<Filter> operands = new ArrayList<>(4);
    if (inner instanceof Filter.And and) {
      operands.addAll(and.operands());
    } else {
      operands.add(inner);
    }
    operands.add(condition);
    return new Filter.ValuePath(valuePath.attribute(), new Filter.And(operands));
  }

  private Filter group(boolean inValueFilter) {
    Filter inner = logExp(inValueFilter);
    expect(RPAREN);
    return inner;
  }

  /** {@code [ valLogExp ]} after {@code attribute}, which must have no sub-attribute. */
  private Filter.ValuePath valuePath(AttributePath attribute) {
    if (kind != LBRACKET || attribute.hasSubAttribute()) {
      throw GIVE_UP;
    }
    advance();
    Filter filter = logExp(true);
    expect(RBRACKET);
    return new Filter.ValuePath(attribute, filter);
  }

  private Filter compare(AttributePath attribute) {
    ComparisonOperator operator = OPERATORS[keyword - 1];
    advance();
    Object value;
    switch (kind) {
      case STRING:
        value = unquote();
        break;
      case NUMBER:
        try {
          BigDecimal number = new BigDecimal(text.substring(start, end));
          // AstBuilder refuses scales beyond ±1000; ANTLR's path reports them.
          if (number.scale() < -1000 || number.scale() > 1000) {
            throw GIVE_UP;
          }
          value = number;
        } catch (NumberFormatException e) {
          throw GIVE_UP;
        }
        break;
      case WORD:
        if (keyword == TRUE) {
          value = Boolean.TRUE;
        } else if (keyword == FALSE) {
          value = Boolean.FALSE;
        } else if (keyword == NULL) {
          value = null;
        } else {
          throw GIVE_UP;
        }
        break;
      default:
        throw GIVE_UP;
    }
    advance();
    return new Filter.Compare(attribute, operator, value);
  }

  /** {@code URN_PATH | attrName ("." attrName)?}. */
  private AttributePath attrPath() {
    if (kind == URN) {
      // urn:...:User:manager.value: the schema URN, then the attribute and any sub-attribute.
      int colon = text.lastIndexOf(':', end - 1);
      String schema = text.substring(start, colon);
      if (colon + 1 == end || !SchemaUrns.isUrn(schema)) {
        throw GIVE_UP;
      }
      int dot = text.indexOf('.', colon + 1);
      String attribute;
      String sub = null;
      if (dot < 0 || dot >= end) {
        attribute = text.substring(colon + 1, end);
      } else {
        attribute = text.substring(colon + 1, dot);
        sub = text.substring(dot + 1, end);
      }
      advance();
      return attributePath(schema, attribute, sub);
    }
    if (kind != WORD) {
      throw GIVE_UP;
    }
    String attribute = tokenText();
    advance();
    if (kind != DOT) {
      return attributePath(null, attribute, null);
    }
    advance();
    if (kind != WORD) {
      throw GIVE_UP;
    }
    String sub = tokenText();
    advance();
    return attributePath(null, attribute, sub);
  }

  private static AttributePath attributePath(String schema, String attribute, String sub) {
    try {
      return new AttributePath(schema, attribute, sub);
    } catch (IllegalArgumentException e) {
      throw GIVE_UP;
    }
  }

  private boolean isKeyword(byte which) {
    return kind == WORD && keyword == which;
  }

  private boolean isOperator() {
    return kind == WORD && keyword > NONE && keyword <= OPERATORS.length;
  }

  private void expect(byte expected) {
    if (kind != expected) {
      throw GIVE_UP;
    }
    advance();
  }

  private String tokenText() {
    return text.substring(start, end);
  }

  // ---- Lexer: the tokens of ScimFilter.g4; anything unusual gives up rather than guess.

  private void advance() {
    next(end);
  }

  /** The kind of the token after the current one. */
  private byte peekKind() {
    byte kindNow = kind;
    byte keywordNow = keyword;
    int startNow = start;
    int endNow = end;
    next(end);
    byte peeked = kind;
    kind = kindNow;
    keyword = keywordNow;
    start = startNow;
    end = endNow;
    return peeked;
  }

  /** Reads the token at or after {@code from}. */
  private void next(int from) {
    int i = from;
    while (i < length && isSpace(text.charAt(i))) {
      i++;
    }
    start = i;
    keyword = NONE;
    if (i == length) {
      kind = END;
      end = i;
      return;
    }
    char c = text.charAt(i);
    switch (c) {
      case '(':
        single(LPAREN, i);
        return;
      case ')':
        single(RPAREN, i);
        return;
      case '[':
        single(LBRACKET, i);
        return;
      case ']':
        single(RBRACKET, i);
        return;
      case '.':
        single(DOT, i);
        return;
      case '"':
        string(i);
        return;
      case '$':
        // NAME's second form: "$ref", in any case, and nothing more.
        if (text.regionMatches(true, i, "$ref", 0, 4) && !isNameChar(i + 4)) {
          kind = WORD;
          end = i + 4;
          return;
        }
        throw GIVE_UP;
      default:
        if (isLetter(c)) {
          word(i);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
          number(i);
        } else {
          throw GIVE_UP;
        }
    }
  }

  private void single(byte tokenKind, int at) {
    kind = tokenKind;
    end = at + 1;
  }

  private void word(int from) {
    if (text.regionMatches(true, from, "urn:", 0, 4)
        && from + 4 < length
        && !endsUrn(text.charAt(from + 4))) {
      int i = from + 5;
      while (i < length && !endsUrn(text.charAt(i))) {
        i++;
      }
      kind = URN;
      end = i;
      return;
    }
    int i = from + 1;
    while (isNameChar(i)) {
      i++;
    }
    kind = WORD;
    end = i;
    keyword = keyword(from, i - from);
  }

  private byte keyword(int at, int size) {
    switch (size) {
      case 2:
        for (ComparisonOperator operator : OPERATORS) {
          if (text.regionMatches(true, at, operator.wireValue(), 0, 2)) {
            return (byte) (operator.ordinal() + 1);
          }
        }
        if (text.regionMatches(true, at, "pr", 0, 2)) {
          return PR;
        }
        return text.regionMatches(true, at, "or", 0, 2) ? OR : NONE;
      case 3:
        if (text.regionMatches(true, at, "and", 0, 3)) {
          return AND;
        }
        return text.regionMatches(true, at, "not", 0, 3) ? NOT : NONE;
      case 4:
        if (text.regionMatches(true, at, "true", 0, 4)) {
          return TRUE;
        }
        return text.regionMatches(true, at, "null", 0, 4) ? NULL : NONE;
      case 5:
        return text.regionMatches(true, at, "false", 0, 5) ? FALSE : NONE;
      default:
        return NONE;
    }
  }

  /** A JSON number; gives up unless the token plainly ends where the number does. */
  private void number(int from) {
    int i = from;
    if (text.charAt(i) == '-') {
      i++;
    }
    if (i == length || !isDigit(text.charAt(i))) {
      throw GIVE_UP;
    }
    if (text.charAt(i) == '0') {
      i++;
    } else {
      i = digits(i);
    }
    if (i + 1 < length && text.charAt(i) == '.' && isDigit(text.charAt(i + 1))) {
      i = digits(i + 1);
    }
    if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      int exponent = i + 1;
      if (exponent < length && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
        exponent++;
      }
      if (exponent < length && isDigit(text.charAt(exponent))) {
        i = digits(exponent);
      }
    }
    if (isNameChar(i) || (i < length && text.charAt(i) == '.')) {
      throw GIVE_UP;
    }
    kind = NUMBER;
    end = i;
  }

  private int digits(int from) {
    int i = from;
    while (i < length && isDigit(text.charAt(i))) {
      i++;
    }
    return i;
  }

  /** A JSON string (RFC 8259 §7): no unescaped control characters, only JSON's escapes. */
  private void string(int from) {
    int i = from + 1;
    while (i < length) {
      char c = text.charAt(i);
      if (c == '"') {
        kind = STRING;
        end = i + 1;
        return;
      }
      if (c < 0x20) {
        throw GIVE_UP;
      }
      if (c == '\\') {
        if (i + 1 == length) {
          throw GIVE_UP;
        }
        char escaped = text.charAt(i + 1);
        if (escaped == 'u') {
          if (i + 5 >= length) {
            throw GIVE_UP;
          }
          for (int h = i + 2; h < i + 6; h++) {
            if (Character.digit(text.charAt(h), 16) < 0 || text.charAt(h) > 'f') {
              throw GIVE_UP;
            }
          }
          i += 6;
          continue;
        }
        if ("\"\\/bfnrt".indexOf(escaped) < 0) {
          throw GIVE_UP;
        }
        i += 2;
        continue;
      }
      i++;
    }
    throw GIVE_UP;
  }

  /** The current STRING token's value. */
  private String unquote() {
    return JsonStrings.unquote(text, start, end);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
  }

  private static boolean isLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private boolean isNameChar(int at) {
    if (at >= length) {
      return false;
    }
    char c = text.charAt(at);
    return isLetter(c) || isDigit(c) || c == '$' || c == '_' || c == '-';
  }

  /** Whether {@code c} ends URN_PATH: whitespace, a quote, a parenthesis or a bracket. */
  private static boolean endsUrn(char c) {
    return isSpace(c) || c == '"' || c == '(' || c == ')' || c == '[' || c == ']';
  }
}
