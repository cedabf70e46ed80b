package dev.roster.scim.filter.internal;

import org.antlr.v4.runtime.Token;

/** Decoding of JSON string literals (RFC 8259 §7) that the lexer has already checked. */
final class JsonStrings {
  private JsonStrings() {}

  /** The text of a STRING token without its quotes, with escapes decoded. */
  static String unquote(Token token) {
    String text = token.getText();
    int end = text.length() - 1;
    int backslash = text.indexOf('\\', 1);
    if (backslash < 0) {
      return text.substring(1, end);
    }
    StringBuilder out = new StringBuilder(end);
    out.append(text, 1, backslash);
    for (int i = backslash; i < end; i++) {
      char c = text.charAt(i);
      if (c != '\\') {
        out.append(c);
        continue;
      }
      char escaped = text.charAt(++i);
      switch (escaped) {
        case 'b':
          out.append('\b');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 't':
          out.append('\t');
          break;
        case 'u':
          out.append((char) Integer.parseInt(text.substring(i + 1, i + 5), 16));
          i += 4;
          break;
        default:
          out.append(escaped); // '"', '\\' and '/'
      }
    }
    return out.toString();
  }
}
