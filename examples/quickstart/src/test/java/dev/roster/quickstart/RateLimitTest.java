package dev.roster.quickstart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --rate-limit}: a tenant over its rate gets 429 with Retry-After; others do not. */
class RateLimitTest {
  @Test
  void aTenantOverItsRateGets429WithRetryAfterAndAScimBodyWhileAnotherIsServed() {
    Options options =
        Options.parse(
            new String[] {
              "--port", "0",
              "--store", "memory",
              "--tenant-token", "acme=acme-token",
              "--tenant-token", "globex=globex-token",
              "--rate-limit", "0.2:3"
            },
            Map.of());
    try (QuickstartServer server = QuickstartServer.start(options)) {
      ScimClient acme = new ScimClient(server.baseUri(), "acme-token");
      ScimClient globex = new ScimClient(server.baseUri(), "globex-token");

      for (int i = 0; i < 3; i++) {
        assertThat(acme.get("/Users").status()).isEqualTo(200);
      }
      ScimClient.Reply throttled = acme.post("/Users", "{\"userName\":\"late\"}");
      assertThat(throttled.status()).isEqualTo(429);
      assertThat(Long.parseLong(throttled.header("Retry-After"))).isBetween(1L, 5L);
      assertThat(throttled.json().path("status").asText()).isEqualTo("429");
      assertThat(throttled.json().path("schemas").path(0).asText())
          .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
      assertThat(globex.get("/Users").status()).isEqualTo(200);
    }
  }

  @Test
  void aStrictTenantGets400ForWhatOtherTenantsHaveDropped() {
    Options options =
        Options.parse(
            new String[] {
              "--port", "0",
              "--store", "memory",
              "--tenant-token", "acme=acme-token",
              "--tenant-token", "strict=strict-token",
              "--strict-tenant", "strict"
            },
            Map.of());
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
            + "\"userName\":\"u\",\"shoeSize\":44}";
    try (QuickstartServer server = QuickstartServer.start(options)) {
      ScimClient.Reply lenient =
          new ScimClient(server.baseUri(), "acme-token").post("/Users", body);
      ScimClient.Reply strict =
          new ScimClient(server.baseUri(), "strict-token").post("/Users", body);

      assertThat(lenient.status()).isEqualTo(201);
      assertThat(lenient.json().has("shoeSize")).isFalse();
      assertThat(strict.status()).isEqualTo(400);
      assertThat(strict.json().path("scimType").asText()).isEqualTo("invalidSyntax");
    }
  }

  @Test
  void theOptionIsRateAndOptionalBurstAndOffByDefault() {
    Options off = Options.parse(new String[] {"--port", "0"}, Map.of());
    Options both = Options.parse(new String[] {"--rate-limit", "50:120"}, Map.of());
    Options rateOnly = Options.parse(new String[0], Map.of("ROSTER_RATE_LIMIT", "20"));

    assertThat(off.rateLimit()).isZero();
    assertThat(List.of(both.rateLimit(), (double) both.rateBurst())).containsExactly(50.0, 120.0);
    assertThat(List.of(rateOnly.rateLimit(), (double) rateOnly.rateBurst()))
        .containsExactly(20.0, 20.0);
    for (String bad : List.of("0", "-1", "x", "5:0", "5:x", "Infinity")) {
      assertThatThrownBy(() -> Options.parse(new String[] {"--rate-limit", bad}, Map.of()))
          .as(bad)
          .hasMessageContaining("--rate-limit takes RATE[:BURST]");
    }
  }
}
