package dev.roster.scim.core.spi;

import dev.roster.scim.core.resource.ScimResource;
import java.util.Optional;

/**
 * Stores the resources of one resource type. The host implements one per type over its own
 * database; {@link UserRepository} and {@link GroupRepository} are the common ones, and a custom
 * resource type registered with its own schema is served by a plain {@code ResourceRepository}.
 *
 * <h2>Who calls it, and how</h2>
 *
 * The protocol engine calls these methods on the thread of the HTTP request it is serving, after
 * authenticating the caller, parsing and validating input against the schema. Requests for the same
 * resource may arrive concurrently: implementations must be thread-safe, and correctness under
 * concurrency rests on two things they provide, conditional writes on {@code meta.version} and
 * unique constraints.
 *
 * <h2>What to throw</h2>
 *
 * <ul>
 *   <li>{@link dev.roster.scim.core.error.ScimException#notFound notFound} (404) when the id does
 *       not exist in {@link RequestContext#tenant()};
 *   <li>{@link dev.roster.scim.core.error.ScimException#uniqueness uniqueness} (409) when a value
 *       whose {@code uniqueness} is {@code server} or {@code global} is taken (by default {@code
 *       userName}, compared case-insensitively, and a group's {@code displayName});
 *   <li>{@link dev.roster.scim.core.error.ScimException#versionMismatch versionMismatch} (412) when
 *       an expected version is given and the stored version differs; the engine retries PATCHes
 *       that the client did not make conditional;
 *   <li>any other exception is a server fault: the engine logs it and answers 500 without details.
 * </ul>
 *
 * <h2>Versions</h2>
 *
 * Every stored resource carries {@code meta.version}, an opaque string that changes whenever the
 * resource changes (a counter, a hash, a timestamp with enough resolution). The engine sends it as
 * the {@code ETag} and matches clients' {@code If-Match} against it itself; {@link
 * dev.roster.scim.core.resource.Meta#weakVersion} formats a counter as {@code W/"7"}. An expected
 * version the engine passes back ({@link ReplaceRequest#expectedVersion()}, {@link
 * DeleteRequest#expectedVersion()}, {@link MembershipRequest#expectedVersion()}) is always exactly
 * a string this repository handed out: compare it with {@code equals}, do not parse it.
 *
 * <h2>Attributes the application does not store</h2>
 *
 * The engine validates input against the schema the resource type is registered with; in the
 * default lenient mode it drops attributes and extension URNs the schema does not declare, so a
 * repository only sees declared ones. Register only the attributes your tables hold (identity
 * providers build their attribute mappings from {@code /Schemas}), store what you declare, and
 * return only what you stored: an attribute echoed back but not stored makes an identity provider
 * rewrite it on every cycle. The testkit's {@code rfc} suite checks both.
 *
 * <p>New methods will be added with default implementations, so implementations keep compiling.
 */
public interface ResourceRepository {

  /**
   * Stores a new resource and returns it as stored.
   *
   * <p>Assign {@code id} (unique, stable, never reused; RFC 7643 §3.1) and {@code meta}: {@code
   * resourceType}, {@code created}, {@code lastModified} and {@code version}. {@code meta.location}
   * is the engine's to fill in.
   *
   * @throws dev.roster.scim.core.error.ScimException 409 {@code uniqueness} on a taken unique value
   */
  ScimResource create(CreateRequest request);

  /**
   * Reads one resource, or empty if it does not exist (the engine answers 404).
   *
   * <p>Consult {@link GetRequest#projection()} to skip attributes the response will not carry.
   */
  Optional<ScimResource> get(GetRequest request);

  /**
   * Returns one page of the resources that match the filter, in the requested order, and the total
   * number of matches. A filter that matches nothing yields an empty page, never an exception.
   *
   * <p>A repository that cannot translate part of a filter to its query language may filter in
   * memory with scim-filter's {@code FilterEvaluator}; it must still report the exact total.
   * scim-filter's {@code SqlSearch} splits a filter into SQL and a residual, and {@code
   * PageCollector} counts and pages what the residual keeps; {@code ResourceOrder} sorts by SCIM's
   * rules when SQL cannot. The evaluator needs the schema the engine serves, extensions included:
   * take it from {@code ScimServer.Builder.registry().resourceSchema(name)} after registering the
   * extensions, and hand it to the repository when constructing it.
   *
   * <p>{@link SearchRequest#sort()} is null unless {@link #supportsSort()} says the repository
   * sorts: the engine answers 501 to a {@code sortBy} it cannot honour, never an unsorted page.
   *
   * <p>{@link SearchRequest#seek()} is null unless {@link #supportsCursors()} says the repository
   * pages by keyset; see there for what a cursor-paged search returns.
   *
   * @throws dev.roster.scim.core.error.ScimException 400 {@code invalidFilter} for a filter it
   *     cannot apply, or 400 {@code tooMany} when the result would be too large to compute
   */
  Page search(SearchRequest request);

  /**
   * Replaces a resource's state with {@link ReplaceRequest#resource()} if its version still equals
   * the expected one, and returns it as stored, with a new {@code meta.version} and {@code
   * meta.lastModified}. {@code id} and {@code meta.created} do not change.
   *
   * @throws dev.roster.scim.core.error.ScimException 404, 409 {@code uniqueness} or 412 as above
   */
  ScimResource replace(ReplaceRequest request);

  /**
   * Whether {@link #search} honours {@link SearchRequest#sort()}: orders by any attribute of the
   * schema, by SCIM's rules (RFC 7644 §3.4.2.3). The engine advertises {@code sort.supported} in
   * {@code /ServiceProviderConfig} only when every registered repository returns true, and answers
   * {@code sortBy} with 501 for a resource type whose repository returns false.
   *
   * @return false unless the implementation overrides it
   */
  default boolean supportsSort() {
    return false;
  }

  /**
   * Whether {@link #search} pages by keyset (RFC 9865 cursors): for a search whose {@link
   * SearchRequest#seek()} is not null it orders the matches by the sort value (when the search
   * sorts) and then by id, both in the sort's direction (by id ascending without a sort; ids in an
   * order the repository keeps stable, e.g. a binary collation), and returns:
   *
   * <ul>
   *   <li>for {@link Seek#FIRST}, the first {@code count} matches;
   *   <li>for {@link Seek#after}, the first {@code count} matches that come strictly after the
   *       keyset;
   *   <li>for {@link Seek#before}, the last {@code count} matches that come strictly before it,
   *       still in the search's order;
   * </ul>
   *
   * with {@link Page#next()} and {@link Page#previous()} set as documented there, and the exact
   * {@code totalResults}. The keysets are the repository's own ({@link Keyset}): the sort value as
   * it compares it, and the id. A keyset condition ({@code WHERE (sort_value, id) > (?, ?) ORDER BY
   * sort_value, id LIMIT count + 1}, with SCIM's rule that resources without a value sort last)
   * makes a page deep in the list cost what the first page costs. A keyset whose resource has since
   * been deleted or changed still marks a position: the page starts where it would be.
   *
   * <p>The engine advertises {@code pagination.cursor} in {@code /ServiceProviderConfig} only when
   * every registered repository returns true, and answers a {@code cursor} parameter with 501 for a
   * resource type whose repository returns false.
   *
   * @return false unless the implementation overrides it
   */
  default boolean supportsCursors() {
    return false;
  }

  /**
   * Deletes a resource (and, for a user, its group memberships).
   *
   * @throws dev.roster.scim.core.error.ScimException 404 if it does not exist, 412 if an expected
   *     version is given and differs
   */
  void delete(DeleteRequest request);
}
