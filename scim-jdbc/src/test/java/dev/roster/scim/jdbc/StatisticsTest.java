package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.spi.Projection;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The store analyzes PostgreSQL tables that a directory was loaded into before autovacuum ran (here
 * it never runs: it is off on the tables), so that a user is then read by primary key; and it
 * analyzes again once the rows it added reach its threshold. Each test in a schema of its own.
 */
@ExtendWith(RequiresPostgres.class)
class StatisticsTest {
  private static final String TENANT = "default";

  private String schema;
  private String schemaUrl;
  private String user;
  private String password;
  private DataSource dataSource;

  @BeforeEach
  void freshSchema() throws SQLException {
    String url = TestDatabases.postgresUrl();
    user = TestDatabases.setting("ROSTER_TEST_JDBC_USER");
    password = TestDatabases.setting("ROSTER_TEST_JDBC_PASSWORD");
    schema = "roster_statistics_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    dataSource = new RecordingDataSource(schemaUrl, user, password).dataSource();
    Migrations.migrate(dataSource);
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>();
      try (ResultSet rows =
          statement.executeQuery(
              "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
        while (rows.next()) {
          tables.add(rows.getString(1));
        }
      }
      for (String table : tables) {
        statement.execute("ALTER TABLE " + table + " SET (autovacuum_enabled = false)");
      }
    }
  }

  @AfterEach
  void dropSchema() throws SQLException {
    try (Connection connection =
            DriverManager.getConnection(TestDatabases.postgresUrl(), user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("DROP SCHEMA " + schema + " CASCADE");
    }
  }

  @Test
  void aDirectoryLoadedBeforeAnyStatisticsIsAnalyzedAndReadByPrimaryKey() throws Exception {
    List<String> ids = load(5_000);
    assertThat(usersReltuples()).isLessThanOrEqualTo(0);

    try (JdbcStore store = JdbcStore.builder(dataSource).build()) {
      Await.until(() -> usersReltuples() > 0);
    }

    String get =
        "SELECT "
            + UserTable.selectColumns(Migrations.Dialect.POSTGRESQL, Projection.DEFAULT)
            + " FROM scim_users u WHERE u.tenant = ? AND u.id = ?";
    assertThat(scanOfUsers(get, ids.get(4_321))).isEqualTo("scim_users_pkey");
  }

  @Test
  void rowsAddedPastTheThresholdAreAnalyzedAgain() throws Exception {
    try (Statistics statistics = new Statistics(dataSource, 10, Duration.ZERO)) {
      load(100);
      statistics.added(Statistics.Tables.USERS, 100);
      Await.until(() -> statistics.analyses() >= 1);
      assertThat(usersReltuples()).isEqualTo(100);

      load(100);
      statistics.added(Statistics.Tables.USERS, 100);
      Await.until(() -> statistics.analyses() >= 2);
      assertThat(usersReltuples()).isEqualTo(200);
    }
  }

  /**
   * Members added (the group set) analyze the groups' tables alone: a directory of 100,000 users is
   * not sampled again because memberships churn. Then users added analyze the users' tables.
   */
  @Test
  void membershipsAddedAnalyzeTheGroupTablesAndLeaveTheUsersAlone() throws Exception {
    try (Statistics statistics = new Statistics(dataSource, 10, Duration.ZERO)) {
      Await.until(statistics::checked); // the check at start found no users: nothing analyzed
      load(100);
      statistics.added(Statistics.Tables.GROUPS, 100);
      Await.until(() -> statistics.analyses() >= 1);
      assertThat(reltuples("scim_group_members")).isEqualTo(0);
      assertThat(usersReltuples()).isEqualTo(-1); // never analyzed

      statistics.added(Statistics.Tables.USERS, 100);
      Await.until(() -> statistics.analyses() >= 2);
      assertThat(usersReltuples()).isEqualTo(100);
    }
  }

  /**
   * Rows that keep coming (members added and removed at Entra's pace) start no {@code ANALYZE}
   * sooner than the interval after the last: here 1.5 s, while rows past the threshold arrive every
   * 20 ms for 3.5 s, which with no interval would analyze back to back.
   */
  @Test
  void churnAnalyzesNoMoreOftenThanTheInterval() throws Exception {
    load(100);
    try (Statistics statistics = new Statistics(dataSource, 10, Duration.ofMillis(1_500))) {
      long end = System.nanoTime() + Duration.ofMillis(3_500).toNanos();
      while (System.nanoTime() < end) {
        statistics.added(Statistics.Tables.GROUPS, 20);
        Thread.sleep(20);
      }
      // At 0 s, then no sooner than 1.5 s after each ended: at most 3 in 3.5 s.
      assertThat(statistics.analyses()).isBetween(1L, 3L);
      Await.until(() -> statistics.analyses() >= 2);
    }
  }

  /** Inserts {@code count} users, as an identity provider's first cycle would; their ids. */
  private List<String> load(int count) throws SQLException {
    List<String> ids = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert =
            connection.prepareStatement(
                "INSERT INTO scim_users (tenant, id, version, created, last_modified, user_name)"
                    + " VALUES (?, ?, 1, ?, ?, ?)")) {
      Instant start = Instant.now();
      for (int i = 0; i < count; i++) {
        String id = UUID.randomUUID().toString();
        ids.add(id);
        insert.setString(1, TENANT);
        insert.setString(2, id);
        Database.setInstant(insert, 3, start.plusMillis(i));
        Database.setInstant(insert, 4, start.plusMillis(i));
        insert.setString(5, id + "@example.com");
        insert.addBatch();
      }
      insert.executeBatch();
    }
    return ids;
  }

  private double usersReltuples() {
    return reltuples("scim_users");
  }

  /** PostgreSQL's row estimate of {@code table}: -1 before any ANALYZE. */
  private double reltuples(String table) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select =
            connection.prepareStatement(
                "SELECT reltuples FROM pg_class WHERE oid = to_regclass(?)")) {
      select.setString(1, table);
      ResultSet rows = select.executeQuery();
      rows.next();
      return rows.getDouble(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The index PostgreSQL reads {@code scim_users} through for {@code sql}, or its scan type. */
  private String scanOfUsers(String sql, String id) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement explain = connection.prepareStatement("EXPLAIN (FORMAT JSON) " + sql)) {
      explain.setString(1, TENANT);
      explain.setString(2, id);
      try (ResultSet rows = explain.executeQuery()) {
        rows.next();
        JsonNode plan = new ObjectMapper().readTree(rows.getString(1)).get(0).get("Plan");
        return plan.path("Relation Name").asText().equals("scim_users")
            ? plan.path("Index Name").asText(plan.path("Node Type").asText())
            : plan.toString();
      }
    }
  }
}
