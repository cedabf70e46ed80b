package dev.roster.scim.testkit;

import static dev.roster.scim.testkit.Defects.answers;
import static dev.roster.scim.testkit.Defects.defect;
import static dev.roster.scim.testkit.Defects.replace;
import static dev.roster.scim.testkit.Defects.requests;
import static dev.roster.scim.testkit.Defects.responses;
import static dev.roster.scim.testkit.Suite.AUTH;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.testkit.Defects.Defect;
import dev.roster.scim.testkit.Proxy.Call;
import dev.roster.scim.testkit.Proxy.Interceptor;
import dev.roster.scim.testkit.Proxy.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Realistic authentication bugs, each injected by the {@link Proxy} into a correct Roster server
 * with a token endpoint and two tenants ({@link TwoTenants}), with the auth checks each must fail
 * and the words their failure messages must contain. The server is supplied at request time: each
 * test starts its own.
 */
final class AuthDefects {
  private static final String TOKEN_CHECK = "Token request as Entra sends it";
  private static final String BASIC_CHECK = "Token request with HTTP Basic";
  private static final String ERRORS_CHECK = "Token endpoint errors";
  private static final String NO_CREDENTIALS_CHECK = "A SCIM request without credentials";
  private static final String GARBAGE_CHECK = "A SCIM request with a garbage bearer token";
  private static final String REVOKED_CHECK = "A revoked token";
  private static final String EXPIRED_CHECK = "An expired token";
  private static final String TENANTS_CHECK = "Two tenants";

  private AuthDefects() {}

