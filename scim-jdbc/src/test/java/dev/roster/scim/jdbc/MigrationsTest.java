package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path tempDir;

  @Test
  void createsTheSchemaOnceAndRecordsEachVersion() throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(TestDatabases.h2Url(tempDir));

    assertThat(Migrations.migrate(dataSource)).isEqualTo(7);
    assertThat(Migrations.migrate(dataSource)).isEqualTo(7);

    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(1);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(2);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(3);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(4);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(5);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(6);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(7);
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void instancesStartingTogetherOnPostgresqlTakeTurns() throws Exception {
    String url = TestDatabases.postgresUrl();
    String user = TestDatabases.setting("ROSTER_TEST_JDBC_USER");
    String password = TestDatabases.setting("ROSTER_TEST_JDBC_PASSWORD");
    // An empty schema of this test's own, as a new database would be.
    String schema = "roster_migrations_" + UUID.randomUUID().toString().substring(0, 8);
    try (Connection connection = DriverManager.getConnection(url, user, password);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA " + schema);
    }
    String schemaUrl = url + (url.contains("?") ? "&" : "?") + "currentSchema=" + schema;
    int instances = 4;
    ExecutorService threads = Executors.newFixedThreadPool(instances);
    try {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Integer>> versions = new ArrayList<>();
      for (int i = 0; i < instances; i++) {
        DataSource own = new RecordingDataSource(schemaUrl, user, password).dataSource();
        versions.add(
            threads.submit(
                () -> {
                  go.await();
                  return Migrations.migrate(own);
                }));
      }
      go.countDown();
      for (Future<Integer> version : versions) {
        assertThat(version.get(60, TimeUnit.SECONDS)).isEqualTo(Migrations.latest());
      }
      try (Connection connection = DriverManager.getConnection(schemaUrl, user, password);
          Statement statement = connection.createStatement();
          ResultSet rows =
              statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
        List<Integer> applied = new ArrayList<>();
        while (rows.next()) {
          applied.add(rows.getInt(1));
        }
        assertThat(applied).containsExactly(1, 2, 3, 4, 5, 6, 7);
      }
    } finally {
      threads.shutdownNow();
      try (Connection connection = DriverManager.getConnection(url, user, password);
          Statement statement = connection.createStatement()) {
        statement.execute("DROP SCHEMA " + schema + " CASCADE");
      }
    }
  }

  @Test
  void splitsScriptsAtSemicolonsEndingALineAndDropsComments() {
    String script =
        "-- a comment; not a statement\n"
            + "CREATE TABLE a (\n  x INTEGER -- inline\n);\n\n"
            + "CREATE INDEX a_x ON a (x);\n"
            + "INSERT INTO a VALUES (1)";

    assertThat(Migrations.statements(script))
        .containsExactly(
            "CREATE TABLE a (\n  x INTEGER -- inline\n)",
            "CREATE INDEX a_x ON a (x)",
            "INSERT INTO a VALUES (1)");
  }
}
