package dev.roster.scim.server.auth.jwt;

import static dev.roster.scim.server.auth.jwt.EntraTokenAuthenticatorTest.JWKS;
import static dev.roster.scim.server.auth.jwt.EntraTokenAuthenticatorTest.KEY;
import static dev.roster.scim.server.auth.jwt.EntraTokenAuthenticatorTest.KID;
import static dev.roster.scim.server.auth.jwt.EntraTokenAuthenticatorTest.NOW;
import static dev.roster.scim.server.auth.jwt.EntraTokenAuthenticatorTest.OTHER_KEY;
import static dev.roster.scim.server.auth.jwt.TestJwt.OTHER_ENTRA_TENANT;
import static dev.roster.scim.server.auth.jwt.TestJwt.claims;
import static dev.roster.scim.server.auth.jwt.TestJwt.rs256;
import static dev.roster.scim.server.auth.jwt.TestJwt.with;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The engine with an Entra token authenticator: 200 with a valid token, 401 with each bad one. */
class EntraTokenScimServerTest {
  private final ScimServer server =
      ScimServer.builder()
          .users(new InMemoryStore(SchemaRegistry.standard()).users())
          .authenticator(
              EntraTokenAuthenticator.builder()
                  .jwks(JWKS)
                  .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                  .tenantMapping(EntraTokenScimServerTest::tenantOf)
                  .build())
          .build();

  private static final String FAILING_TENANT = "9c8b7a6f-5e4d-4c3b-8a29-1f0e9d8c7b6a";

  private static Optional<String> tenantOf(String entraTenant) {
    if (entraTenant.equals(FAILING_TENANT)) {
      throw new IllegalStateException("The tenant directory is unavailable");
    }
    return entraTenant.equals(TestJwt.ENTRA_TENANT) ? Optional.of("acme") : Optional.empty();
  }

  private static String tokenFor(String entraTenant) {
    return rs256(
        KEY.getPrivate(),
        KID,
        with(
            with(claims(NOW), "iss", "https://sts.windows.net/" + entraTenant + "/"),
            "tid",
            entraTenant));
  }

  private ScimResponse getUsers(String token) {
    return server.handle(
        new ScimRequest(
            "GET",
            "/Users",
            Map.of(),
            Map.of("Authorization", List.of("Bearer " + token)),
            null,
            "https://saas.example.com/scim/v2"));
  }

  @Test
  void answersAValidEntraToken() {
    ScimResponse response = getUsers(rs256(KEY.getPrivate(), KID, claims(NOW)));
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body().path("totalResults").asInt()).isZero();
  }

  @Test
  void answers401ToEveryBadTokenAndNeverEchoesOrLogsIt() {
    long now = NOW.getEpochSecond();
    Map<String, String> bad = new LinkedHashMap<>();
    bad.put("expired", rs256(KEY.getPrivate(), KID, with(claims(NOW), "exp", now - 600)));
    bad.put("not yet valid", rs256(KEY.getPrivate(), KID, with(claims(NOW), "nbf", now + 600)));
    bad.put("wrong audience", rs256(KEY.getPrivate(), KID, with(claims(NOW), "aud", "api://x")));
    bad.put(
        "wrong issuer",
        rs256(KEY.getPrivate(), KID, with(claims(NOW), "iss", "https://evil.example/")));
    bad.put("alg none", TestJwt.unsigned(KID, claims(NOW)));
    bad.put(
        "HS256 with the public key", TestJwt.hs256(KEY.getPublic().getEncoded(), KID, claims(NOW)));
    bad.put("unknown kid", rs256(KEY.getPrivate(), "unknown", claims(NOW)));
    bad.put("another key", rs256(OTHER_KEY.getPrivate(), KID, claims(NOW)));
    bad.put("unmapped tenant", tokenFor(OTHER_ENTRA_TENANT));
    bad.put("garbage", "not-a-jwt");
    String valid = rs256(KEY.getPrivate(), KID, claims(NOW));
    String[] parts = valid.split("\\.");
    bad.put(
        "tampered",
        parts[0]
            + "."
            + TestJwt.segment(with(claims(NOW), "appid", "someone-else"))
            + "."
            + parts[2]);

    String failing = tokenFor(FAILING_TENANT);
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    System.setOut(capture);
    System.setErr(capture);
    try {
      bad.forEach(this::assertUnauthorized);
      assertThat(getUsers(failing).status()).isEqualTo(500);
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    String logged = captured.toString(StandardCharsets.UTF_8);
    bad.put("failing tenant mapping", failing);
    // The engine logs the host's failure, which shows the capture works.
    assertThat(logged).contains("The tenant directory is unavailable");
    bad.forEach(
        (what, token) -> {
          for (String part : token.split("\\.")) {
            if (part.length() > 8) {
              assertThat(logged).as(what).doesNotContain(part);
            }
          }
        });
  }

  private void assertUnauthorized(String what, String token) {
    ScimResponse response = getUsers(token);
    assertThat(response.status()).as(what).isEqualTo(401);
    assertThat(response.headers()).as(what).containsKey("WWW-Authenticate");
    String body = new String(response.bodyBytes(), StandardCharsets.UTF_8);
    for (String part : token.split("\\.")) {
      if (part.length() > 8) {
        assertThat(body).as(what).doesNotContain(part);
      }
    }
    assertThat(response.headers().toString()).as(what).doesNotContain(token);
  }
}
