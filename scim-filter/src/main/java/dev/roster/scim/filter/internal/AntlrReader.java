package dev.roster.scim.filter.internal;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.patch.PatchPath;
import dev.roster.scim.filter.internal.antlr.ScimFilterLexer;
import dev.roster.scim.filter.internal.antlr.ScimFilterParser;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.antlr.v4.runtime.BailErrorStrategy;
import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.DefaultErrorStrategy;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.atn.PredictionMode;
import org.antlr.v4.runtime.misc.IntervalSet;
import org.antlr.v4.runtime.misc.ParseCancellationException;

/**
 * Reads filters and PATCH paths with the ANTLR grammar {@code ScimFilter.g4}, the grammar of
 * record: {@code FilterParser} hands it every text {@link FastParser} is not sure of, and its first
 * syntax error, with the position and the offending token, is the one a client sees. With {@link
 * AstBuilder}, which turns its parse trees into scim-core's AST, it is the only code that sees
 * ANTLR's types.
 *
 * <p>Each call makes its own lexer and parser and nothing is printed; the generated parser's
 * prediction caches (DFA) are static and shared by all threads.
 */
public final class AntlrReader {
  private static final int MAX_EXPECTED = 12;

  private AntlrReader() {}

  /**
   * The filter {@code text} denotes.
   *
   * @throws SyntaxError at the first problem
   */
  public static Filter filter(String text) {
    return read(text, parser -> AstBuilder.filter(parser.filter()));
  }

  /**
   * The PATCH path {@code text} denotes.
   *
   * @throws SyntaxError at the first problem
   */
  public static PatchPath path(String text) {
    return read(text, parser -> AstBuilder.path(parser.path()));
  }

  private static <T> T read(String text, Function<ScimFilterParser, T> entryPoint) {
    ScimFilterParser parser = newParser(text);
    // Two-stage parsing: fast SLL prediction first, full LL only if SLL fails.
    parser.getInterpreter().setPredictionMode(PredictionMode.SLL);
    parser.setErrorHandler(new BailErrorStrategy());
    try {
      return entryPoint.apply(parser);
    } catch (ParseCancellationException sllFailed) {
      parser = newParser(text);
      parser.getInterpreter().setPredictionMode(PredictionMode.LL);
      parser.setErrorHandler(new DefaultErrorStrategy());
      parser.addErrorListener(ThrowingListener.INSTANCE);
      return entryPoint.apply(parser);
    }
  }

  private static ScimFilterParser newParser(String text) {
    ScimFilterLexer lexer = new ScimFilterLexer(CharStreams.fromString(text));
    lexer.removeErrorListeners();
    ScimFilterParser parser = new ScimFilterParser(new CommonTokenStream(lexer));
    parser.removeErrorListeners();
    return parser;
  }

  /** The parser's view of an unexpected token (null: the current one). */
  private static SyntaxError unexpected(ScimFilterParser parser, Token token) {
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
    return SyntaxError.at(position, found, expected(parser));
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

  /** Turns the first syntax error into a {@link SyntaxError}; nothing reaches the console. */
  private static final class ThrowingListener extends BaseErrorListener {
    static final ThrowingListener INSTANCE = new ThrowingListener();

    @Override
    public void syntaxError(
        Recognizer<?, ?> recognizer,
        Object offendingSymbol,
        int line,
        int charPositionInLine,
        String msg,
        RecognitionException e) {
      Token token = offendingSymbol instanceof Token t ? t : null;
      throw unexpected((ScimFilterParser) recognizer, token);
    }
  }
}
