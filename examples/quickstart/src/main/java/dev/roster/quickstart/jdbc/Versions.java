package dev.roster.quickstart.jdbc;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.resource.Meta;

/**
 * The {@code version} column, a counter bumped by every write, as the opaque {@code meta.version}
 * clients see: {@code 3} is {@code W/"3"}.
 */
final class Versions {
  private Versions() {}

  /** The entity tag of version {@code counter}. */
  static String format(long counter) {
    return Meta.weakVersion(Long.toString(counter));
  }

  /**
   * The counter in an entity tag this repository issued.
   *
   * @throws ScimException 412 for a tag it never issued, which cannot match the stored version
   */
  static long parse(String version) {
    String counter = version.strip();
    if (counter.startsWith("W/")) {
      counter = counter.substring(2);
    }
    counter = counter.replace("\"", "");
    try {
      return Long.parseLong(counter);
    } catch (NumberFormatException e) {
      throw ScimException.versionMismatch(
          "Version " + version + " was not issued by this server; read the resource again");
    }
  }
}
