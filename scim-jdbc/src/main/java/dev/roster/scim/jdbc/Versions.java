package dev.roster.scim.jdbc;

import dev.roster.scim.core.error.ScimException;

/**
 * The {@code version} column, a counter bumped by every write, as the opaque version token of
 * {@code meta.version}: {@code 3}. The engine shows it to clients as the entity tag {@code W/"3"}
 * and passes back exactly the tokens this store handed out.
 */
final class Versions {
  private Versions() {}

  /** The version token of counter {@code counter}. */
  static String format(long counter) {
    return Long.toString(counter);
  }

  /**
   * The counter of a version token this store handed out.
   *
   * @throws ScimException 412 for a token it never handed out, which cannot match the stored
   *     version
   */
  static long parse(String version) {
    try {
      return Long.parseLong(version);
    } catch (NumberFormatException e) {
      throw ScimException.versionMismatch(
          "Version " + version + " was not issued by this server; read the resource again");
    }
  }
}
