package dev.roster.scim.core.filter;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.roster.scim.core.path.AttributePath;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** Canonical filter text: literals, operand lists, and attribute names written in code. */
final class FilterText {
  private FilterText() {}

  static String print(Object value) {
    if (value instanceof String text) {
      StringBuilder out = new StringBuilder(text.length() + 2).append('"');
      JsonStringEncoder.getInstance().quoteAsString(text, out);
      return out.append('"').toString();
    }
    return String.valueOf(value);
  }

  static String join(List<Filter> operands, String separator, Predicate<Filter> needsParens) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        out.append(separator);
      }
      Filter operand = operands.get(i);
      if (needsParens.test(operand)) {
        out.append('(').append(operand).append(')');
      } else {
        out.append(operand);
      }
    }
    return out.toString();
  }

  /** {@code name}, {@code name.sub} or {@code urn:...:name[.sub]} as a path. */
  static AttributePath path(String text) {
    String schema = null;
    String rest = text;
    if (text.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = text.lastIndexOf(':');
      schema = text.substring(0, colon);
      rest = text.substring(colon + 1);
    }
    int dot = rest.indexOf('.');
    return dot < 0
        ? new AttributePath(schema, rest, null)
        : new AttributePath(schema, rest.substring(0, dot), rest.substring(dot + 1));
  }

  static List<Filter> list(Filter first, Filter second, Filter... more) {
    List<Filter> all = new ArrayList<>(2 + more.length);
    all.add(first);
    all.add(second);
    all.addAll(List.of(more));
    return all;
  }
}
