package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values that must never reach a report: client secrets, the tokens the options give, and every
 * access token a check obtains. Each is masked as {@code ****} (with a label saying whose it is,
 * when it has one) wherever it appears in what a check reports (message, details, notes,
 * transcript), as written and as a form and JSON encode it, so that a server echoing one in a body
 * or an error message does not leak it either. Thread-safe.
 */
final class Secrets {
  static final String MASK = "****";

  /** Each secret, in each of its encodings, and what shows instead. */
  private final Map<String, String> shown = new LinkedHashMap<>();

  /** Adds {@code secret}, shown as {@code ****}; null and empty values are ignored. */
  void add(String secret) {
    add(secret, null);
  }

  /**
   * Adds {@code secret}, shown as {@code **** (label)}, e.g. {@code **** (tenant B)}, or as {@code
   * ****} when {@code label} is null; null and empty values are ignored.
   */
  synchronized void add(String secret, String label) {
    if (secret == null || secret.isEmpty()) {
      return;
    }
    String mask = label == null ? MASK : MASK + " (" + label + ")";
    String json = Json.write(TextNode.valueOf(secret));
    for (String encoded :
        List.of(secret, Query.form(secret), json.substring(1, json.length() - 1))) {
      shown.put(encoded, mask);
    }
  }

  /** {@code text} with every secret masked; null stays null. */
  String mask(String text) {
    if (text == null) {
      return null;
    }
    List<Map.Entry<String, String>> longestFirst;
    synchronized (this) {
      longestFirst = new ArrayList<>(shown.entrySet());
    }
    // Longest first, so that a secret containing another is masked whole.
    longestFirst.sort((a, b) -> b.getKey().length() - a.getKey().length());
    String masked = text;
    for (Map.Entry<String, String> secret : longestFirst) {
      masked = masked.replace(secret.getKey(), secret.getValue());
    }
    return masked;
  }
}
