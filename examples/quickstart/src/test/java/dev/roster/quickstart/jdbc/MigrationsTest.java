package dev.roster.quickstart.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  @TempDir Path tempDir;

  @Test
  void createsTheSchemaOnceAndRecordsEachVersion() throws SQLException {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL(TestDatabases.h2Url(tempDir));

    assertThat(Migrations.migrate(dataSource)).isEqualTo(2);
    assertThat(Migrations.migrate(dataSource)).isEqualTo(2);

    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery("SELECT version FROM schema_version ORDER BY version")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(1);
      assertThat(rows.next()).isTrue();
      assertThat(rows.getInt(1)).isEqualTo(2);
      assertThat(rows.next()).isFalse();
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
