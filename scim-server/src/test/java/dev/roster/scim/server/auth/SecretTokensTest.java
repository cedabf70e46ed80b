package dev.roster.scim.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BasicAuthenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretTokensTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final InMemoryTokenStore store = new InMemoryTokenStore();
  private final SecretTokens tokens = new SecretTokens(store, clock);

  @Test
  void anIssuedTokenAuthenticatesItsTenantAndOnlyASaltedHashIsStored() {
    IssuedToken issued = tokens.issue("acme", "Entra provisioning", null);

    assertThat(issued.token()).startsWith("rst_" + issued.stored().id() + "_");
    assertThat(tokens.verify(issued.token()))
        .hasValueSatisfying(t -> assertThat(t.tenant()).isEqualTo("acme"));
    String secret = issued.token().substring(issued.token().lastIndexOf('_') + 1);
    StoredToken stored = store.find(issued.stored().id()).orElseThrow();
    assertThat(stored.toString()).doesNotContain(secret).doesNotContain(issued.token());
    assertThat(issued.toString()).doesNotContain(secret);
    assertThat(stored.hash()).isNotEqualTo(issued.stored().salt());
  }

  @Test
  void aTenantRotatesWithoutDowntimeAndARevokedTokenFailsOnItsNextRequest() {
    IssuedToken old = tokens.issue("acme", "2025 token", null);
    clock.advance(Duration.ofDays(365));
    IssuedToken fresh = tokens.issue("acme", "2026 token", null);

    assertThat(tokens.verify(old.token())).isPresent();
    assertThat(tokens.verify(fresh.token())).isPresent();
    assertThat(tokens.list("acme"))
        .extracting(StoredToken::label)
        .containsExactly("2025 token", "2026 token");
    assertThat(tokens.revoke("globex", old.stored().id())).as("another tenant's token").isFalse();
    assertThat(tokens.revoke("acme", old.stored().id())).isTrue();
    assertThat(tokens.verify(old.token())).isEmpty();
    assertThat(tokens.verify(fresh.token())).isPresent();
    assertThat(tokens.list("acme").get(0).revoked()).isEqualTo(clock.instant());
  }

  @Test
  void anExpiredTokenFailsAndUseIsRecordedAtMostOnceAMinute() {
    IssuedToken issued = tokens.issue("acme", "short", Duration.ofHours(1));
    tokens.verify(issued.token());
    Instant firstUse = store.find(issued.stored().id()).orElseThrow().lastUsed();
    clock.advance(Duration.ofSeconds(30));
    tokens.verify(issued.token());
    assertThat(store.find(issued.stored().id()).orElseThrow().lastUsed()).isEqualTo(firstUse);
    clock.advance(Duration.ofSeconds(31));
    tokens.verify(issued.token());
    assertThat(store.find(issued.stored().id()).orElseThrow().lastUsed()).isAfter(firstUse);

    clock.advance(Duration.ofHours(1));
    assertThat(tokens.verify(issued.token())).isEmpty();
    assertThatThrownBy(() -> tokens.issue("acme", "never", Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void wrongMalformedAndUnknownTokensAreRefused() {
    IssuedToken issued = tokens.issue("acme", "t", null);
    String token = issued.token();
    List<String> bad = new ArrayList<>();
    bad.add(token.substring(0, token.length() - 1) + (token.endsWith("A") ? "B" : "A"));
    bad.add("rst_0000000000000000_" + token.substring(token.lastIndexOf('_') + 1));
    bad.add(token.replace("rst_", "xyz_"));
    bad.add("rst_");
    bad.add("rst_short_secret");
    bad.add("");
    bad.add(token + "x".repeat(100));
    bad.add(null);
    for (String presented : bad) {
      assertThat(tokens.verify(presented)).as(String.valueOf(presented)).isEmpty();
    }
  }

  @Test
  void overHttpATokenSeesOnlyItsTenantAndATenantUrlNeedsATokenOfThatTenant() {
    SecretTokens shared = new SecretTokens(store, clock);
    String acme = shared.issue("acme", "a", null).token();
    String globex = shared.issue("globex", "g", null).token();
    InMemoryStore data = new InMemoryStore(SchemaRegistry.standard());
    ScimServer oneUrl =
        ScimServer.builder()
            .users(data.users())
            .authenticator(new SecretTokenAuthenticator(shared))
            .build();
    ScimServer perTenantUrl =
        ScimServer.builder()
            .users(data.users())
            .tenantFromPath(true)
            .authenticator(new SecretTokenAuthenticator(shared))
            .build();

    assertThat(oneUrl.handle(post("/Users", "{\"userName\":\"wile\"}", "Bearer " + acme)).status())
        .isEqualTo(201);
    assertThat(total(oneUrl.handle(get("/Users", "Bearer " + acme)))).isEqualTo(1);
    assertThat(total(oneUrl.handle(get("/Users", "Bearer " + globex)))).isZero();
    assertThat(total(oneUrl.handle(get("/Users", acme))))
        .as("bare token, as Okta sends")
        .isEqualTo(1);
    assertThat(oneUrl.handle(get("/Users", "Bearer rst_nope")).status()).isEqualTo(401);
    assertThat(total(perTenantUrl.handle(get("/acme/Users", "Bearer " + acme)))).isEqualTo(1);
    assertThat(perTenantUrl.handle(get("/globex/Users", "Bearer " + acme)).status()).isEqualTo(403);
  }

  @Test
  void oktasBasicAndATokenChainedAndServiceProviderConfigListsExactlyWhatIsConfigured() {
    String token = tokens.issue("acme", "okta", null).token();
    Authenticator chained =
        Authenticator.anyOf(
            new SecretTokenAuthenticator(tokens),
            BasicAuthenticator.of(Map.of("okta:s3cret!", Identity.of("acme", "okta"))));
    InMemoryStore data = new InMemoryStore(SchemaRegistry.standard());
    ScimServer both = ScimServer.builder().users(data.users()).authenticator(chained).build();
    ScimServer tokenOnly =
        ScimServer.builder()
            .users(data.users())
            .authenticator(new SecretTokenAuthenticator(tokens))
            .build();
    String basic =
        "Basic "
            + Base64.getEncoder().encodeToString("okta:s3cret!".getBytes(StandardCharsets.UTF_8));
    String wrongBasic =
        "Basic "
            + Base64.getEncoder().encodeToString("okta:guess".getBytes(StandardCharsets.UTF_8));

    assertThat(both.handle(get("/Users", basic)).status()).isEqualTo(200);
    assertThat(both.handle(get("/Users", "Bearer " + token)).status()).isEqualTo(200);
    assertThat(both.handle(get("/Users", wrongBasic)).status()).isEqualTo(401);
    assertThat(both.handle(get("/Users", "Basic !!not-base64")).status()).isEqualTo(401);
    assertThat(types(both.handle(get("/ServiceProviderConfig", basic))))
        .containsExactly("oauthbearertoken", "httpbasic");
    assertThat(types(tokenOnly.handle(get("/ServiceProviderConfig", "Bearer " + token))))
        .containsExactly("oauthbearertoken");
    assertThatThrownBy(() -> BasicAuthenticator.of(Map.of("no-colon", Identity.of("a", "b"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageNotContaining("no-colon");
  }

  private static List<String> types(ScimResponse config) {
    List<String> types = new ArrayList<>();
    for (JsonNode scheme : config.body().path("authenticationSchemes")) {
      types.add(scheme.path("type").asText());
    }
    return types;
  }

  private static long total(ScimResponse list) {
    assertThat(list.status()).as(list.bodyText()).isEqualTo(200);
    return list.body().path("totalResults").asLong();
  }

  private static ScimRequest get(String path, String authorization) {
    return new ScimRequest(
        "GET",
        path,
        Map.of(),
        Map.of("Authorization", List.of(authorization)),
        null,
        "https://x/scim/v2");
  }

  private static ScimRequest post(String path, String body, String authorization) {
    return new ScimRequest(
        "POST",
        path,
        Map.of(),
        Map.of("Authorization", List.of(authorization)),
        body.getBytes(StandardCharsets.UTF_8),
        "https://x/scim/v2");
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant start) {
      this.now = start;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }
}
