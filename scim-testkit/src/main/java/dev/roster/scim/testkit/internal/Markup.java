package dev.roster.scim.testkit.internal;

/** Escaping for the HTML and XML reports, which must stay well-formed whatever servers send. */
final class Markup {
  private Markup() {}

  /** Text safe inside an element or a double-quoted attribute; characters XML forbids dropped. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        case '"':
          out.append("&quot;");
          break;
        case '\'':
          out.append("&#39;");
          break;
        default:
          if (Character.isHighSurrogate(c)
              && i + 1 < text.length()
              && Character.isLowSurrogate(text.charAt(i + 1))) {
            out.append(c).append(text.charAt(++i));
          } else if (allowed(c)) {
            out.append(c);
          } else {
            out.append('\uFFFD');
          }
      }
    }
    return out.toString();
  }

  /** Like {@link #escape}, keeping line breaks inside attribute values. */
  static String attribute(String text) {
    return escape(text).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;");
  }

  private static boolean allowed(char c) {
    if (c == '\t' || c == '\n' || c == '\r') {
      return true;
    }
    if (c < 0x20 || Character.isSurrogate(c)) {
      return false;
    }
    return c != '\uFFFE' && c != '\uFFFF';
  }
}
