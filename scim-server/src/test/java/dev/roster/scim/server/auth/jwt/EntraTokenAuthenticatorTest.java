package dev.roster.scim.server.auth.jwt;

import static dev.roster.scim.server.auth.jwt.TestJwt.APP_ID;
import static dev.roster.scim.server.auth.jwt.TestJwt.ENTRA_TENANT;
import static dev.roster.scim.server.auth.jwt.TestJwt.OTHER_ENTRA_TENANT;
import static dev.roster.scim.server.auth.jwt.TestJwt.claims;
import static dev.roster.scim.server.auth.jwt.TestJwt.encode;
import static dev.roster.scim.server.auth.jwt.TestJwt.rs256;
import static dev.roster.scim.server.auth.jwt.TestJwt.segment;
import static dev.roster.scim.server.auth.jwt.TestJwt.with;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimRequest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Entra-issued tokens against an in-memory key set, signed with keys generated here. */
class EntraTokenAuthenticatorTest {
  static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  static final KeyPair KEY = TestJwt.rsa(2048);
  static final KeyPair OTHER_KEY = TestJwt.rsa(2048);
  static final String KID = "JDNa_4i4r7FgigL3sHIlI3xV-IU";
  static final String JWKS = TestJwt.jwks(Map.of(KID, (RSAPublicKey) KEY.getPublic()));

  private final List<Refusal> refusals = new CopyOnWriteArrayList<>();
  private final List<String> mapped = new CopyOnWriteArrayList<>();

  private EntraTokenAuthenticator.Builder builder() {
    return EntraTokenAuthenticator.builder()
        .jwks(JWKS)
        .clock(CLOCK)
        .onRefusal(refusals::add)
        .tenantMapping(
            entraTenant -> {
              mapped.add(entraTenant);
              return entraTenant.equals(ENTRA_TENANT) ? Optional.of("acme") : Optional.empty();
            });
  }

  private final EntraTokenAuthenticator authenticator = builder().build();

  static ScimRequest request(String authorization) {
    return new ScimRequest(
        "GET",
        "/Users",
        Map.of(),
        authorization == null ? Map.of() : Map.of("Authorization", List.of(authorization)),
        null,
        "https://saas.example.com/scim/v2");
  }

  private Optional<Identity> authenticate(EntraTokenAuthenticator with, String token) {
    return with.authenticate(request("Bearer " + token));
  }

  private Optional<Identity> authenticate(String token) {
    return authenticate(authenticator, token);
  }

  private void assertRefused(EntraTokenAuthenticator with, String token, Refusal reason) {
    int before = refusals.size();
    assertThat(authenticate(with, token)).isEmpty();
    assertThat(refusals).hasSize(before + 1);
    assertThat(refusals.get(before)).isEqualTo(reason);
  }

  private void assertRefused(String token, Refusal reason) {
    assertRefused(authenticator, token, reason);
  }

  private static String valid(Map<String, Object> claims) {
    return rs256(KEY.getPrivate(), KID, claims);
  }

  @Test
  void acceptsAnEntraTokenAsTheMappedTenantAndTheCallingApplication() {
    Optional<Identity> identity = authenticate(valid(claims(NOW)));

    assertThat(identity).isPresent();
    assertThat(identity.get().tenant()).isEqualTo("acme");
    assertThat(identity.get().principal()).isEqualTo(APP_ID);
    assertThat(identity.get().attributes())
        .containsExactly(Map.entry(EntraTokenAuthenticator.ENTRA_TENANT_ID, ENTRA_TENANT));
    assertThat(mapped).containsExactly(ENTRA_TENANT);
    assertThat(refusals).isEmpty();
  }

  @Test
  void acceptsTheBearerSchemeInAnyCaseAndSurroundingBlanks() {
    String token = valid(claims(NOW));
    assertThat(authenticator.authenticate(request("bearer " + token))).isPresent();
    assertThat(authenticator.authenticate(request("  BEARER   " + token + "  "))).isPresent();
  }

  @Test
  void principalIsAppIdThenAzpThenSubAndNeverTheToken() {
    Map<String, Object> noAppId = with(claims(NOW), "appid", null);
    assertThat(authenticate(valid(with(noAppId, "azp", "client-app"))).get().principal())
        .isEqualTo("client-app");
    assertThat(authenticate(valid(noAppId)).get().principal())
        .isEqualTo("f3c7d2e1-9a8b-4c5d-8e7f-6a5b4c3d2e1f");
    assertRefused(valid(with(noAppId, "sub", null)), Refusal.MISSING_CLAIM);
    assertRefused(valid(with(claims(NOW), "appid", 42)), Refusal.MALFORMED);
  }

