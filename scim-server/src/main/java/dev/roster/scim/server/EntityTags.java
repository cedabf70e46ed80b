package dev.roster.scim.server;

import dev.roster.scim.core.resource.Meta;

/**
 * The one place that formats and compares entity tags. Repositories hand out an opaque version
 * token in {@code meta.version} ({@code 7}, a hash, a timestamp) and compare tokens for equality;
 * the engine shows it as the weak entity tag {@code W/"7"}, in {@code meta.version} and the {@code
 * ETag} header, and matches {@code If-Match} and {@code If-None-Match} against that tag (RFC 7644
 * §3.14, RFC 7232 §2.3.2).
 */
final class EntityTags {
  private EntityTags() {}

  /**
   * The weak entity tag of a repository's version token, or null when there is none; a token that
   * already is an entity tag is kept as it is.
   */
  static String of(String token) {
    return Meta.weakVersion(token);
  }

  /**
   * Whether an {@code If-Match} or {@code If-None-Match} header names {@code tag}: {@code *}
   * matches any version, and entity tags compare weakly.
   */
  static boolean matches(String header, String tag) {
    if (header == null) {
      return false;
    }
    if (header.strip().equals("*")) {
      return tag != null;
    }
    if (tag == null) {
      return false;
    }
    String wanted = opaque(tag);
    for (String candidate : header.split(",")) {
      if (opaque(candidate.strip()).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  private static String opaque(String tag) {
    String t = tag.startsWith("W/") ? tag.substring(2) : tag;
    return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"")
        ? t.substring(1, t.length() - 1)
        : t;
  }
}
