package dev.roster.scim.server.auth.jwt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.interfaces.RSAPublicKey;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading key sets: only RSA signing keys of 2048 bits or more, by kid. */
class JwksTest {
  static final KeyPair KEY = TestJwt.rsa(2048);
  static final KeyPair SMALL = TestJwt.rsa(1024);

  private static Map<String, RSAPublicKey> parse(String json) {
    return Jwks.parse(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String jwk(String extra, KeyPair key) {
    RSAPublicKey rsa = (RSAPublicKey) key.getPublic();
    return "{"
        + extra
        + "\"n\":\""
        + TestJwt.unsigned(rsa.getModulus())
        + "\",\"e\":\""
        + TestJwt.unsigned(rsa.getPublicExponent())
        + "\"}";
  }

  @Test
  void readsEntraShapedKeysByKid() {
    Map<String, RSAPublicKey> keys =
        parse(
            "{\"keys\":["
                + jwk(
                    "\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\"a\",\"x5t\":\"a\",\"x5c\":[\"MIIC\"],"
                        + "\"issuer\":\"https://login.microsoftonline.com/{tenantid}/v2.0\",",
                    KEY)
                + ","
                + jwk("\"kty\":\"RSA\",\"kid\":\"b\",\"alg\":\"RS256\",", KEY)
                + "]}");
    assertThat(keys).containsOnlyKeys("a", "b");
    assertThat(keys.get("a")).isEqualTo(KEY.getPublic());
  }

  @Test
  void skipsKeysThatCannotVerifyRs256() {
    Map<String, RSAPublicKey> keys =
        parse(
            "{\"keys\":["
                + String.join(
                    ",",
                    jwk("\"kty\":\"RSA\",\"kid\":\"small\",", SMALL),
                    jwk("\"kty\":\"RSA\",\"kid\":\"enc\",\"use\":\"enc\",", KEY),
                    jwk("\"kty\":\"RSA\",\"kid\":\"ps\",\"alg\":\"PS256\",", KEY),
                    jwk("\"kty\":\"EC\",\"kid\":\"ec\",", KEY),
                    jwk("\"kty\":\"RSA\",", KEY),
                    jwk("\"kty\":\"RSA\",\"kid\":\"\",", KEY),
                    "{\"kty\":\"RSA\",\"kid\":\"nomodulus\",\"e\":\"AQAB\"}",
                    "{\"kty\":\"RSA\",\"kid\":\"badmodulus\",\"n\":\"a+b/\",\"e\":\"AQAB\"}",
                    "\"not a key\"",
                    jwk("\"kty\":\"RSA\",\"kid\":\"good\",", KEY),
                    jwk("\"kty\":\"RSA\",\"kid\":\"good\",", SMALL))
                + "]}");
    assertThat(keys).containsOnlyKeys("good");
    assertThat(keys.get("good")).isEqualTo(KEY.getPublic());
  }

  @Test
  void refusesDocumentsWithoutUsableKeysWithoutQuotingThem() {
    for (String document :
        new String[] {
          "", "[]", "{}", "{\"keys\":{}}", "{\"keys\":[]}", "secret-ish text", "{\"keys\":[1]}"
        }) {
      assertThatThrownBy(() -> parse(document))
          .isInstanceOf(IllegalArgumentException.class)
          .satisfies(
              e -> {
                if (!document.isEmpty()) {
                  assertThat(e.getMessage()).doesNotContain(document);
                }
              });
    }
  }

  @Test
  void base64UrlIsCanonical() {
    assertThat(Base64Url.decode("AQAB")).containsExactly(1, 0, 1);
    assertThat(Base64Url.decode("_-8")).containsExactly(0xff, 0xef);
    assertThat(Base64Url.decode("")).isEmpty();
    for (String bad : new String[] {"AQAB=", "AQ==", "A", "+/8", "AQ B", "Ag\n", "AB", "AAB"}) {
      assertThat(Base64Url.decode(bad)).as(bad).isNull();
    }
    assertThat(Base64Url.decode("AA")).containsExactly(0);
    assertThat(Base64Url.decode("AAE")).containsExactly(0, 1);
  }
}
