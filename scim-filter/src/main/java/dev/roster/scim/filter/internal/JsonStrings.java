package dev.roster.scim.filter.internal;

/** Decoding of JSON string literals (RFC 8259 §7) that a reader has already checked. */
final class JsonStrings {
  private JsonStrings() {}

  /**
   * The value of the string literal at {@code text[start, end)}, quotes included, with escapes
   * decoded.
   */
  static String unquote(String text, int start, int end) {
    int last = end - 1;
    int backslash = text.indexOf('\\', start + 1);
    if (backslash < 0 || backslash >= last) {
      return text.substring(start + 1, last);
    }
    StringBuilder out = new StringBuilder(last - start);
    out.append(text, start + 1, backslash);
    for (int i = backslash; i < last; i++) {
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
          out.append((char) Integer.parseInt(text, i + 1, i + 5, 16));
          i += 4;
          break;
        default:
          out.append(escaped); // '"', '\\' and '/'
      }
    }
    return out.toString();
  }
}
