package dev.roster.scim.spring.auth;

import static dev.roster.scim.spring.ScimAssertions.assertScimError;
import static dev.roster.scim.spring.ScimAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.IssuedToken;
import dev.roster.scim.server.auth.SecretTokens;
import dev.roster.scim.server.auth.jwt.EntraTokenAuthenticator;
import dev.roster.scim.spring.Http;
import dev.roster.scim.spring.TestkitAssertions;
import dev.roster.scim.spring.app.ScimApplication;
import dev.roster.scim.spring.app.TestJwts;
import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.Testkit;
import dev.roster.scim.testkit.TestkitOptions;
import dev.roster.scim.testkit.TestkitRun;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Every credential the starter configures from properties, over real HTTP on embedded Tomcat:
 * static and generated secret tokens, the OAuth 2.0 token endpoint as Entra's gallery validation
 * calls it, Entra-issued JWTs, Okta's Basic and bare token, one chain; a client address that keeps
 * failing gets 429 (Tomcat reads the address a trusted proxy forwarded); and no secret reaches a
 * log line or a response body.
 */
@SpringBootTest(
    classes = ScimApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "server.forward-headers-strategy=native",
      "logging.level.dev.roster=TRACE",
      "roster.scim.tenant-tokens.globex=" + CredentialsOverHttpTest.GLOBEX_TOKEN,
      "roster.scim.secret-tokens.enabled=true",
      "roster.scim.oauth.enabled=true",
      "roster.scim.oauth.token-lifetime=2h",
      "roster.scim.oauth.scopes=scim",
      "roster.scim.oauth.failures-per-address=12",
      "roster.scim.oauth.clients[0].client-id=entra-acme",
      "roster.scim.oauth.clients[0].tenant=acme",
      "roster.scim.oauth.clients[0].secret=" + CredentialsOverHttpTest.CLIENT_SECRET,
      "roster.scim.entra.enabled=true",
      "roster.scim.entra.tenants." + CredentialsOverHttpTest.ENTRA_TENANT + "=acme",
      "roster.scim.basic[0].username=okta",
      "roster.scim.basic[0].password=" + CredentialsOverHttpTest.OKTA_PASSWORD,
      "roster.scim.basic[0].tenant=acme",
      "roster.scim.failed-authentication-limit=40"
    })
@ExtendWith(OutputCaptureExtension.class)
class CredentialsOverHttpTest {
  static final String GLOBEX_TOKEN = "globex-static-token-5d1f0c";
  static final String CLIENT_SECRET = "gallery-secret-9QmZ/x+7";
  static final String OKTA_PASSWORD = "okta-password-41c7e2";
  static final String ENTRA_TENANT = "6a2f1b3c-0d4e-4f5a-9b8c-7d6e5f4a3b2c";
  private static final KeyPair ENTRA_KEY = TestJwts.generate();

  @LocalServerPort int port;
  @Autowired SecretTokens secretTokens;
  @Autowired ClientCredentials clients;
  private Http http;
  private final List<String> secrets =
      new ArrayList<>(List.of(GLOBEX_TOKEN, CLIENT_SECRET, OKTA_PASSWORD));

  @DynamicPropertySource
  static void entraKeys(DynamicPropertyRegistry registry) throws IOException {
    Path jwks = Files.createTempFile("entra-keys", ".json");
    jwks.toFile().deleteOnExit();
    RSAKey key = new RSAKey.Builder((RSAPublicKey) ENTRA_KEY.getPublic()).keyID("entra-1").build();
    Files.writeString(jwks, new JWKSet(key).toString());
    registry.add("roster.scim.entra.jwks-file", jwks::toString);
  }

  @BeforeEach
  void client() {
    http = Http.port(port);
  }

  @Test
  void generatedSecretTokensNameTheirTenantRotateAndRevoke(CapturedOutput output) {
    IssuedToken first = remember(secretTokens.issue("acme", "Entra", null));
    IssuedToken second = remember(secretTokens.issue("acme", "rotated", Duration.ofDays(365)));
    String userName = unique("tok");

    assertThat(post(bearer(first.token()), userName).statusCode()).isEqualTo(201);
    assertThat(total(bearer(second.token()), userName)).isEqualTo(1);
    assertThat(total(bearer(GLOBEX_TOKEN), userName)).as("another tenant").isZero();
    assertThat(secretTokens.revoke("acme", first.stored().id())).isTrue();
    assertUnauthorized(http.get("/scim/v2/Users", bearer(first.token())));
    assertThat(http.get("/scim/v2/Users?count=1", bearer(second.token())).statusCode())
        .isEqualTo(200);
    assertThat(http.get("/scim/v2/Users?count=1", second.token()).statusCode())
        .as("Okta's bare token")
        .isEqualTo(200);
    assertNoSecretIn(output);
  }

