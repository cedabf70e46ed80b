package dev.roster.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link QuickstartServer#dataSource()} is the store's own pool on a database, none in memory. */
class DataSourceTest {
  @TempDir Path dataDir;

  @Test
  void theH2StoresPoolReadsTheRowsTheStoreWrote() throws Exception {
    Options options =
        Options.parse(
            new String[] {"--port", "0", "--token", "t", "--data-dir", dataDir.toString()},
            Map.of());
    try (QuickstartServer server = QuickstartServer.start(options)) {
      ScimClient scim = new ScimClient(server.baseUri(), "t");
      ScimClient.Reply created =
          scim.post("/Users", EntraConversationSuite.entraUser("pool@example.com", "Po", "Ol"));
      assertThat(created.status()).isEqualTo(201);
      String id = created.json().path("id").asText();

      DataSource dataSource = server.dataSource().orElseThrow();
      try (Connection connection = dataSource.getConnection();
          PreparedStatement select =
              connection.prepareStatement("SELECT user_name FROM scim_users WHERE id = ?")) {
        select.setString(1, id);
        try (ResultSet rows = select.executeQuery()) {
          assertThat(rows.next()).isTrue();
          assertThat(rows.getString(1)).isEqualTo("pool@example.com");
        }
      }
    }
  }

  @Test
  void theMemoryStoreHasNoPool() {
    Options options =
        Options.parse(new String[] {"--port", "0", "--store", "memory", "--token", "t"}, Map.of());
    try (QuickstartServer server = QuickstartServer.start(options)) {
      assertThat(server.dataSource()).isEmpty();
    }
  }
}