  /** Every defect, injected into the server {@code server} supplies when a request comes. */
  static List<Defect> all(Supplier<TwoTenants> server) {
    return List.of(
        // --- the token endpoint ------------------------------------------------------------------
        defect(
                "token response as an HTML page",
                tokenResponses(
                    (call, reply) -> {
                      if (reply.status == 200) {
                        replace(
                            reply,
                            Reply.text(200, "text/html", "<html><body>Signed in</body></html>"));
                      }
                    }))
            .fails(AUTH, TOKEN_CHECK, "Content-Type: application/json", "text/html")
            .fails(AUTH, BASIC_CHECK, "Content-Type: application/json", "text/html"),
        defect(
                "token response without Cache-Control: no-store",
                tokenResponses(
                    (call, reply) -> {
                      reply.headers.remove("Cache-Control");
                      reply.headers.remove("Pragma");
                    }))
            .fails(AUTH, TOKEN_CHECK, "Cache-Control: no-store", "no Cache-Control")
            .fails(AUTH, BASIC_CHECK, "Cache-Control: no-store"),
        defect("access tokens that live a day", tokenJson(body -> body.put("expires_in", 86400)))
            .fails(AUTH, TOKEN_CHECK, "60 minutes to 6 hours", "86400"),
        defect("expires_in as a string", tokenJson(body -> body.put("expires_in", "3600")))
            .fails(AUTH, TOKEN_CHECK, "JSON integer", "\"3600\""),
        defect("no token_type", tokenJson(body -> body.remove("token_type")))
            .fails(AUTH, TOKEN_CHECK, "\"token_type\": \"Bearer\"", "(absent)"),
        defect(
                "client_secret_basic not supported",
                answers(
                    tokenRequest().and(call -> call.header("Authorization") != null),
                    call -> oauthError(401, "invalid_client")))
            .fails(AUTH, BASIC_CHECK, "with HTTP Basic is granted", "found HTTP 401"),
        defect(
                "token errors as HTML pages",
                tokenResponses(
                    (call, reply) -> {
                      if (reply.status >= 400) {
                        replace(
                            reply,
                            Reply.text(
                                reply.status, "text/html", "<html><h1>Access denied</h1></html>"));
                      }
                    }))
            .fails(AUTH, ERRORS_CHECK, "Content-Type: application/json", "text/html"),
        defect(
                "a wrong Basic secret answers 400 without a challenge",
                tokenResponses(
                    (call, reply) -> {
                      if (reply.status == 401) {
                        replace(reply, oauthError(400, "invalid_client"));
                      }
                    }))
            .fails(AUTH, ERRORS_CHECK, "HTTP 401", "found HTTP 400"),
        defect(
                "a wrong Basic secret challenges Bearer",
                tokenResponses(
                    (call, reply) -> {
                      if (reply.status == 401) {
                        reply.headers.put(
                            "WWW-Authenticate", new ArrayList<>(List.of("Bearer realm=\"oauth\"")));
                      }
                    }))
            .fails(AUTH, ERRORS_CHECK, "WWW-Authenticate: Basic", "Bearer realm"),
        defect(
                "an unknown client answers 400, a wrong secret 401",
                answers(
                    tokenRequest()
                        .and(
                            call -> {
                              String id = call.form().get("client_id");
                              return id != null
                                  && !id.equals(TwoTenants.ACME_CLIENT)
                                  && !id.equals(TwoTenants.GLOBEX_CLIENT);
                            }),
                    call -> oauthError(400, "invalid_client")))
            .fails(AUTH, ERRORS_CHECK, "as for a wrong secret", "HTTP 400"),
        defect(
                "another grant type answers invalid_request",
                answers(
                    tokenRequest().and(call -> "password".equals(call.form().get("grant_type"))),
                    call -> oauthError(400, "invalid_request")))
            .fails(AUTH, ERRORS_CHECK, "unsupported_grant_type", "\"invalid_request\""),
        defect(
                "a missing grant_type answers 401",
                answers(
                    tokenRequest().and(call -> !call.form().containsKey("grant_type")),
                    call -> oauthError(401, "invalid_client")))
            .fails(AUTH, ERRORS_CHECK, "without grant_type is malformed", "found HTTP 401"),
        // --- SCIM requests with wrong credentials ------------------------------------------------
        unauthorized(
            "401 without WWW-Authenticate",
            reply -> reply.headers.remove("WWW-Authenticate"),
            "WWW-Authenticate",
            "none"),
        unauthorized(
            "401 as an HTML page",
            reply -> replace(reply, Reply.text(401, "text/html", "<h1>401 Unauthorized</h1>")),
            "SCIM error body",
            "not JSON"),
        defect("any bearer token accepted", asAcme(server, call -> bearer(call) != null))
            .fails(AUTH, GARBAGE_CHECK, "never issued is refused", "found HTTP 200")
            .fails(AUTH, REVOKED_CHECK, "a revoked token is refused", "found HTTP 200")
            .fails(AUTH, EXPIRED_CHECK, "an expired token is refused", "found HTTP 200")
            .fails(AUTH, TENANTS_CHECK, "tenant B does not see tenant A's user", "found HTTP 200"),
        defect("unsigned JWTs accepted", asAcme(server, call -> unsigned(bearer(call))))
            .fails(AUTH, GARBAGE_CHECK, "unsigned JWT", "found HTTP 200"),
        accepts("revoked tokens accepted", server, t -> t.revokedToken, REVOKED_CHECK, "a revoked"),
        accepts(
            "expired tokens accepted", server, t -> t.expiredToken, EXPIRED_CHECK, "an expired"),
        // --- two tenants -----------------------------------------------------------------------
        defect(
                "reads by id ignore the tenant",
                asAcme(server, otherTenant(server).and(call -> call.is("GET", "/Users/"))))
            .fails(AUTH, TENANTS_CHECK, "tenant B does not see tenant A's user", "HTTP 200"),
        defect(
                "filters ignore the tenant",
                asAcme(server, otherTenant(server).and(call -> call.param("filter") != null)))
            .fails(AUTH, TENANTS_CHECK, "tenant B's filter does not find", "totalResults 1"),
        defect(
                "writes ignore the tenant",
                asAcme(
                    server,
                    otherTenant(server)
                        .and(call -> call.is("PATCH", "/Users/") || call.is("DELETE", "/Users/"))))
            .fails(AUTH, TENANTS_CHECK, "tenant B cannot change tenant A's user", "HTTP 200"),
        defect("userNames unique across tenants", globallyUnique(server))
            .fails(AUTH, TENANTS_CHECK, "same userName", "found HTTP 409"));
  }