  @Test
  void entrasValidationFlowGetsATokenByFormAndByBasicAndEveryErrorIsRfc6749Json(
      CapturedOutput output) {
    HttpResponse<byte[]> posted =
        token(
            null,
            "grant_type=client_credentials&client_id=entra-acme&client_secret="
                + enc(CLIENT_SECRET));
    HttpResponse<byte[]> basic =
        token(basic("entra-acme", CLIENT_SECRET), "grant_type=client_credentials&scope=scim");

    for (HttpResponse<byte[]> reply : List.of(posted, basic)) {
      assertThat(reply.statusCode()).as(Http.text(reply)).isEqualTo(200);
      assertThat(reply.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/json");
      assertThat(reply.headers().firstValue("Cache-Control")).hasValue("no-store");
      JsonNode body = json(reply);
      assertThat(body.path("token_type").asText()).isEqualTo("Bearer");
      assertThat(body.path("expires_in").asLong()).isEqualTo(7200);
      String accessToken = remember(body.path("access_token").asText());
      String userName = unique("oauth");
      assertThat(post(bearer(accessToken), userName).statusCode()).isEqualTo(201);
      assertThat(total(okta(), userName)).as("in acme").isEqualTo(1);
    }

    Map<String, HttpResponse<byte[]>> errors = new LinkedHashMap<>();
    errors.put(
        "401 invalid_client", token(basic("entra-acme", "wrong"), "grant_type=client_credentials"));
    errors.put(
        "401 invalid_client ", token(basic("nobody", "wrong"), "grant_type=client_credentials"));
    errors.put(
        "400 unsupported_grant_type",
        token(basic("entra-acme", CLIENT_SECRET), "grant_type=authorization_code&code=x"));
    errors.put("400 invalid_request", token(basic("entra-acme", CLIENT_SECRET), "scope=scim"));
    errors.put(
        "400 invalid_scope",
        token(basic("entra-acme", CLIENT_SECRET), "grant_type=client_credentials&scope=admin"));
    errors.put("405 invalid_request", http.get("/oauth/token", null));
    errors.forEach(
        (expected, reply) -> {
          assertThat(reply.statusCode() + " " + json(reply).path("error").asText())
              .isEqualTo(expected.strip());
          assertThat(reply.headers().firstValue("Content-Type").orElse(""))
              .as(expected)
              .startsWith("application/json");
          assertThat(Http.text(reply)).doesNotContain(CLIENT_SECRET);
        });
    assertThat(errors.get("401 invalid_client").headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(value -> assertThat(value).startsWith("Basic"));
    assertThat(Http.text(errors.get("401 invalid_client ")))
        .isEqualTo(Http.text(errors.get("401 invalid_client")));
    assertNoSecretIn(output);
  }

  @Test
  void removingASecretOrDisablingTheClientStopsItsTokensOnTheNextRequest() {
    ClientCredentials.NewSecret secret =
        clients.addSecret("acme", "entra-rotating", null, Duration.ofDays(365));
    remember(secret.secret());
    String accessToken = accessToken("entra-rotating", secret.secret());
    assertThat(http.get("/scim/v2/Users?count=1", bearer(accessToken)).statusCode()).isEqualTo(200);

    clients.setEnabled("entra-rotating", false);
    assertUnauthorized(http.get("/scim/v2/Users", bearer(accessToken)));
    clients.setEnabled("entra-rotating", true);
    assertThat(http.get("/scim/v2/Users?count=1", bearer(accessToken)).statusCode()).isEqualTo(200);
    assertThat(clients.removeSecret("entra-rotating", secret.secretId())).isTrue();
    assertUnauthorized(http.get("/scim/v2/Users", bearer(accessToken)));
  }

  @Test
  void anEntraIssuedTokenActsOnItsMappedTenantAndForgeriesAre401(CapturedOutput output)
      throws Exception {
    JWTClaimsSet claims =
        entraClaims(ENTRA_TENANT, EntraTokenAuthenticator.NON_GALLERY_AUDIENCE, 60);
    String valid = remember(rs256("entra-1", claims, ENTRA_KEY));
    String userName = unique("jwt");
    assertThat(post(bearer(valid), userName).statusCode()).isEqualTo(201);
    assertThat(total(okta(), userName)).isEqualTo(1);

    Map<String, String> forgeries = new LinkedHashMap<>();
    forgeries.put(
        "expired",
        rs256(
            "entra-1",
            entraClaims(ENTRA_TENANT, EntraTokenAuthenticator.NON_GALLERY_AUDIENCE, -10),
            ENTRA_KEY));
    forgeries.put(
        "wrong audience",
        rs256("entra-1", entraClaims(ENTRA_TENANT, "api://other", 60), ENTRA_KEY));
    forgeries.put(
        "unmapped tenant",
        rs256(
            "entra-1",
            entraClaims(
                "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9",
                EntraTokenAuthenticator.NON_GALLERY_AUDIENCE,
                60),
            ENTRA_KEY));
    forgeries.put(
        "wrong issuer",
        rs256(
            "entra-1",
            new JWTClaimsSet.Builder(claims).issuer("https://evil.example.com/").build(),
            ENTRA_KEY));
    forgeries.put("unknown kid", rs256("entra-2", claims, ENTRA_KEY));
    forgeries.put("another key", rs256("entra-1", claims, TestJwts.generate()));
    forgeries.put("alg none", new PlainJWT(claims).serialize());
    SignedJWT hmac =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("entra-1").build(), claims);
    hmac.sign(new MACSigner(ENTRA_KEY.getPublic().getEncoded()));
    forgeries.put("HS256 with the public key", hmac.serialize());
    forgeries.forEach(
        (what, token) -> {
          remember(token);
          HttpResponse<byte[]> reply = http.get("/scim/v2/Users", bearer(token));
          assertThat(reply.statusCode()).as(what).isEqualTo(401);
          assertThat(Http.text(reply)).as(what).doesNotContain(token);
        });
    assertNoSecretIn(output);
  }

  @Test
  void discoveryListsExactlyTheConfiguredSchemes() {
    JsonNode schemes =
        json(http.get("/scim/v2/ServiceProviderConfig", okta())).path("authenticationSchemes");
    List<String> types = new ArrayList<>();
    schemes.forEach(scheme -> types.add(scheme.path("type").asText()));

    assertThat(types).containsExactlyInAnyOrder("oauthbearertoken", "httpbasic");
    assertUnauthorized(http.get("/scim/v2/Users", basic("okta", "wrong-password")));
  }

  @Test
  void anAddressThatKeepsFailingIs429WithRetryAfterWhileOthersAreServed() {
    Map<String, String> attacker = Map.of("X-Forwarded-For", "203.0.113.66");
    for (int i = 0; i < 40; i++) {
      assertThat(
              http.exchange(
                      "GET",
                      "/scim/v2/Users",
                      with(attacker, "Authorization", "Bearer guess-" + i),
                      null)
                  .statusCode())
          .isEqualTo(401);
    }
    HttpResponse<byte[]> throttled =
        http.exchange(
            "GET", "/scim/v2/Users", with(attacker, "Authorization", bearer(GLOBEX_TOKEN)), null);
    assertScimError(throttled, 429);
    assertThat(throttled.headers().firstValue("Retry-After").orElse("")).matches("[1-9][0-9]*");
    assertThat(
            http.exchange(
                    "GET",
                    "/scim/v2/Users?count=1",
                    Map.of(
                        "X-Forwarded-For", "198.51.100.7", "Authorization", bearer(GLOBEX_TOKEN)),
                    null)
                .statusCode())
        .isEqualTo(200);

    Map<String, String> guesser =
        Map.of(
            "X-Forwarded-For", "203.0.113.67", "Content-Type", "application/x-www-form-urlencoded");
    for (int i = 0; i < 12; i++) {
      HttpResponse<byte[]> guess =
          http.exchange(
              "POST",
              "/oauth/token",
              guesser,
              "grant_type=client_credentials&client_id=guess-" + i + "&client_secret=x");
      assertThat(guess.statusCode()).isEqualTo(401);
    }
    HttpResponse<byte[]> refused =
        http.exchange(
            "POST",
            "/oauth/token",
            guesser,
            "grant_type=client_credentials&client_id=entra-acme&client_secret="
                + enc(CLIENT_SECRET));
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Retry-After").orElse("")).matches("[1-9][0-9]*");
  }

  @Test
  void theTestkitsAuthSuitePassesEveryCheck() throws Exception {
    IssuedToken revoked = remember(secretTokens.issue("acme", "to revoke", null));
    secretTokens.revoke("acme", revoked.stored().id());
    IssuedToken expired = remember(secretTokens.issue("acme", "brief", Duration.ofSeconds(1)));
    Thread.sleep(1_100);

    TestkitRun run =
        Testkit.of(
                TestkitOptions.builder(http.url("/scim/v2"))
                    .suites(Suite.AUTH)
                    .tokenUrl(http.url("/oauth/token"))
                    .clientCredentials("entra-acme", CLIENT_SECRET)
                    .otherToken(GLOBEX_TOKEN)
                    .revokedToken(revoked.token())
                    .expiredToken(expired.token())
                    .build())
            .run();

    TestkitAssertions.assertNoFailures(run);
    assertThat(run.results()).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.PASSED));
  }

  // --- helpers ----------------------------------------------------------------------------------

  private void assertNoSecretIn(CapturedOutput output) {
    String logged = output.getAll();
    assertThat(logged).as("Roster's log lines were captured").contains("ScimServer");
    for (String secret : secrets) {
      assertThat(logged).as("the log").doesNotContain(secret);
    }
  }

  private HttpResponse<byte[]> token(String authorization, String form) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/x-www-form-urlencoded");
    if (authorization != null) {
      headers.put("Authorization", authorization);
    }
    return http.exchange("POST", "/oauth/token", headers, form);
  }

  private String accessToken(String clientId, String secret) {
    HttpResponse<byte[]> reply = token(basic(clientId, secret), "grant_type=client_credentials");
    assertThat(reply.statusCode()).as(Http.text(reply)).isEqualTo(200);
    return remember(json(reply).path("access_token").asText());
  }

  private HttpResponse<byte[]> post(String authorization, String userName) {
    return http.send(
        "POST",
        "/scim/v2/Users",
        authorization,
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
            + userName
            + "\"}");
  }

  private long total(String authorization, String userName) {
    HttpResponse<byte[]> list =
        http.get("/scim/v2/Users?filter=userName%20eq%20%22" + userName + "%22", authorization);
    assertThat(list.statusCode()).as(Http.text(list)).isEqualTo(200);
    return json(list).path("totalResults").asLong();
  }

  private static void assertUnauthorized(HttpResponse<byte[]> reply) {
    assertScimError(reply, 401);
    assertThat(reply.headers().firstValue("WWW-Authenticate").orElse("")).startsWith("Bearer");
  }

  private IssuedToken remember(IssuedToken issued) {
    remember(issued.token());
    return issued;
  }

  private String remember(String secret) {
    secrets.add(secret);
    return secret;
  }

  private static String okta() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(("okta:" + OKTA_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /** {@code client_secret_basic}: id and secret form-encoded first (RFC 6749 §2.3.1). */
  private static String basic(String id, String secret) {
    String pair = enc(id) + ":" + enc(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String bearer(String token) {
    return Http.bearer(token);
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Map<String, String> with(Map<String, String> headers, String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return all;
  }

  private static JWTClaimsSet entraClaims(String tenant, String audience, int minutesLeft) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .issuer("https://sts.windows.net/" + tenant + "/")
        .audience(audience)
        .claim("tid", tenant)
        .claim("appid", "00000014-0000-0000-c000-000000000000")
        .subject("f3c7d2e1-9a8b-4c5d-8e7f-6a5b4c3d2e1f")
        .notBeforeTime(Date.from(now.minus(Duration.ofMinutes(70))))
        .issueTime(Date.from(now.minus(Duration.ofMinutes(70))))
        .expirationTime(Date.from(now.plus(Duration.ofMinutes(minutesLeft))))
        .build();
  }

  private static String rs256(String kid, JWTClaimsSet claims, KeyPair key) {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT).keyID(kid).build(),
            claims);
    try {
      jwt.sign(new RSASSASigner(key.getPrivate()));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jwt.serialize();
  }
}
