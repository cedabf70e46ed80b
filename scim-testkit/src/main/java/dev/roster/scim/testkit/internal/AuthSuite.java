package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.TestkitOptions;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Authentication as a SaaS app's SCIM endpoint meets it: the OAuth 2.0 token endpoint as Microsoft
 * Entra ID's client credentials validation calls it (RFC 6749 §4.4), with the form and with HTTP
 * Basic, and its errors (§5.2); 401 answers to missing, garbage, revoked and expired tokens; and
 * two tenants that never see each other's users. Each check needs options of its own and is
 * skipped, naming them, without them. The token endpoint may throttle failures (429 with {@code
 * Retry-After}), so the suite sends only two failures per client and run, and takes such an answer
 * as throttling, not as a failure.
 */
final class AuthSuite {
  /** Access tokens live 60 minutes to 6 hours (Microsoft Entra gallery requirements). */
  private static final long SHORTEST = 3600;

  private static final long LONGEST = 6 * 3600;

  private static final Requirement CLIENT =
      env -> {
        TestkitOptions options = env.options();
        if (options.tokenUrl() == null) {
          return "no token endpoint given (--token-url, with --client-id and --client-secret)";
        }
        return options.clientId() == null
            ? "no client given (--client-id and --client-secret)"
            : null;
      };

  private static final Requirement TWO_TENANTS =
      env -> {
        TestkitOptions options = env.options();
        if (options.otherToken() == null && options.otherClientId() == null) {
          return "no second tenant's credentials given (--other-token, or --other-client-id and"
              + " --other-client-secret)";
        }
        if (options.clientId() == null
            && options.authorization() == null
            && options.headers().isEmpty()) {
          return "no credentials of the first tenant given (--client-id and --client-secret, or"
              + " --token)";
        }
        return null;
      };

  private AuthSuite() {}

  static List<Check> checks() {
    Checks checks =
        new Checks(Suite.AUTH)
            .add(
                "Token request as Entra sends it: a form with client_id and client_secret answers"
                    + " 200 with a Bearer access_token of 60 minutes to 6 hours and Cache-Control:"
                    + " no-store; SCIM accepts the token",
                "RFC 6749 §4.4, §5.1; Microsoft Learn (gallery provisioning requirements: client"
                    + " credentials, tokens of 60 minutes to 6 hours): "
                    + Sources.ENTRA_GALLERY,
                CLIENT,
                AuthSuite::tokenWithForm)
            .add(
                "Token request with HTTP Basic client authentication (client_secret_basic) answers"
                    + " the same; SCIM accepts the token",
                "RFC 6749 §2.3.1, §4.4, §5.1: " + Sources.RFC6749 + "2.3.1",
                CLIENT,
                AuthSuite::tokenWithBasic)
            .add(
                "Token endpoint errors are JSON: a wrong secret 401 invalid_client"
                    + " (WWW-Authenticate: Basic after Basic), an unknown client the same,"
                    + " grant_type=password 400 unsupported_grant_type, no grant_type 400"
                    + " invalid_request",
                "RFC 6749 §5.2: " + Sources.RFC6749 + "5.2",
                CLIENT,
                AuthSuite::tokenErrors)
            .add(
                "A SCIM request without credentials answers 401 with a SCIM error and"
                    + " WWW-Authenticate",
                "RFC 7644 §3.12; RFC 6750 §3: " + Sources.RFC7644 + "3.12",
                AuthSuite::noCredentials)
            .add(
                "A SCIM request with a garbage bearer token (random, or an unsigned JWT) answers"
                    + " 401 with a SCIM error and WWW-Authenticate",
                "RFC 6750 §3.1 (invalid_token); RFC 7644 §3.12: " + Sources.RFC6750 + "3.1",
                AuthSuite::garbageToken);
    refusedToken(
        checks, "A revoked token", "revoked", TestkitOptions::revokedToken, ", then revoked");
    refusedToken(
        checks, "An expired token", "expired", TestkitOptions::expiredToken, " that has expired");
    return checks
        .add(
            "Two tenants: tenant B's token neither reads, finds, changes nor deletes tenant A's"
                + " user, and B may create the same userName",
            "RFC 7644 §6, §6.1 (multi-tenancy: the credentials determine the tenant): "
                + Sources.RFC7644
                + "6",
            TWO_TENANTS,
            AuthSuite::tenantIsolation)
        .build();
  }

