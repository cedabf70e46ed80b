package dev.roster.scim.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.jdbc.JdbcStore;
import jakarta.ws.rs.core.Response;
import java.sql.Connection;
import java.sql.Statement;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The floor reads one row of scim_users by its primary key, in the quickstart token's tenant. */
class FloorResourceTest {
  @Test
  void theRowIsAnsweredAsJsonAndAnotherTenantsOrAMissingIdIs404() throws Exception {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:floor-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    try (JdbcStore store = JdbcStore.builder(dataSource).build();
        Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "INSERT INTO scim_users (tenant, id, version, created, last_modified, user_name, active,"
              + " employee_number) VALUES ('default', 'u1', 3,"
              + " TIMESTAMP WITH TIME ZONE '2026-01-02 03:04:05+00',"
              + " TIMESTAMP WITH TIME ZONE '2026-01-02 03:04:06+00', 'bjensen', TRUE, '701984')");
      statement.execute(
          "INSERT INTO scim_users (tenant, id, version, created, last_modified, user_name)"
              + " VALUES ('other', 'u2', 1, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'x')");
      FloorResource floor = new FloorResource(dataSource);

      Response found = floor.user("u1");
      Response otherTenant = floor.user("u2");
      Response missing = floor.user("nobody");

      assertThat(found.getStatus()).isEqualTo(200);
      assertThat(found.getMediaType().toString()).isEqualTo("application/scim+json");
      JsonNode row = Bodies.MAPPER.readTree((byte[]) found.getEntity());
      assertThat(row.size()).as("every column but the tenant").isEqualTo(30);
      assertThat(row.path("id").asText()).isEqualTo("u1");
      assertThat(row.path("version").isIntegralNumber()).isTrue();
      assertThat(row.path("version").asLong()).isEqualTo(3);
      assertThat(row.path("created").asText()).isEqualTo("2026-01-02T03:04:05Z");
      assertThat(row.path("user_name").asText()).isEqualTo("bjensen");
      assertThat(row.path("active").isBoolean()).isTrue();
      assertThat(row.path("employee_number").asText()).isEqualTo("701984");
      assertThat(row.get("display_name").isNull()).isTrue();
      assertThat(row.get("other_attributes").isNull()).isTrue();
      assertThat(otherTenant.getStatus()).isEqualTo(404);
      assertThat(missing.getStatus()).isEqualTo(404);
    }
  }

  @Test
  void theQueryNamesEveryColumnAndBindsTheKey() {
    assertThat(FloorResource.SELECT)
        .startsWith("SELECT id, version, created, last_modified, user_name, external_id,")
        .contains(", manager_display_name, other_attributes FROM scim_users")
        .endsWith(" WHERE tenant = ? AND id = ?");
  }
}