  @Test
  void refusesExpiredTokensBeyondTheClockSkew() {
    long now = NOW.getEpochSecond();
    assertRefused(valid(with(claims(NOW), "exp", now - 121)), Refusal.EXPIRED);
    assertRefused(valid(with(claims(NOW), "exp", now - 120)), Refusal.EXPIRED);
    assertThat(authenticate(valid(with(claims(NOW), "exp", now - 119)))).isPresent();
    assertThat(authenticate(valid(with(claims(NOW), "exp", now - 119.5)))).isPresent();
  }

  @Test
  void refusesTokensNotYetValidBeyondTheClockSkew() {
    long now = NOW.getEpochSecond();
    assertRefused(valid(with(claims(NOW), "nbf", now + 121)), Refusal.NOT_YET_VALID);
    assertThat(authenticate(valid(with(claims(NOW), "nbf", now + 120)))).isPresent();
    assertThat(authenticate(valid(with(claims(NOW), "nbf", null)))).isPresent();
  }

  @Test
  void clockSkewIsConfigurable() {
    EntraTokenAuthenticator strict = builder().clockSkew(Duration.ZERO).build();
    long now = NOW.getEpochSecond();
    assertRefused(strict, valid(with(claims(NOW), "exp", now)), Refusal.EXPIRED);
    assertThat(authenticate(strict, valid(with(claims(NOW), "exp", now + 1)))).isPresent();
    assertRefused(strict, valid(with(claims(NOW), "nbf", now + 1)), Refusal.NOT_YET_VALID);
  }

  @Test
  void refusesTokensWithoutExpiryOrWithTimesThatAreNotNumbers() {
    assertRefused(valid(with(claims(NOW), "exp", null)), Refusal.MISSING_CLAIM);
    assertRefused(valid(with(claims(NOW), "exp", "1900000000")), Refusal.MALFORMED);
    assertRefused(valid(with(claims(NOW), "nbf", List.of(1))), Refusal.MALFORMED);
  }

  @Test
  void refusesAnotherAudience() {
    assertRefused(
        valid(with(claims(NOW), "aud", "00000003-0000-0000-c000-000000000000")), Refusal.AUDIENCE);
    assertRefused(valid(with(claims(NOW), "aud", null)), Refusal.AUDIENCE);
    assertRefused(valid(with(claims(NOW), "aud", List.of("a", "b"))), Refusal.AUDIENCE);
    assertRefused(
        valid(with(claims(NOW), "aud", EntraTokenAuthenticator.NON_GALLERY_AUDIENCE.toUpperCase())),
        Refusal.AUDIENCE);
    assertThat(
            authenticate(
                valid(
                    with(
                        claims(NOW),
                        "aud",
                        List.of("other", EntraTokenAuthenticator.NON_GALLERY_AUDIENCE)))))
        .isPresent();
  }

  @Test
  void aGalleryApplicationConfiguresItsOwnAudience() {
    String galleryAppId = "d1e2f3a4-b5c6-4d7e-8f90-a1b2c3d4e5f6";
    EntraTokenAuthenticator gallery = builder().audience(galleryAppId).build();
    assertThat(authenticate(gallery, valid(with(claims(NOW), "aud", galleryAppId)))).isPresent();
    assertRefused(gallery, valid(claims(NOW)), Refusal.AUDIENCE);
  }

  @Test
  void refusesIssuersOtherThanEntrasTokenService() {
    for (String iss :
        List.of(
            "https://evil.example/" + ENTRA_TENANT + "/",
            "https://sts.windows.net/not-a-tenant-id/",
            "https://sts.windows.net/" + ENTRA_TENANT,
            "http://sts.windows.net/" + ENTRA_TENANT + "/",
            "https://sts.windows.net.evil.example/" + ENTRA_TENANT + "/",
            "https://login.microsoftonline.com/" + ENTRA_TENANT + "/v2.0")) {
      assertRefused(valid(with(with(claims(NOW), "iss", iss), "tid", null)), Refusal.ISSUER);
    }
    assertRefused(valid(with(claims(NOW), "iss", null)), Refusal.ISSUER);
    assertRefused(valid(with(claims(NOW), "iss", 7)), Refusal.ISSUER);
  }

