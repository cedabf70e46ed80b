package dev.roster.scim.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.SecretTokensTest.MutableClock;
import dev.roster.scim.server.memory.InMemoryStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The client credentials grant as Microsoft's gallery validation sends it, and its failures. */
class TokenEndpointTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));
  private final ClientCredentials clients =
      new ClientCredentials(new InMemoryClientStore(), clock, 1_000);
  private final SecretTokens tokens = new SecretTokens(new InMemoryTokenStore(), clock);
  private final TokenEndpoint endpoint =
      TokenEndpoint.builder().clients(clients).tokens(tokens).clock(clock).build();
  private final InMemoryStore data = new InMemoryStore(SchemaRegistry.standard());
  private final ScimServer scim =
      ScimServer.builder().users(data.users()).authenticator(endpoint.authenticator()).build();

  @Test
  void basicAndPostedClientCredentialsGetABearerTokenThatReachesOnlyItsTenant() {
    String acme = clients.addSecret("acme", "entra-acme", "s3cret/+=", null).secret();
    String globex = clients.addSecret("globex", "entra-globex", null, null).secret();

    ScimResponse basic =
        endpoint.handle(
            token(Map.of("grant_type", "client_credentials"), basic("entra-acme", acme)));
    ScimResponse posted =
        endpoint.handle(
            token(
                Map.of(
                    "grant_type", "client_credentials",
                    "client_id", "entra-globex",
                    "client_secret", globex),
                null));

    assertThat(basic.status()).as(basic.bodyText()).isEqualTo(200);
    assertThat(basic.mediaType()).isEqualTo("application/json");
    assertThat(basic.headers()).containsEntry("Cache-Control", "no-store");
    assertThat(basic.body().path("token_type").asText()).isEqualTo("Bearer");
    assertThat(basic.body().path("expires_in").asLong()).isEqualTo(3600);
    assertThat(posted.status()).isEqualTo(200);
    String acmeToken = basic.body().path("access_token").asText();
    String globexToken = posted.body().path("access_token").asText();
    assertThat(scim.handle(post("/Users", "{\"userName\":\"road\"}", acmeToken)).status())
        .isEqualTo(201);
    assertThat(total(scim.handle(get("/Users", acmeToken)))).isEqualTo(1);
    assertThat(total(scim.handle(get("/Users", globexToken)))).isZero();
  }

  @Test
  void anUnknownClientAndAWrongSecretAnswerAlikeWithoutEchoingTheSecret() {
    clients.addSecret("acme", "entra-acme", "right-secret", null);

    ScimResponse wrong =
        endpoint.handle(
            token(Map.of("grant_type", "client_credentials"), basic("entra-acme", "wrong-secret")));
    ScimResponse unknown =
        endpoint.handle(
            token(Map.of("grant_type", "client_credentials"), basic("nobody", "wrong-secret")));

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.headers()).containsEntry("WWW-Authenticate", "Basic realm=\"SCIM\"");
    assertThat(wrong.bodyText()).isEqualTo(unknown.bodyText()).doesNotContain("wrong-secret");
    assertThat(wrong.body().path("error").asText()).isEqualTo("invalid_client");
  }

  @Test
  void malformedRequestsGetTheRfc6749Errors() {
    clients.addSecret("acme", "c", "s", null);
    Map<String, String> both = new LinkedHashMap<>();
    both.put("grant_type", "client_credentials");
    both.put("client_id", "c");

    assertThat(error(endpoint.handle(token(Map.of("grant_type", "password"), basic("c", "s")))))
        .isEqualTo("400 unsupported_grant_type");
    assertThat(error(endpoint.handle(token(Map.of(), basic("c", "s")))))
        .isEqualTo("400 invalid_request");
    assertThat(error(endpoint.handle(token(both, basic("c", "s")))))
        .isEqualTo("400 invalid_request");
    assertThat(
            error(
                endpoint.handle(
                    new ScimRequest(
                        "POST",
                        "/oauth/token",
                        Map.of(),
                        Map.of("Content-Type", List.of("application/json")),
                        "{}".getBytes(StandardCharsets.UTF_8),
                        "https://x"))))
        .isEqualTo("400 invalid_request");
    ScimResponse repeated =
        endpoint.handle(
            new ScimRequest(
                "POST",
                "/oauth/token",
                Map.of(),
                Map.of(
                    "Content-Type", List.of("application/x-www-form-urlencoded"),
                    "Authorization", List.of(basic("c", "s"))),
                "grant_type=client_credentials&grant_type=client_credentials"
                    .getBytes(StandardCharsets.UTF_8),
                "https://x"));
    assertThat(error(repeated)).isEqualTo("400 invalid_request");
    ScimResponse get =
        endpoint.handle(
            new ScimRequest("GET", "/oauth/token", Map.of(), Map.of(), null, "https://x"));
    assertThat(error(get)).isEqualTo("405 invalid_request");
    assertThat(get.headers()).containsEntry("Allow", "POST");
    TokenEndpoint scoped =
        TokenEndpoint.builder().clients(clients).tokens(tokens).scopes(Set.of("scim")).build();
    assertThat(
            error(
                scoped.handle(
                    token(
                        Map.of("grant_type", "client_credentials", "scope", "admin"),
                        basic("c", "s")))))
        .isEqualTo("400 invalid_scope");
    assertThat(
            scoped
                .handle(
                    token(
                        Map.of("grant_type", "client_credentials", "scope", "scim"),
                        basic("c", "s")))
                .status())
        .isEqualTo(200);
    assertThatThrownBy(() -> TokenEndpoint.builder().lifetime(Duration.ofMinutes(59)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TokenEndpoint.builder().lifetime(Duration.ofHours(7)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rotatingRemovingASecretDisablingAClientAndExpiryTakeEffectOnTheNextRequest() {
    ClientCredentials.NewSecret first = clients.addSecret("acme", "c", null, Duration.ofDays(365));
    ClientCredentials.NewSecret second = clients.addSecret("acme", "c", null, null);
    String firstToken = accessToken("c", first.secret());
    String secondToken = accessToken("c", second.secret());

    assertThat(scim.handle(get("/Users", firstToken)).status()).isEqualTo(200);
    assertThat(clients.removeSecret("c", first.secretId())).isTrue();
    assertThat(scim.handle(get("/Users", firstToken)).status()).isEqualTo(401);
    assertThat(scim.handle(get("/Users", secondToken)).status()).isEqualTo(200);
    clients.setEnabled("c", false);
    assertThat(scim.handle(get("/Users", secondToken)).status()).isEqualTo(401);
    assertThat(
            endpoint
                .handle(
                    token(Map.of("grant_type", "client_credentials"), basic("c", second.secret())))
                .status())
        .isEqualTo(401);
    // Also when secret tokens share the store: a secret-token authenticator does not take it.
    ScimServer shared =
        ScimServer.builder()
            .users(data.users())
            .authenticator(
                dev.roster.scim.server.Authenticator.anyOf(
                    new SecretTokenAuthenticator(tokens), endpoint.authenticator()))
            .build();
    assertThat(shared.handle(get("/Users", secondToken)).status()).isEqualTo(401);
    clients.setEnabled("c", true);
    assertThat(scim.handle(get("/Users", secondToken)).status()).isEqualTo(200);
    assertThat(shared.handle(get("/Users", secondToken)).status()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(61));
    assertThat(scim.handle(get("/Users", secondToken)).status()).as("expired").isEqualTo(401);
    assertThat(first.toString()).doesNotContain(first.secret());
  }

  @Test
  void repeatedFailuresForOneClientAre429WithAnIntegerRetryAfter() {
    String secret = clients.addSecret("acme", "c", null, null).secret();
    for (int i = 0; i < 10; i++) {
      assertThat(
              endpoint
                  .handle(
                      token(Map.of("grant_type", "client_credentials"), basic("c", "guess" + i)))
                  .status())
          .isEqualTo(401);
    }

    ScimResponse throttled =
        endpoint.handle(token(Map.of("grant_type", "client_credentials"), basic("c", secret)));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(Long.parseLong(throttled.headers().get("Retry-After"))).isBetween(1L, 60L);
    clock.advance(Duration.ofSeconds(61));
    assertThat(
            endpoint
                .handle(token(Map.of("grant_type", "client_credentials"), basic("c", secret)))
                .status())
        .isEqualTo(200);
  }

  @Test
  void oneAddressGuessingManyClientIdsIs429WhileOtherAddressesAreServed() {
    String secret = clients.addSecret("acme", "c", null, null).secret();
    for (int i = 0; i < TokenEndpoint.DEFAULT_FAILURES_PER_ADDRESS; i++) {
      ScimResponse guess =
          endpoint.handle(
              token(Map.of("grant_type", "client_credentials"), basic("client-" + i, "guess"))
                  .withRemoteAddress("203.0.113.9"));
      assertThat(guess.status()).isEqualTo(401);
    }

    ScimResponse throttled =
        endpoint.handle(
            token(Map.of("grant_type", "client_credentials"), basic("c", secret))
                .withRemoteAddress("203.0.113.9"));
    ScimResponse elsewhere =
        endpoint.handle(
            token(Map.of("grant_type", "client_credentials"), basic("c", secret))
                .withRemoteAddress("198.51.100.4"));

    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.body().path("error").asText()).isEqualTo("invalid_client");
    assertThat(Long.parseLong(throttled.headers().get("Retry-After"))).isBetween(1L, 60L);
    assertThat(elsewhere.status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(60));
    assertThat(
            endpoint
                .handle(
                    token(Map.of("grant_type", "client_credentials"), basic("c", secret))
                        .withRemoteAddress("203.0.113.9"))
                .status())
        .isEqualTo(200);
  }

  @Test
  void scimRequestsFromAnAddressThatKeepsFailingAre429UntilTheWindowPasses() {
    String secret = clients.addSecret("acme", "c", null, null).secret();
    String token = accessToken("c", secret);
    ScimServer limited =
        ScimServer.builder()
            .users(data.users())
            .authenticator(endpoint.authenticator())
            .failedAuthenticationLimit(3)
            .build();
    for (int i = 0; i < 3; i++) {
      ScimResponse refused =
          limited.handle(get("/Users", "rst_0123456789abcdef_guess" + i).withRemoteAddress("a"));
      assertThat(refused.status()).isEqualTo(401);
    }

    ScimResponse throttled = limited.handle(get("/Users", token).withRemoteAddress("a"));
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.body().path("status").asText()).isEqualTo("429");
    assertThat(throttled.headers().get("Retry-After")).matches("[1-9][0-9]*");
    assertThat(limited.handle(get("/Users", token).withRemoteAddress("b")).status()).isEqualTo(200);
    assertThat(limited.handle(get("/Users", token)).status()).as("address unknown").isEqualTo(200);
  }

  private String accessToken(String clientId, String secret) {
    ScimResponse response =
        endpoint.handle(token(Map.of("grant_type", "client_credentials"), basic(clientId, secret)));
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    return response.body().path("access_token").asText();
  }

  private static String error(ScimResponse response) {
    return response.status() + " " + response.body().path("error").asText();
  }

  private static String basic(String id, String secret) {
    String pair =
        URLEncoder.encode(id, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(secret, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static ScimRequest token(Map<String, String> form, String authorization) {
    StringBuilder body = new StringBuilder();
    form.forEach(
        (name, value) ->
            body.append(body.length() == 0 ? "" : "&")
                .append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                .append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
    Map<String, List<String>> headers = new LinkedHashMap<>();
    headers.put("Content-Type", List.of("application/x-www-form-urlencoded"));
    if (authorization != null) {
      headers.put("Authorization", List.of(authorization));
    }
    return new ScimRequest(
        "POST",
        "/oauth/token",
        Map.of(),
        headers,
        body.toString().getBytes(StandardCharsets.UTF_8),
        "https://saas.example.com");
  }

  private static ScimRequest get(String path, String token) {
    return new ScimRequest(
        "GET",
        path,
        Map.of(),
        Map.of("Authorization", List.of("Bearer " + token)),
        null,
        "https://x/scim/v2");
  }

  private static ScimRequest post(String path, String body, String token) {
    return new ScimRequest(
        "POST",
        path,
        Map.of(),
        Map.of("Authorization", List.of("Bearer " + token)),
        body.getBytes(StandardCharsets.UTF_8),
        "https://x/scim/v2");
  }

  private static long total(ScimResponse list) {
    assertThat(list.status()).as(list.bodyText()).isEqualTo(200);
    return list.body().path("totalResults").asLong();
  }
}
