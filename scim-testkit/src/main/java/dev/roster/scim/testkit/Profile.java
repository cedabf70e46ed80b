package dev.roster.scim.testkit;

import java.util.Locale;

/**
 * Which attributes the checks may write and read back, after the attribute mappings of three SaaS
 * apps' Microsoft Entra tutorials. Each profile includes the one before it. Of a profile's
 * attributes, checks write only those the server declares in {@code /Schemas} and {@code
 * /ResourceTypes} (all of them when it serves neither), and a check that needs an attribute,
 * extension or resource type the server does not declare is skipped with the reason.
 */
public enum Profile {
  /**
   * Users only (SpaceIQ-like): {@code userName}, {@code active}, {@code name.givenName}, {@code
   * name.familyName}, the work email and {@code externalId}. Group checks are skipped.
   */
  USERS("users"),
  /**
   * Users and groups (Howspace-like): adds the mobile phone number, and groups with {@code
   * displayName}, {@code externalId} and {@code members}.
   */
  USERS_GROUPS("users-groups"),
  /**
   * Everything (askSpoke-like): adds {@code title}, {@code name.formatted}, the work address's
   * locality, country and region, the enterprise extension's {@code department} and {@code
   * manager}, and one custom extension attribute (by default {@code
   * urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User:startDate}).
   */
  FULL("full");

  private final String id;

  Profile(String id) {
    this.id = id;
  }

  /** The name used on the command line and in reports, e.g. {@code users-groups}. */
  public String id() {
    return id;
  }

  /** Whether checks of this profile provision groups. */
  public boolean hasGroups() {
    return this != USERS;
  }

  /**
   * The profile named {@code id}, ignoring case.
   *
   * @throws IllegalArgumentException when no profile has that name
   */
  public static Profile fromId(String id) {
    for (Profile profile : values()) {
      if (profile.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
        return profile;
      }
    }
    throw new IllegalArgumentException(
        "Unknown profile '" + id + "'; expected users, users-groups or full");
  }
}