  @Test
  void configuredIssuersAreTheOnlyOnesAccepted() {
    String v2 = "https://login.microsoftonline.com/" + ENTRA_TENANT + "/v2.0";
    EntraTokenAuthenticator onlyV2 = builder().issuers(List.of(v2)).build();
    assertThat(authenticate(onlyV2, valid(with(with(claims(NOW), "iss", v2), "tid", null))))
        .map(Identity::tenant)
        .contains("acme");
    assertRefused(onlyV2, valid(claims(NOW)), Refusal.ISSUER);

    EntraTokenAuthenticator custom = builder().issuers(List.of("https://issuer.example")).build();
    assertThat(authenticate(custom, valid(with(claims(NOW), "iss", "https://issuer.example"))))
        .isPresent();
    // A custom issuer names no tenant, so the token must carry tid.
    assertRefused(
        custom,
        valid(with(with(claims(NOW), "iss", "https://issuer.example"), "tid", null)),
        Refusal.MISSING_CLAIM);
  }

  @Test
  void takesTheTenantFromTidOrElseFromTheIssuerAndRefusesThemDisagreeing() {
    String upper = ENTRA_TENANT.toUpperCase();
    assertThat(authenticate(valid(with(claims(NOW), "tid", null)))).isPresent();
    assertThat(authenticate(valid(with(claims(NOW), "tid", upper)))).isPresent();
    assertThat(mapped).containsExactly(ENTRA_TENANT, ENTRA_TENANT);
    assertRefused(valid(with(claims(NOW), "tid", OTHER_ENTRA_TENANT)), Refusal.TENANT_MISMATCH);
    assertRefused(valid(with(claims(NOW), "tid", 1)), Refusal.MALFORMED);
  }

  @Test
  void refusesATenantTheHostDoesNotMap() {
    String other = "https://sts.windows.net/" + OTHER_ENTRA_TENANT + "/";
    assertRefused(
        valid(with(with(claims(NOW), "iss", other), "tid", OTHER_ENTRA_TENANT)),
        Refusal.UNMAPPED_TENANT);
    assertThat(mapped).containsExactly(OTHER_ENTRA_TENANT);

    EntraTokenAuthenticator nullMapping = builder().tenantMapping(id -> null).build();
    assertRefused(nullMapping, valid(claims(NOW)), Refusal.UNMAPPED_TENANT);
  }

  @Test
  void neverAsksTheHostAboutTokensThatFailAnotherCheck() {
    assertRefused(valid(with(claims(NOW), "aud", "x")), Refusal.AUDIENCE);
    assertRefused(rs256(OTHER_KEY.getPrivate(), KID, claims(NOW)), Refusal.SIGNATURE);
    assertThat(mapped).isEmpty();
  }

  @Test
  void refusesAlgNoneInEverySpelling() {
    assertRefused(TestJwt.unsigned(KID, claims(NOW)), Refusal.ALGORITHM);
    String signed = valid(claims(NOW));
    String payloadAndSignature = signed.substring(signed.indexOf('.'));
    for (String alg : List.of("none", "None", "NONE", "rs256", "RS256 ", "RS384", "PS256", "")) {
      assertRefused(segment(TestJwt.header(alg, KID)) + payloadAndSignature, Refusal.ALGORITHM);
    }
    assertRefused(
        segment(Map.of("typ", "JWT", "kid", KID)) + payloadAndSignature, Refusal.ALGORITHM);
    assertRefused(
        segment(Map.of("alg", List.of("RS256"), "kid", KID)) + payloadAndSignature,
        Refusal.ALGORITHM);
  }

  @Test
  void refusesHs256SignedWithThePublicKeyAsTheSecret() {
    RSAPublicKey publicKey = (RSAPublicKey) KEY.getPublic();
    String pem =
        "-----BEGIN PUBLIC KEY-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(publicKey.getEncoded())
            + "\n-----END PUBLIC KEY-----\n";
    List<byte[]> secrets =
        List.of(
            publicKey.getEncoded(),
            pem.getBytes(StandardCharsets.US_ASCII),
            publicKey.getModulus().toByteArray(),
            JWKS.getBytes(StandardCharsets.UTF_8));
    for (byte[] secret : secrets) {
      assertRefused(TestJwt.hs256(secret, KID, claims(NOW)), Refusal.ALGORITHM);
    }
  }

  @Test
  void refusesAnUnknownOrMissingKid() {
    assertRefused(rs256(KEY.getPrivate(), "another-kid", claims(NOW)), Refusal.UNKNOWN_KEY);
    assertRefused(rs256(KEY.getPrivate(), (String) null, claims(NOW)), Refusal.UNKNOWN_KEY);
    assertRefused(rs256(KEY.getPrivate(), "", claims(NOW)), Refusal.UNKNOWN_KEY);
    assertRefused(
        rs256(KEY.getPrivate(), with(TestJwt.header("RS256", null), "kid", 5), claims(NOW)),
        Refusal.UNKNOWN_KEY);
  }

