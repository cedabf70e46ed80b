package dev.roster.scim.core;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;

/**
 * Text every store can keep. PostgreSQL refuses U+0000 in text, and an unpaired UTF-16 surrogate
 * has no UTF-8 encoding, so a value holding either would be accepted by one store and fail in
 * another; the engine refuses such text before any repository sees it.
 */
public final class StorableText {
  private StorableText() {}

  /** Whether {@code text} holds neither U+0000 nor an unpaired surrogate. */
  public static boolean isStorable(CharSequence text) {
    int length = text.length();
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      if (c == '\u0000') {
        return false;
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return false;
        }
      } else if (Character.isLowSurrogate(c)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The JSON Pointer (RFC 6901) of a field name or string in {@code json} that is not storable (the
   * offending characters written as {@code \\uXXXX}), or null when all are.
   */
  public static String firstUnstorable(JsonNode json) {
    Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
    pending.push(Map.entry("", json));
    while (!pending.isEmpty()) {
      Map.Entry<String, JsonNode> next = pending.pop();
      String pointer = next.getKey();
      JsonNode node = next.getValue();
      if (node.isTextual()) {
        if (!isStorable(node.textValue())) {
          return pointer;
        }
      } else if (node.isObject()) {
        for (Map.Entry<String, JsonNode> field : node.properties()) {
          String name = field.getKey();
          if (!isStorable(name)) {
            return pointer + "/" + escape(name);
          }
          pending.push(Map.entry(pointer + "/" + escape(name), field.getValue()));
        }
      } else if (node.isArray()) {
        for (int i = node.size() - 1; i >= 0; i--) {
          pending.push(Map.entry(pointer + "/" + i, node.get(i)));
        }
      }
    }
    return null;
  }

  private static String escape(String name) {
    StringBuilder out = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '~') {
        out.append("~0");
      } else if (c == '/') {
        out.append("~1");
      } else if (c == '\u0000' || Character.isSurrogate(c)) {
        // Shown in an error detail: the offending character as an escape, not as itself.
        out.append(String.format("\\u%04X", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }
}
