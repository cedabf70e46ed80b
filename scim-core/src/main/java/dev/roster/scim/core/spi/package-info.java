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
 * request id). The failures each method may throw are listed on {@link
 * dev.roster.scim.core.spi.ResourceRepository}.
 *
 * <p><b>Nullness:</b> parameters, record components and return values are non-null unless their
 * documentation says "or null" (a search without a filter or sort, an unconditional write's
 * expected version); an absent resource is an empty {@link java.util.Optional}. <b>Threading:</b>
 * the request and result records are immutable; repositories are called on request threads,
 * concurrently, and must be thread-safe.
 *
 * <p>Contract tests check an implementation directly, without HTTP: extend {@code
 * dev.roster.scim.testkit.contract.UserRepositoryContract} and {@code
 * dev.roster.scim.testkit.contract.GroupRepositoryContract} from scim-testkit in your test sources.
 */
package dev.roster.scim.core.spi;
