package dev.roster.scim.testkit.internal;

/** The public documents checks cite, so that every "See:" line is something a user can open. */
final class Sources {
  /** Microsoft Learn: "Tutorial: Develop and plan provisioning for a SCIM endpoint". */
  static final String ENTRA_SCIM =
      "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/"
          + "use-scim-to-provision-users-and-groups";

  /** Microsoft Learn: the SCIM compatibility page, with the {@code aadOptscim062020} flag. */
  static final String ENTRA_FLAGS =
      "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/"
          + "application-provisioning-config-problem-scim-compatibility"
          + "#flags-to-alter-the-scim-behavior";

  /** The Microsoft SCIM Validator and Microsoft Learn's guide to it. */
  static final String VALIDATOR =
      "https://scimvalidator.microsoft.com; guide: "
          + "https://learn.microsoft.com/en-us/entra/identity/app-provisioning/"
          + "scim-validator-tutorial";

  /** Okta's SCIM 2.0 reference. */
  static final String OKTA_SCIM20 =
      "https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20/";

  /** Okta's SCIM 1.1 reference, which describes the same connection probes. */
  static final String OKTA_SCIM11 =
      "https://developer.okta.com/docs/api/openapi/okta-scim/guides/scim-11/";

  /** Okta's SCIM 2.0 SPEC test (a Runscope/BlazeMeter test file). */
  static final String OKTA_SPEC =
      "https://developer.okta.com/standards/SCIM/SCIMFiles/Okta-SCIM-20-SPEC-Test.json";

  /** Okta's guide to testing a SCIM integration (the OIN QA test plan). */
  static final String OKTA_TEST =
      "https://developer.okta.com/docs/guides/scim-provisioning-integration-test/main/";

  /** RFC 7644's sections; append the section number. */
  static final String RFC7644 = "https://www.rfc-editor.org/rfc/rfc7644#section-";

  /** RFC 9865 (cursor-based pagination for SCIM). */
  static final String RFC9865 = "https://www.rfc-editor.org/rfc/rfc9865";

  /** RFC 7643's sections; append the section number. */
  static final String RFC7643 = "https://www.rfc-editor.org/rfc/rfc7643#section-";

  /** RFC 6749's (OAuth 2.0) sections; append the section number. */
  static final String RFC6749 = "https://www.rfc-editor.org/rfc/rfc6749#section-";

  /** RFC 6750's (bearer tokens) sections; append the section number. */
  static final String RFC6750 = "https://www.rfc-editor.org/rfc/rfc6750#section-";

  /**
   * Microsoft Learn: what a SCIM app in the Microsoft Entra gallery must do, client credentials
   * among it (access tokens of 60 minutes to 6 hours).
   */
  static final String ENTRA_GALLERY =
      "https://learn.microsoft.com/en-us/entra/identity/enterprise-apps/"
          + "app-gallery-user-provisioning-requirements";

  private Sources() {}
}
