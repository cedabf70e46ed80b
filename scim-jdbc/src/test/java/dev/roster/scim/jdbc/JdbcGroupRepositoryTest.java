package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The group repository's promises: members are read only when asked for, membership changes are
 * single statements that never read the member list, versions guard writes, and concurrent member
 * additions all take effect.
 */
class JdbcGroupRepositoryTest {
  private static final Projection WITHOUT_MEMBERS = Projection.excluding("members");
  @TempDir Path tempDir;

  private RecordingDataSource recording;
  private JdbcUserRepository users;
  private JdbcGroupRepository groups;
  private final RequestContext context =
      RequestContext.of(TestDatabases.freshTenant(), "test", "request");

  private void open(String database) throws SQLException {
    recording = RecordingDataSource.of(database, tempDir);
    Migrations.migrate(recording.dataSource());
    Database db = new Database(recording.dataSource(), Clock.systemUTC());
    SchemaRegistry registry = SchemaRegistry.standard();
    users = new JdbcUserRepository(db, registry);
    groups = new JdbcGroupRepository(db, registry);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void readingWithoutMembersNeverQueriesTheMembershipTable(String database) throws SQLException {
    open(database);
    ScimResource group = groupWithMembers("Readers", 3);
    recording.take();

    ScimResource read =
        groups.get(new GetRequest(context, group.id(), WITHOUT_MEMBERS)).orElseThrow();
    groups.search(
        new SearchRequest(
            context, Filter.eq("displayName", "readers"), null, 1, 10, WITHOUT_MEMBERS));

    assertThat(read.get("members")).isNull();
    assertThat(recording.take()).noneMatch(sql -> sql.contains("scim_group_members"));
    assertThat(groups.get(new GetRequest(context, group.id(), Projection.DEFAULT)).orElseThrow())
        .satisfies(g -> assertThat(Group.of(g).members()).hasSize(3));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void membershipDeltasAreSingleStatementsThatNeverReadTheMemberList(String database)
      throws SQLException {
    open(database);
    ScimResource group = groupWithMembers("Deltas", 2);
    String newcomer = user("newcomer").id();
    String leaver =
        Group.of(groups.get(new GetRequest(context, group.id(), Projection.DEFAULT)).orElseThrow())
            .members()
            .get(0)
            .value();
    recording.take();
    recording.takeExecutions();

    MembershipResult result =
        groups.updateMembers(
            new MembershipRequest(
                context,
                group.id(),
                new MemberDelta(false, List.of(leaver), List.of(ResourceRef.of(newcomer))),
                null));

    assertThat(memberStatements())
        .allSatisfy(
            sql ->
                assertThat(sql.toUpperCase(Locale.ROOT))
                    .matches(
                        "(?s)^(INSERT INTO SCIM_GROUP_MEMBERS .* RETURNING MEMBER_ID"
                            + "|DELETE FROM SCIM_GROUP_MEMBERS .*"
                            + "|SELECT MEMBER_ID FROM FINAL TABLE \\(INSERT INTO SCIM_GROUP_MEMBERS .*)"))
        .hasSize(2);
    assertThat(result.meta().version()).isEqualTo("2");
    assertThat(members(group.id())).contains(newcomer).doesNotContain(leaver).hasSize(2);
  }

  /**
   * A create with many members, a full replace and a delta removing many are each a fixed number of
   * statements over arrays of ids, not one per member: on PostgreSQL one per {@link
   * JdbcGroupRepository#IDS_PER_STATEMENT} ids (H2 removes by a batch of single-row deletes).
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void manyMembersTakeOneStatementPerArrayOfIds(String database) throws SQLException {
    open(database);
    List<ResourceRef> first = new ArrayList<>();
    List<ResourceRef> second = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      first.add(ResourceRef.of(user("first-" + i).id()));
      second.add(ResourceRef.of(user("second-" + i).id()));
    }
    recording.takeExecutions();

    ScimResource group =
        groups.create(
            new CreateRequest(context, Group.builder().displayName("Many").members(first).build()));
    assertThat(memberStatements()).filteredOn(sql -> sql.contains("INSERT")).hasSize(1);

    List<ResourceRef> wanted = new ArrayList<>(first.subList(0, 10));
    wanted.addAll(second);
    groups.replace(
        new ReplaceRequest(
            context,
            group.id(),
            Group.builder().displayName("Many").members(wanted).build(),
            null));
    List<String> replace = memberStatements();
    assertThat(replace).filteredOn(sql -> sql.contains("INSERT")).hasSize(1);
    assertThat(replace)
        .filteredOn(sql -> sql.startsWith("DELETE"))
        .hasSize(database.equals("postgresql") ? 1 : 30);
    assertThat(members(group.id()))
        .containsExactlyInAnyOrderElementsOf(wanted.stream().map(ResourceRef::value).toList());

    groups.updateMembers(
        new MembershipRequest(
            context,
            group.id(),
            new MemberDelta(false, second.stream().map(ResourceRef::value).toList(), List.of()),
            null));
    assertThat(memberStatements())
        .filteredOn(sql -> sql.startsWith("DELETE"))
        .hasSize(database.equals("postgresql") ? 1 : 40);
    assertThat(members(group.id())).hasSize(10);
  }

  /** The statements executed on scim_group_members since the last call, one per execution. */
  private List<String> memberStatements() {
    recording.take();
    return recording.takeExecutions().stream()
        .map(RecordingDataSource.Execution::sql)
        .filter(sql -> sql.contains("scim_group_members"))
        .toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void addingAPresentMemberOrRemovingAnAbsentOneChangesNothing(String database)
      throws SQLException {
    open(database);
    ScimResource group = groupWithMembers("Idempotent", 1);
    String member = members(group.id()).get(0);

    MembershipResult result =
        groups.updateMembers(
            new MembershipRequest(
                context,
                group.id(),
                new MemberDelta(false, List.of("not-a-member"), List.of(ResourceRef.of(member))),
                null));

    assertThat(result.meta().version()).isEqualTo(group.meta().version());
    assertThat(members(group.id())).containsExactly(member);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void addingAnUnknownMemberIsInvalidValueAndChangesNothing(String database) throws SQLException {
    open(database);
    ScimResource group = groupWithMembers("Strict", 1);
    String known = user("known").id();

    assertThatThrownBy(
            () ->
                groups.updateMembers(
                    new MembershipRequest(
                        context,
                        group.id(),
                        new MemberDelta(
                            false,
                            List.of(),
                            List.of(ResourceRef.of(known), ResourceRef.of("no-such-user"))),
                        null)))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_VALUE));
    assertThat(members(group.id())).hasSize(1).doesNotContain(known);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void writesAreConditionalOnTheVersion(String database) throws SQLException {
    open(database);
    ScimResource group = groupWithMembers("Versioned", 0);
    ScimResource renamed =
        groups.replace(
            new ReplaceRequest(
                context,
                group.id(),
                Group.builder().displayName("Versioned 2").build(),
                group.meta().version()));
    assertThat(renamed.meta().version()).isEqualTo("2");

    assertStatus(
        412,
        () ->
            groups.replace(
                new ReplaceRequest(
                    context,
                    group.id(),
                    Group.builder().displayName("Stale").build(),
                    group.meta().version())));
    assertStatus(
        412,
        () ->
            groups.updateMembers(
                new MembershipRequest(
                    context,
                    group.id(),
                    new MemberDelta(true, List.of(), List.of()),
                    group.meta().version())));
    assertStatus(
        412, () -> groups.delete(new DeleteRequest(context, group.id(), group.meta().version())));
    groups.delete(new DeleteRequest(context, group.id(), renamed.meta().version()));
    assertStatus(404, () -> groups.delete(new DeleteRequest(context, group.id(), null)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void displayNamesAreUniqueIgnoringCase(String database) throws SQLException {
    open(database);
    groupWithMembers("Sales", 0);
    ScimResource other = groupWithMembers("Marketing", 0);

    assertThatThrownBy(() -> groupWithMembers("SALES", 0))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.UNIQUENESS));
    assertThatThrownBy(
            () ->
                groups.replace(
                    new ReplaceRequest(
                        context, other.id(), Group.builder().displayName("sales").build(), null)))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.UNIQUENESS));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void deletingAUserRemovesItFromItsGroups(String database) throws SQLException {
    open(database);
    ScimResource group = groupWithMembers("Leavers", 2);
    String leaving = members(group.id()).get(0);

    users.delete(new DeleteRequest(context, leaving, null));

    ScimResource after =
        groups.get(new GetRequest(context, group.id(), Projection.DEFAULT)).orElseThrow();
    assertThat(Group.of(after).members()).extracting(ResourceRef::value).doesNotContain(leaving);
    assertThat(after.meta().version()).isNotEqualTo(group.meta().version());
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void concurrentMemberAdditionsAllTakeEffect(String database) throws Exception {
    open(database);
    ScimResource group = groupWithMembers("Crowd", 0);
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      ids.add(user("crowd" + i).id());
    }
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try {
      List<Future<MembershipResult>> adds = new ArrayList<>();
      for (String id : ids) {
        adds.add(
            threads.submit(
                () ->
                    groups.updateMembers(
                        new MembershipRequest(
                            context,
                            group.id(),
                            new MemberDelta(false, List.of(), List.of(ResourceRef.of(id))),
                            null))));
      }
      for (Future<MembershipResult> add : adds) {
        add.get(60, TimeUnit.SECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(members(group.id())).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(groups.get(new GetRequest(context, group.id(), WITHOUT_MEMBERS)).orElseThrow())
        .satisfies(g -> assertThat(g.meta().version()).isEqualTo("33"));
  }

  private ScimResource groupWithMembers(String displayName, int members) {
    Group.Builder group = Group.builder().displayName(displayName);
    for (int i = 0; i < members; i++) {
      group.member(ResourceRef.of(user(displayName + "-member-" + i).id()));
    }
    return groups.create(new CreateRequest(context, group.build()));
  }

  private ScimResource user(String userName) {
    return users.create(new CreateRequest(context, User.builder().userName(userName).build()));
  }

  private List<String> members(String groupId) {
    return Group.of(groups.get(new GetRequest(context, groupId, Projection.DEFAULT)).orElseThrow())
        .members()
        .stream()
        .map(ResourceRef::value)
        .toList();
  }

  private static void assertStatus(int status, Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(status));
  }
}
