package dev.roster.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.jdbc.JdbcStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default store keeps what it stored across a restart of the server. */
class RestartTest {
  @TempDir Path dataDir;

  @Test
  void usersSurviveARestartOnTheSameH2File() {
    Options options =
        Options.parse(
            new String[] {"--port", "0", "--token", "t0ken", "--data-dir", dataDir.toString()},
            java.util.Map.of());
    String id;
    try (QuickstartServer server = QuickstartServer.start(options)) {
      ScimClient scim = new ScimClient(server.baseUri(), "t0ken");
      ScimClient.Reply created =
          scim.post(
              "/Users", EntraConversationSuite.entraUser("restart@example.com", "Re", "Start"));
      assertThat(created.status()).isEqualTo(201);
      id = created.json().path("id").asText();
    }
    assertThat(dataDir.resolve("roster.mv.db")).exists();

    try (QuickstartServer server = QuickstartServer.start(options)) {
      ScimClient scim = new ScimClient(server.baseUri(), "t0ken");
      ScimClient.Reply found = scim.get("/Users/" + id);
      assertThat(found.status()).isEqualTo(200);
      assertThat(found.json().path("userName").asText()).isEqualTo("restart@example.com");
      assertThat(server.store()).contains("schema version " + JdbcStore.requiredSchemaVersion());
    }
  }
}
