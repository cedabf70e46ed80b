package dev.roster.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --group-patch-response}: a group PATCH answers 204 by default, or 200 with the group. */
class GroupPatchResponseTest {

  @Test
  void groupPatchesAnswer204ByDefaultAnd200WithTheGroupWhenAsked() {
    assertThat(patchStatus(new String[] {})).isEqualTo(204);
    assertThat(patchStatus(new String[] {"--group-patch-response", "200"})).isEqualTo(200);
    assertThatThrownBy(
            () -> Options.parse(new String[] {"--group-patch-response", "201"}, Map.of()))
        .hasMessageContaining("takes 204 or 200");
    assertThat(
            Options.parse(new String[0], Map.of("ROSTER_GROUP_PATCH_RESPONSE", "200"))
                .groupPatchResponse())
        .isEqualTo(200);
  }

  private static int patchStatus(String[] extra) {
    String[] args = new String[extra.length + 4];
    args[0] = "--port";
    args[1] = "0";
    args[2] = "--token";
    args[3] = "t";
    System.arraycopy(extra, 0, args, 4, extra.length);
    try (QuickstartServer server =
        QuickstartServer.start(Options.parse(args, Map.of()).withMemoryStore())) {
      ScimClient client = new ScimClient(server.baseUri(), "t");
      String id = client.post("/Groups", "{\"displayName\":\"Team\"}").json().path("id").asText();
      ScimClient.Reply patched =
          client.patch(
              "/Groups/" + id,
              ScimClient.patchOp(
                  "{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Team 2\"}"));
      if (patched.status() == 200) {
        assertThat(patched.json().path("displayName").asText()).isEqualTo("Team 2");
        assertThat(patched.header("Location")).endsWith("/Groups/" + id);
      }
      return patched.status();
    }
  }
}
