package dev.roster.scim.server.memory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.core.schema.Uniqueness;
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
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.filter.FilterParser;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InMemoryStoreTest {
  private static final RequestContext A = RequestContext.of("tenant-a", "client", "r1");
  private static final RequestContext B = RequestContext.of("tenant-b", "client", "r2");
  private static final String DEVICE = "urn:example:params:scim:schemas:Device";
  private static final String BADGE = "urn:example:params:scim:schemas:extension:Badge:2.0:User";
  // Races are repeated: one round can pass by luck even without locking.
  private static final int ROUNDS = 20;

  private final SchemaRegistry registry = registry();
  private final SteppingClock clock = new SteppingClock();
  private final InMemoryStore store = new InMemoryStore(registry, clock);
  private final UserRepository users = store.users();
  private final GroupRepository groups = store.groups();
  private ExecutorService pool;

  @AfterEach
  void stopPool() throws InterruptedException {
    if (pool != null) {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
    }
  }

  // ---- create, get ----------------------------------------------------------------------------

  @Test
  void createAssignsUuidAndMeta() {
    ScimResource created = createUser(A, "bjensen");

    assertThat(UUID.fromString(created.id()).toString()).isEqualTo(created.id());
    Meta meta = created.meta();
    assertThat(meta.resourceType()).isEqualTo("User");
    assertThat(meta.created()).isNotNull().isEqualTo(meta.lastModified());
    assertThat(meta.version()).isEqualTo("1");
    assertThat(meta.location()).isNull();
    assertThat(User.of(created).userName()).contains("bjensen");
    assertThat(created.schemas()).containsExactly(SchemaUrns.USER);
  }

  @Test
  void createIgnoresClientIdMetaAndGroups() {
    ScimResource sent =
        User.builder().userName("bjensen").build().toBuilder()
            .id("client-chosen")
            .meta(new Meta("Nope", null, null, null, "99"))
            .set("groups", JsonNodeFactory.instance.arrayNode().add("x"))
            .build();

    ScimResource created = users.create(new CreateRequest(A, sent));

    assertThat(created.id()).isNotEqualTo("client-chosen");
    assertThat(created.meta().resourceType()).isEqualTo("User");
    assertThat(created.meta().version()).isEqualTo("1");
    assertThat(created.get("groups")).isNull();
  }

  @Test
  void getReturnsWhatCreateReturned() {
    ScimResource created = createUser(A, "bjensen");

    assertThat(get(users, A, created.id())).contains(created);
    assertThat(get(users, A, "no-such-id")).isEmpty();
  }

  @Test
  void idsAreUniqueAcrossTypes() {
    ScimResource user = createUser(A, "bjensen");
    ScimResource group = createGroup(A, "Admins");

    assertThat(get(groups, A, user.id())).isEmpty();
    assertThat(get(users, A, group.id())).isEmpty();
  }

  // ---- uniqueness -----------------------------------------------------------------------------

  @Test
  void rejectsUserNameTakenIgnoringCase() {
    createUser(A, "bjensen");

    assertThatThrownBy(() -> createUser(A, "BJensen"))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.status()).isEqualTo(409);
              assertThat(e.scimType()).contains(ScimType.UNIQUENESS);
              assertThat(e.detail()).contains("userName");
            });
  }

  @Test
  void rejectsGroupDisplayNameTakenIgnoringCase() {
    createGroup(A, "Admins");

    assertThatThrownBy(() -> createGroup(A, "ADMINS"))
        .satisfies(e -> assertUniqueness(e, "displayName"));
  }

  @Test
  void userDisplayNameNeedNotBeUnique() {
    createUser(A, User.builder().userName("a").displayName("Same").build());
    createUser(A, User.builder().userName("b").displayName("Same").build());

    assertThat(search(users, A, "displayName eq \"same\"").totalResults()).isEqualTo(2);
  }

  @Test
  void enforcesUniquenessDeclaredByCustomSchema() {
    ResourceRepository devices = store.resources("Device");
    devices.create(new CreateRequest(A, device("SN-1", 1)));

    assertThatThrownBy(() -> devices.create(new CreateRequest(A, device("sn-1", 2))))
        .satisfies(e -> assertUniqueness(e, "serialNumber"));
    assertThat(devices.create(new CreateRequest(A, device("SN-2", 1))).id()).isNotNull();
    assertThat(devices.create(new CreateRequest(B, device("SN-1", 1))).id()).isNotNull();
  }

  @Test
  void enforcesUniquenessDeclaredByExtensionCaseExact() {
    createUser(A, userWithBadge("a", "B-1"));

    assertThatThrownBy(() -> createUser(A, userWithBadge("b", "B-1")))
        .satisfies(e -> assertUniqueness(e, "badgeNumber"));
    // badgeNumber is caseExact, so another case is another value
    assertThat(createUser(A, userWithBadge("c", "b-1")).id()).isNotNull();
  }

  @Test
  void sameUniqueValuesAreFreeInAnotherTenant() {
    createUser(A, "bjensen");
    createGroup(A, "Admins");

    assertThat(createUser(B, "bjensen").id()).isNotNull();
    assertThat(createGroup(B, "Admins").id()).isNotNull();
  }

  @Test
  void valueFreedByDeleteOrRenameCanBeTakenAgain() {
    ScimResource first = createUser(A, "bjensen");
    users.replace(
        new ReplaceRequest(A, first.id(), User.builder().userName("barbara").build(), null));
    ScimResource second = createUser(A, "bjensen");
    users.delete(new DeleteRequest(A, second.id(), null));

    assertThat(createUser(A, "BJENSEN").id()).isNotNull();
  }

  // ---- replace --------------------------------------------------------------------------------

  @Test
  void replaceKeepsIdAndCreatedAndBumpsVersion() {
    ScimResource created = createUser(A, "bjensen");

    ScimResource replaced =
        users.replace(
            new ReplaceRequest(
                A,
                created.id(),
                User.builder().userName("bjensen").displayName("Babs").build(),
                created.meta().version()));

    assertThat(replaced.id()).isEqualTo(created.id());
    assertThat(replaced.meta().created()).isEqualTo(created.meta().created());
    assertThat(replaced.meta().lastModified()).isAfter(created.meta().lastModified());
    assertThat(replaced.meta().version()).isEqualTo("2");
    assertThat(replaced.meta().resourceType()).isEqualTo("User");
    assertThat(User.of(replaced).displayName()).contains("Babs");
    assertThat(get(users, A, created.id())).contains(replaced);
  }

  @Test
  void replaceWithStaleVersionFailsAndChangesNothing() {
    ScimResource created = createUser(A, "bjensen");
    users.replace(new ReplaceRequest(A, created.id(), user("bjensen2"), "1"));

    assertThatThrownBy(() -> users.replace(new ReplaceRequest(A, created.id(), user("x"), "1")))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(412));
    assertThat(User.of(get(users, A, created.id()).orElseThrow()).userName()).contains("bjensen2");
  }

  @Test
  void replaceAcceptsBareVersionTokenAndNullMeansUnconditional() {
    ScimResource created = createUser(A, "bjensen");

    users.replace(new ReplaceRequest(A, created.id(), user("b2"), "1"));
    ScimResource unconditional =
        users.replace(new ReplaceRequest(A, created.id(), user("b3"), null));

    assertThat(unconditional.meta().version()).isEqualTo("3");
  }

  @Test
  void replaceRejectsAnotherResourcesUniqueValueButKeepsOwn() {
    createUser(A, "taken");
    ScimResource mine = createUser(A, "mine");

    assertThatThrownBy(() -> users.replace(new ReplaceRequest(A, mine.id(), user("TAKEN"), null)))
        .satisfies(e -> assertUniqueness(e, "userName"));
    assertThat(users.replace(new ReplaceRequest(A, mine.id(), user("MINE"), null)).id())
        .isEqualTo(mine.id());
  }

  @Test
  void replaceOfMissingResourceIsNotFound() {
    assertThatThrownBy(() -> users.replace(new ReplaceRequest(A, "missing", user("x"), null)))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  // ---- delete ---------------------------------------------------------------------------------

  @Test
  void deleteRemovesAndIsConditional() {
    ScimResource created = createUser(A, "bjensen");

    assertThatThrownBy(() -> users.delete(new DeleteRequest(A, created.id(), "7")))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(412));
    users.delete(new DeleteRequest(A, created.id(), "1"));

    assertThat(get(users, A, created.id())).isEmpty();
    assertThat(searchAll(users, A).totalResults()).isZero();
    assertThatThrownBy(() -> users.delete(new DeleteRequest(A, created.id(), null)))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void deletingUserRemovesItFromEveryGroup() {
    ScimResource user = createUser(A, "bjensen");
    ScimResource other = createUser(A, "other");
    ScimResource admins = createGroup(A, "Admins", user.id(), other.id());
    ScimResource staff = createGroup(A, "Staff", user.id());

    users.delete(new DeleteRequest(A, user.id(), null));

    assertThat(memberIds(A, admins.id())).containsExactly(other.id());
    assertThat(memberIds(A, staff.id())).isEmpty();
    assertThat(get(groups, A, staff.id()).orElseThrow().meta().version()).isEqualTo("2");
    assertThat(search(groups, A, "members[value eq \"" + user.id() + "\"]").totalResults())
        .isZero();
  }

  @Test
  void deletingGroupRemovesItFromParentGroupsAndMembersGroups() {
    ScimResource user = createUser(A, "bjensen");
    ScimResource child = createGroup(A, "Child", user.id());
    ScimResource parent = createGroup(A, "Parent", child.id());

    groups.delete(new DeleteRequest(A, child.id(), null));

    assertThat(memberIds(A, parent.id())).isEmpty();
    assertThat(get(users, A, user.id()).orElseThrow().get("groups")).isNull();
  }

  // ---- groups: members ------------------------------------------------------------------------

  @Test
  void groupReadWithoutMembersWhenProjectionLeavesThemOut() {
    ScimResource user = createUser(A, "bjensen");
    ScimResource group = createGroup(A, "Admins", user.id());

    assertThat(get(groups, A, group.id(), Projection.DEFAULT).orElseThrow().get("members"))
        .isNotNull();
    assertThat(get(groups, A, group.id(), Projection.excluding("members")).orElseThrow())
        .satisfies(g -> assertThat(g.get("members")).isNull())
        .satisfies(g -> assertThat(Group.of(g).displayName()).contains("Admins"));
    assertThat(get(groups, A, group.id(), Projection.only("displayName")).orElseThrow())
        .satisfies(g -> assertThat(g.get("members")).isNull());
    assertThat(get(groups, A, group.id(), Projection.only("members")).orElseThrow())
        .satisfies(g -> assertThat(g.get("members")).isNotNull());
  }

  @Test
  void createdGroupsMembersGetTheirRealType() {
    ScimResource user = createUser(A, "bjensen");
    ScimResource child = createGroup(A, "Child");
    ScimResource group =
        groups.create(
            new CreateRequest(
                A,
                Group.builder()
                    .displayName("Parent")
                    .member(new ResourceRef(user.id(), null, "Babs", null))
                    .member(ResourceRef.of(child.id(), "User"))
                    .build()));

    assertThat(Group.of(group).members())
        .containsExactly(
            new ResourceRef(user.id(), null, "Babs", "User"), ResourceRef.of(child.id(), "Group"));
  }

  @Test
  void createRejectsUnknownMember() {
    assertThatThrownBy(() -> createGroup(A, "Admins", "no-such-user"))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.scimType()).contains(ScimType.INVALID_VALUE);
              assertThat(e.detail()).contains("no-such-user");
            });
    assertThat(searchAll(groups, A).totalResults()).isZero();
  }

  @Test
  void replaceOfGroupWithoutMembersKeepsThem() {
    ScimResource user = createUser(A, "bjensen");
    ScimResource group = createGroup(A, "Admins", user.id());
    ScimResource readWithout =
        get(groups, A, group.id(), Projection.excluding("members")).orElseThrow();

    ScimResource replaced =
        groups.replace(
            new ReplaceRequest(
                A,
                group.id(),
                readWithout.toBuilder().set("displayName", "Administrators").build(),
                readWithout.meta().version()));

    assertThat(Group.of(replaced).displayName()).contains("Administrators");
    assertThat(memberIds(A, group.id())).containsExactly(user.id());
  }

  @Test
  void replaceOfGroupWithMembersSetsThem() {
    ScimResource u1 = createUser(A, "u1");
    ScimResource u2 = createUser(A, "u2");
    ScimResource group = createGroup(A, "Admins", u1.id());

    groups.replace(
        new ReplaceRequest(
            A,
            group.id(),
            Group.builder()
                .displayName("Admins")
                .member(ResourceRef.of(u2.id()))
                .member(ResourceRef.of(u1.id()))
                .build(),
            null));
    assertThat(memberIds(A, group.id())).containsExactly(u2.id(), u1.id());

    groups.replace(
        new ReplaceRequest(
            A,
            group.id(),
            Group.builder().displayName("Admins").build().toBuilder()
                .set("members", JsonNodeFactory.instance.arrayNode())
                .build(),
            null));
    assertThat(memberIds(A, group.id())).isEmpty();
    assertThat(groupIdsOf(A, u1.id())).isEmpty();
  }

  @Test
  void updateMembersAddsRemovesAndReplaces() {
    ScimResource u1 = createUser(A, "u1");
    ScimResource u2 = createUser(A, "u2");
    ScimResource u3 = createUser(A, "u3");
    ScimResource group = createGroup(A, "Admins");

    MembershipResult added =
        groups.updateMembers(members(A, group.id(), false, List.of(), refs(u1, u2), null));
    assertThat(added.meta().version()).isEqualTo("2");
    assertThat(memberIds(A, group.id())).containsExactly(u1.id(), u2.id());

    groups.updateMembers(
        members(A, group.id(), false, List.of(u1.id()), refs(u3), added.meta().version()));
    assertThat(memberIds(A, group.id())).containsExactly(u2.id(), u3.id());

    MembershipResult replaced =
        groups.updateMembers(members(A, group.id(), true, List.of(), refs(u1), null));
    assertThat(memberIds(A, group.id())).containsExactly(u1.id());
    assertThat(replaced.meta().version()).isEqualTo("4");
    assertThat(get(groups, A, group.id()).orElseThrow().meta()).isEqualTo(replaced.meta());
    assertThat(Group.of(get(groups, A, group.id()).orElseThrow()).members())
        .containsExactly(ResourceRef.of(u1.id(), "User"));
  }

  @Test
  void updateMembersBumpsVersionOnlyWhenMembershipChanged() {
    ScimResource u1 = createUser(A, "u1");
    ScimResource group = createGroup(A, "Admins", u1.id());
    Meta before = group.meta();

    MembershipResult unchanged =
        groups.updateMembers(
            members(A, group.id(), false, List.of("absent-id"), refs(u1), before.version()));
    MembershipResult sameList =
        groups.updateMembers(members(A, group.id(), true, List.of(), refs(u1), null));

    assertThat(unchanged.meta()).isEqualTo(before);
    assertThat(sameList.meta()).isEqualTo(before);
    MembershipResult removed =
        groups.updateMembers(members(A, group.id(), false, List.of(u1.id()), List.of(), null));
    assertThat(removed.meta().version()).isEqualTo("2");
    assertThat(removed.meta().lastModified()).isAfter(before.lastModified());
  }

  @Test
  void updateMembersMatchesIdsIgnoringCase() {
    ScimResource u1 = createUser(A, "u1");
    ScimResource group = createGroup(A, "Admins");

    groups.updateMembers(
        members(
            A, group.id(), false, List.of(), List.of(ResourceRef.of(u1.id().toUpperCase())), null));
    assertThat(memberIds(A, group.id())).containsExactly(u1.id());
    groups.updateMembers(
        members(A, group.id(), false, List.of(u1.id().toUpperCase()), List.of(), null));
    assertThat(memberIds(A, group.id())).isEmpty();
  }

  @Test
  void updateMembersOfMissingGroupIsNotFound() {
    assertThatThrownBy(
            () -> groups.updateMembers(members(A, "missing", false, List.of(), List.of(), null)))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(404));
  }

  @Test
  void updateMembersWithStaleVersionFails() {
    ScimResource group = createGroup(A, "Admins");

    assertThatThrownBy(
            () -> groups.updateMembers(members(A, group.id(), false, List.of(), List.of(), "5")))
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(412));
  }

  @Test
  void updateMembersWithUnknownMemberChangesNothing() {
    ScimResource u1 = createUser(A, "u1");
    ScimResource group = createGroup(A, "Admins");

    assertThatThrownBy(
            () ->
                groups.updateMembers(
                    members(
                        A,
                        group.id(),
                        false,
                        List.of(),
                        List.of(ResourceRef.of(u1.id()), ResourceRef.of("ghost")),
                        null)))
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.scimType()).contains(ScimType.INVALID_VALUE);
              assertThat(e.detail()).contains("ghost");
            });
    assertThat(memberIds(A, group.id())).isEmpty();
    assertThat(get(groups, A, group.id()).orElseThrow().meta().version()).isEqualTo("1");
  }

  @Test
  void userGroupsListsDirectMemberships() {
    ScimResource user = createUser(A, "bjensen");
    ScimResource admins = createGroup(A, "Admins", user.id());
    ScimResource staff = createGroup(A, "Staff");
    groups.updateMembers(members(A, staff.id(), false, List.of(), refs(user), null));

    JsonNode memberships = get(users, A, user.id()).orElseThrow().get("groups");

    assertThat(memberships).hasSize(2);
    assertThat(memberships.get(0).get("value").asText()).isEqualTo(admins.id());
    assertThat(memberships.get(0).get("display").asText()).isEqualTo("Admins");
    assertThat(memberships.get(0).get("type").asText()).isEqualTo("direct");
    assertThat(memberships.get(1).get("value").asText()).isEqualTo(staff.id());
    assertThat(get(users, A, user.id(), Projection.excluding("groups")).orElseThrow().get("groups"))
        .isNull();
    assertThat(ids(search(users, A, "groups.value eq \"" + staff.id() + "\"")))
        .containsExactly(user.id());
  }

  // ---- search ---------------------------------------------------------------------------------

  @Test
  void searchWithoutFilterReturnsAllInCreationOrder() {
    List<String> created = createUsers(A, 5);

    Page page = searchAll(users, A);

    assertThat(page.totalResults()).isEqualTo(5);
    assertThat(ids(page)).containsExactlyElementsOf(created);
  }

  @Test
  void searchPagesWithStartIndexAndCount() {
    List<String> created = createUsers(A, 7);

    Page second = users.search(request(A, null, null, 3, 2, Projection.DEFAULT));
    Page last = users.search(request(A, null, null, 7, 10, Projection.DEFAULT));
    Page beyond = users.search(request(A, null, null, 20, 10, Projection.DEFAULT));

    assertThat(ids(second)).containsExactly(created.get(2), created.get(3));
    assertThat(second.totalResults()).isEqualTo(7);
    assertThat(ids(last)).containsExactly(created.get(6));
    assertThat(beyond.resources()).isEmpty();
    assertThat(beyond.totalResults()).isEqualTo(7);
  }

  @Test
  void searchWithCountZeroReturnsOnlyTheTotal() {
    createUsers(A, 3);

    Page page = users.search(request(A, parse("userName sw \"user\""), null, 1, 0, null));

    assertThat(page.resources()).isEmpty();
    assertThat(page.totalResults()).isEqualTo(3);
  }

  @Test
  void searchSortsStringsByCaseExactness() {
    createUser(A, "bob");
    createUser(A, "Carol");
    createUser(A, "alice");

    assertThat(userNames(sorted(users, "userName", SortOrder.ASCENDING)))
        .containsExactly("alice", "bob", "Carol");
    assertThat(userNames(sorted(users, "userName", SortOrder.DESCENDING)))
        .containsExactly("Carol", "bob", "alice");
  }

  @Test
  void searchSortsMissingValuesLastAscendingAndFirstDescending() {
    createUser(A, User.builder().userName("u1").title("b").build());
    createUser(A, "u2");
    createUser(A, User.builder().userName("u3").title("a").build());
    createUser(A, "u4");

    assertThat(userNames(sorted(users, "title", SortOrder.ASCENDING)))
        .containsExactly("u3", "u1", "u2", "u4");
    assertThat(userNames(sorted(users, "title", SortOrder.DESCENDING)))
        .containsExactly("u2", "u4", "u1", "u3");
  }

  @Test
  void searchSortsNumbersBooleansAndDateTimes() {
    ResourceRepository devices = store.resources("Device");
    devices.create(new CreateRequest(A, device("d10", 10)));
    devices.create(new CreateRequest(A, device("d9", 9)));
    devices.create(new CreateRequest(A, device("d100", 100)));
    devices.create(
        new CreateRequest(
            A,
            device("d-old", 5).toBuilder()
                .set("retired", true)
                .set("bought", "2011-05-13T06:42:34+02:00")
                .build()));
    devices.create(
        new CreateRequest(
            A,
            device("d-new", 5).toBuilder()
                .set("retired", false)
                .set("bought", "2011-05-13T04:42:35Z")
                .build()));

    assertThat(serials(sorted(devices, "rank", SortOrder.ASCENDING)))
        .containsExactly("d-old", "d-new", "d9", "d10", "d100");
    assertThat(serials(sorted(devices, "retired", SortOrder.ASCENDING)))
        .containsExactly("d-new", "d-old", "d10", "d9", "d100");
    assertThat(serials(sorted(devices, "bought", SortOrder.DESCENDING)))
        .containsExactly("d10", "d9", "d100", "d-new", "d-old");
  }

  @Test
  void searchSortsMultiValuedByPrimaryValueElseFirst() {
    createUser(A, withEmails("u1", email("z@example.com", false), email("a@example.com", true)));
    createUser(A, withEmails("u2", email("m@example.com", false), email("b@example.com", false)));
    createUser(A, withEmails("u3", email("c@example.com", false)));

    assertThat(userNames(sorted(users, "emails.value", SortOrder.ASCENDING)))
        .containsExactly("u1", "u3", "u2");
    assertThat(userNames(sorted(users, "emails", SortOrder.ASCENDING)))
        .containsExactly("u1", "u3", "u2");
  }

  @Test
  void searchSortsByMetaDateTime() {
    List<String> created = createUsers(A, 3);

    Page page =
        users.search(
            request(
                A,
                null,
                new Sort(AttributePath.of("meta", "created"), SortOrder.DESCENDING),
                1,
                10,
                null));

    List<String> newestFirst = new ArrayList<>(created);
    Collections.reverse(newestFirst);
    assertThat(ids(page)).containsExactlyElementsOf(newestFirst);
  }

  @Test
  void searchRejectsInvalidFilterEvenWithNoData() {
    assertThatThrownBy(() -> search(users, A, "active gt true"))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_FILTER));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "userName eq \"USER-3\"",
        "userName eq \"user-3\" and active eq true",
        "userName eq \"nobody\"",
        "externalId eq \"ext-3\"",
        "externalId eq \"EXT-3\"",
        "displayName eq \"DISPLAY-1\"",
        "displayName eq \"display-1\" and userName eq \"user-4\"",
        "title eq \"Boss\" and externalId eq \"ext-2\"",
        "userName eq \"\"",
      })
  void indexedLookupFindsWhatAScanFinds(String filter) {
    for (int i = 0; i < 6; i++) {
      createUser(
          A,
          User.builder()
              .userName("user-" + i)
              .externalId("ext-" + i)
              .displayName("display-" + (i % 2))
              .title(i % 3 == 2 ? "boss" : null)
              .active(i != 1)
              .build());
    }
    Filter indexed = parse(filter);
    // An 'or' with itself never takes the index path, so it scans.
    Filter scanned = Filter.or(indexed, indexed);

    Page viaIndex = search(users, A, indexed);
    Page viaScan = search(users, A, scanned);

    assertThat(viaIndex).isEqualTo(viaScan);
  }

  @Test
  void indexedLookupByIdAndForGroups() {
    ScimResource user = createUser(A, "bjensen");
    ScimResource admins = createGroup(A, "Admins", user.id());
    createGroup(A, "Staff", user.id());

    assertThat(ids(search(users, A, "id eq \"" + user.id() + "\""))).containsExactly(user.id());
    assertThat(ids(search(users, A, "id eq \"" + user.id().toUpperCase() + "\""))).isEmpty();
    assertThat(ids(search(groups, A, "displayName eq \"admins\""))).containsExactly(admins.id());
    assertThat(ids(search(groups, A, "id eq \"" + admins.id() + "\" and displayName pr")))
        .containsExactly(admins.id());
  }

  @Test
  void indexedLookupOnUniqueExtensionAttribute() {
    ScimResource user = createUser(A, userWithBadge("a", "B-1"));
    createUser(A, userWithBadge("b", "B-2"));

    assertThat(ids(search(users, A, BADGE + ":badgeNumber eq \"B-1\""))).containsExactly(user.id());
    assertThat(ids(search(users, A, "badgeNumber eq \"B-1\""))).containsExactly(user.id());
    assertThat(ids(search(users, A, BADGE + ":badgeNumber eq \"b-1\""))).isEmpty();
  }

  @Test
  void searchOfGroupsLeavesOutMembersUnlessIncluded() {
    ScimResource user = createUser(A, "bjensen");
    createGroup(A, "Admins", user.id());

    Page without = groups.search(request(A, null, null, 1, 10, Projection.excluding("members")));
    Page with = groups.search(request(A, null, null, 1, 10, Projection.DEFAULT));

    assertThat(without.resources().get(0).get("members")).isNull();
    assertThat(with.resources().get(0).get("members")).hasSize(1);
  }

  @Test
  void membershipFilterWorksWithMembersExcluded() {
    ScimResource u1 = createUser(A, "u1");
    ScimResource u2 = createUser(A, "u2");
    ScimResource admins = createGroup(A, "Admins", u1.id());
    ScimResource staff = createGroup(A, "Staff", u1.id(), u2.id());

    for (String filter :
        List.of(
            "id eq \"%s\" and members[value eq \"%s\"]",
            "id eq \"%s\" and members.value eq \"%s\"",
            "id eq \"%s\" and (members[value eq \"%s\"] or displayName eq \"none\")")) {
      Page hit =
          groups.search(
              request(
                  A,
                  parse(filter.formatted(staff.id(), u2.id())),
                  null,
                  1,
                  10,
                  Projection.excluding("members")));
      Page miss =
          groups.search(
              request(
                  A,
                  parse(filter.formatted(admins.id(), u2.id())),
                  null,
                  1,
                  10,
                  Projection.excluding("members")));

      assertThat(ids(hit)).as(filter).containsExactly(staff.id());
      assertThat(hit.resources().get(0).get("members")).as(filter).isNull();
      assertThat(miss.totalResults()).as(filter).isZero();
    }
    assertThat(ids(search(groups, A, "members[value eq \"" + u1.id().toUpperCase() + "\"]")))
        .containsExactly(admins.id(), staff.id());
    assertThat(ids(search(groups, A, "members.value eq \"" + u2.id() + "\" or members pr")))
        .containsExactly(admins.id(), staff.id());
  }

  @Test
  void customTypeRepositoriesAreSharedAndValidated() {
    assertThat(store.resources("user")).isSameAs(users);
    assertThat(store.resources("Group")).isSameAs(groups);
    assertThat(store.resources("device")).isSameAs(store.resources("Device"));
    assertThatThrownBy(() -> store.resources("Printer"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Printer");
  }

  // ---- tenants --------------------------------------------------------------------------------

  @Test
  void tenantsSeeAndChangeOnlyTheirOwnData() {
    ScimResource user = createUser(A, "bjensen");
    ScimResource group = createGroup(A, "Admins", user.id());
    ScimResource userInB = createUser(B, "other");
    ScimResource groupInB = createGroup(B, "Admins");
    ScimResource userBefore = get(users, A, user.id()).orElseThrow();

    assertThat(get(users, B, user.id())).isEmpty();
    assertThat(get(groups, B, group.id())).isEmpty();
    assertThat(ids(searchAll(users, B))).containsExactly(userInB.id());
    assertThat(search(users, B, "userName eq \"bjensen\"").totalResults()).isZero();
    assertThat(search(users, B, "id eq \"" + user.id() + "\"").totalResults()).isZero();
    assertThat(search(groups, B, "members[value eq \"" + user.id() + "\"]").totalResults())
        .isZero();
    assertStatus(() -> users.replace(new ReplaceRequest(B, user.id(), user("x"), null)), 404);
    assertStatus(() -> users.delete(new DeleteRequest(B, user.id(), null)), 404);
    assertStatus(() -> groups.delete(new DeleteRequest(B, group.id(), null)), 404);
    assertStatus(
        () -> groups.updateMembers(members(B, group.id(), true, List.of(), List.of(), null)), 404);
    assertStatus(
        () -> groups.updateMembers(members(B, groupInB.id(), false, List.of(), refs(user), null)),
        400);
    users.delete(new DeleteRequest(B, userInB.id(), null));

    assertThat(get(users, A, user.id())).contains(userBefore);
    assertThat(get(groups, A, group.id())).contains(group);
    assertThat(memberIds(B, groupInB.id())).isEmpty();
  }

  @Test
  void searchOfUnknownTenantIsEmpty() {
    createUsers(A, 2);

    assertThat(searchAll(users, RequestContext.of("nobody", "c", "r")))
        .isEqualTo(new Page(List.of(), 0));
  }

  // ---- concurrency ----------------------------------------------------------------------------

  @Test
  void concurrentCreatesOfOneUserNameLetExactlyOneWin() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String name = "racer-" + round;
      List<Outcome> outcomes =
          race(16, i -> () -> createUser(A, i % 2 == 0 ? name : name.toUpperCase()));

      assertThat(outcomes).filteredOn(o -> o.error == null).hasSize(1);
      assertThat(outcomes)
          .filteredOn(o -> o.error != null)
          .hasSize(15)
          .allSatisfy(o -> assertThat(o.error.scimType()).contains(ScimType.UNIQUENESS));
      assertThat(search(users, A, "userName eq \"" + name + "\"").totalResults()).isEqualTo(1);
    }
    assertThat(searchAll(users, A).totalResults()).isEqualTo(ROUNDS);
  }

  @Test
  void concurrentMemberAdditionsAllLand() throws Exception {
    List<String> userIds = createUsers(A, 32);
    for (int round = 0; round < ROUNDS; round++) {
      ScimResource group = createGroup(A, "Group " + round);

      List<Outcome> outcomes =
          race(
              32,
              i ->
                  () ->
                      groups.updateMembers(
                          members(
                              A,
                              group.id(),
                              false,
                              List.of(),
                              List.of(ResourceRef.of(userIds.get(i))),
                              null)));

      assertThat(outcomes).allSatisfy(o -> assertThat(o.error).isNull());
      assertThat(memberIds(A, group.id())).containsExactlyInAnyOrderElementsOf(userIds);
      assertThat(get(groups, A, group.id()).orElseThrow().meta().version()).isEqualTo("33");
    }
    assertThat(groupIdsOf(A, userIds.get(0))).hasSize(ROUNDS);
  }

  @Test
  void concurrentReplacesOfOneVersionLetExactlyOneWin() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      ScimResource created = createUser(A, "user-" + round);
      String version = created.meta().version();
      String prefix = "round-" + round + "-";

      List<Outcome> outcomes =
          race(
              16,
              i ->
                  () ->
                      users.replace(
                          new ReplaceRequest(A, created.id(), user(prefix + i), version)));

      assertThat(outcomes).filteredOn(o -> o.error == null).hasSize(1);
      assertThat(outcomes)
          .filteredOn(o -> o.error != null)
          .hasSize(15)
          .allSatisfy(o -> assertThat(o.error.status()).isEqualTo(412));
      assertThat(get(users, A, created.id()).orElseThrow().meta().version()).isEqualTo("2");
    }
  }

  @Test
  void concurrentDeletesAndMemberAdditionsLeaveNoDanglingMember() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      ScimResource group = createGroup(A, "Group " + round);
      List<String> userIds = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        userIds.add(createUser(A, "r" + round + "-" + i).id());
      }

      race(
          32,
          i ->
              i % 2 == 0
                  ? () ->
                      groups.updateMembers(
                          members(
                              A,
                              group.id(),
                              false,
                              List.of(),
                              List.of(ResourceRef.of(userIds.get(i / 2))),
                              null))
                  : () -> {
                    users.delete(new DeleteRequest(A, userIds.get(i / 2), null));
                    return null;
                  });

      assertThat(memberIds(A, group.id())).isEmpty();
    }
  }

  // ---- helpers --------------------------------------------------------------------------------

  private static SchemaRegistry registry() {
    SchemaRegistry registry = SchemaRegistry.standard();
    registry.register(
        Schema.builder(DEVICE)
            .name("Device")
            .attribute(
                AttributeDefinition.builder("serialNumber")
                    .type(AttributeType.STRING)
                    .uniqueness(Uniqueness.SERVER)
                    .build())
            .attribute(AttributeDefinition.builder("rank").type(AttributeType.INTEGER).build())
            .attribute(AttributeDefinition.builder("retired").type(AttributeType.BOOLEAN).build())
            .attribute(AttributeDefinition.builder("bought").type(AttributeType.DATE_TIME).build())
            .build());
    registry.register(ResourceType.of("Device", "/Devices", DEVICE));
    registry.addExtension(
        "User",
        Schema.builder(BADGE)
            .name("Badge")
            .attribute(
                AttributeDefinition.builder("badgeNumber")
                    .type(AttributeType.STRING)
                    .caseExact(true)
                    .uniqueness(Uniqueness.SERVER)
                    .build())
            .build(),
        false);
    return registry;
  }

  private static Filter parse(String filter) {
    return FilterParser.withDefaults().parse(filter);
  }

  private static ScimResource user(String userName) {
    return User.builder().userName(userName).build();
  }

  private static ScimResource userWithBadge(String userName, String badge) {
    return user(userName).toBuilder()
        .set(
            new AttributePath(BADGE, "badgeNumber", null), JsonNodeFactory.instance.textNode(badge))
        .build();
  }

  private static ScimResource withEmails(String userName, JsonNode... emails) {
    return user(userName).toBuilder()
        .set("emails", JsonNodeFactory.instance.arrayNode().addAll(List.of(emails)))
        .build();
  }

  private static JsonNode email(String value, boolean primary) {
    return JsonNodeFactory.instance.objectNode().put("value", value).put("primary", primary);
  }

  private static ScimResource device(String serial, int rank) {
    return ScimResource.builder()
        .schemas(List.of(DEVICE))
        .set("serialNumber", serial)
        .set("rank", JsonNodeFactory.instance.numberNode(rank))
        .build();
  }

  private ScimResource createUser(RequestContext context, String userName) {
    return createUser(context, user(userName));
  }

  private ScimResource createUser(RequestContext context, ScimResource user) {
    return users.create(new CreateRequest(context, user));
  }

  private List<String> createUsers(RequestContext context, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      ids.add(createUser(context, "user-" + i).id());
    }
    return ids;
  }

  private ScimResource createGroup(RequestContext context, String name, String... memberIds) {
    Group.Builder group = Group.builder().displayName(name);
    for (String id : memberIds) {
      group.member(ResourceRef.of(id));
    }
    return groups.create(new CreateRequest(context, group.build()));
  }

  private static Optional<ScimResource> get(
      ResourceRepository repository, RequestContext context, String id) {
    return get(repository, context, id, Projection.DEFAULT);
  }

  private static Optional<ScimResource> get(
      ResourceRepository repository, RequestContext context, String id, Projection projection) {
    return repository.get(new GetRequest(context, id, projection));
  }

  private List<String> memberIds(RequestContext context, String groupId) {
    return Group.of(get(groups, context, groupId).orElseThrow()).members().stream()
        .map(ResourceRef::value)
        .toList();
  }

  private List<String> groupIdsOf(RequestContext context, String userId) {
    JsonNode memberships = get(users, context, userId).orElseThrow().get("groups");
    List<String> ids = new ArrayList<>();
    if (memberships != null) {
      memberships.forEach(m -> ids.add(m.get("value").asText()));
    }
    return ids;
  }

  private static MembershipRequest members(
      RequestContext context,
      String groupId,
      boolean removeAll,
      List<String> removed,
      List<ResourceRef> added,
      String expectedVersion) {
    return new MembershipRequest(
        context, groupId, new MemberDelta(removeAll, removed, added), expectedVersion);
  }

  private static List<ResourceRef> refs(ScimResource... resources) {
    List<ResourceRef> refs = new ArrayList<>();
    for (ScimResource resource : resources) {
      refs.add(ResourceRef.of(resource.id()));
    }
    return refs;
  }

  private static SearchRequest request(
      RequestContext context,
      Filter filter,
      Sort sort,
      int startIndex,
      int count,
      Projection projection) {
    return new SearchRequest(
        context,
        filter,
        sort,
        startIndex,
        count,
        projection == null ? Projection.DEFAULT : projection);
  }

  private static Page searchAll(ResourceRepository repository, RequestContext context) {
    return repository.search(request(context, null, null, 1, 1000, null));
  }

  private static Page search(ResourceRepository repository, RequestContext context, String filter) {
    return search(repository, context, parse(filter));
  }

  private static Page search(ResourceRepository repository, RequestContext context, Filter filter) {
    return repository.search(request(context, filter, null, 1, 1000, null));
  }

  private static Page sorted(ResourceRepository repository, String by, SortOrder order) {
    return repository.search(
        request(
            A,
            null,
            new Sort(FilterParser.withDefaults().parseAttributePath(by), order),
            1,
            100,
            null));
  }

  private static List<String> ids(Page page) {
    return page.resources().stream().map(ScimResource::id).toList();
  }

  private static List<String> userNames(Page page) {
    return page.resources().stream().map(r -> User.of(r).userName().orElse(null)).toList();
  }

  private static List<String> serials(Page page) {
    return page.resources().stream().map(r -> r.get("serialNumber").asText()).toList();
  }

  private static void assertUniqueness(Throwable thrown, String attribute) {
    assertThat(thrown)
        .isInstanceOfSatisfying(
            ScimException.class,
            e -> {
              assertThat(e.scimType()).contains(ScimType.UNIQUENESS);
              assertThat(e.detail()).contains(attribute);
            });
  }

  private static void assertStatus(Runnable call, int status) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(status));
  }

  /** Runs {@code threads} tasks released at once and collects how each ended. */
  private List<Outcome> race(int threads, IntFunction<Callable<?>> task) throws Exception {
    if (pool == null) {
      pool = Executors.newFixedThreadPool(32);
    }
    CountDownLatch ready = new CountDownLatch(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Outcome>> futures = new ArrayList<>();
    for (int i = 0; i < threads; i++) {
      Callable<?> call = task.apply(i);
      futures.add(
          pool.submit(
              () -> {
                ready.countDown();
                go.await();
                try {
                  call.call();
                  return new Outcome(null);
                } catch (ScimException e) {
                  return new Outcome(e);
                }
              }));
    }
    assertThat(ready.await(10, TimeUnit.SECONDS)).isTrue();
    go.countDown();
    List<Outcome> outcomes = new ArrayList<>();
    for (Future<Outcome> future : futures) {
      try {
        outcomes.add(future.get(10, TimeUnit.SECONDS));
      } catch (ExecutionException e) {
        throw new AssertionError("A racing task failed unexpectedly", e.getCause());
      }
    }
    return outcomes;
  }

  private record Outcome(ScimException error) {}

  /** A clock that moves one second forward every time it is read. */
  private static final class SteppingClock extends Clock {
    private Instant now = Instant.parse("2024-01-01T00:00:00Z");

    @Override
    public synchronized Instant instant() {
      now = now.plusSeconds(1);
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }
  }
}