  /**
   * Adds the check that a {@code kind} token (revoked, expired), which the operator makes and gives
   * with {@code --<kind>-token}, is refused; without one it is skipped.
   */
  private static void refusedToken(
      Checks checks,
      String name,
      String kind,
      Function<TestkitOptions, String> token,
      String made) {
    checks.add(
        name + " answers 401 with a SCIM error",
        "RFC 6750 §3.1 (invalid_token: " + kind + "); RFC 7644 §3.12: " + Sources.RFC6750 + "3.1",
        env ->
            token.apply(env.options()) == null
                ? "no "
                    + kind
                    + " token given (--"
                    + kind
                    + "-token: a token the server issued"
                    + made
                    + ")"
                : null,
        run ->
            expectUnauthorized(
                run.rfc()
                    .withAuthorization("Bearer " + token.apply(run.options()))
                    .get("/Users?count=1"),
                name.toLowerCase(Locale.ROOT) + " is refused"));
  }

  // --- the token endpoint ------------------------------------------------------------------------

  private static void tokenWithForm(CheckRun run) {
    TestkitOptions options = run.options();
    Response response =
        tokenRequest(run, null, clientForm(options.clientId(), options.clientSecret()));
    String token = accessToken(run, response, "the client credentials grant in the form", true);
    expectScimAccepts(run, token);
  }

  private static void tokenWithBasic(CheckRun run) {
    TestkitOptions options = run.options();
    Response response =
        tokenRequest(
            run,
            basic(run, options.clientId(), options.clientSecret()),
            form("grant_type", "client_credentials"));
    String token = accessToken(run, response, "the client credentials grant with HTTP Basic", true);
    expectScimAccepts(run, token);
  }

  private static void tokenErrors(CheckRun run) {
    TestkitOptions options = run.options();
    String clientId = options.clientId();
    String secret = options.clientSecret();
    // Never derived from the real secret: the request is shown in the report.
    String wrong = "wrong-" + UUID.randomUUID();
    int judged = 0;

    Response basic =
        tokenRequest(run, basic(run, clientId, wrong), form("grant_type", "client_credentials"));
    if (!throttled(run, basic, "a wrong secret with HTTP Basic")) {
      judged++;
      expectOAuthError(
          basic, "a wrong client secret sent with HTTP Basic is refused", "invalid_client", 401);
      String challenge = basic.header("WWW-Authenticate");
      if (challenge == null || !challenge.strip().regionMatches(true, 0, "Basic", 0, 5)) {
        throw basic.fail(
            "WWW-Authenticate: Basic … with the 401, since the client authenticated with HTTP"
                + " Basic",
            challenge == null ? "no WWW-Authenticate" : "WWW-Authenticate: " + challenge);
      }
    }

    // A wrong secret as Entra would send it, in the form: 400 or 401 (§5.2 allows both).
    Response inForm = tokenRequest(run, null, clientForm(clientId, wrong));
    boolean formJudged = !throttled(run, inForm, "a wrong secret in the form");
    if (formJudged) {
      judged++;
      expectOAuthError(
          inForm, "a wrong client secret in the form is refused", "invalid_client", 400, 401);
    }

    Response unknown =
        tokenRequest(run, null, clientForm("rtk-unknown-" + UUID.randomUUID(), wrong));
    if (!throttled(run, unknown, "an unknown client id")) {
      judged++;
      expectOAuthError(
          unknown, "an unknown client is refused like a wrong secret", "invalid_client", 400, 401);
      if (formJudged && unknown.status() != inForm.status()) {
        throw unknown.fail(
            "HTTP "
                + inForm.status()
                + ", as for a wrong secret: answering otherwise tells which client ids exist",
            unknown.summary());
      }
    }

    // The right client credentials with a grant a SCIM app does not offer.
    Response password =
        tokenRequest(
            run,
            null,
            form(
                "grant_type",
                "password",
                "username",
                run.userName("Nobody"),
                "password",
                wrong,
                "client_id",
                clientId,
                "client_secret",
                secret));
    if (!throttled(run, password, "grant_type=password")) {
      judged++;
      expectOAuthError(
          password,
          "the password grant is refused: only client_credentials is offered (or this client"
              + " may not use it: unauthorized_client)",
          List.of("unsupported_grant_type", "unauthorized_client"),
          400);
    }

    Response missing =
        tokenRequest(run, null, form("client_id", clientId, "client_secret", secret));
    if (!throttled(run, missing, "a request without grant_type")) {
      judged++;
      expectOAuthError(
          missing, "a request without grant_type is malformed", "invalid_request", 400);
    }
    if (judged == 0) {
      throw run.skip(
          "the token endpoint answered every request with 429 and Retry-After (throttling after"
              + " failures); run again later");
    }
  }

