package dev.roster.scim.testkit.contract;

import static dev.roster.scim.testkit.contract.ContractSupport.assertCreatedMeta;
import static dev.roster.scim.testkit.contract.ContractSupport.assertScimError;
import static dev.roster.scim.testkit.contract.ContractSupport.assertUniqueness;
import static dev.roster.scim.testkit.contract.ContractSupport.concurrently;
import static dev.roster.scim.testkit.contract.ContractSupport.token;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import dev.roster.scim.core.spi.UserRepository;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link UserRepository} contract, checked directly (no HTTP): extend it in a JUnit 5 test
 * class and return the repository under test.
 *
 * <pre>{@code
 * class JdbcUserRepositoryContractTest extends UserRepositoryContract {
 *   @Override
 *   protected UserRepository userRepository() {
 *     return store.users();
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #userRepository()} is called before each test; it may return a fresh repository or a
 * shared one. Each test works in tenants of its own ({@link #newTenant()}, by default a random
 * tenant name), so tests do not see each other's users even in a shared repository. Each test's
 * name says what it checks; the SPI's Javadoc ({@code ResourceRepository}, {@code UserRepository})
 * is the specification.
 */
public abstract class UserRepositoryContract {
  private UserRepository users;
  private RequestContext tenantA;
  private RequestContext tenantB;

  /** For subclasses. */
  protected UserRepositoryContract() {}

  /** The repository under test; called once before each test. */
  protected abstract UserRepository userRepository();

  /**
   * A context for a tenant no other test uses; called twice before each test (tenants A and B of
   * the isolation tests). By default a random tenant name. A single-tenant implementation may
   * return {@link RequestContext#SINGLE_TENANT} each time, together with a fresh, empty repository
   * per test; the tenant isolation tests are then skipped.
   */
  protected RequestContext newTenant() {
    return RequestContext.of("contract-" + UUID.randomUUID(), "contract-test", "req-" + token());
  }

  @BeforeEach
  void setUpUserContract() {
    users = userRepository();
    tenantA = newTenant();
    tenantB = newTenant();
  }

  // ---- create and get ----------------------------------------------------------------------

  @Test
  void createAssignsIdAndMetaWithResourceTypeCreatedLastModifiedAndVersion() {
    ScimResource created = create(tenantA, user("create-" + token()).build());
    assertCreatedMeta(created, "User");
  }

  @Test
  void createAssignsDistinctIds() {
    ScimResource first = create(tenantA, user("first-" + token()).build());
    ScimResource second = create(tenantA, user("second-" + token()).build());
    assertNotEquals(first.id(), second.id());
  }

  @Test
  void getReturnsTheStoredUser() {
    String name = "get-" + token();
    ScimResource created =
        create(tenantA, user(name).displayName("Get Me").externalId("ext-" + name).build());
    ScimResource read = get(tenantA, created.id()).orElseThrow(() -> new AssertionError("absent"));
    assertEquals(created.id(), read.id());
    assertEquals(Optional.of(name), User.of(read).userName());
    assertEquals(Optional.of("Get Me"), User.of(read).displayName());
    assertEquals(Optional.of("ext-" + name), read.externalId());
    assertEquals(created.meta().version(), read.meta().version(), "meta.version");
    assertEquals(created.meta().created(), read.meta().created(), "meta.created");
  }

  @Test
  void getReturnsEmptyForAnUnknownId() {
    assertEquals(Optional.empty(), get(tenantA, "unknown-" + UUID.randomUUID()));
  }

  // ---- search ------------------------------------------------------------------------------

  @Test
  void searchByUserNameEqIgnoresCase() {
    String name = "Search-" + token();
    ScimResource created = create(tenantA, user(name).build());
    create(tenantA, user("other-" + token()).build());
    for (String asked : List.of(name, name.toUpperCase(), name.toLowerCase())) {
      Page page = search(tenantA, Filter.eq("userName", asked), null, 1, 10);
      assertEquals(1, page.totalResults(), "totalResults for userName eq " + asked);
      assertEquals(List.of(created.id()), ids(page), "userName eq " + asked);
    }
  }

  @Test
  void searchByExternalIdEq() {
    String externalId = "ext-" + token();
    ScimResource created = create(tenantA, user("ext-" + token()).externalId(externalId).build());
    create(tenantA, user("other-" + token()).externalId("ext-" + token()).build());
    Page page = search(tenantA, Filter.eq("externalId", externalId), null, 1, 10);
    assertEquals(1, page.totalResults());
    assertEquals(List.of(created.id()), ids(page));
  }

  @Test
  void searchThatMatchesNothingReturnsAnEmptyPage() {
    Page page = search(tenantA, Filter.eq("userName", "nobody-" + token()), null, 1, 10);
    assertEquals(0, page.totalResults());
    assertEquals(List.of(), page.resources());
  }

  @Test
  void searchPagesWithStartIndexAndCountAndReportsTheExactTotal() {
    String tag = "paging-" + token();
    Set<String> all = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      all.add(create(tenantA, user(tag + "-" + i).title(tag).build()).id());
    }
    create(tenantA, user("untagged-" + token()).title("other-" + token()).build());
    Filter filter = Filter.eq("title", tag);
    List<String> seen = new ArrayList<>();
    for (int startIndex = 1; startIndex <= 5; startIndex += 2) {
      Page page = search(tenantA, filter, null, startIndex, 2);
      assertEquals(5, page.totalResults(), "totalResults at startIndex " + startIndex);
      assertEquals(startIndex == 5 ? 1 : 2, page.resources().size(), "page size at " + startIndex);
      seen.addAll(ids(page));
    }
    assertEquals(5, seen.size(), "pages of the repository's stable order overlap: " + seen);
    assertEquals(all, new HashSet<>(seen), "pages together hold every match once");

    Page beyond = search(tenantA, filter, null, 7, 2);
    assertEquals(5, beyond.totalResults(), "totalResults past the last page");
    assertEquals(List.of(), beyond.resources(), "resources past the last page");
  }

  @Test
  void searchWithCountZeroReturnsOnlyTheTotal() {
    String tag = "count0-" + token();
    for (int i = 0; i < 3; i++) {
      create(tenantA, user(tag + "-" + i).title(tag).build());
    }
    Page page = search(tenantA, Filter.eq("title", tag), null, 1, 0);
    assertEquals(3, page.totalResults());
    assertEquals(List.of(), page.resources());
  }

  @Test
  void searchSortsAscendingIgnoringCaseWithMissingValuesLast() {
    assumeTrue(
        userRepository().supportsSort(),
        "the repository does not sort (supportsSort() is false), so the engine answers sortBy"
            + " with 501");
    String tag = "sort-" + token();
    List<String> expected = sortFixture(tag);
    Page page = search(tenantA, Filter.eq("title", tag), sortByDisplayName(SortOrder.ASCENDING));
    assertEquals(expected, ids(page));
  }

  @Test
  void searchSortsDescendingIgnoringCaseWithMissingValuesFirst() {
    assumeTrue(
        userRepository().supportsSort(),
        "the repository does not sort (supportsSort() is false), so the engine answers sortBy"
            + " with 501");
    String tag = "sort-" + token();
    List<String> expected = new ArrayList<>(sortFixture(tag));
    java.util.Collections.reverse(expected);
    Page page = search(tenantA, Filter.eq("title", tag), sortByDisplayName(SortOrder.DESCENDING));
    assertEquals(expected, ids(page));
  }

  @Test
  void searchSortsBeforePaging() {
    String tag = "sortpage-" + token();
    List<String> expected = sortFixture(tag);
    Sort sort = sortByDisplayName(SortOrder.ASCENDING);
    Page second = search(tenantA, Filter.eq("title", tag), sort, 2, 2);
    assertEquals(4, second.totalResults());
    assertEquals(expected.subList(1, 3), ids(second));
  }

  // Users with displayName "charlie", (none), "alpha", "Bravo", created in that order; returns
  // their ids in ascending displayName order (caseExact false: alpha, Bravo, charlie, missing).
  private List<String> sortFixture(String tag) {
    String charlie =
        create(tenantA, user(tag + "-c").title(tag).displayName("charlie").build()).id();
    String none = create(tenantA, user(tag + "-n").title(tag).build()).id();
    String alpha = create(tenantA, user(tag + "-a").title(tag).displayName("alpha").build()).id();
    String bravo = create(tenantA, user(tag + "-b").title(tag).displayName("Bravo").build()).id();
    return List.of(alpha, bravo, charlie, none);
  }

  private static Sort sortByDisplayName(SortOrder order) {
    return new Sort(AttributePath.of("displayName"), order);
  }

  // ---- replace -----------------------------------------------------------------------------

  @Test
  void replaceWithTheCurrentVersionStoresTheNewStateAndBumpsTheVersion() {
    String name = "replace-" + token();
    ScimResource created = create(tenantA, user(name).displayName("Before").build());
    ScimResource replaced =
        users.replace(
            new ReplaceRequest(
                tenantA,
                created.id(),
                created.toBuilder().set("displayName", "After").build(),
                created.meta().version()));
    assertEquals(created.id(), replaced.id(), "id does not change");
    assertEquals(created.meta().created(), replaced.meta().created(), "meta.created");
    assertNotEquals(created.meta().version(), replaced.meta().version(), "meta.version changes");
    assertFalse(
        replaced.meta().lastModified().isBefore(created.meta().lastModified()),
        "meta.lastModified does not go back");
    assertEquals("User", replaced.meta().resourceType(), "meta.resourceType");
    assertEquals(Optional.of("After"), User.of(replaced).displayName());

    ScimResource read = get(tenantA, created.id()).orElseThrow();
    assertEquals(Optional.of("After"), User.of(read).displayName());
    assertEquals(replaced.meta().version(), read.meta().version(), "get returns the new version");
    assertEquals(created.meta().created(), read.meta().created());
  }

  @Test
  void replaceWithoutExpectedVersionIsUnconditional() {
    ScimResource created = create(tenantA, user("uncond-" + token()).build());
    ScimResource replaced =
        users.replace(
            new ReplaceRequest(
                tenantA,
                created.id(),
                created.toBuilder().set("displayName", "Changed").build(),
                null));
    assertNotEquals(created.meta().version(), replaced.meta().version());
    assertEquals(Optional.of("Changed"), User.of(replaced).displayName());
  }

  @Test
  void replaceWithAStaleVersionThrows412AndChangesNothing() {
    ScimResource created = create(tenantA, user("stale-" + token()).build());
    ScimResource current =
        users.replace(
            new ReplaceRequest(
                tenantA,
                created.id(),
                created.toBuilder().set("displayName", "Second").build(),
                created.meta().version()));
    assertScimError(
        412,
        () ->
            users.replace(
                new ReplaceRequest(
                    tenantA,
                    created.id(),
                    created.toBuilder().set("displayName", "Lost update").build(),
                    created.meta().version())),
        "replace with a stale expectedVersion");
    ScimResource read = get(tenantA, created.id()).orElseThrow();
    assertEquals(Optional.of("Second"), User.of(read).displayName());
    assertEquals(current.meta().version(), read.meta().version());
  }

  @Test
  void replaceOfAnUnknownIdThrows404() {
    String id = "unknown-" + UUID.randomUUID();
    assertScimError(
        404,
        () -> users.replace(new ReplaceRequest(tenantA, id, user("x-" + token()).build(), null)),
        "replace of an unknown id");
  }

  // ---- delete ------------------------------------------------------------------------------

  @Test
  void deleteRemovesTheUser() {
    String name = "delete-" + token();
    ScimResource created = create(tenantA, user(name).build());
    users.delete(new DeleteRequest(tenantA, created.id(), null));
    assertEquals(Optional.empty(), get(tenantA, created.id()));
    assertEquals(0, search(tenantA, Filter.eq("userName", name), null, 1, 10).totalResults());
    assertScimError(
        404,
        () -> users.delete(new DeleteRequest(tenantA, created.id(), null)),
        "deleting a deleted user");
  }

  @Test
  void deleteWithTheCurrentVersionRemovesTheUser() {
    ScimResource created = create(tenantA, user("delv-" + token()).build());
    users.delete(new DeleteRequest(tenantA, created.id(), created.meta().version()));
    assertEquals(Optional.empty(), get(tenantA, created.id()));
  }

  @Test
  void deleteWithAStaleVersionThrows412AndKeepsTheUser() {
    ScimResource created = create(tenantA, user("delstale-" + token()).build());
    users.replace(
        new ReplaceRequest(
            tenantA,
            created.id(),
            created.toBuilder().set("displayName", "Changed").build(),
            created.meta().version()));
    assertScimError(
        412,
        () -> users.delete(new DeleteRequest(tenantA, created.id(), created.meta().version())),
        "delete with a stale expectedVersion");
    assertTrue(get(tenantA, created.id()).isPresent(), "the user is still there");
  }

  @Test
  void deleteOfAnUnknownIdThrows404() {
    String id = "unknown-" + UUID.randomUUID();
    assertScimError(
        404, () -> users.delete(new DeleteRequest(tenantA, id, null)), "delete of an unknown id");
  }

  @Test
  void userNameOfADeletedUserCanBeUsedAgain() {
    String name = "reuse-" + token();
    ScimResource first = create(tenantA, user(name).build());
    users.delete(new DeleteRequest(tenantA, first.id(), null));
    ScimResource second = create(tenantA, user(name).build());
    assertNotEquals(first.id(), second.id(), "ids are never reused");
  }

  // ---- uniqueness --------------------------------------------------------------------------

  @Test
  void createWithATakenUserNameInAnotherCaseThrows409Uniqueness() {
    String name = "Unique-" + token();
    create(tenantA, user(name).build());
    assertUniqueness(() -> create(tenantA, user(name).build()), "the same userName");
    assertUniqueness(
        () -> create(tenantA, user(name.toUpperCase()).build()), "userName in upper case");
    assertUniqueness(
        () -> create(tenantA, user(name.toLowerCase()).build()), "userName in lower case");
    assertEquals(
        1, search(tenantA, Filter.eq("userName", name), null, 1, 10).totalResults(), "one stored");
  }

  @Test
  void replaceIntoAnotherUsersUserNameThrows409UniquenessAndChangesNothing() {
    String taken = "Taken-" + token();
    create(tenantA, user(taken).build());
    String own = "own-" + token();
    ScimResource other = create(tenantA, user(own).build());
    assertUniqueness(
        () ->
            users.replace(
                new ReplaceRequest(
                    tenantA,
                    other.id(),
                    other.toBuilder().set("userName", taken.toLowerCase()).build(),
                    other.meta().version())),
        "replace into another user's userName");
    ScimResource read = get(tenantA, other.id()).orElseThrow();
    assertEquals(Optional.of(own), User.of(read).userName());
    assertEquals(other.meta().version(), read.meta().version());
  }

  @Test
  void replaceKeepingItsOwnUserNameInAnotherCaseIsNoConflict() {
    String name = "keep-" + token();
    ScimResource created = create(tenantA, user(name).build());
    ScimResource replaced =
        users.replace(
            new ReplaceRequest(
                tenantA,
                created.id(),
                created.toBuilder().set("userName", name.toUpperCase()).build(),
                created.meta().version()));
    assertEquals(Optional.of(name.toUpperCase()), User.of(replaced).userName());
  }

  // ---- concurrency -------------------------------------------------------------------------

  @Test
  void sixteenConcurrentCreatesOfOneUserNameLetExactlyOneSucceed() throws InterruptedException {
    String name = "race-" + token();
    List<Object> outcomes =
        concurrently(
            16, i -> () -> create(tenantA, user(i % 2 == 0 ? name : name.toUpperCase()).build()));
    int created = 0;
    for (Object outcome : outcomes) {
      if (outcome instanceof ScimResource) {
        created++;
      } else if (outcome instanceof ScimException e) {
        assertEquals(409, e.status(), "a losing create fails with 409, not " + e);
      } else {
        fail("a concurrent create threw " + outcome, (Throwable) outcome);
      }
    }
    assertEquals(1, created, "successful creates");
    assertEquals(1, search(tenantA, Filter.eq("userName", name), null, 1, 10).totalResults());
  }

  @Test
  void concurrentCreatesOfDistinctUserNamesAllSucceed() throws InterruptedException {
    String tag = "parallel-" + token();
    List<Object> outcomes =
        concurrently(16, i -> () -> create(tenantA, user(tag + "-" + i).title(tag).build()));
    for (Object outcome : outcomes) {
      if (!(outcome instanceof ScimResource)) {
        fail("a concurrent create of a distinct userName threw " + outcome, (Throwable) outcome);
      }
    }
    assertEquals(16, search(tenantA, Filter.eq("title", tag), null, 1, 0).totalResults());
  }

  // ---- tenants -----------------------------------------------------------------------------

  @Test
  void tenantsDoNotSeeOrChangeEachOthersUsers() {
    assumeFalse(tenantA.tenant().equals(tenantB.tenant()), "newTenant() returns a single tenant");
    String name = "tenant-" + token();
    String externalId = "ext-" + token();
    ScimResource inA = create(tenantA, user(name).externalId(externalId).build());

    assertEquals(Optional.empty(), get(tenantB, inA.id()), "get in another tenant");
    assertEquals(
        0,
        search(tenantB, Filter.eq("userName", name), null, 1, 10).totalResults(),
        "search by userName in another tenant");
    assertEquals(
        0,
        search(tenantB, Filter.eq("externalId", externalId), null, 1, 10).totalResults(),
        "search by externalId in another tenant");
    assertEquals(0, search(tenantB, null, null, 1, 10).totalResults(), "search all in tenant B");
    assertScimError(
        404,
        () ->
            users.replace(
                new ReplaceRequest(
                    tenantB,
                    inA.id(),
                    inA.toBuilder().set("displayName", "Hijacked").build(),
                    null)),
        "replace from another tenant");
    assertScimError(
        404,
        () -> users.delete(new DeleteRequest(tenantB, inA.id(), null)),
        "delete from another tenant");

    ScimResource inB = create(tenantB, user(name.toUpperCase()).build());
    assertNotEquals(inA.id(), inB.id());
    assertEquals(1, search(tenantB, null, null, 1, 10).totalResults(), "tenant B's users");

    ScimResource stillA = get(tenantA, inA.id()).orElseThrow(() -> new AssertionError("gone"));
    assertEquals(inA.meta().version(), stillA.meta().version(), "tenant A's user is unchanged");
    assertEquals(Optional.empty(), User.of(stillA).displayName());
    assertEquals(List.of(inA.id()), ids(search(tenantA, Filter.eq("userName", name), null, 1, 10)));
  }

  // ---- helpers -----------------------------------------------------------------------------

  private static User.Builder user(String userName) {
    return User.builder().userName(userName);
  }

  private ScimResource create(RequestContext context, ScimResource resource) {
    return users.create(new CreateRequest(context, resource));
  }

  private Optional<ScimResource> get(RequestContext context, String id) {
    return users.get(new GetRequest(context, id, Projection.DEFAULT));
  }

  private Page search(RequestContext context, Filter filter, Sort sort) {
    return search(context, filter, sort, 1, 100);
  }

  private Page search(RequestContext context, Filter filter, Sort sort, int startIndex, int count) {
    return users.search(
        new SearchRequest(context, filter, sort, startIndex, count, Projection.DEFAULT));
  }

  private static List<String> ids(Page page) {
    return page.resources().stream().map(ScimResource::id).toList();
  }
}
