package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Seek;
import dev.roster.scim.jdbc.RecordingDataSource.Execution;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Entra ID's lookups before every create ({@code userName eq}, {@code displayName eq}, in any case)
 * go through H2's unique indexes on the generated lower-case columns, not a scan of the tenant's
 * rows: H2 cannot index {@code LOWER(column)}, so the filter mapping compares the generated column.
 */
class H2LookupPlanTest {
  @TempDir Path tempDir;

  @Test
  void userNameAndDisplayNameLookupsUseTheLowerCaseIndexes() throws SQLException {
    Store store = store();
    RecordingDataSource recording = store.recording();
    JdbcUserRepository users = store.users();
    JdbcGroupRepository groups = store.groups();
    RequestContext context = store.context();
    users.create(
        new CreateRequest(context, User.builder().userName("BJensen@Example.com").build()));
    groups.create(new CreateRequest(context, Group.builder().displayName("Sales Team").build()));
    recording.takeExecutions();

    Page foundUsers =
        users.search(
            new SearchRequest(
                context,
                Filter.eq("userName", "bjensen@example.COM"),
                null,
                1,
                10,
                Projection.DEFAULT));
    Execution userLookup = lookup(recording.takeExecutions(), "scim_users");
    Page foundGroups =
        groups.search(
            new SearchRequest(
                context,
                Filter.eq("displayName", "SALES TEAM"),
                null,
                1,
                10,
                Projection.excluding("members")));
    Execution groupLookup = lookup(recording.takeExecutions(), "scim_groups");

    assertThat(foundUsers.resources()).extracting(ScimResource::id).hasSize(1);
    assertThat(foundGroups.resources()).extracting(ScimResource::id).hasSize(1);
    // Straight from the name's index: no subquery ordered by another index first.
    assertThat(explain(recording, userLookup))
        .contains("SCIM_USERS_USER_NAME")
        .doesNotContain("IN(");
    assertThat(explain(recording, groupLookup)).contains("SCIM_GROUPS_DISPLAY_NAME");
  }

  /**
   * Among thousands of users of one tenant, with statistics that say so, a {@code userName eq}
   * still looks the name up: led by the tenant, the page's order was the creation index's, and H2
   * read every user of the tenant in that order to test the name (0.8 s a lookup among 100,000 in
   * the load run).
   */
  @Test
  void aLookupAmongManyUsersOfOneTenantReadsTheNameIndex() throws SQLException {
    Store store = store();
    RecordingDataSource recording = store.recording();
    try (Connection connection = recording.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO scim_users (tenant, id, version, created, last_modified, user_name)"
                    + " VALUES (?, ?, 1, ?, ?, ?)")) {
      Instant start = Instant.parse("2026-12-01T00:00:00Z");
      for (int i = 0; i < 5_000; i++) {
        insert.setString(1, store.context().tenant());
        insert.setString(2, "id-" + i);
        Database.setInstant(insert, 3, start.plusMillis(i));
        Database.setInstant(insert, 4, start.plusMillis(i));
        insert.setString(5, "user" + i + "@example.com");
        insert.addBatch();
      }
      insert.executeBatch();
      connection.createStatement().execute("ANALYZE");
    }
    recording.takeExecutions();

    Page found =
        store
            .users()
            .search(
                new SearchRequest(
                    store.context(),
                    Filter.eq("userName", "USER4321@example.com"),
                    null,
                    1,
                    100,
                    Projection.DEFAULT));

