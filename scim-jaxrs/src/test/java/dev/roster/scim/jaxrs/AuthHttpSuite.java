package dev.roster.scim.jaxrs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.jaxrs.Http.Reply;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BasicAuthenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.InMemoryClientStore;
import dev.roster.scim.server.auth.InMemoryTokenStore;
import dev.roster.scim.server.auth.IssuedToken;
import dev.roster.scim.server.auth.SecretTokenAuthenticator;
import dev.roster.scim.server.auth.SecretTokens;
import dev.roster.scim.server.auth.TokenEndpoint;
import dev.roster.scim.server.auth.jwt.EntraTokenAuthenticator;
import dev.roster.scim.server.auth.jwt.Refusal;
import dev.roster.scim.server.memory.InMemoryStore;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every way a SaaS app's customers authenticate, over real HTTP: secret tokens a tenant's admin
 * generates, OAuth 2.0 client credentials as Entra's gallery sends them, Entra-issued JWTs, Okta's
 * Basic and bare tokens, chained; a Tenant URL per customer; 429 for an address that keeps failing;
 * and no secret in any response body or log line. One subclass per JAX-RS runtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AuthHttpSuite {
  static final String ENTRA_TENANT = "6a2f1b3c-0d4e-4f5a-9b8c-7d6e5f4a3b2c";
  static final String UNMAPPED_ENTRA_TENANT = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
  static final String OKTA_BASIC = "okta-acme:correct horse battery staple";

  /** Every credential the tests send, which no response body or log line may contain. */
  private final List<String> secrets = new ArrayList<>();

  private final List<Container> containers = new ArrayList<>();
  private final SignedTokens entra = new SignedTokens("entra-key-1");
  private final List<Refusal> refusals = new java.util.concurrent.CopyOnWriteArrayList<>();
  private SecretTokens tokens;
  private ClientCredentials clients;

  /** One Tenant URL for every customer: the credentials name the tenant. */
  private String root;

  /** A Tenant URL per customer: {@code <root>/t/<tenant>}. */
  private String perTenantRoot;

  abstract Container container();

  @BeforeAll
  void startServers() throws IOException {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    tokens = new SecretTokens(new InMemoryTokenStore());
    clients = new ClientCredentials(new InMemoryClientStore(), Clock.systemUTC(), 1_000);
    TokenEndpoint endpoint =
        TokenEndpoint.builder()
            .clients(clients)
            .tokens(tokens)
            .lifetime(Duration.ofMinutes(90))
            .scopes(Set.of("scim"))
            .failuresPerAddress(12)
            .build();
    Authenticator entraTokens =
        EntraTokenAuthenticator.builder()
            .jwks(entra.jwks())
            .tenantMapping(tid -> tid.equals(ENTRA_TENANT) ? Optional.of("acme") : Optional.empty())
            .onRefusal(refusals::add)
            .build();
    Authenticator chain =
        Authenticator.anyOf(
            new SecretTokenAuthenticator(tokens),
            endpoint.authenticator(),
            entraTokens,
            BasicAuthenticator.of(Map.of(OKTA_BASIC, Identity.of("acme", "okta"))));
    secrets.add(OKTA_BASIC.substring(OKTA_BASIC.indexOf(':') + 1));
    ScimServer oneUrl =
        ScimServer.builder()
            .users(store.users())
            .groups(store.groups())
            .authenticator(chain)
            .failedAuthenticationLimit(15)
            .build();
    ScimServer perTenant =
        ScimServer.builder()
            .users(store.users())
            .groups(store.groups())
            .authenticator(new SecretTokenAuthenticator(tokens))
            .tenantFromPath(true)
            .build();
    root =
        start(
            ScimFeature.builder()
                .server(oneUrl)
                .basePath("/scim/v2")
                .tokenEndpoint(endpoint, "/oauth/token")
                // As behind a proxy the host trusts to append the client's address.
                .remoteAddress(request -> request.getHeaderString("X-Forwarded-For"))
                .build());
    perTenantRoot = start(ScimFeature.builder().server(perTenant).basePath("/t").build());
  }

  private String start(ScimFeature feature) throws IOException {
    Container container = container();
    containers.add(container);
    return container.start(feature);
  }

  @AfterAll
  void stopServersAndSearchTheLogForSecrets() throws IOException {
    containers.forEach(Container::stop);
    Path log = Path.of(System.getProperty("org.slf4j.simpleLogger.logFile"));
    String logged = Files.readString(log);
    assertThat(logged).as("the log captured Roster's own lines").contains("dev.roster.scim");
    for (String secret : secrets) {
      assertThat(logged).as("the log").doesNotContain(secret);
    }
  }

  // --- Secret tokens ----------------------------------------------------------------------------

  @Test
  void aGeneratedTokenNamesItsTenantRotatesAndIsRevokedOnTheNextRequest() {
    IssuedToken first = remember(tokens.issue("acme", "Entra provisioning", null));
    IssuedToken second = remember(tokens.issue("acme", "rotated", Duration.ofDays(365)));
    IssuedToken globex = remember(tokens.issue("globex", "Entra provisioning", null));
    String userName = unique("tok");
    assertThat(scim(first.token()).post("/Users", user(userName)).status()).isEqualTo(201);

    assertThat(total(scim(second.token()), userName)).isEqualTo(1);
    assertThat(total(scim(globex.token()), userName)).as("another tenant's token").isZero();
    assertThat(tokens.list("acme")).extracting(t -> t.label()).contains("Entra provisioning");
    assertThat(tokens.revoke("acme", first.stored().id())).isTrue();
    assertUnauthorized(scim(first.token()).get("/Users"));
    assertThat(scim(second.token()).get("/Users?count=1").status()).isEqualTo(200);
  }

  @Test
  void anExpiredTokenAndGarbageAre401WithAScimErrorThatEchoesNothing() throws Exception {
    IssuedToken brief = remember(tokens.issue("acme", "brief", Duration.ofSeconds(1)));
    assertThat(scim(brief.token()).get("/Users?count=1").status()).isEqualTo(200);
    Thread.sleep(1_100);

    assertUnauthorized(scim(brief.token()).get("/Users"));
    assertUnauthorized(new Http(root + "/scim/v2", null).get("/Users"));
    assertUnauthorized(scim("rst_00000000000000ff_" + "x".repeat(43)).get("/Users"));
  }

  @Test
  void aTenantUrlNeedsATokenOfThatTenant() {
    IssuedToken acme = remember(tokens.issue("acme", "per-tenant URL", null));
    Http acmeUrl = new Http(perTenantRoot + "/t/acme", "Bearer " + acme.token());
    Http globexUrl = new Http(perTenantRoot + "/t/globex", "Bearer " + acme.token());

    String userName = unique("url");
    Reply created = acmeUrl.post("/Users", user(userName));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Location")).startsWith(perTenantRoot + "/t/acme/Users/");
    assertThat(total(acmeUrl, userName)).isEqualTo(1);
    Reply refused = globexUrl.get("/Users");
    assertThat(refused.status()).isEqualTo(403);
    assertThat(refused.json().path("status").asText()).isEqualTo("403");
    assertThat(refused.text()).doesNotContain(acme.token());
  }

  // --- OAuth 2.0 client credentials -------------------------------------------------------------

  @Test
  void entrasValidationFlowGetsATokenByFormAndByBasicAndCallsScimWithIt() {
    String secret = newSecret("acme", "entra-acme");

    Reply posted =
        token(
            null,
            "grant_type=client_credentials&client_id=entra-acme&client_secret=" + enc(secret));
    Reply basic = token(basic("entra-acme", secret), "grant_type=client_credentials&scope=scim");

    for (Reply reply : List.of(posted, basic)) {
      assertThat(reply.status()).as(reply.text()).isEqualTo(200);
      assertThat(reply.header("Content-Type")).startsWith("application/json");
      assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
      assertThat(reply.json().path("token_type").asText()).isEqualTo("Bearer");
      assertThat(reply.json().path("expires_in").asLong()).isEqualTo(5400);
      String accessToken = remember(reply.json().path("access_token").asText());
      String userName = unique("oauth");
      assertThat(scim(accessToken).post("/Users", user(userName)).status()).isEqualTo(201);
      assertThat(total(scim(okta()), userName))
          .as("acme's user, seen with acme's Basic")
          .isEqualTo(1);
    }
    assertThat(basic.json().path("scope").asText()).isEqualTo("scim");
  }

  @Test
  void tokenEndpointErrorsAreRfc6749JsonNeverHtml() {
    String secret = newSecret("acme", "entra-errors");
    Reply wrong = token(basic("entra-errors", "not-the-secret"), "grant_type=client_credentials");
    Reply unknown =
        token(basic("nobody-" + unique("c"), "not-the-secret"), "grant_type=client_credentials");
    Reply grant = token(basic("entra-errors", secret), "grant_type=password&username=a&password=b");
    Reply noGrant = token(basic("entra-errors", secret), "scope=scim");
    Reply scope = token(basic("entra-errors", secret), "grant_type=client_credentials&scope=admin");
    Reply twoWays =
        token(
            basic("entra-errors", secret),
            "grant_type=client_credentials&client_id=entra-errors&client_secret=" + enc(secret));
    Reply notForm =
        new Http(root, null)
            .send("POST", "/oauth/token", "{\"grant_type\":\"x\"}", "application/json");
    Reply get = new Http(root, null).get("/oauth/token");

    assertThat(wrong.status()).isEqualTo(401);
    assertThat(wrong.header("WWW-Authenticate")).startsWith("Basic");
    assertThat(wrong.json().path("error").asText()).isEqualTo("invalid_client");
    assertThat(unknown.status()).isEqualTo(401);
    assertThat(unknown.text()).isEqualTo(wrong.text());
    assertThat(error(grant)).isEqualTo("400 unsupported_grant_type");
    assertThat(error(noGrant)).isEqualTo("400 invalid_request");
    assertThat(error(scope)).isEqualTo("400 invalid_scope");
    assertThat(error(twoWays)).isEqualTo("400 invalid_request");
    assertThat(error(notForm)).isEqualTo("400 invalid_request");
    assertThat(error(get)).isEqualTo("405 invalid_request");
    for (Reply reply : List.of(wrong, unknown, grant, noGrant, scope, twoWays, notForm, get)) {
      assertThat(reply.header("Content-Type")).startsWith("application/json");
      assertThat(reply.header("Cache-Control")).isEqualTo("no-store");
      assertThat(reply.text()).doesNotContain(secret).doesNotContain("not-the-secret");
    }
  }

  @Test
  void removingTheSecretOrDisablingTheClientStopsItsTokensOnTheNextRequest() {
    ClientCredentials.NewSecret old = clients.addSecret("acme", "entra-rotate", null, null);
    remember(old.secret());
    String fresh = newSecret("acme", "entra-rotate");
    String oldToken = accessToken("entra-rotate", old.secret());
    String freshToken = accessToken("entra-rotate", fresh);

    assertThat(clients.removeSecret("entra-rotate", old.secretId())).isTrue();
    assertUnauthorized(scim(oldToken).get("/Users"));
    assertThat(scim(freshToken).get("/Users?count=1").status()).isEqualTo(200);
    assertThat(token(basic("entra-rotate", old.secret()), "grant_type=client_credentials").status())
        .isEqualTo(401);
    clients.setEnabled("entra-rotate", false);
    assertUnauthorized(scim(freshToken).get("/Users"));
    clients.setEnabled("entra-rotate", true);
    assertThat(scim(freshToken).get("/Users?count=1").status()).isEqualTo(200);
  }

  @Test
  void anAddressThatKeepsFailingIs429WithRetryAfterWhileOthersAreServed() {
    String secret = newSecret("acme", "entra-throttle");
    String accessToken = accessToken("entra-throttle", secret);
    Http attacker =
        new Http(root + "/scim/v2", "Bearer guess").header("X-Forwarded-For", "203.0.113.66");
    for (int i = 0; i < 15; i++) {
      assertThat(attacker.get("/Users").status()).isEqualTo(401);
    }
    Reply throttled = attacker.withAuthorization("Bearer " + accessToken).get("/Users?count=1");
    assertThat(throttled.status()).isEqualTo(429);
    assertThat(throttled.header("Retry-After")).matches("[1-9][0-9]*");
    assertThat(throttled.json().path("status").asText()).isEqualTo("429");
    assertThat(
            scim(accessToken)
                .header("X-Forwarded-For", "198.51.100.7")
                .get("/Users?count=1")
                .status())
        .isEqualTo(200);

    Http guesser = new Http(root, null).header("X-Forwarded-For", "203.0.113.67");
    for (int i = 0; i < 12; i++) {
      Reply guess =
          guesser.send(
              "POST",
              "/oauth/token",
              "grant_type=client_credentials&client_id=guess-" + i + "&client_secret=x",
              "application/x-www-form-urlencoded");
      assertThat(guess.status()).isEqualTo(401);
    }
    Reply refused =
        guesser.send(
            "POST",
            "/oauth/token",
            "grant_type=client_credentials&client_id=entra-throttle&client_secret=" + enc(secret),
            "application/x-www-form-urlencoded");
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).matches("[1-9][0-9]*");
    assertThat(refused.json().path("error").asText()).isEqualTo("invalid_client");
  }

  // --- Entra-issued tokens ----------------------------------------------------------------------

  @Test
  void anEntraIssuedTokenActsOnItsMappedTenantAndForgeriesAre401() {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", EntraTokenAuthenticator.NON_GALLERY_AUDIENCE);
    claims.put("iss", "https://sts.windows.net/" + ENTRA_TENANT + "/");
    claims.put("tid", ENTRA_TENANT);
    claims.put("nbf", now - 60);
    claims.put("iat", now - 60);
    claims.put("exp", now + 3600);
    claims.put("appid", "00000014-0000-0000-c000-000000000000");
    claims.put("oid", "f3c7d2e1-9a8b-4c5d-8e7f-6a5b4c3d2e1f");
    claims.put("sub", "f3c7d2e1-9a8b-4c5d-8e7f-6a5b4c3d2e1f");
    claims.put("ver", "1.0");
    String valid = remember(entra.rs256(claims));
    String userName = unique("jwt");
    assertThat(scim(valid).post("/Users", user(userName)).status())
        .as("refusals: %s", refusals)
        .isEqualTo(201);
    assertThat(total(scim(okta()), userName)).as("in acme").isEqualTo(1);

    refusals.clear();
    Map<String, String> forgeries = new LinkedHashMap<>();
    forgeries.put("expired", entra.rs256(with(claims, "exp", now - 600)));
    forgeries.put("not yet valid", entra.rs256(with(claims, "nbf", now + 600)));
    forgeries.put("wrong audience", entra.rs256(with(claims, "aud", "api://somebody-else")));
    forgeries.put("wrong issuer", entra.rs256(with(claims, "iss", "https://evil.example.com/")));
    forgeries.put(
        "unmapped tenant",
        entra.rs256(
            with(
                with(claims, "tid", UNMAPPED_ENTRA_TENANT),
                "iss",
                "https://sts.windows.net/" + UNMAPPED_ENTRA_TENANT + "/")));
    forgeries.put("alg none", entra.unsignedToken(claims));
    forgeries.put("HS256 with the public key", entra.hs256WithThePublicKey(claims));
    forgeries.put("unknown kid", entra.rs256("entra-key-2", claims));
    forgeries.put("another key", new SignedTokens("entra-key-1").rs256(claims));
    forgeries.forEach(
        (what, token) -> {
          remember(token);
          Reply reply = scim(token).get("/Users");
          assertThat(reply.status()).as(what).isEqualTo(401);
          assertThat(refusals).as(what).isNotEmpty();
          refusals.clear();
          assertThat(reply.text()).as(what).doesNotContain(token);
        });
  }

  // --- Okta, chaining, discovery ----------------------------------------------------------------

  @Test
  void oktasBasicAndBareTokenWorkInOneChainAndDiscoveryListsExactlyTheConfiguredSchemes() {
    IssuedToken bare = remember(tokens.issue("acme", "Okta header auth", null));
    Http oktaBasic = scim(okta());

    assertThat(oktaBasic.get("/Users?count=1").status()).isEqualTo(200);
    assertThat(new Http(root + "/scim/v2", bare.token()).get("/Users?count=1").status())
        .as("Authorization: <token> without a scheme")
        .isEqualTo(200);
    assertUnauthorized(new Http(root + "/scim/v2", basic("okta-acme", "wrong")).get("/Users"));
    JsonNode schemes = oktaBasic.get("/ServiceProviderConfig").json().path("authenticationSchemes");
    List<String> types = new ArrayList<>();
    schemes.forEach(scheme -> types.add(scheme.path("type").asText()));
    assertThat(types).containsExactlyInAnyOrder("oauthbearertoken", "httpbasic");
    JsonNode perTenant =
        new Http(perTenantRoot + "/t/acme", "Bearer " + bare.token())
            .get("/ServiceProviderConfig")
            .json()
            .path("authenticationSchemes");
    assertThat(perTenant).hasSize(1);
    assertThat(perTenant.path(0).path("type").asText()).isEqualTo("oauthbearertoken");
  }

  // --- helpers ----------------------------------------------------------------------------------

  private Http scim(String credential) {
    return new Http(
        root + "/scim/v2", credential.startsWith("Basic ") ? credential : "Bearer " + credential);
  }

  private Reply token(String authorization, String form) {
    return new Http(root, authorization)
        .send("POST", "/oauth/token", form, "application/x-www-form-urlencoded");
  }

  private String accessToken(String clientId, String secret) {
    Reply reply = token(basic(clientId, secret), "grant_type=client_credentials");
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    return remember(reply.json().path("access_token").asText());
  }

  private String newSecret(String tenant, String clientId) {
    return remember(clients.addSecret(tenant, clientId, null, Duration.ofDays(365)).secret());
  }

  private IssuedToken remember(IssuedToken issued) {
    remember(issued.token());
    return issued;
  }

  private String remember(String secret) {
    secrets.add(secret);
    return secret;
  }

  private static void assertUnauthorized(Reply reply) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    assertThat(reply.json().path("schemas").path(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(reply.json().path("status").asText()).isEqualTo("401");
  }

  private static long total(Http http, String userName) {
    Reply list = http.get("/Users?filter=userName%20eq%20%22" + userName + "%22");
    assertThat(list.status()).as(list.text()).isEqualTo(200);
    return list.json().path("totalResults").asLong();
  }

  private static String error(Reply reply) {
    return reply.status() + " " + reply.json().path("error").asText();
  }

  private static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(claims);
    copy.put(name, value);
    return copy;
  }

  /** HTTP Basic as RFC 7617 sends it: the pair as it is, base64. */
  private static String okta() {
    return "Basic "
        + Base64.getEncoder().encodeToString(OKTA_BASIC.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code client_secret_basic}: id and secret form-encoded first (RFC 6749 §2.3.1). */
  private static String basic(String id, String secret) {
    String pair = enc(id) + ":" + enc(secret);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static String enc(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static String unique(String prefix) {
    return ScimHttpSuite.unique(prefix);
  }

  private static String user(String userName) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
        + userName
        + "\"}";
  }
}
