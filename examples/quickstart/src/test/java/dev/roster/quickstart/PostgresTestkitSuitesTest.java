package dev.roster.quickstart;

import static dev.roster.scim.jdbc.TestDatabases.postgresUrl;
import static dev.roster.scim.jdbc.TestDatabases.setting;

import dev.roster.scim.jdbc.RequiresPostgres;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The testkit's suites against the quickstart on PostgreSQL; skipped, saying why, unless {@code
 * ROSTER_TEST_JDBC_URL} is set.
 */
@ExtendWith(RequiresPostgres.class)
class PostgresTestkitSuitesTest extends TestkitSuites {
  @Override
  Options options(Options defaults) {
    return defaults.withJdbc(
        postgresUrl(), setting("ROSTER_TEST_JDBC_USER"), setting("ROSTER_TEST_JDBC_PASSWORD"));
  }
}
