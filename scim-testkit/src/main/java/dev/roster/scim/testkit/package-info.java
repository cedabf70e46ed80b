/**
 * Roster's SCIM testkit: black-box suites that replay what Microsoft Entra ID, Okta and RFC
 * 7643/7644 clients send to a SCIM endpoint, against any SCIM server, over HTTP only; and, when
 * chosen, an authentication suite for the OAuth 2.0 token endpoint, 401 answers and tenant
 * isolation.
 *
 * <ul>
 *   <li>{@link dev.roster.scim.testkit.ScimTestkitTests}: implement it in a JUnit 5 test class.
 *   <li>{@link dev.roster.scim.testkit.Testkit} with {@link
 *       dev.roster.scim.testkit.TestkitOptions}: run from code, get a {@link
 *       dev.roster.scim.testkit.TestkitRun} and its HTML and JUnit XML reports.
 *   <li>{@link dev.roster.scim.testkit.TestkitCli}: {@code java -jar roster-testkit.jar --url …}.
 * </ul>
 *
 * <p>Every check names the public document that requires the behaviour it checks: an RFC 7643/7644
 * (or, for authentication, RFC 6749/6750) section, or a Microsoft Learn or Okta developer
 * documentation page, by URL.
 *
 * <p><b>Nullness:</b> non-null unless documented. <b>Threading:</b> options and results are
 * immutable; a {@code Testkit} runs its checks one after another and one run is not thread-safe.
 */
package dev.roster.scim.testkit;
