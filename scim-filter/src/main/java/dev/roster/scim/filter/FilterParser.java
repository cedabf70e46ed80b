package dev.roster.scim.filter;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.patch.PatchPath;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.filter.internal.AntlrReader;
import dev.roster.scim.filter.internal.FastParser;
import dev.roster.scim.filter.internal.SyntaxError;
import java.util.function.Function;

/**
 * Parses SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2) into scim-core's AST.
 *
 * <pre>{@code
 * FilterParser parser = FilterParser.withDefaults();
 * Filter f = parser.parse("emails[type eq \"work\" and value co \"@example.com\"] or userName sw \"b\"");
 * PatchPath p = parser.parsePath("emails[type eq \"work\"].value");
 * }</pre>
 *
 * <p>Keywords and operators are case-insensitive; {@code and} binds tighter than {@code or}; string
 * literals are JSON strings with any Unicode. Beyond the RFC's grammar it accepts {@code
 * emails[type eq "work"].value eq "x"}, read as {@code emails[type eq "work" and value eq "x"]}
 * (the same element must match both).
 *
 * <p>Input longer than {@link ScimLimits#maxFilterLength()} or nested deeper than {@link
 * ScimLimits#maxFilterDepth()} is rejected before parsing starts. Errors are {@link
 * FilterSyntaxException}s naming the position and the offending token; nothing is printed.
 * Instances are immutable and thread-safe; the grammar's prediction caches are shared by all.
 */
public final class FilterParser {
  private static final FilterParser DEFAULTS = new FilterParser(ScimLimits.defaults());

  private final ScimLimits limits;

  /** A parser enforcing {@code limits}. */
  public FilterParser(ScimLimits limits) {
    this.limits = requireNonNull(limits, "limits");
  }

  /** A parser enforcing {@link ScimLimits#defaults()}. */
  public static FilterParser withDefaults() {
    return DEFAULTS;
  }

  /**
   * Parses a filter.
   *
   * @throws FilterSyntaxException 400 {@code invalidFilter} naming the position and token
   */
  public Filter parse(String filter) {
    requireNonNull(filter, "filter");
    return run(filter, ScimType.INVALID_FILTER, "filter", FastParser::filter, AntlrReader::filter);
  }

  /**
   * Parses a PATCH path: {@code attrPath} or {@code valuePath [subAttr]}.
   *
   * @throws FilterSyntaxException 400 {@code invalidPath} naming the position and token
   */
  public PatchPath parsePath(String path) {
    requireNonNull(path, "path");
    return run(path, ScimType.INVALID_PATH, "path", FastParser::path, AntlrReader::path);
  }

  /**
   * Parses an attribute path without a value filter, as in {@code sortBy} and {@code attributes}.
   *
   * @throws FilterSyntaxException 400 {@code invalidPath} if it is malformed or has a filter
   */
  public AttributePath parseAttributePath(String path) {
    PatchPath parsed = parsePath(path);
    if (parsed.valueFilter() != null) {
      throw new FilterSyntaxException(
          ScimType.INVALID_PATH,
          path.indexOf('['),
          "A value filter is not allowed in attribute path '" + SyntaxError.excerpt(path) + "'");
    }
    return parsed.attribute();
  }

  /**
   * Two readers of one grammar: {@code fastReader} reads the common forms and returns null on
   * anything it is not sure of; {@code grammarReader} (ANTLR) reads the rest and names every error.
   */
  private <T> T run(
      String text,
      ScimType type,
      String what,
      Function<String, T> fastReader,
      Function<String, T> grammarReader) {
    try {
      checkLimits(text, type, what);
      T fast = fastReader.apply(text);
      return fast != null ? fast : grammarReader.apply(text);
    } catch (SyntaxError e) {
      throw new FilterSyntaxException(
          type,
          e.position(),
          e.problem() + " in " + what + " '" + SyntaxError.excerpt(text) + "'" + e.hint());
    }
  }

  private void checkLimits(String text, ScimType type, String what) {
    if (text.length() > limits.maxFilterLength()) {
      throw new FilterSyntaxException(
          type,
          text.codePointCount(0, limits.maxFilterLength()),
          "The "
              + what
              + " is "
              + text.length()
              + " characters long; the limit is "
              + limits.maxFilterLength()
              + " (ScimLimits.maxFilterLength)");
    }
    int depth = 0;
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if (c == '(' || c == '[') {
        if (++depth > limits.maxFilterDepth()) {
          throw new FilterSyntaxException(
              type,
              text.codePointCount(0, i),
              "The "
                  + what
                  + " nests more than "
                  + limits.maxFilterDepth()
                  + " levels; the limit is "
                  + limits.maxFilterDepth()
                  + " (ScimLimits.maxFilterDepth)");
        }
      } else if (c == ')' || c == ']') {
        depth = Math.max(0, depth - 1);
      }
    }
  }
}
