package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.patch.PatchPath;
import dev.roster.scim.filter.FilterCorpus.Case;
import dev.roster.scim.filter.internal.AntlrReader;
import dev.roster.scim.filter.internal.FastParser;
import dev.roster.scim.filter.internal.SyntaxError;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Drives the filter and PATCH path corpora ({@link FilterCorpus}) through {@link FilterParser} and
 * through each of its two readers alone: {@link AntlrReader}, the grammar of record, must build
 * every expected tree and report every error at its position; {@link FastParser} must build the
 * expected tree whenever it reads a valid text, and leave every invalid one to ANTLR (return null).
 * Limits and characters a line cannot hold are tested here directly, through FilterParser.
 */
class FilterCorpusTest {
  private static final ScimLimits LIMITS = ScimLimits.defaults();
  private final FilterParser parser = FilterParser.withDefaults();

  static Stream<Case> validFilters() {
    return FilterCorpus.validFilters().stream();
  }

  static Stream<Case> invalidFilters() {
    return FilterCorpus.invalidFilters().stream();
  }

  static Stream<Case> validPaths() {
    return FilterCorpus.validPaths().stream();
  }

  static Stream<Case> invalidPaths() {
    return FilterCorpus.invalidPaths().stream();
  }

  // ---- Through FilterParser: limits, FastParser, then ANTLR; errors as clients see them.

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFilters")
  void parsesValidFilterToExpectedTree(Case c) {
    Filter filter = parser.parse(c.text());

    assertThat(print(filter)).isEqualTo(Sexpr.canonical(c.expected()));
    assertThat(parser.parse(filter.toString())).as("re-parsed %s", filter).isEqualTo(filter);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFilters")
  void rejectsInvalidFilterAtPosition(Case c) {
    assertRejected(parser::parse, c.text(), c.scimType(), c.position());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPaths")
  void parsesValidPathToExpectedTarget(Case c) {
    PatchPath path = parser.parsePath(c.text());

    assertThat(print(path)).isEqualTo(Sexpr.canonical(c.expected()));
    assertThat(parser.parsePath(path.toString())).as("re-parsed %s", path).isEqualTo(path);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPaths")
  void rejectsInvalidPathAtPosition(Case c) {
    assertRejected(parser::parsePath, c.text(), c.scimType(), c.position());
  }

  // ---- The ANTLR reader alone: every tree, every error and position.

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFilters")
  void antlrReadsValidFilterToExpectedTree(Case c) {
    assertThat(print(AntlrReader.filter(c.text()))).isEqualTo(Sexpr.canonical(c.expected()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFilters")
  void antlrRejectsInvalidFilterAtPosition(Case c) {
    assertThat(c.scimType()).isEqualTo(ScimType.INVALID_FILTER);
    assertAntlrRejects(AntlrReader::filter, c);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPaths")
  void antlrReadsValidPathToExpectedTarget(Case c) {
    assertThat(print(AntlrReader.path(c.text()))).isEqualTo(Sexpr.canonical(c.expected()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPaths")
  void antlrRejectsInvalidPathAtPosition(Case c) {
    assertThat(c.scimType()).isEqualTo(ScimType.INVALID_PATH);
    assertAntlrRejects(AntlrReader::path, c);
  }

  // ---- FastParser alone: the expected tree whenever it reads a text, never an invalid one.

  @ParameterizedTest(name = "{0}")
  @MethodSource("validFilters")
  void fastParserReadsValidFilterToExpectedTreeOrLeavesItToAntlr(Case c) {
    Filter filter = FastParser.filter(c.text());

    if (filter != null) {
      assertThat(print(filter)).isEqualTo(Sexpr.canonical(c.expected()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidFilters")
  void fastParserLeavesInvalidFilterToAntlr(Case c) {
    assertThat(FastParser.filter(c.text())).as("FastParser read an invalid filter").isNull();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validPaths")
  void fastParserReadsValidPathToExpectedTargetOrLeavesItToAntlr(Case c) {
    PatchPath path = FastParser.path(c.text());

    if (path != null) {
      assertThat(print(path)).isEqualTo(Sexpr.canonical(c.expected()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidPaths")
  void fastParserLeavesInvalidPathToAntlr(Case c) {
    assertThat(FastParser.path(c.text())).as("FastParser read an invalid path").isNull();
  }

  // ---- Limits and characters a corpus line cannot hold, through FilterParser.

  @Test
  void acceptsFilterOfExactlyMaxFilterLength() {
    String filter = stringFilter("a".repeat(LIMITS.maxFilterLength() - 17));

    assertThat(filter).hasSize(LIMITS.maxFilterLength());
    assertThat(parser.parse(filter)).isInstanceOf(Filter.Compare.class);
  }

  @Test
  void rejectsFilterLongerThanMaxFilterLengthAtFirstCharacterPastLimit() {
    String filter = stringFilter("a".repeat(LIMITS.maxFilterLength() - 16));

    assertRejected(parser::parse, filter, ScimType.INVALID_FILTER, LIMITS.maxFilterLength());
  }

  @Test
  void rejectsPathLongerThanMaxFilterLength() {
    String path = "a".repeat(LIMITS.maxFilterLength() + 1);

    assertRejected(parser::parsePath, path, ScimType.INVALID_PATH, LIMITS.maxFilterLength());
  }

  @Test
  void reportsLengthLimitPositionInCodePoints() {
    // 16 + 2 * 4088 UTF-16 units reach the limit exactly; the character past it is code point 4104.
    String filter = stringFilter("😀".repeat(4089));

    assertRejected(parser::parse, filter, ScimType.INVALID_FILTER, 16 + 4088);
  }

  @Test
  void acceptsParenthesesNestedToMaxFilterDepth() {
    int depth = LIMITS.maxFilterDepth();
    String filter = "(".repeat(depth) + "title pr" + ")".repeat(depth);

    assertThat(parser.parse(filter)).isEqualTo(Filter.present("title"));
  }

  @Test
  void rejectsParenthesesNestedPastMaxFilterDepthAtFirstOpenerTooDeep() {
    int depth = LIMITS.maxFilterDepth() + 1;
    String filter = "(".repeat(depth) + "title pr" + ")".repeat(depth);

    assertRejected(parser::parse, filter, ScimType.INVALID_FILTER, depth - 1);
  }

  @Test
  void countsNotAndValuePathsTowardsDepth() {
    int depth = LIMITS.maxFilterDepth();
    String deepest =
        "emails[" + "not (".repeat(depth - 1) + "value pr" + ")".repeat(depth - 1) + "]";
    String tooDeep = "emails[" + "not (".repeat(depth) + "value pr" + ")".repeat(depth) + "]";

    assertThat(parser.parse(deepest)).isInstanceOf(Filter.ValuePath.class);
    // The 65th opener is the '(' of the 64th "not (", which starts after "emails[" and 63 more.
    assertRejected(parser::parse, tooDeep, ScimType.INVALID_FILTER, 7 + 63 * 5 + 4);
  }

  @Test
  void ignoresBracketsInsideStringsWhenMeasuringDepth() {
    String brackets = "([".repeat(LIMITS.maxFilterDepth() + 1) + "\\\"((";

    assertThat(parser.parse(stringFilter(brackets)))
        .isEqualTo(Filter.eq("displayName", "([".repeat(LIMITS.maxFilterDepth() + 1) + "\"(("));
  }

  @Test
  void acceptsNewlinesAndCarriageReturnsBetweenTokens() {
    assertThat(parser.parse("title pr\r\nand\nnot (\rnickName pr\n)\n"))
        .isEqualTo(Filter.and(Filter.present("title"), Filter.not(Filter.present("nickName"))));
  }

  @Test
  void rejectsRawNewlineCarriageReturnAndNulInsideStrings() {
    assertRejected(parser::parse, "userName eq \"a\nb\"", ScimType.INVALID_FILTER, 12);
    assertRejected(parser::parse, "userName eq \"a\rb\"", ScimType.INVALID_FILTER, 12);
    assertRejected(parser::parse, "userName eq \"a\u0000b\"", ScimType.INVALID_FILTER, 12);
  }

  @Test
  void rejectsNulBetweenTokens() {
    assertRejected(parser::parse, "title pr\u0000", ScimType.INVALID_FILTER, 8);
  }

  private static String stringFilter(String escapedValue) {
    return "displayName eq \"" + escapedValue + "\"";
  }

  private static void assertRejected(
      Function<String, ?> parse, String text, ScimType scimType, int position) {
    assertThatThrownBy(() -> parse.apply(text))
        .isInstanceOfSatisfying(
            FilterSyntaxException.class,
            e -> {
              assertThat(e.scimType()).as(e.detail()).contains(scimType);
              assertThat(e.status()).as(e.detail()).isEqualTo(400);
              assertThat(e.position()).as(e.detail()).isEqualTo(position);
            });
  }

  private static void assertAntlrRejects(Function<String, ?> read, Case c) {
    assertThatThrownBy(() -> read.apply(c.text()))
        .isInstanceOfSatisfying(
            SyntaxError.class,
            e -> assertThat(e.position()).as(e.problem()).isEqualTo(c.position()));
  }

  private static String print(Filter filter) {
    return filter.accept(new SexprPrinter());
  }

  private static String print(PatchPath path) {
    StringBuilder out = new StringBuilder("(path ").append(path.attribute());
    path.filter().ifPresent(f -> out.append(' ').append(print(f)));
    if (path.subAttribute() != null) {
      out.append(' ').append(path.subAttribute());
    }
    return out.append(')').toString();
  }

  /** Prints a filter as the corpus's canonical S-expression. */
  private static final class SexprPrinter implements Filter.Visitor<String> {
    @Override
    public String visitCompare(Filter.Compare filter) {
      return "("
          + filter.operator().wireValue()
          + " "
          + filter.attribute()
          + " "
          + Sexpr.literal(filter.value())
          + ")";
    }

    @Override
    public String visitPresent(Filter.Present filter) {
      return "(pr " + filter.attribute() + ")";
    }

    @Override
    public String visitAnd(Filter.And filter) {
      return list("and", filter.operands());
    }

    @Override
    public String visitOr(Filter.Or filter) {
      return list("or", filter.operands());
    }

    @Override
    public String visitNot(Filter.Not filter) {
      return "(not " + filter.operand().accept(this) + ")";
    }

    @Override
    public String visitValuePath(Filter.ValuePath filter) {
      return "(vp " + filter.attribute() + " " + filter.filter().accept(this) + ")";
    }

    private String list(String operator, List<Filter> operands) {
      return operands.stream()
          .map(f -> f.accept(this))
          .collect(Collectors.joining(" ", "(" + operator + " ", ")"));
    }
  }

  /**
   * The corpus S-expression syntax: lists in parentheses, JSON strings, and atoms. Expected trees
   * are brought to canonical form (strings decoded and re-escaped, numbers as BigDecimal text) so
   * the files may write any JSON escape or number spelling.
   */
  private static final class Sexpr {
    private static final Pattern NUMBER =
        Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");

    private Sexpr() {}

    static String literal(Object value) {
      if (value instanceof String text) {
        return quote(text);
      }
      if (value instanceof BigDecimal number) {
        return number.toString();
      }
      return String.valueOf(value);
    }

    static String canonical(String sexpr) {
      StringBuilder out = new StringBuilder();
      int depth = 0;
      int i = 0;
      while (i < sexpr.length()) {
        char c = sexpr.charAt(i);
        if (c == ' ') {
          i++;
        } else if (c == '(' || c == ')') {
          depth += c == '(' ? 1 : -1;
          if (depth < 0) {
            throw new IllegalArgumentException("Unbalanced ')' in " + sexpr);
          }
          if (c == '(' && out.length() > 0 && out.charAt(out.length() - 1) != '(') {
            out.append(' ');
          }
          out.append(c);
          i++;
        } else {
          if (out.length() > 0 && out.charAt(out.length() - 1) != '(') {
            out.append(' ');
          }
          i = c == '"' ? string(sexpr, i, out) : atom(sexpr, i, out);
        }
      }
      if (depth != 0) {
        throw new IllegalArgumentException("Unbalanced '(' in " + sexpr);
      }
      return out.toString();
    }

    private static int atom(String sexpr, int start, StringBuilder out) {
      int end = start;
      while (end < sexpr.length() && " ()\"".indexOf(sexpr.charAt(end)) < 0) {
        end++;
      }
      String atom = sexpr.substring(start, end);
      out.append(NUMBER.matcher(atom).matches() ? new BigDecimal(atom).toString() : atom);
      return end;
    }

    private static int string(String sexpr, int start, StringBuilder out) {
      StringBuilder value = new StringBuilder();
      int i = start + 1;
      while (sexpr.charAt(i) != '"') {
        char c = sexpr.charAt(i++);
        if (c != '\\') {
          value.append(c);
          continue;
        }
        char escaped = sexpr.charAt(i++);
        switch (escaped) {
          case 'b' -> value.append('\b');
          case 'f' -> value.append('\f');
          case 'n' -> value.append('\n');
          case 'r' -> value.append('\r');
          case 't' -> value.append('\t');
          case 'u' -> {
            value.append((char) Integer.parseInt(sexpr.substring(i, i + 4), 16));
            i += 4;
          }
          case '"', '\\', '/' -> value.append(escaped);
          default -> throw new IllegalArgumentException("Bad escape in " + sexpr);
        }
      }
      out.append(quote(value.toString()));
      return i + 1;
    }

    /** JSON-escapes quotes, backslashes and control characters; leaves the rest as is. */
    static String quote(String text) {
      StringBuilder out = new StringBuilder("\"");
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\b' -> out.append("\\b");
          case '\f' -> out.append("\\f");
          case '\n' -> out.append("\\n");
          case '\r' -> out.append("\\r");
          case '\t' -> out.append("\\t");
          default -> {
            if (c < 0x20) {
              out.append(String.format("\\u%04x", (int) c));
            } else {
              out.append(c);
            }
          }
        }
      }
      return out.append('"').toString();
    }
  }
}
