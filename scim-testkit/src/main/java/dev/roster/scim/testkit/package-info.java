/**
 * Roster's SCIM testkit: black-box suites that replay what Microsoft Entra ID, Okta and RFC
 * 7643/7644 clients send to a SCIM endpoint, against any SCIM server, over HTTP only.
 *
 * <ul>
 *   <li>{@link dev.roster.scim.testkit.ScimTestkitTests}: implement it in a JUnit 5 test class.
 *   <li>{@link dev.roster.scim.testkit.Testkit} with {@link
 *       dev.roster.scim.testkit.TestkitOptions}: run from code, get a {@link
 *       dev.roster.scim.testkit.TestkitRun} and its HTML and JUnit XML reports.
 *   <li>{@link dev.roster.scim.testkit.TestkitCli}: {@code java -jar roster-testkit.jar --url …}.
 * </ul>
 *
 * <p>Every check names the document and section that require the behaviour it checks: {@code
 * entra-traffic.md} and {@code okta-traffic.md} (Roster's notes on what the identity providers
 * send, with their sources) or RFC 7643/7644.
 */
package dev.roster.scim.testkit;
