package dev.roster.scim.server.auth.jwt;

import java.util.Base64;

/**
 * Strict base64url without padding (RFC 7515 §2): only the URL-safe alphabet, no {@code =}, and
 * unused trailing bits zero, so that each byte string has exactly one encoding.
 */
final class Base64Url {
  private Base64Url() {}

  /** The bytes {@code text[from, to)} encodes, or null when it is not canonical base64url. */
  static byte[] decode(String text, int from, int to) {
    int length = to - from;
    if (length % 4 == 1) {
      return null;
    }
    int last = 0;
    for (int i = from; i < to; i++) {
      last = value(text.charAt(i));
      if (last < 0) {
        return null;
      }
    }
    // A final group of 2 or 3 characters leaves 4 or 2 bits unused; they must be zero.
    if ((length % 4 == 2 && (last & 0x0F) != 0) || (length % 4 == 3 && (last & 0x03) != 0)) {
      return null;
    }
    return Base64.getUrlDecoder().decode(text.substring(from, to));
  }

  /** The bytes {@code text} encodes, or null when it is not canonical base64url. */
  static byte[] decode(String text) {
    return decode(text, 0, text.length());
  }

  private static int value(char c) {
    if (c >= 'A' && c <= 'Z') {
      return c - 'A';
    }
    if (c >= 'a' && c <= 'z') {
      return c - 'a' + 26;
    }
    if (c >= '0' && c <= '9') {
      return c - '0' + 52;
    }
    if (c == '-') {
      return 62;
    }
    return c == '_' ? 63 : -1;
  }
}