  @Test
  void refusesATokenSignedByAnotherKeyUnderAKnownKid() {
    assertRefused(rs256(OTHER_KEY.getPrivate(), KID, claims(NOW)), Refusal.SIGNATURE);
  }

  @Test
  void refusesATamperedPayloadHeaderOrSignature() {
    String token = valid(claims(NOW));
    String[] parts = token.split("\\.");
    String otherTenant =
        segment(with(with(claims(NOW), "tid", OTHER_ENTRA_TENANT), "appid", "attacker"));
    assertRefused(parts[0] + "." + otherTenant + "." + parts[2], Refusal.SIGNATURE);

    String header = segment(with(TestJwt.header("RS256", KID), "x5u", "https://evil.example"));
    assertRefused(header + "." + parts[1] + "." + parts[2], Refusal.SIGNATURE);

    byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
    signature[17] ^= 0x01;
    assertRefused(parts[0] + "." + parts[1] + "." + encode(signature), Refusal.SIGNATURE);
    assertRefused(parts[0] + "." + parts[1] + "." + encode(new byte[12]), Refusal.SIGNATURE);
  }

  @Test
  void refusesEverySingleCharacterChangeOfAValidToken() {
    String token = valid(claims(NOW));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/ ";
    Random random = new Random(15);
    for (int i = 0; i < token.length(); i++) {
      char replacement;
      do {
        replacement = alphabet.charAt(random.nextInt(alphabet.length()));
      } while (replacement == token.charAt(i));
      String changed = token.substring(0, i) + replacement + token.substring(i + 1);
      assertThat(authenticate(changed)).as("changed at %d", i).isEmpty();
    }
    assertThat(refusals).hasSize(token.length()).doesNotContain(Refusal.UNMAPPED_TENANT);
    assertThat(mapped).isEmpty();
  }

