package dev.roster.scim.testkit.internal;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query-string encoding as each client does it. */
final class Query {
  private Query() {}

  /**
   * Form encoding, as Entra sends it: spaces as {@code +}, quotes as {@code %22}, {@code @} as
   * {@code %40} ({@code filter=userName+eq+%22…%22}, entra-traffic.md §1.0).
   */
  static String form(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** Percent encoding with spaces as {@code %20}, as Okta sends it (okta-traffic.md §1.3). */
  static String percent(String value) {
    return form(value).replace("+", "%20");
  }

  /** A filter string literal: the value in double quotes, with quotes and backslashes escaped. */
  static String literal(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
