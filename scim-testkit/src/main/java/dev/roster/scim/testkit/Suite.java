package dev.roster.scim.testkit;

import java.util.Locale;

/** A suite of checks: what one kind of SCIM client sends and expects. */
public enum Suite {
  /** Microsoft Entra ID provisioning and the Microsoft SCIM Validator ({@code entra}). */
  ENTRA("entra", "Microsoft Entra ID"),
  /** Okta Lifecycle Management and Okta's Runscope tests ({@code okta}). */
  OKTA("okta", "Okta"),
  /** RFC 7643 and RFC 7644 as a conformant client uses them ({@code rfc}). */
  RFC("rfc", "RFC 7643/7644");

  private final String id;
  private final String title;

  Suite(String id, String title) {
    this.id = id;
    this.title = title;
  }

  /** The name used on the command line and in reports, e.g. {@code entra}. */
  public String id() {
    return id;
  }

  /** A human-readable title, e.g. {@code Microsoft Entra ID}. */
  public String title() {
    return title;
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
    throw new IllegalArgumentException("Unknown suite '" + id + "'; expected entra, okta or rfc");
  }
}
