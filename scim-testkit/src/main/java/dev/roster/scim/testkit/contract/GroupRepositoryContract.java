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

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.UserRepository;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link GroupRepository} contract, checked directly (no HTTP): extend it in a JUnit 5 test
 * class and return the repository under test and the {@link UserRepository} over the same storage,
 * used to create members.
 *
 * <pre>{@code
 * class JdbcGroupRepositoryContractTest extends GroupRepositoryContract {
 *   @Override
 *   protected UserRepository userRepository() {
 *     return store.users();
 *   }
 *
 *   @Override
 *   protected GroupRepository groupRepository() {
 *     return store.groups();
 *   }
 * }
 * }</pre>
 *
 * <p>Both methods are called once before each test. Each test works in tenants of its own ({@link
 * #newTenant()}, by default a random tenant name). The SPI's Javadoc ({@code ResourceRepository},
 * {@code GroupRepository}, {@code MembershipRequest}, {@code UserRepository}) is the specification.
 */
public abstract class GroupRepositoryContract {
  private UserRepository users;
  private GroupRepository groups;
  private RequestContext tenantA;
  private RequestContext tenantB;

  /** For subclasses. */
  protected GroupRepositoryContract() {}

  /**
   * The user repository sharing storage with {@link #groupRepository()}; called before each test.
   */
  protected abstract UserRepository userRepository();

  /** The repository under test; called once before each test, after {@link #userRepository()}. */
  protected abstract GroupRepository groupRepository();

  /**
   * A context for a tenant no other test uses; called twice before each test. By default a random
   * tenant name. See {@link UserRepositoryContract#newTenant()}.
   */
  protected RequestContext newTenant() {
    return RequestContext.of("contract-" + UUID.randomUUID(), "contract-test", "req-" + token());
  }

  @BeforeEach
  void setUpGroupContract() {
    users = userRepository();
    groups = groupRepository();
    tenantA = newTenant();
    tenantB = newTenant();
  }

  // ---- create, get, search -----------------------------------------------------------------

  @Test
  void createAssignsIdAndMetaWithResourceTypeCreatedLastModifiedAndVersion() {
    ScimResource created = createGroup(tenantA, "Create " + token(), List.of());
    assertCreatedMeta(created, "Group");
  }

  @Test
  void createWithMembersStoresThem() {
    String alice = createUser(tenantA);
    String bob = createUser(tenantA);
    ScimResource created = createGroup(tenantA, "Members " + token(), List.of(alice, bob));
    assertEquals(Set.of(alice, bob), members(tenantA, created.id()));
  }

  @Test
  void getReturnsEmptyForAnUnknownId() {
    assertEquals(
        Optional.empty(),
        groups.get(new GetRequest(tenantA, "unknown-" + UUID.randomUUID(), Projection.DEFAULT)));
  }

  @Test
  void getWithMembersExcludedReturnsNoMembers() {
    String alice = createUser(tenantA);
    String name = "Excluded " + token();
    ScimResource created = createGroup(tenantA, name, List.of(alice));
    ScimResource read =
        groups
            .get(new GetRequest(tenantA, created.id(), Projection.excluding("members")))
            .orElseThrow(() -> new AssertionError("absent"));
    assertEquals(List.of(), Group.of(read).members(), "members with excludedAttributes=members");
    assertEquals(Optional.of(name), Group.of(read).displayName());
    assertEquals(created.meta().version(), read.meta().version());
  }

  @Test
  void searchWithMembersExcludedReturnsNoMembers() {
    String alice = createUser(tenantA);
    String name = "Search " + token();
    ScimResource created = createGroup(tenantA, name, List.of(alice));
    Page page =
        groups.search(
            new SearchRequest(
                tenantA,
                Filter.eq("displayName", name.toUpperCase()),
                null,
                1,
                10,
                Projection.excluding("members")));
    assertEquals(1, page.totalResults(), "displayName eq, in another case");
    assertEquals(created.id(), page.resources().get(0).id());
    assertEquals(List.of(), Group.of(page.resources().get(0)).members());
  }

  @Test
  void searchWithTheDefaultProjectionReturnsMembers() {
    String alice = createUser(tenantA);
    String name = "Default " + token();
    createGroup(tenantA, name, List.of(alice));
    Page page =
        groups.search(
            new SearchRequest(
                tenantA, Filter.eq("displayName", name), null, 1, 10, Projection.DEFAULT));
    assertEquals(1, page.totalResults());
    assertEquals(List.of(alice), values(Group.of(page.resources().get(0)).members()));
  }

  @Test
  void createWithATakenDisplayNameInAnotherCaseThrows409Uniqueness() {
    String name = "Unique " + token();
    createGroup(tenantA, name, List.of());
    assertUniqueness(
        () -> createGroup(tenantA, name.toUpperCase(), List.of()), "displayName in another case");
  }

  // ---- updateMembers -----------------------------------------------------------------------

  @Test
  void updateMembersAddsAndRemovesAsADelta() {
    String alice = createUser(tenantA);
    String bob = createUser(tenantA);
    String carol = createUser(tenantA);
    ScimResource group = createGroup(tenantA, "Delta " + token(), List.of(alice));

    update(tenantA, group.id(), false, List.of(), List.of(bob, carol), null);
    assertEquals(Set.of(alice, bob, carol), members(tenantA, group.id()), "after adding two");

    update(tenantA, group.id(), false, List.of(alice), List.of(), null);
    assertEquals(Set.of(bob, carol), members(tenantA, group.id()), "after removing one");
  }

  @Test
  void updateMembersWithRemoveAllRemovesEveryMemberBeforeAdding() {
    String alice = createUser(tenantA);
    String bob = createUser(tenantA);
    String carol = createUser(tenantA);
    ScimResource group = createGroup(tenantA, "RemoveAll " + token(), List.of(alice, bob));

    update(tenantA, group.id(), true, List.of(), List.of(carol, alice), null);
    assertEquals(Set.of(alice, carol), members(tenantA, group.id()), "removeAll then add");

    update(tenantA, group.id(), true, List.of(), List.of(), null);
    assertEquals(Set.of(), members(tenantA, group.id()), "removeAll alone");
  }

  @Test
  void updateMembersIsIdempotent() {
    String alice = createUser(tenantA);
    String bob = createUser(tenantA);
    ScimResource group = createGroup(tenantA, "Idempotent " + token(), List.of(alice));

    update(tenantA, group.id(), false, List.of(), List.of(alice), null);
    assertEquals(Set.of(alice), members(tenantA, group.id()), "adding a present member");

    update(tenantA, group.id(), false, List.of(bob), List.of(), null);
    assertEquals(Set.of(alice), members(tenantA, group.id()), "removing an absent member");

    update(tenantA, group.id(), false, List.of("unknown-" + UUID.randomUUID()), List.of(), null);
    assertEquals(Set.of(alice), members(tenantA, group.id()), "removing an unknown id");
  }

  @Test
  void updateMembersBumpsTheVersionWhenMembershipChanges() {
    String alice = createUser(tenantA);
    ScimResource group = createGroup(tenantA, "Version " + token(), List.of());
    MembershipResult result =
        update(tenantA, group.id(), false, List.of(), List.of(alice), group.meta().version());
    assertNotEquals(group.meta().version(), result.meta().version(), "meta.version after add");
    assertFalse(
        result.meta().lastModified().isBefore(group.meta().lastModified()), "meta.lastModified");
    assertEquals(group.meta().created(), result.meta().created(), "meta.created");
    ScimResource read = get(tenantA, group.id(), Projection.excluding("members"));
    assertEquals(result.meta().version(), read.meta().version(), "get returns the new version");

    MembershipResult removed =
        update(tenantA, group.id(), false, List.of(alice), List.of(), result.meta().version());
    assertNotEquals(result.meta().version(), removed.meta().version(), "meta.version after remove");
  }

  @Test
  void updateMembersWithAStaleVersionThrows412AndChangesNothing() {
    String alice = createUser(tenantA);
    String bob = createUser(tenantA);
    ScimResource group = createGroup(tenantA, "Stale " + token(), List.of());
    update(tenantA, group.id(), false, List.of(), List.of(alice), group.meta().version());
    assertScimError(
        412,
        () -> update(tenantA, group.id(), false, List.of(), List.of(bob), group.meta().version()),
        "updateMembers with a stale expectedVersion");
    assertEquals(Set.of(alice), members(tenantA, group.id()));
  }

  @Test
  void updateMembersOfAnUnknownGroupThrows404() {
    String alice = createUser(tenantA);
    assertScimError(
        404,
        () ->
            update(tenantA, "unknown-" + UUID.randomUUID(), false, List.of(), List.of(alice), null),
        "updateMembers of an unknown group");
  }

  @Test
  void updateMembersAddingAnUnknownUserThrows400() {
    ScimResource group = createGroup(tenantA, "Unknown member " + token(), List.of());
    assertScimError(
        400,
        () ->
            update(
                tenantA,
                group.id(),
                false,
                List.of(),
                List.of("unknown-" + UUID.randomUUID()),
                null),
        "adding a member that does not exist");
    assertEquals(Set.of(), members(tenantA, group.id()));
  }

  @Test
  void thirtyTwoConcurrentUpdateMembersAddingDistinctMembersAllApply() throws InterruptedException {
    ScimResource group = createGroup(tenantA, "Concurrent " + token(), List.of());
    List<String> userIds = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      userIds.add(createUser(tenantA));
    }
    List<Object> outcomes =
        concurrently(
            32,
            i ->
                () -> update(tenantA, group.id(), false, List.of(), List.of(userIds.get(i)), null));
    for (Object outcome : outcomes) {
      if (!(outcome instanceof MembershipResult)) {
        fail("a concurrent updateMembers threw " + outcome, (Throwable) outcome);
      }
    }
    assertEquals(new TreeSet<>(userIds), new TreeSet<>(members(tenantA, group.id())));
  }

  // ---- replace -----------------------------------------------------------------------------

  @Test
  void replaceWithoutAMembersKeyKeepsTheMembers() {
    String alice = createUser(tenantA);
    ScimResource group = createGroup(tenantA, "Keep " + token(), List.of(alice));
    ScimResource withoutMembers = get(tenantA, group.id(), Projection.excluding("members"));
    String renamed = "Renamed " + token();
    ScimResource replaced =
        groups.replace(
            new ReplaceRequest(
                tenantA,
                group.id(),
                withoutMembers.toBuilder().remove("members").set("displayName", renamed).build(),
                group.meta().version()));
    assertEquals(group.id(), replaced.id());
    assertEquals(group.meta().created(), replaced.meta().created(), "meta.created");
    assertNotEquals(group.meta().version(), replaced.meta().version(), "meta.version");
    assertEquals(Set.of(alice), members(tenantA, group.id()), "members kept");
    assertEquals(
        Optional.of(renamed), Group.of(get(tenantA, group.id(), Projection.DEFAULT)).displayName());
  }

  @Test
  void replaceWithAnEmptyMembersListClearsTheMembers() {
    String alice = createUser(tenantA);
    ScimResource group = createGroup(tenantA, "Clear " + token(), List.of(alice));
    groups.replace(
        new ReplaceRequest(
            tenantA,
            group.id(),
            group.toBuilder().set("members", group.toJson().arrayNode()).build(),
            group.meta().version()));
    assertEquals(Set.of(), members(tenantA, group.id()));
  }

  @Test
  void replaceWithAMembersListReplacesTheMembers() {
    String alice = createUser(tenantA);
    String bob = createUser(tenantA);
    ScimResource group = createGroup(tenantA, "Replace " + token(), List.of(alice));
    ScimResource replacement =
        Group.builder()
            .displayName(Group.of(group).displayName().orElseThrow())
            .member(ResourceRef.of(bob, "User"))
            .build();
    groups.replace(new ReplaceRequest(tenantA, group.id(), replacement, group.meta().version()));
    assertEquals(Set.of(bob), members(tenantA, group.id()));
  }

  @Test
  void replaceWithAStaleVersionThrows412() {
    ScimResource group = createGroup(tenantA, "StaleReplace " + token(), List.of());
    groups.replace(
        new ReplaceRequest(
            tenantA,
            group.id(),
            group.toBuilder().set("displayName", "Second " + token()).build(),
            group.meta().version()));
    assertScimError(
        412,
        () ->
            groups.replace(
                new ReplaceRequest(
                    tenantA,
                    group.id(),
                    group.toBuilder().set("displayName", "Lost " + token()).build(),
                    group.meta().version())),
        "replace with a stale expectedVersion");
  }

  @Test
  void replaceIntoAnotherGroupsDisplayNameThrows409Uniqueness() {
    String taken = "Taken " + token();
    createGroup(tenantA, taken, List.of());
    ScimResource other = createGroup(tenantA, "Other " + token(), List.of());
    assertUniqueness(
        () ->
            groups.replace(
                new ReplaceRequest(
                    tenantA,
                    other.id(),
                    other.toBuilder().set("displayName", taken.toLowerCase()).build(),
                    other.meta().version())),
        "replace into another group's displayName");
  }

  // ---- delete ------------------------------------------------------------------------------

  @Test
  void deleteRemovesTheGroup() {
    ScimResource group = createGroup(tenantA, "Delete " + token(), List.of(createUser(tenantA)));
    groups.delete(new DeleteRequest(tenantA, group.id(), null));
    assertEquals(
        Optional.empty(), groups.get(new GetRequest(tenantA, group.id(), Projection.DEFAULT)));
    assertScimError(
        404,
        () -> groups.delete(new DeleteRequest(tenantA, group.id(), null)),
        "deleting a deleted group");
  }

  @Test
  void deleteWithAStaleVersionThrows412AndKeepsTheGroup() {
    String alice = createUser(tenantA);
    ScimResource group = createGroup(tenantA, "DeleteStale " + token(), List.of());
    update(tenantA, group.id(), false, List.of(), List.of(alice), null);
    assertScimError(
        412,
        () -> groups.delete(new DeleteRequest(tenantA, group.id(), group.meta().version())),
        "delete with a stale expectedVersion");
    assertEquals(Set.of(alice), members(tenantA, group.id()));
  }

  @Test
  void deleteOfAnUnknownGroupThrows404() {
    assertScimError(
        404,
        () -> groups.delete(new DeleteRequest(tenantA, "unknown-" + UUID.randomUUID(), null)),
        "delete of an unknown group");
  }

  @Test
  void deletingAUserRemovesItFromEveryGroup() {
    String alice = createUser(tenantA);
    String bob = createUser(tenantA);
    ScimResource first = createGroup(tenantA, "First " + token(), List.of(alice, bob));
    ScimResource second = createGroup(tenantA, "Second " + token(), List.of(alice));
    users.delete(new DeleteRequest(tenantA, alice, null));
    assertEquals(Set.of(bob), members(tenantA, first.id()));
    assertEquals(Set.of(), members(tenantA, second.id()));
  }

  @Test
  void aUserReadsItsDirectGroupsInTheReadOnlyGroupsAttribute() {
    String alice = createUser(tenantA);
    ScimResource first = createGroup(tenantA, "First " + token(), List.of(alice));
    ScimResource second = createGroup(tenantA, "Second " + token(), List.of());
    update(tenantA, second.id(), false, List.of(), List.of(alice), null);
    createGroup(tenantA, "Other " + token(), List.of());

    ScimResource read = users.get(new GetRequest(tenantA, alice, Projection.DEFAULT)).orElseThrow();
    assertEquals(Set.of(first.id(), second.id()), groupIds(read), "the user's groups");
    update(tenantA, first.id(), false, List.of(alice), List.of(), null);
    ScimResource after =
        users.get(new GetRequest(tenantA, alice, Projection.DEFAULT)).orElseThrow();
    assertEquals(Set.of(second.id()), groupIds(after), "the user's groups after leaving one");
  }

  /** The ids in a user's {@code groups} attribute. */
  private static Set<String> groupIds(ScimResource user) {
    Set<String> ids = new java.util.HashSet<>();
    com.fasterxml.jackson.databind.JsonNode groups = user.get("groups");
    if (groups != null) {
      groups.forEach(group -> ids.add(group.path("value").asText()));
    }
    return ids;
  }

  // ---- tenants -----------------------------------------------------------------------------

  @Test
  void tenantsDoNotSeeOrChangeEachOthersGroups() {
    assumeFalse(tenantA.tenant().equals(tenantB.tenant()), "newTenant() returns a single tenant");
    String alice = createUser(tenantA);
    String name = "Tenant " + token();
    ScimResource group = createGroup(tenantA, name, List.of(alice));
    String bobInB = createUser(tenantB);

    assertEquals(
        Optional.empty(),
        groups.get(new GetRequest(tenantB, group.id(), Projection.DEFAULT)),
        "get in another tenant");
    assertEquals(
        0,
        groups
            .search(
                new SearchRequest(
                    tenantB, Filter.eq("displayName", name), null, 1, 10, Projection.DEFAULT))
            .totalResults(),
        "search in another tenant");
    assertScimError(
        404,
        () -> update(tenantB, group.id(), true, List.of(), List.of(bobInB), null),
        "updateMembers from another tenant");
    assertScimError(
        404,
        () ->
            groups.replace(
                new ReplaceRequest(
                    tenantB,
                    group.id(),
                    group.toBuilder().set("displayName", "Hijacked " + token()).build(),
                    null)),
        "replace from another tenant");
    assertScimError(
        404,
        () -> groups.delete(new DeleteRequest(tenantB, group.id(), null)),
        "delete from another tenant");
    ScimResource sameNameInB = createGroup(tenantB, name.toUpperCase(), List.of());
    assertNotEquals(group.id(), sameNameInB.id());
    assertScimError(
        400,
        () -> update(tenantB, sameNameInB.id(), false, List.of(), List.of(alice), null),
        "adding a member of another tenant, which does not exist in this one");

    ScimResource stillA = get(tenantA, group.id(), Projection.DEFAULT);
    assertEquals(group.meta().version(), stillA.meta().version(), "tenant A's group unchanged");
    assertEquals(List.of(alice), values(Group.of(stillA).members()));
    assertTrue(users.get(new GetRequest(tenantA, alice, Projection.DEFAULT)).isPresent());
  }

  // ---- helpers -----------------------------------------------------------------------------

  private String createUser(RequestContext context) {
    return users
        .create(new CreateRequest(context, User.builder().userName("member-" + token()).build()))
        .id();
  }

  private ScimResource createGroup(RequestContext context, String name, List<String> memberIds) {
    Group.Builder builder = Group.builder().displayName(name);
    memberIds.forEach(id -> builder.member(ResourceRef.of(id, "User")));
    return groups.create(new CreateRequest(context, builder.build()));
  }

  private ScimResource get(RequestContext context, String id, Projection projection) {
    return groups
        .get(new GetRequest(context, id, projection))
        .orElseThrow(() -> new AssertionError("group " + id + " is absent"));
  }

  private Set<String> members(RequestContext context, String groupId) {
    return new TreeSet<>(values(Group.of(get(context, groupId, Projection.DEFAULT)).members()));
  }

  private MembershipResult update(
      RequestContext context,
      String groupId,
      boolean removeAll,
      List<String> removed,
      List<String> added,
      String expectedVersion) {
    List<ResourceRef> refs = added.stream().map(id -> ResourceRef.of(id, "User")).toList();
    return groups.updateMembers(
        new MembershipRequest(
            context, groupId, new MemberDelta(removeAll, removed, refs), expectedVersion));
  }

  private static List<String> values(List<ResourceRef> refs) {
    return refs.stream().map(ResourceRef::value).toList();
  }
}
