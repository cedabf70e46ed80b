package dev.roster.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cursor paging (RFC 9865) over HTTP with the default database: advertised in
 * /ServiceProviderConfig, walked forward and back, and accepted by another process with the same
 * {@code --cursor-key} but not by one with another key.
 */
class CursorPagingOverHttpTest {
  private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String OTHER_KEY =
      Base64.getEncoder().encodeToString("another key of thirty-two bytes!".getBytes());

  @TempDir Path dataDir;

  @Test
  void walksPagesAndSharesCursorsBetweenProcessesWithOneKey() {
    String[] args = {
      "--port", "0", "--token", "t0ken", "--data-dir", dataDir.toString(), "--cursor-key", KEY
    };
    List<String> created = new ArrayList<>();
    String cursor;
    try (QuickstartServer server = QuickstartServer.start(Options.parse(args, Map.of()))) {
      ScimClient scim = new ScimClient(server.baseUri(), "t0ken");
      assertThat(
              scim.get("/ServiceProviderConfig")
                  .json()
                  .path("pagination")
                  .path("cursor")
                  .asBoolean())
          .isTrue();
      for (int i = 0; i < 9; i++) {
        ScimClient.Reply reply =
            scim.post(
                "/Users",
                EntraConversationSuite.entraUser("cursor" + (8 - i) + "@example.com", "C", "P"));
        assertThat(reply.status()).isEqualTo(201);
        created.add(reply.json().path("id").asText());
      }
      List<String> seen = new ArrayList<>();
      List<String> cursors = new ArrayList<>();
      JsonNode page = scim.get("/Users?sortBy=userName&sortOrder=descending&count=4&cursor").json();
      while (true) {
        assertThat(page.path("totalResults").asInt()).isEqualTo(9);
        page.path("Resources").forEach(user -> seen.add(user.path("userName").asText()));
        if (!page.has("nextCursor")) {
          break;
        }
        cursors.add(page.path("nextCursor").asText());
        page =
            next(
                scim,
                "sortBy=userName&sortOrder=descending&count=4",
                cursors.get(cursors.size() - 1));
      }
      assertThat(seen)
          .containsExactly(
              "cursor8@example.com",
              "cursor7@example.com",
              "cursor6@example.com",
              "cursor5@example.com",
              "cursor4@example.com",
              "cursor3@example.com",
              "cursor2@example.com",
              "cursor1@example.com",
              "cursor0@example.com");
      // Back from the last page.
      JsonNode previous =
          next(
              scim,
              "sortBy=userName&sortOrder=descending&count=4",
              page.path("previousCursor").asText());
      assertThat(previous.path("Resources").get(0).path("userName").asText())
          .isEqualTo("cursor4@example.com");
      cursor = cursors.get(0);
    }

    // Another process with the same key continues the walk.
    try (QuickstartServer server = QuickstartServer.start(Options.parse(args, Map.of()))) {
      ScimClient scim = new ScimClient(server.baseUri(), "t0ken");
      JsonNode page = next(scim, "sortBy=userName&sortOrder=descending&count=4", cursor);
      assertThat(page.path("Resources").get(0).path("userName").asText())
          .isEqualTo("cursor4@example.com");
    }

    args[args.length - 1] = OTHER_KEY;
    try (QuickstartServer server = QuickstartServer.start(Options.parse(args, Map.of()))) {
      ScimClient scim = new ScimClient(server.baseUri(), "t0ken");
      ScimClient.Reply reply =
          scim.get("/Users?sortBy=userName&sortOrder=descending&count=4&cursor=" + encode(cursor));
      assertThat(reply.status()).isEqualTo(400);
      assertThat(reply.json().path("scimType").asText()).isEqualTo("invalidCursor");
    }
  }

  @Test
  void cursorKeyComesFromTheCommandLineOrTheEnvironmentAsBase64OfAtLeast32Bytes() {
    assertThat(Options.parse(new String[0], Map.of()).cursorKey()).isNull();
    assertThat(Options.parse(new String[] {"--cursor-key", KEY}, Map.of()).cursorKey())
        .isEqualTo(new byte[32]);
    assertThat(Options.parse(new String[0], Map.of("ROSTER_CURSOR_KEY", OTHER_KEY)).cursorKey())
        .isEqualTo("another key of thirty-two bytes!".getBytes());
    assertThatThrownBy(() -> Options.parse(new String[] {"--cursor-key", "c2hvcnQ="}, Map.of()))
        .hasMessageContaining("--cursor-key must be at least 32 bytes");
    assertThatThrownBy(() -> Options.parse(new String[0], Map.of("ROSTER_CURSOR_KEY", "%%%")))
        .hasMessageContaining("ROSTER_CURSOR_KEY must be base64");
    assertThat(Options.USAGE).contains("--cursor-key BASE64").contains("ROSTER_CURSOR_KEY");
  }

  private static JsonNode next(ScimClient scim, String query, String cursor) {
    ScimClient.Reply reply = scim.get("/Users?" + query + "&cursor=" + encode(cursor));
    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    return reply.json();
  }

  private static String encode(String cursor) {
    return URLEncoder.encode(cursor, StandardCharsets.UTF_8);
  }
}