  // --- SCIM requests with wrong credentials ------------------------------------------------------

  private static void noCredentials(CheckRun run) {
    expectUnauthorized(
        run.rfc().withAuthorization(null).get("/Users?count=1"),
        "a request without credentials is refused");
  }

  private static void garbageToken(CheckRun run) {
    byte[] random = new byte[32];
    ThreadLocalRandom.current().nextBytes(random);
    String garbage = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    expectUnauthorized(
        run.rfc().withAuthorization("Bearer " + garbage).get("/Users?count=1"),
        "a bearer token the server never issued is refused");
    expectUnauthorized(
        run.rfc().withAuthorization("Bearer " + unsignedJwt()).get("/Users?count=1"),
        "an unsigned JWT (\"alg\": \"none\"), which anyone can write, is refused");
  }

  // --- two tenants -------------------------------------------------------------------------------

  private static void tenantIsolation(CheckRun run) {
    ScimClient a = firstTenant(run);
    ScimClient b = otherTenant(run);
    b.get("/Users?count=1").expectStatus("tenant B's credentials are accepted", 200);

    String userName = run.userName("Tenant");
    String id = run.create(a, "/Users", tenantUser(userName, "Tenant A"));
    String path = "/Users/" + id;
    JsonNode before = run.read(a, path).json();
    String oneTenant = " (if both credentials belong to one tenant, give another tenant's)";

    b.get(path)
        .expectStatus(
            "tenant B does not see tenant A's user: 404, as for an id that does not exist"
                + oneTenant,
            404);
    b.get(EntraSuite.byUserName(userName))
        .listing()
        .expectTotal(0, "tenant B's filter does not find tenant A's user" + oneTenant);
    b.patch(path, Json.patch(Json.op("replace", null, Json.object("displayName", "Tenant B"))))
        .expectStatus("tenant B cannot change tenant A's user: 404", 404);
    b.delete(path).expectStatus("tenant B cannot delete tenant A's user: 404", 404);
    Response after = a.get(path);
    after.expectStatus("tenant A's user is still there after tenant B's DELETE", 200);
    JsonNode displayName = Json.get(after.json(), "displayName");
    if (!displayName.equals(Json.get(before, "displayName"))) {
      throw after.fail(
          "tenant A's user unchanged by tenant B's PATCH: displayName "
              + Json.show(Json.get(before, "displayName")),
          "displayName " + Json.show(displayName));
    }

    Response created = b.post("/Users", tenantUser(userName, "Tenant B"));
    created.expectStatus(
        "tenant B may create a user with the same userName: userNames are unique within a"
            + " tenant, and a 409 would tell tenant B that another tenant has it",
        201);
    if (created.text("id").equals(id)) {
      throw created.fail("a new id for tenant B's user", "the id of tenant A's user, " + id);
    }
    Listing mine = a.get(EntraSuite.byUserName(userName)).listing();
    JsonNode match = mine.single("tenant A's filter finds its own user only");
    if (!match.path("id").asText().equals(id)) {
      throw mine.response().fail("tenant A's user, id " + id, "id " + match.path("id"));
    }
  }

  /** Tenant A: a token from the token endpoint when a client is given, else the run's own. */
  private static ScimClient firstTenant(CheckRun run) {
    TestkitOptions options = run.options();
    if (options.clientId() == null) {
      return run.rfc();
    }
    Response response =
        tokenRequest(run, null, clientForm(options.clientId(), options.clientSecret()));
    String token = accessToken(run, response, "tenant A's token request", false);
    run.conceal(token, "tenant A");
    return run.rfc().withAuthorization("Bearer " + token);
  }

  /** Tenant B: its token, or one from the token endpoint for its client. */
  private static ScimClient otherTenant(CheckRun run) {
    TestkitOptions options = run.options();
    String token = options.otherToken();
    if (token == null) {
      Response response =
          tokenRequest(run, null, clientForm(options.otherClientId(), options.otherClientSecret()));
      token = accessToken(run, response, "tenant B's token request", false);
      run.conceal(token, "tenant B");
    }
    return run.rfc().withAuthorization("Bearer " + token);
  }

