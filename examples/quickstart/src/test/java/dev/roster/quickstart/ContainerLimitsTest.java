package dev.roster.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Grizzly leaves long request lines to Roster, so its limits answer with SCIM errors instead of the
 * container's empty 400.
 */
class ContainerLimitsTest {
  @Test
  void aMegabyteFilterAndALongIdGetScimErrorsAndWhatGrizzlyRefusesIsScimJsonToo() {
    Options options =
        Options.parse(new String[] {"--port", "0", "--store", "memory", "--token", "t"}, Map.of());
    try (QuickstartServer server = QuickstartServer.start(options)) {
      ScimClient client = new ScimClient(server.baseUri(), "t");
      String filter = "userName eq \"" + "x".repeat(1024 * 1024) + "\"";

      ScimClient.Reply longFilter =
          client.get("/Users?filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
      ScimClient.Reply longId = client.get("/Users/" + "a".repeat(200_000));

      ScimClient.Reply tooLong = client.get("/Users?filter=" + "y".repeat(5 * 1024 * 1024));
      assertThat(tooLong.status()).isEqualTo(400);
      assertThat(tooLong.header("Content-Type")).isEqualTo("application/scim+json");
      assertThat(tooLong.json().path("status").asText()).isEqualTo("400");
      assertThat(tooLong.json().path("schemas").path(0).asText())
          .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
      assertThat(longFilter.status()).isEqualTo(400);
      assertThat(longFilter.json().path("scimType").asText()).isEqualTo("invalidFilter");
      assertThat(longId.status()).isEqualTo(404);
      assertThat(longId.json().path("status").asText()).isEqualTo("404");
    }
  }
}
