package dev.roster.scim.testkit;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A suite of checks: what one kind of SCIM client sends and expects. */
public enum Suite {
  /** Microsoft Entra ID provisioning and the Microsoft SCIM Validator ({@code entra}). */
  ENTRA("entra", "Microsoft Entra ID", true),
  /** Okta Lifecycle Management and Okta's Runscope tests ({@code okta}). */
  OKTA("okta", "Okta", true),
  /** RFC 7643 and RFC 7644 as a conformant client uses them ({@code rfc}). */
  RFC("rfc", "RFC 7643/7644", true),
  /**
   * Authentication ({@code auth}): the OAuth 2.0 token endpoint as Microsoft Entra ID's client
   * credentials validation uses it, 401 answers to missing, garbage, revoked and expired tokens,
   * and the isolation of two tenants. Not among the {@link #defaults()}: it obtains tokens and
   * needs credentials of its own ({@link TestkitOptions.Builder#tokenUrl}, {@link
   * TestkitOptions.Builder#clientCredentials} and the others), and each check it cannot run without
   * them is skipped with the option it needs.
   */
  AUTH("auth", "Authentication", false);

  private final String id;
  private final String title;
  private final boolean byDefault;

  Suite(String id, String title, boolean byDefault) {
    this.id = id;
    this.title = title;
    this.byDefault = byDefault;
  }

  /** The name used on the command line and in reports, e.g. {@code entra}. */
  public String id() {
    return id;
  }

  /** A human-readable title, e.g. {@code Microsoft Entra ID}. */
  public String title() {
    return title;
  }

  /** The suites that run when none are chosen: entra, okta and rfc, in that order. */
  public static List<Suite> defaults() {
    return Arrays.stream(values()).filter(suite -> suite.byDefault).toList();
  }

  /**
   * The suite named {@code id}, ignoring case.
   *
   * @throws IllegalArgumentException when no suite has that name
   */
  public static Suite fromId(String id) {
    for (Suite suite : values()) {
      if (suite.id.equals(id.strip().toLowerCase(Locale.ROOT))) {
        return suite;
      }
    }
    throw new IllegalArgumentException(
        "Unknown suite '" + id + "'; expected entra, okta, rfc or auth");
  }
}