    assertThat(found.resources()).extracting(ScimResource::id).containsExactly("id-4321");
    List<Execution> lookups =
        recording.takeExecutions().stream().filter(e -> e.sql().contains("user_name_key")).toList();
    assertThat(lookups).hasSize(1); // the page's ids and the number of matches
    for (Execution lookup : lookups) {
      assertThat(flat(explain(recording, lookup))).contains("SCIM_USERS_USER_NAME: TENANT = ?1");
    }
  }

  @Test
  void aPagePicksItsIdsFromTheCreationIndexBeforeReadingRows() throws SQLException {
    RecordingDataSource recording =
        new RecordingDataSource(TestDatabases.h2Url(tempDir) + ";DB_CLOSE_DELAY=-1", "", "");
    Migrations.migrate(recording.dataSource());
    // A clock that moves a millisecond per reading: users created in one instant would be ordered
    // by their random ids, and the page below would not be user2 and user3.
    Instant start = Instant.parse("2026-12-01T00:00:00Z");
    AtomicLong ticks = new AtomicLong();
    Clock ticking =
        new Clock() {
          @Override
          public Instant instant() {
            return start.plusMillis(ticks.incrementAndGet());
          }

          @Override
          public ZoneId getZone() {
            return ZoneOffset.UTC;
          }

          @Override
          public Clock withZone(ZoneId zone) {
            return this;
          }
        };
    Database database = new Database(recording.dataSource(), ticking);
    JdbcUserRepository users = new JdbcUserRepository(database, SchemaRegistry.standard());
    RequestContext context = RequestContext.of(TestDatabases.freshTenant(), "test", "request");
    for (int i = 0; i < 5; i++) {
      users.create(new CreateRequest(context, User.builder().userName("user" + i).build()));
    }
    recording.takeExecutions();

    Page page = users.search(new SearchRequest(context, null, null, 3, 2, Projection.DEFAULT));
    List<Execution> executions = recording.takeExecutions();
    String ids = explain(recording, lookup(executions, "LIMIT"));
    String rows = explain(recording, lookup(executions, "UNNEST"));

    assertThat(page.totalResults()).isEqualTo(5);
    assertThat(page.resources())
        .extracting(user -> User.of(user).userName().orElseThrow())
        .containsExactly("user2", "user3");
    // The ids come from the (tenant, created, id) index, in its order (no sort of the tenant's
    // rows); then each row by primary key.
    assertThat(ids).contains("SCIM_USERS_CREATED").contains("index sorted");
    assertThat(rows).contains("PRIMARY_KEY").contains("ID = IDS.ID");
  }

  @Test
  void aUsersChildRowsAreLookedUpByIdInTheIndexesWhateverTheGroupsSize() throws SQLException {
    Store store = store();
    RecordingDataSource recording = store.recording();
    JdbcUserRepository users = store.users();
    JdbcGroupRepository groups = store.groups();
    RequestContext context = store.context();
    List<ResourceRef> members = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      members.add(
          ResourceRef.of(
              users
                  .create(new CreateRequest(context, User.builder().userName("m" + i).build()))
                  .id()));
    }
    String big =
        groups
            .create(
                new CreateRequest(
                    context, Group.builder().displayName("big").members(members).build()))
            .id();
    // 50,000 more memberships (of ids no user has; only the group is a foreign key), so that the
    // table is large enough for H2's cost model to tell a lookup from a scan of the tenant.
    try (Connection connection = recording.dataSource().getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO scim_group_members (tenant, group_id, member_id, member_type)"
                    + " VALUES (?, ?, ?, 'User')")) {
      for (int i = 0; i < 50_000; i++) {
        insert.setString(1, context.tenant());
        insert.setString(2, big);
        insert.setString(3, "other-" + i);
        insert.addBatch();
      }
      insert.executeBatch();
    }
    recording.takeExecutions();

    users.get(new GetRequest(context, members.get(7).value(), Projection.DEFAULT));
    List<Execution> executions = recording.takeExecutions();

    // One statement, its child rows in correlated subqueries, each looked up by the user's id in
    // an index: with the membership table read through the primary key's (tenant, group_id)
    // prefix instead, a GET read every membership of every group of the tenant.
    assertThat(executions).hasSize(1);
    String plan = flat(explain(recording, executions.get(0)));
    assertThat(plan)
        .contains("SCIM_GROUP_MEMBERS_MEMBER: TENANT = U.TENANT AND MEMBER_ID = U.ID")
        .containsPattern(
            "\"SCIM_GROUPS\" \"G\" /\\* PUBLIC\\.\\w+: TENANT = M.TENANT AND ID = M.GROUP_ID")
        .containsPattern(
            "\"SCIM_USER_EMAILS\" \"E\" /\\* PUBLIC\\.\\w+: TENANT = U.TENANT AND USER_ID = U.ID")
        .containsPattern("\"SCIM_USERS\" \"U\" /\\* PUBLIC\\.\\w+: TENANT = \\?1 AND ID = \\?2")
        .doesNotContain("tableScan");
  }

  private static String flat(String plan) {
    return plan.replaceAll("\\s+", " ");
  }

  @Test
  void aCursorPageAndItsLookBackReadTheKeyIndexInOrderFromTheKeyset() throws SQLException {
    Store store = store();
    for (int i = 0; i < 20; i++) {
      store
          .users()
          .create(new CreateRequest(store.context(), User.builder().userName("c" + i).build()));
    }
    Page first =
        store
            .users()
            .search(
                SearchRequest.cursor(
                    store.context(), null, null, Seek.FIRST, 5, Projection.DEFAULT));
    store.recording().takeExecutions();

    store
        .users()
        .search(
            SearchRequest.cursor(
                store.context(), null, null, Seek.after(first.next()), 5, Projection.DEFAULT));
    List<Execution> executions = store.recording().takeExecutions();

    // Both from the (tenant, id) index, in its order, starting at the keyset: never a scan of
    // another index testing "id > ?" on each row, nor a sort of the rows after the keyset.
    String page = flat(explain(store.recording(), lookup(executions, "LIMIT ?")));
    String before = flat(explain(store.recording(), lookup(executions, "SELECT 1")));
    assertThat(page).contains("SCIM_USERS_ID_ORDER").contains("ID > ?").contains("index sorted");
    assertThat(before).contains("SCIM_USERS_ID_ORDER").contains("ID < ?").contains("index sorted");
  }

  /** Repositories on a fresh H2 database whose statements are recorded, and a fresh tenant. */
  private record Store(
      RecordingDataSource recording,
      JdbcUserRepository users,
      JdbcGroupRepository groups,
      RequestContext context) {}

  private Store store() throws SQLException {
    RecordingDataSource recording =
        new RecordingDataSource(TestDatabases.h2Url(tempDir) + ";DB_CLOSE_DELAY=-1", "", "");
    Migrations.migrate(recording.dataSource());
    Database database = new Database(recording.dataSource(), Clock.systemUTC());
    SchemaRegistry registry = SchemaRegistry.standard();
    return new Store(
        recording,
        new JdbcUserRepository(database, registry),
        new JdbcGroupRepository(database, registry),
        RequestContext.of(TestDatabases.freshTenant(), "test", "request"));
  }

  /** The first recorded query containing {@code text}. */
  private static Execution lookup(List<Execution> executions, String text) {
    return executions.stream()
        .filter(e -> e.sql().startsWith("SELECT") && e.sql().contains(text))
        .findFirst()
        .orElseThrow();
  }

  /** H2's plan for the statement with its values: the index it reads shows in a comment. */
  private static String explain(RecordingDataSource recording, Execution execution)
      throws SQLException {
    try (Connection connection = recording.dataSource().getConnection();
        PreparedStatement explain = connection.prepareStatement("EXPLAIN " + execution.sql())) {
      execution.bind(explain);
      try (ResultSet rows = explain.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    }
  }
}