  private static ObjectNode tenantUser(String userName, String displayName) {
    ObjectNode body =
        Json.object(
            "schemas",
            Json.array(Json.USER),
            "userName",
            userName,
            "displayName",
            displayName,
            "active",
            true);
    body.set("name", Json.object("givenName", "Ada", "familyName", "Lovelace"));
    return body;
  }

  // --- helpers -----------------------------------------------------------------------------------

  /**
   * POSTs the form {@code body} to the token endpoint with {@code authorization} (none when null),
   * and keeps every token of the answer out of the reports.
   */
  private static Response tokenRequest(CheckRun run, String authorization, String body) {
    Response response =
        run.oauth()
            .withAuthorization(authorization)
            .request("POST", run.options().tokenUrl().toString())
            .rawBody(body)
            .send();
    if (response.isJson()) {
      for (String name : List.of("access_token", "refresh_token", "id_token")) {
        JsonNode token = response.json().path(name);
        if (token.isTextual()) {
          run.conceal(token.textValue());
        }
      }
    }
    return response;
  }

  /** A form body ({@code application/x-www-form-urlencoded}) of alternating names and values. */
  private static String form(String... namesAndValues) {
    StringJoiner body = new StringJoiner("&");
    for (int i = 0; i < namesAndValues.length; i += 2) {
      body.add(Query.form(namesAndValues[i]) + "=" + Query.form(namesAndValues[i + 1]));
    }
    return body.toString();
  }

  /** The client credentials grant with the client in the form ({@code client_secret_post}). */
  private static String clientForm(String clientId, String secret) {
    return form("grant_type", "client_credentials", "client_id", clientId, "client_secret", secret);
  }

  /**
   * {@code Authorization: Basic} for {@code client_secret_basic}: the id and the secret each
   * form-encoded before Base64 (RFC 6749 §2.3.1); kept out of the reports.
   */
  private static String basic(CheckRun run, String clientId, String secret) {
    String credentials =
        Base64.getEncoder()
            .encodeToString(
                (Query.form(clientId) + ":" + Query.form(secret)).getBytes(StandardCharsets.UTF_8));
    run.conceal(credentials);
    return "Basic " + credentials;
  }

  /**
   * Expects an access token response (RFC 6749 §5.1) and returns its token: 200 and a JSON {@code
   * access_token}; when {@code fully}, also the JSON media type, a Bearer {@code token_type}, an
   * {@code expires_in} of 60 minutes to 6 hours and {@code Cache-Control: no-store}, which the
   * token checks judge and the tenant check, needing only a token, leaves to them. A 429 with
   * {@code Retry-After} skips the check: the endpoint is throttling the client after failures, so
   * nothing can be judged now.
   */
  private static String accessToken(
      CheckRun run, Response response, String request, boolean fully) {
    if (throttled(response)) {
      throw run.skip(
          "the token endpoint answered "
              + request
              + " with 429 and Retry-After: "
              + response.header("Retry-After").strip()
              + " (throttling after failures); run again after that many seconds");
    }
    response.expectStatus(request + " is granted: 200 with an access token", 200);
    if (fully) {
      expectJson(response, "§5.1");
    }
    JsonNode body = response.json("a JSON object with the access token (RFC 6749 §5.1)");
    JsonNode token = body.path("access_token");
    if (!token.isTextual() || token.textValue().isEmpty()) {
      throw response
          .fail("a non-empty string \"access_token\"", Json.show(token))
          .see(rfc6749("5.1"));
    }
    if (!fully) {
      return token.textValue();
    }
    JsonNode type = body.path("token_type");
    if (!type.isTextual() || !type.textValue().equalsIgnoreCase("Bearer")) {
      throw response
          .fail(
              "\"token_type\": \"Bearer\" (in any case), the type SCIM requests send it as",
              "\"token_type\": " + Json.show(type))
          .see(rfc6749("7.1"));
    }
    JsonNode expires = body.path("expires_in");
    if (!expires.isIntegralNumber()) {
      throw response
          .fail(
              "\"expires_in\" as a JSON integer of seconds",
              "\"expires_in\": " + Json.show(expires))
          .see(rfc6749("5.1"));
    }
    long seconds = expires.asLong();
    if (seconds < SHORTEST || seconds > LONGEST) {
      throw response
          .fail(
              "\"expires_in\" of "
                  + SHORTEST
                  + " to "
                  + LONGEST
                  + " seconds: access tokens live 60 minutes to 6 hours",
              "\"expires_in\": " + seconds)
          .see("Microsoft Learn (gallery provisioning requirements): " + Sources.ENTRA_GALLERY);
    }
    String cache = response.header("Cache-Control");
    boolean noStore =
        cache != null
            && List.of(cache.split(",")).stream()
                .anyMatch(directive -> directive.strip().equalsIgnoreCase("no-store"));
    if (!noStore) {
      throw response
          .fail(
              "Cache-Control: no-store, so that no cache keeps the token",
              cache == null ? "no Cache-Control" : "Cache-Control: " + cache)
          .see(rfc6749("5.1"));
    }
    return token.textValue();
  }

