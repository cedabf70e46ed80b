package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.MultiValue;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.jdbc.RecordingDataSource.Execution;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The repositories at scale on PostgreSQL: with 100,000 users (each with an email) and a group of
 * 100,000 members in one tenant, the statements the repositories issue for {@code userName eq} and
 * {@code externalId eq} find the user through an index, and adding a member to that group inserts
 * one row and updates the group's row, reading neither the member list nor the users table in full.
 * Skipped, saying why, unless {@code ROSTER_TEST_JDBC_URL} is set.
 *
 * <p>The plans checked are PostgreSQL's for the exact SQL and bind values the repositories ran
 * (recorded by {@link RecordingDataSource}), after {@code ANALYZE}.
 */
@ExtendWith(RequiresPostgres.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresScaleTest {
  private static final int USERS = 100_000;
  private static final ObjectMapper JSON = new ObjectMapper();
  // The tables that hold 100,000 rows of this tenant: none may be read from end to end.
  private static final Set<String> LARGE_TABLES =
      Set.of("scim_users", "scim_user_emails", "scim_group_members");

  private final String tenant = TestDatabases.freshTenant();
  private final RequestContext context = RequestContext.of(tenant, "scale", "request");
  private RecordingDataSource recording;
  // One session for the repositories and the test: its statistics are flushed on demand.
  private Connection session;
  private JdbcUserRepository users;
  private JdbcGroupRepository groups;
  private String groupId;
  private String newcomerId;

  @BeforeAll
  void load() throws SQLException {
    recording =
        new RecordingDataSource(
            TestDatabases.postgresUrl(),
            TestDatabases.setting("ROSTER_TEST_JDBC_USER"),
            TestDatabases.setting("ROSTER_TEST_JDBC_PASSWORD"));
    session = recording.dataSource().getConnection();
    DataSource single = keepingOpen(session);
    Migrations.migrate(single);
    Database database = new Database(single, Clock.systemUTC());
    SchemaRegistry registry = SchemaRegistry.standard();
    users = new JdbcUserRepository(database, registry);
    groups = new JdbcGroupRepository(database, registry);

    long started = System.nanoTime();
    session.setAutoCommit(true);
    // The bulk load writes the repository's tables directly, as the repository lays them out.
    try (PreparedStatement insert =
        session.prepareStatement(
            "INSERT INTO scim_users (tenant, id, version, created, last_modified, user_name,"
                + " external_id, display_name, given_name, family_name, active)"
                + " SELECT ?, gen_random_uuid()::text, 1,"
                + " now() - n * interval '1 second', now() - n * interval '1 second',"
                + " 'user' || n || '@example.com', 'ext-' || n, 'User ' || n, 'User', 'N' || n,"
                + " true FROM generate_series(1, ?) AS n")) {
      insert.setString(1, tenant);
      insert.setInt(2, USERS);
      assertThat(insert.executeUpdate()).isEqualTo(USERS);
    }
    // Before the next INSERT checks its foreign key 100,000 times: with statistics of an empty
    // table (as after an earlier run's clean-up), that check would plan a sequential scan.
    analyze("scim_users");
    try (PreparedStatement insert =
        session.prepareStatement(
            "INSERT INTO scim_user_emails (tenant, user_id, ordinal, email, type, is_primary)"
                + " SELECT tenant, id, 0, user_name, 'work', true FROM scim_users"
                + " WHERE tenant = ?")) {
      insert.setString(1, tenant);
      assertThat(insert.executeUpdate()).isEqualTo(USERS);
    }
    groupId =
        groups
            .create(new CreateRequest(context, Group.builder().displayName("Everyone").build()))
            .id();
    session.setAutoCommit(true);
    try (PreparedStatement insert =
        session.prepareStatement(
            "INSERT INTO scim_group_members (tenant, group_id, member_id, member_type)"
                + " SELECT tenant, ?, id, 'User' FROM scim_users WHERE tenant = ?")) {
      insert.setString(1, groupId);
      insert.setString(2, tenant);
      assertThat(insert.executeUpdate()).isEqualTo(USERS);
    }
    newcomerId =
        users
            .create(
                new CreateRequest(
                    context,
                    User.builder()
                        .userName("newcomer@example.com")
                        .externalId("ext-newcomer")
                        .email(MultiValue.of("work", "newcomer@example.com", true))
                        .build()))
            .id();
    analyze(
        "scim_users, scim_user_emails, scim_user_phone_numbers, scim_user_addresses, scim_groups,"
            + " scim_group_members");
    System.out.printf(
        "PostgresScaleTest: %,d users with emails and a group of %,d members loaded and analyzed"
            + " in %d ms%n",
        USERS, USERS, (System.nanoTime() - started) / 1_000_000);
    recording.takeExecutions();
  }

  private void analyze(String tables) throws SQLException {
    session.setAutoCommit(true);
    try (Statement analyze = session.createStatement()) {
      analyze.execute("ANALYZE " + tables);
    }
  }

  @AfterAll
  void cleanUp() throws SQLException {
    if (session == null) {
      return;
    }
    try {
      session.setAutoCommit(true);
      for (String table :
          List.of(
              "scim_group_members",
              "scim_groups",
              "scim_user_emails",
              "scim_user_phone_numbers",
              "scim_user_addresses",
              "scim_users")) {
        try (PreparedStatement delete =
            session.prepareStatement("DELETE FROM " + table + " WHERE tenant = ?")) {
          delete.setString(1, tenant);
          delete.executeUpdate();
        }
      }
    } finally {
      session.close();
    }
  }

  @Test
  void userNameEqFindsTheUserThroughTheUniqueIndexOnLowerUserName() throws Exception {
    Filter filter = Filter.eq("userName", "User77777@EXAMPLE.com");
    assertThat(users.plan(filter).condition()).containsIgnoringCase("LOWER(u.user_name)");

    List<Execution> ran = search(filter, "user77777@example.com");

    assertFoundThroughIndex(ran, "scim_users_user_name");
  }

  @Test
  void externalIdEqFindsTheUserThroughTheExternalIdIndex() throws Exception {
    Filter filter = Filter.eq("externalId", "ext-77777");
    assertThat(users.plan(filter).condition()).contains("u.external_id");

    List<Execution> ran = search(filter, "user77777@example.com");

    assertFoundThroughIndex(ran, "scim_users_external_id");
  }

  @Test
  void addingAMemberToA100000MemberGroupTouchesOneRow() throws Exception {
    Map<String, Map<String, Long>> before = tableStatistics();
    recording.takeExecutions();
    long started = System.nanoTime();

    MembershipResult result =
        groups.updateMembers(
            new MembershipRequest(
                context,
                groupId,
                new MemberDelta(false, List.of(), List.of(ResourceRef.of(newcomerId))),
                null));

    long millis = (System.nanoTime() - started) / 1_000_000;
    List<Execution> ran = recording.takeExecutions();
    Map<String, Map<String, Long>> after = tableStatistics();
    assertThat(result.meta().version()).isEqualTo("2");

    // The statements: lock the group's row, one INSERT ... SELECT for the member, bump the
    // version. The member list is never selected.
    assertThat(ran)
        .extracting(Execution::sql)
        .satisfiesExactly(
            sql ->
                assertThat(sql)
                    .startsWith("SELECT")
                    .contains("FROM scim_groups")
                    .endsWith("FOR UPDATE"),
            sql -> assertThat(sql).startsWith("INSERT INTO scim_group_members"),
            sql -> assertThat(sql).startsWith("UPDATE scim_groups SET version"));

    // What PostgreSQL counted (pg_stat_user_tables): one row inserted into the membership table,
    // one row of scim_groups updated, one user row read by its key, and neither the membership
    // table nor the users table read sequentially. (scim_groups, a few rows here, may well be.)
    Map<String, Long> members = delta(before, after, "scim_group_members");
    Map<String, Long> groupRows = delta(before, after, "scim_groups");
    Map<String, Long> userRows = delta(before, after, "scim_users");
    System.out.printf(
        "PostgresScaleTest: member added to a group of %,d in %d ms; pg_stat_user_tables deltas:"
            + " scim_group_members %s, scim_groups %s, scim_users %s%n",
        USERS, millis, members, groupRows, userRows);
    assertThat(members)
        .containsEntry("n_tup_ins", 1L)
        .containsEntry("n_tup_upd", 0L)
        .containsEntry("n_tup_del", 0L)
        .containsEntry("seq_scan", 0L)
        .containsEntry("seq_tup_read", 0L);
    assertThat(members.get("idx_tup_fetch")).as("member rows read through indexes").isZero();
    assertThat(groupRows)
        .containsEntry("n_tup_upd", 1L)
        .containsEntry("n_tup_ins", 0L)
        .containsEntry("n_tup_del", 0L);
    assertThat(userRows)
        .containsEntry("n_tup_ins", 0L)
        .containsEntry("n_tup_upd", 0L)
        .containsEntry("seq_scan", 0L)
        .containsEntry("seq_tup_read", 0L);
    assertThat(userRows.get("idx_tup_fetch")).as("user rows read through indexes").isEqualTo(1L);

    // The same statements again under EXPLAIN ANALYZE, with the same values, from the state
    // before the member was added, in a transaction rolled back.
    List<JsonNode> plans = new ArrayList<>();
    session.setAutoCommit(false);
    try {
      try (PreparedStatement undo =
          session.prepareStatement(
              "DELETE FROM scim_group_members WHERE tenant = ? AND group_id = ? AND member_id = ?")) {
        undo.setString(1, tenant);
        undo.setString(2, groupId);
        undo.setString(3, newcomerId);
        assertThat(undo.executeUpdate()).isEqualTo(1);
      }
      for (Execution execution : ran) {
        plans.add(explain(execution));
      }
    } finally {
      session.rollback();
      session.setAutoCommit(true);
    }
    JsonNode insert = plans.get(1);
    System.out.println("PostgresScaleTest: the member INSERT's plan: " + describe(insert));
    List<JsonNode> nodes = nodes(insert.path("Plan"));
    assertThat(insert.at("/Plan/Node Type").asText()).isEqualTo("ModifyTable");
    assertThat(insert.at("/Plan/Operation").asText()).isEqualTo("Insert");
    assertThat(insert.at("/Plan/Relation Name").asText()).isEqualTo("scim_group_members");
    // The rows fed to the INSERT: exactly one.
    assertThat(insert.at("/Plan/Plans/0/Actual Rows").asLong()).isEqualTo(1);
    // The foreign key to scim_groups was checked once: one row inserted.
    assertThat(insert.path("Triggers").findValues("Calls"))
        .extracting(JsonNode::asLong)
        .containsExactly(1L);
    assertThat(nodes).noneMatch(node -> node.path("Node Type").asText().equals("Seq Scan"));
    assertThat(nodes)
        .filteredOn(node -> node.path("Index Name").asText().equals("scim_users_pkey"))
        .singleElement()
        .satisfies(node -> assertThat(node.path("Actual Rows").asLong()).isEqualTo(1));
    // NOT EXISTS probes the membership table by index for this one member (the primary key, or
    // the member's memberships), finding nothing: the 100,000 members are not read.
    assertThat(nodes)
        .filteredOn(node -> node.path("Relation Name").asText().equals("scim_group_members"))
        .filteredOn(node -> !node.path("Node Type").asText().equals("ModifyTable"))
        .singleElement()
        .satisfies(
            node -> {
              assertThat(node.path("Node Type").asText()).isIn("Index Scan", "Index Only Scan");
              assertThat(node.path("Index Name").asText())
                  .isIn("scim_group_members_pkey", "scim_group_members_member");
              assertThat(node.path("Actual Rows").asLong()).isZero();
              assertThat(node.path("Rows Removed by Filter").asLong()).isZero();
            });
    for (JsonNode plan : plans) {
      assertNoSequentialScanOfALargeTable(plan);
    }
    assertThat(count("scim_group_members", "group_id", groupId)).isEqualTo(USERS + 1L);
  }

  // ---- searching ----------------------------------------------------------------------------

  /** Searches as Entra ID does, checks the one user found, and returns what ran. */
  private List<Execution> search(Filter filter, String expectedUserName) {
    recording.takeExecutions();
    long started = System.nanoTime();
    Page page = users.search(new SearchRequest(context, filter, null, 1, 100, Projection.DEFAULT));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertThat(page.totalResults()).isEqualTo(1);
    assertThat(page.resources())
        .singleElement()
        .satisfies(
            user -> {
              assertThat(user.get("userName").asText()).isEqualTo(expectedUserName);
              assertThat(User.of(user).emails()).hasSize(1);
              assertThat(User.of(user).groups())
                  .extracting(ResourceRef::value)
                  .containsExactly(groupId);
            });
    System.out.printf("PostgresScaleTest: %s among %,d users in %d ms%n", filter, USERS, millis);
    return recording.takeExecutions();
  }

  /**
   * Every statement of the search reads the users table only through {@code index}, returning the
   * one row, and reads no large table sequentially.
   */
  private void assertFoundThroughIndex(List<Execution> ran, String index) throws Exception {
    List<Execution> onUsers =
        ran.stream().filter(e -> e.sql().contains("FROM scim_users u")).toList();
    // The page's ids with the number of matches (the rows come after, by id).
    assertThat(onUsers).hasSize(1);
    for (Execution execution : ran) {
      JsonNode plan = explain(execution);
      if (onUsers.contains(execution)) {
        System.out.println(
            "PostgresScaleTest: " + firstWords(execution.sql()) + ": " + describe(plan));
        List<JsonNode> allScans =
            nodes(plan.path("Plan")).stream()
                .filter(node -> node.path("Node Type").asText().endsWith("Scan"))
                .toList();
        List<JsonNode> scans =
            allScans.stream()
                .filter(node -> node.path("Relation Name").asText("").equals("scim_users"))
                .toList();
        // The child rows of the page (emails, ..., groups), aggregated in correlated subqueries:
        // each looked up by an index from the outer user's or membership's key.
        assertThat(allScans)
            .filteredOn(
                node ->
                    node.has("Relation Name")
                        && !node.path("Relation Name").asText().equals("scim_users"))
            .as("the child scans of %s", execution.sql())
            .allSatisfy(
                node -> {
                  assertThat(node.path("Node Type").asText()).isIn("Index Scan", "Index Only Scan");
                  assertThat(node.path("Index Cond").asText()).containsPattern("= \\(?[um]\\.");
                });
        // Index Scan, Index Only Scan, or Bitmap Index Scan under Bitmap Heap Scan: on the
        // expected index, and finding the one row.
        assertThat(scans)
            .as("the scans of %s", execution.sql())
            .isNotEmpty()
            .allSatisfy(
                node -> {
                  assertThat(node.path("Node Type").asText())
                      .isIn(
                          "Index Scan", "Index Only Scan", "Bitmap Index Scan", "Bitmap Heap Scan");
                  assertThat(node.path("Actual Rows").asLong()).isEqualTo(1);
                })
            .filteredOn(node -> node.has("Index Name"))
            .extracting(node -> node.path("Index Name").asText())
            .containsOnly(index);
      }
      assertNoSequentialScanOfALargeTable(plan);
    }
  }

  // ---- plans --------------------------------------------------------------------------------

  /**
   * PostgreSQL's plan for the statement with its values, as it ran: {@code EXPLAIN (ANALYZE,
   * BUFFERS, FORMAT JSON)}.
   */
  private JsonNode explain(Execution execution) throws SQLException, IOException {
    try (PreparedStatement explain =
        session.prepareStatement("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + execution.sql())) {
      execution.bind(explain);
      try (ResultSet rows = explain.executeQuery()) {
        rows.next();
        return JSON.readTree(rows.getString(1)).get(0);
      }
    }
  }

  private static void assertNoSequentialScanOfALargeTable(JsonNode plan) {
    assertThat(nodes(plan.path("Plan")))
        .as("plan %s", plan)
        .noneMatch(
            node ->
                node.path("Node Type").asText().equals("Seq Scan")
                    && LARGE_TABLES.contains(node.path("Relation Name").asText()));
  }

  /** The node and every node under it. */
  private static List<JsonNode> nodes(JsonNode node) {
    List<JsonNode> all = new ArrayList<>();
    all.add(node);
    for (JsonNode child : node.path("Plans")) {
      all.addAll(nodes(child));
    }
    return all;
  }

  /** {@code Index Scan scim_users_user_name on scim_users rows=1 < ...}, for the build's log. */
  private static String describe(JsonNode plan) {
    return nodes(plan.path("Plan")).stream()
            .map(
                node ->
                    node.path("Node Type").asText()
                        + (node.has("Index Name") ? " " + node.path("Index Name").asText() : "")
                        + (node.has("Relation Name")
                            ? " on " + node.path("Relation Name").asText()
                            : "")
                        + " rows="
                        + node.path("Actual Rows").asText()
                        + (node.has("Rows Removed by Filter")
                            ? " removed=" + node.path("Rows Removed by Filter").asText()
                            : ""))
            .collect(Collectors.joining(" < "))
        + (plan.has("Triggers")
            ? plan.path("Triggers").findValues("Calls").stream()
                .map(calls -> "; trigger calls=" + calls.asText())
                .collect(Collectors.joining())
            : "")
        + String.format(
            " (%.3f ms, %d buffers)",
            plan.path("Execution Time").asDouble(),
            plan.at("/Plan/Shared Hit Blocks").asLong()
                + plan.at("/Plan/Shared Read Blocks").asLong());
  }

  // ---- statistics ---------------------------------------------------------------------------

  private static final List<String> COUNTERS =
      List.of(
          "seq_scan",
          "seq_tup_read",
          "idx_scan",
          "idx_tup_fetch",
          "n_tup_ins",
          "n_tup_upd",
          "n_tup_del");

  /**
   * The cumulative counters of the repository's tables, after flushing what this session counted
   * (PostgreSQL 15's shared statistics; the flush happens when the session goes idle).
   */
  private Map<String, Map<String, Long>> tableStatistics() throws SQLException {
    session.setAutoCommit(true);
    try (Statement statement = session.createStatement()) {
      statement.execute("SELECT pg_stat_force_next_flush()");
    }
    Map<String, Map<String, Long>> tables = new LinkedHashMap<>();
    try (Statement statement = session.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT relname, "
                    + String.join(", ", COUNTERS)
                    + " FROM pg_stat_user_tables WHERE schemaname = current_schema()"
                    + " AND relname IN ('scim_users', 'scim_groups', 'scim_group_members')")) {
      while (rows.next()) {
        Map<String, Long> counters = new LinkedHashMap<>();
        for (String counter : COUNTERS) {
          counters.put(counter, rows.getLong(counter));
        }
        tables.put(rows.getString("relname"), counters);
      }
    }
    assertThat(tables).hasSize(3);
    return tables;
  }

  private static Map<String, Long> delta(
      Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after, String table) {
    Map<String, Long> delta = new LinkedHashMap<>();
    for (String counter : COUNTERS) {
      delta.put(counter, after.get(table).get(counter) - before.get(table).get(counter));
    }
    return delta;
  }

  private long count(String table, String column, String value) throws SQLException {
    try (PreparedStatement select =
        session.prepareStatement(
            "SELECT COUNT(*) FROM " + table + " WHERE tenant = ? AND " + column + " = ?")) {
      select.setString(1, tenant);
      select.setString(2, value);
      try (ResultSet rows = select.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static String firstWords(String sql) {
    return sql.length() <= 40 ? sql : sql.substring(0, 40) + "...";
  }

  /** {@code session} as a data source whose connections stay open when closed. */
  private static DataSource keepingOpen(Connection session) {
    Connection kept =
        (Connection)
            Proxy.newProxyInstance(
                PostgresScaleTest.class.getClassLoader(),
                new Class<?>[] {Connection.class},
                (self, method, args) -> {
                  if (method.getName().equals("close")) {
                    return null;
                  }
                  try {
                    return method.invoke(session, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    return (DataSource)
        Proxy.newProxyInstance(
            PostgresScaleTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (self, method, args) -> {
              if (method.getName().equals("getConnection")) {
                return kept;
              }
              throw new UnsupportedOperationException(method.getName());
            });
  }
}
