package dev.roster.scim.filter.internal;

/**
 * The first problem found in a filter or path, before {@code FilterParser} makes it a client-facing
 * exception. {@link AntlrReader} and {@link AstBuilder} throw it; {@link FastParser} never does (it
 * gives up instead).
 */
public final class SyntaxError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_EXCERPT = 120;

  private final int position;
  private final String problem;
  private final String hint;

  private SyntaxError(int position, String problem, String hint) {
    super(problem, null, false, false);
    this.position = position;
    this.problem = problem;
    this.hint = hint;
  }

  /**
   * A problem at code point {@code position}, e.g. {@code Number '1e99999999999' is out of range}.
   */
  static SyntaxError at(int position, String problem) {
    return at(position, problem, "");
  }

  /** A problem at code point {@code position}, with a hint that starts with "; " (or is empty). */
  static SyntaxError at(int position, String problem, String hint) {
    return new SyntaxError(position, problem + " at position " + position, hint);
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
