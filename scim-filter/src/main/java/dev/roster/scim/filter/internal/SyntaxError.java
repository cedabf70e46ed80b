package dev.roster.scim.filter.internal;

import dev.roster.scim.filter.internal.antlr.ScimFilterLexer;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser;
import java.util.ArrayList;
import java.util.List;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

/** The first problem found in a filter or path, before it becomes a client-facing exception. */
public final class SyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_EXCERPT = 120;
  private static final int MAX_EXPECTED = 12;

  private final int position;
  private final String problem;
  private final String hint;

  private SyntaxError(int position, String problem, String hint) {
    super(problem, null, false, false);
    this.position = position;
    this.problem = problem;
    this.hint = hint;
  }

  /** A problem with the token at {@code token}. */
  static SyntaxError at(Token token, String problem) {
    return new SyntaxError(
        token.getStartIndex(), problem + " at position " + token.getStartIndex(), "");
  }

  /** The parser's view of an unexpected token (null: the current one). */
  public static SyntaxError at(ScimFilterParser parser, Token token) {
    Token offending = token != null ? token : parser.getCurrentToken();
    int position = offending.getStartIndex();
    String found;
    if (offending.getType() == Token.EOF) {
      position = offending.getInputStream().size();
      found = "Unexpected end";
    } else if (offending.getType() == ScimFilterLexer.UNEXPECTED
        && offending.getText().equals("\"")) {
      found = "Unterminated or malformed string";
    } else {
      found = "Unexpected '" + offending.getText() + "'";
    }
    return new SyntaxError(position, found + " at position " + position, expected(parser));
  }

  private static String expected(ScimFilterParser parser) {
    IntervalSet tokens;
    try {
      tokens = parser.getExpectedTokens();
    } catch (RuntimeException e) {
      return "";
    }
    List<String> names = new ArrayList<>();
    for (int type : tokens.toArray()) {
      names.add(describe(parser, type));
      if (names.size() > MAX_EXPECTED) {
        return "";
      }
    }
    return names.isEmpty()
        ? ""
        : "; expected " + (names.size() == 1 ? "" : "one of ") + String.join(", ", names);
  }

  private static String describe(ScimFilterParser parser, int type) {
    switch (type) {
      case Token.EOF:
        return "the end";
      case ScimFilterLexer.NAME:
        return "an attribute name";
      case ScimFilterLexer.URN_PATH:
        return "a URN-qualified attribute";
      case ScimFilterLexer.STRING:
        return "a string";
      case ScimFilterLexer.NUMBER:
        return "a number";
      default:
        String literal = parser.getVocabulary().getLiteralName(type);
        return literal != null
            ? literal.replace("'", "")
            : parser.getVocabulary().getDisplayName(type);
    }
  }

  /** The input, shortened for messages. */
  public static String excerpt(String text) {
    return text.length() <= MAX_EXCERPT ? text : text.substring(0, MAX_EXCERPT - 3) + "...";
  }

  /** The 0-based code point index of the problem. */
  public int position() {
    return position;
  }

  /** What is wrong and where, e.g. {@code Unexpected 'eqq' at position 9}. */
  public String problem() {
    return problem;
  }

  /** What would have been valid, starting with "; ", or empty. */
  public String hint() {
    return hint;
  }
}