  private static Predicate<Call> tokenRequest() {
    return call -> !call.scim && call.is("POST", "/oauth/token");
  }

  private static Interceptor tokenResponses(Defects.ReplyChange change) {
    return responses(tokenRequest(), change);
  }

  /** Changes the JSON body of successful token responses. */
  private static Interceptor tokenJson(Defects.Change<ObjectNode> change) {
    return tokenResponses(
        (call, reply) -> {
          if (reply.status == 200 && reply.json() instanceof ObjectNode body) {
            change.apply(body);
            reply.json(body);
          }
        });
  }

  /** An RFC 6749 §5.2 error as a token endpoint sends it. */
  private static Reply oauthError(int status, String error) {
    Reply reply = Reply.text(status, "application/json", "{\"error\":\"" + error + "\"}");
    reply.headers.put("Cache-Control", new ArrayList<>(List.of("no-store")));
    return reply;
  }

  /** The bearer token of a SCIM request, or null. */
  private static String bearer(Call call) {
    String authorization = call.header("Authorization");
    return call.scim && authorization != null && authorization.startsWith("Bearer ")
        ? authorization.substring(7)
        : null;
  }

  /** Whether {@code token} is a JWT whose header says {@code "alg": "none"}. */
  private static boolean unsigned(String token) {
    if (token == null || token.split("\\.", -1).length != 3) {
      return false;
    }
    try {
      String header =
          new String(
              Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
              StandardCharsets.UTF_8);
      return header.replace(" ", "").contains("\"alg\":\"none\"");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** SCIM requests with the other tenant's (globex's) token. */
  private static Predicate<Call> otherTenant(Supplier<TwoTenants> server) {
    return call -> server.get().globexToken.equals(bearer(call));
  }

  /** A defect of every SCIM 401, which each check of wrong credentials must fail. */
  private static Defect unauthorized(String name, Defects.Change<Reply> change, String... words) {
    Defect defect =
        defect(
            name,
            responses(
                call -> call.scim,
                (call, reply) -> {
                  if (reply.status == 401) {
                    change.apply(reply);
                  }
                }));
    for (String check :
        List.of(NO_CREDENTIALS_CHECK, GARBAGE_CHECK, REVOKED_CHECK, EXPIRED_CHECK)) {
      defect = defect.fails(AUTH, check, words);
    }
    return defect;
  }

  /** Sends the matching requests with acme's token instead of their own. */
  private static Interceptor asAcme(Supplier<TwoTenants> server, Predicate<Call> when) {
    return requests(
        when,
        call ->
            call.headers.put(
                "Authorization", new ArrayList<>(List.of("Bearer " + server.get().acmeToken))));
  }

  /** A server that takes the token {@code token} picks for acme's: it checks too little. */
  private static Defect accepts(
      String name,
      Supplier<TwoTenants> server,
      Function<TwoTenants, String> token,
      String check,
      String what) {
    return defect(name, asAcme(server, call -> token.apply(server.get()).equals(bearer(call))))
        .fails(AUTH, check, what + " token is refused", "found HTTP 200");
  }

  /**
   * The other tenant's POST /Users answers 409 when acme has a user of that userName, as one index
   * over every tenant would.
   */
  private static Interceptor globallyUnique(Supplier<TwoTenants> server) {
    return (call, backend) -> {
      if (otherTenant(server).test(call) && call.is("POST", "/Users") && call.json() != null) {
        String filter = "userName eq \"" + call.json().path("userName").asText() + "\"";
        Call find =
            new Call(
                "GET",
                "/Users",
                "filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8),
                new byte[0]);
        find.headers.put(
            "Authorization", new ArrayList<>(List.of("Bearer " + server.get().acmeToken)));
        JsonNode found = backend.send(find).json();
        if (found != null && found.path("totalResults").asInt() > 0) {
          return Reply.error(409, "uniqueness", "userName is already taken");
        }
      }
      return backend.send(call);
    };
  }
}
