package dev.roster.example.teams.scim;

import dev.roster.scim.core.error.ScimException;

/** The {@code row_version} counters are the version tokens these directories hand out. */
final class Versions {
  private Versions() {}

  /** The condition that makes a write conditional on the expected version, if there is one. */
  static String condition(String expectedVersion) {
    return expectedVersion == null ? "" : " AND row_version = ?";
  }

  /** The arguments, then the expected version's counter when there is one. */
  static Object[] arguments(String expectedVersion, Object... arguments) {
    if (expectedVersion == null) {
      return arguments;
    }
    Object[] all = java.util.Arrays.copyOf(arguments, arguments.length + 1);
    all[arguments.length] = counter(expectedVersion);
    return all;
  }

  /** The counter of a version token this application handed out. */
  static long counter(String token) {
    try {
      return Long.parseLong(token);
    } catch (NumberFormatException e) {
      throw ScimException.versionMismatch("Version " + token + " was not issued by this server");
    }
  }
}
