/**
 * The service provider interface: what a host application implements so that Roster can serve its
 * users, groups and custom resources over SCIM.
 *
 * <table>
 *   <caption>Interfaces to implement</caption>
 *   <tr><th>Interface</th><th>Implement it to</th></tr>
 *   <tr><td>{@link dev.roster.scim.core.spi.UserRepository}</td><td>store users</td></tr>
 *   <tr><td>{@link dev.roster.scim.core.spi.GroupRepository}</td>
 *       <td>store groups, with membership changes as deltas</td></tr>
 *   <tr><td>{@link dev.roster.scim.core.spi.ResourceRepository}</td>
 *       <td>store the resources of a custom resource type</td></tr>
 * </table>
 *
 * <p>Every method takes one request record and returns one result value, so that the interface can
 * grow with {@code default} methods and new record components without breaking implementations.
 * Every request carries a {@link dev.roster.scim.core.spi.RequestContext} (tenant, principal,
 * request id). Methods are called on the HTTP request's thread, concurrently; the failures each may
 * throw are listed on {@link dev.roster.scim.core.spi.ResourceRepository}. The testkit's suites,
 * run over HTTP against an endpoint backed by an implementation, prove it behaves as an identity
 * provider needs.
 */
package dev.roster.scim.core.spi;