  /** Fails unless SCIM accepts {@code token}: GET /Users?count=1 and /ServiceProviderConfig. */
  private static void expectScimAccepts(CheckRun run, String token) {
    ScimClient scim = run.rfc().withAuthorization("Bearer " + token);
    scim.get("/Users?count=1")
        .expectStatus("the access token is accepted on SCIM requests", 200)
        .listing();
    scim.get("/ServiceProviderConfig")
        .expectStatus("the access token is accepted on SCIM requests", 200);
  }

  /** Fails unless the body is JSON and says so ({@code application/json}), never an HTML page. */
  private static void expectJson(Response response, String section) {
    String type = response.header("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/json")) {
      throw response
          .fail(
              "Content-Type: application/json (RFC 6749 " + section + ")",
              type == null ? "no Content-Type" : "Content-Type: " + type)
          .see(rfc6749(section.substring(1)));
    }
    if (!response.json("a JSON object (RFC 6749 " + section + ")").isObject()) {
      throw response.fail("a JSON object (RFC 6749 " + section + ")", Json.show(response.json()));
    }
  }

  private static void expectOAuthError(
      Response response, String meaning, String error, int... statuses) {
    expectOAuthError(response, meaning, List.of(error), statuses);
  }

  /** Fails unless the answer is an RFC 6749 §5.2 error: a status, JSON, one of {@code errors}. */
  private static void expectOAuthError(
      Response response, String meaning, List<String> errors, int... statuses) {
    response.expectStatus(meaning, statuses);
    expectJson(response, "§5.2");
    JsonNode error = response.json().path("error");
    if (!error.isTextual() || !errors.contains(error.textValue())) {
      throw response.fail(
          errors.stream().map(e -> "\"error\": \"" + e + "\"").collect(Collectors.joining(" or ")),
          error.isMissingNode()
              ? "no \"error\" in " + Json.show(response.json())
              : "\"error\": " + Json.show(error));
    }
  }

  /** Whether the answer is 429 with {@code Retry-After} in seconds, as throttling sends it. */
  private static boolean throttled(Response response) {
    String retryAfter = response.header("Retry-After");
    return response.status() == 429 && retryAfter != null && retryAfter.strip().matches("\\d{1,9}");
  }

  /** {@link #throttled(Response)}, noting that {@code what} could not be judged. */
  private static boolean throttled(CheckRun run, Response response, String what) {
    if (!throttled(response)) {
      return false;
    }
    run.note(
        "The token endpoint answered "
            + what
            + " with 429 and Retry-After: "
            + response.header("Retry-After").strip()
            + ": throttling repeated failures is allowed, so this case was not judged");
    return true;
  }

  /**
   * Fails unless {@code response} is a 401 SCIM error with a {@code WWW-Authenticate} challenge.
   */
  private static void expectUnauthorized(Response response, String meaning) {
    response.expectError(401, null, meaning);
    if (response.header("WWW-Authenticate") == null) {
      throw response
          .fail("a WWW-Authenticate header with the 401", "none")
          .see("RFC 6750 §3: " + Sources.RFC6750 + "3");
    }
  }

  /** A "See:" line for a section of RFC 6749, e.g. {@code 5.1}. */
  private static String rfc6749(String section) {
    return "RFC 6749 §" + section + ": " + Sources.RFC6749 + section;
  }

  /** A JWT without a signature ({@code "alg": "none"}) claiming a subject for an hour. */
  private static String unsignedJwt() {
    Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
    long now = Instant.now().getEpochSecond();
    String header = Json.write(Json.object("alg", "none", "typ", "JWT"));
    ObjectNode claims = Json.object("sub", "rtk-testkit", "iss", "https://testkit.invalid/");
    claims.put("iat", now);
    claims.put("exp", now + 3600);
    return base64.encodeToString(header.getBytes(StandardCharsets.UTF_8))
        + "."
        + base64.encodeToString(Json.write(claims).getBytes(StandardCharsets.UTF_8))
        + ".";
  }
}