  @Test
  void refusesMalformedTokensWithoutThrowing() {
    String token = valid(claims(NOW));
    String[] parts = token.split("\\.");
    String claimsSegment = parts[1];
    List<String> malformed =
        List.of(
            "x",
            "a.b",
            "a.b.c.d",
            parts[0] + "." + parts[1],
            token + ".",
            token + "." + parts[2],
            "..",
            "..." + token,
            ".." + parts[2],
            parts[0] + "==." + parts[1] + "." + parts[2],
            parts[0] + "." + parts[1] + "." + parts[2] + "=",
            parts[0].replace('-', '+').replace('_', '/') + "x." + parts[1] + "." + parts[2],
            encode("not json") + "." + claimsSegment + "." + parts[2],
            encode("[\"RS256\"]") + "." + claimsSegment + "." + parts[2],
            encode("{\"alg\":\"RS256\",\"kid\":\"" + KID + "\"") + "." + claimsSegment + ".AA",
            encode("{\"alg\":\"RS256\",\"alg\":\"RS256\",\"kid\":\"" + KID + "\"}")
                + "."
                + claimsSegment
                + "."
                + parts[2],
            encode("{\"alg\":\"RS256\",\"kid\":\"" + KID + "\"}{}") + "." + claimsSegment + ".AA",
            encode("{\"alg\":\"RS256\",\"kid\":\"" + KID + "\",\"crit\":[\"exp\"]}")
                + "."
                + claimsSegment
                + "."
                + parts[2],
            encode("[".repeat(5000)) + "." + claimsSegment + "." + parts[2],
            encode(new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1}) + "." + claimsSegment + ".AA",
            parts[0] + "." + parts[1] + ".",
            parts[0] + "." + parts[1] + ".A",
            parts[0] + "." + parts[1] + ".AB",
            "é" + token,
            token.replace('.', '\u2024'));
    for (String bad : malformed) {
      assertThatCode(() -> assertThat(authenticate(bad)).as(bad).isEmpty())
          .doesNotThrowAnyException();
    }
    assertThat(refusals).hasSize(malformed.size()).containsOnly(Refusal.MALFORMED);
  }

  @Test
  void refusesClaimsThatAreNotOneJsonObjectEvenWhenSigned() {
    for (String json :
        List.of("[]", "\"claims\"", "{\"exp\":1,\"exp\":2}", "{}{}", "{\"a\":" + "[".repeat(40))) {
      String input = segment(TestJwt.header("RS256", KID)) + "." + encode(json);
      String token = input + "." + TestJwt.rs256Signature(KEY.getPrivate(), input);
      assertRefused(token, Refusal.MALFORMED);
    }
  }

  @Test
  void refusesTokensOverTheLengthCapUnread() {
    Map<String, Object> padded = with(claims(NOW), "pad", "x".repeat(20_000));
    assertRefused(valid(padded), Refusal.TOO_LONG);
    assertRefused("a".repeat(1_000_000), Refusal.TOO_LONG);

    EntraTokenAuthenticator generous = builder().maxTokenLength(64 * 1024).build();
    assertThat(authenticate(generous, valid(padded))).isPresent();
  }

  @Test
  void refusesRequestsWithoutABearerToken() {
    for (String header : List.of("", "Bearer", "Bearer    ", "Basic dXNlcjpwYXNz", "Token x")) {
      assertThat(authenticator.authenticate(request(header))).isEmpty();
    }
    assertThat(authenticator.authenticate(request(null))).isEmpty();
    assertThat(authenticator.authenticate(request(valid(claims(NOW))))).as("no scheme").isEmpty();
    assertThat(refusals).hasSize(7).containsOnly(Refusal.MISSING_TOKEN);
  }

  @Test
  void printsNothingAndThrowsNothingForAnyToken() {
    String token = valid(claims(NOW));
    List<String> tokens = new ArrayList<>();
    tokens.add(token);
    tokens.add(TestJwt.unsigned(KID, claims(NOW)));
    tokens.add(TestJwt.hs256(KEY.getPublic().getEncoded(), KID, claims(NOW)));
    tokens.add(rs256(OTHER_KEY.getPrivate(), KID, claims(NOW)));
    tokens.add(rs256(KEY.getPrivate(), "unknown", claims(NOW)));
    tokens.add(valid(with(claims(NOW), "exp", 1)));
    tokens.add(token.substring(0, token.length() - 5));
    tokens.add(token + "x".repeat(20_000));

    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    try {
      System.setOut(capture);
      System.setErr(capture);
      for (String t : tokens) {
        assertThatCode(() -> authenticate(t)).doesNotThrowAnyException();
      }
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
    assertThat(captured.toString(StandardCharsets.UTF_8)).isEmpty();
    assertThat(refusals).hasSize(tokens.size() - 1);
  }

  @Test
  void builderRefusesUnsafeOrIncompleteSettingsNamingTheSetting() {
    assertThatThrownBy(() -> EntraTokenAuthenticator.builder().jwks(JWKS).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("tenantMapping");
    assertThatThrownBy(
            () -> EntraTokenAuthenticator.builder().jwksUri(URI.create("http://keys.example/k")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("jwksUri");
    assertThatThrownBy(
            () -> EntraTokenAuthenticator.builder().jwksUri(URI.create("http://127.evil.example/")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> EntraTokenAuthenticator.builder().jwksUri(URI.create("file:/keys")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatCode(
            () -> EntraTokenAuthenticator.builder().jwksUri(URI.create("http://127.0.0.1:1/k")))
        .doesNotThrowAnyException();
    assertThatThrownBy(() -> builder().clockSkew(Duration.ofSeconds(-1)))
        .hasMessageContaining("clockSkew");
    assertThatThrownBy(() -> builder().maxKeyAge(Duration.ZERO)).hasMessageContaining("maxKeyAge");
    assertThatThrownBy(() -> builder().minRefetchInterval(Duration.ofDays(400)))
        .hasMessageContaining("minRefetchInterval");
    assertThatThrownBy(() -> builder().maxTokenLength(0)).hasMessageContaining("maxTokenLength");
    assertThatThrownBy(() -> builder().audience(" ")).hasMessageContaining("audience");
    assertThatThrownBy(() -> builder().jwks("{\"keys\":[]}").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no usable key");
  }

  @Test
  void recognisesEntraIssuersAndTenantIds() {
    assertThat(EntraTokenAuthenticator.issuerTenant(TestJwt.ISSUER)).isEqualTo(ENTRA_TENANT);
    assertThat(
            EntraTokenAuthenticator.issuerTenant(
                "https://login.microsoftonline.com/" + ENTRA_TENANT.toUpperCase() + "/v2.0"))
        .isEqualTo(ENTRA_TENANT);
    assertThat(EntraTokenAuthenticator.issuerTenant("https://sts.windows.net/common/")).isNull();
    assertThat(EntraTokenAuthenticator.isGuid(ENTRA_TENANT)).isTrue();
    assertThat(EntraTokenAuthenticator.isGuid("6a2f1b3c-0d4e-4f5a-9b8c-7d6e5f4a3b2g")).isFalse();
    assertThat(EntraTokenAuthenticator.isGuid("6a2f1b3c00d4e-4f5a-9b8c-7d6e5f4a3b2c")).isFalse();
  }
}
