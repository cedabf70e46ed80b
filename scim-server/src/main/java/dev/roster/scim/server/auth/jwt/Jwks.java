package dev.roster.scim.server.auth.jwt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a JSON Web Key Set (RFC 7517 §5) into the RS256 verification keys it holds, by {@code kid}.
 * Keys that are not RSA, are meant for encryption or another algorithm, have no {@code kid}, or are
 * shorter than 2048 bits are skipped, as is a repeated {@code kid} (the first one counts).
 */
final class Jwks {
  /** Entra publishes a handful of keys; more than this is not a key set Roster should trust. */
  static final int MAX_KEYS = 64;

  static final int MIN_MODULUS_BITS = 2048;

  private Jwks() {}

  /**
   * The usable keys of {@code document}.
   *
   * @throws IllegalArgumentException when it is not a key set or holds no usable key; the message
   *     does not quote the document
   */
  static Map<String, RSAPublicKey> parse(byte[] document) {
    ObjectNode set = TokenJson.object(document);
    if (set == null || !set.path("keys").isArray()) {
      throw new IllegalArgumentException(
          "A JWKS must be a JSON object with a \"keys\" array (RFC 7517 §5)");
    }
    Map<String, RSAPublicKey> keys = new LinkedHashMap<>();
    for (JsonNode jwk : set.get("keys")) {
      if (keys.size() == MAX_KEYS) {
        break;
      }
      String kid = TokenJson.text(jwk, "kid");
      if (kid == null || kid.isEmpty() || keys.containsKey(kid)) {
        continue;
      }
      RSAPublicKey key = rsaSigningKey(jwk);
      if (key != null) {
        keys.put(kid, key);
      }
    }
    if (keys.isEmpty()) {
      throw new IllegalArgumentException(
          "The JWKS holds no usable key: expected at least one RSA key with a kid, no use other"
              + " than \"sig\", no alg other than RS256 and at least "
              + MIN_MODULUS_BITS
              + " bits");
    }
    return Collections.unmodifiableMap(keys);
  }

  private static RSAPublicKey rsaSigningKey(JsonNode jwk) {
    String use = TokenJson.text(jwk, "use");
    String alg = TokenJson.text(jwk, "alg");
    if (!"RSA".equals(TokenJson.text(jwk, "kty"))
        || (jwk.has("use") && !"sig".equals(use))
        || (jwk.has("alg") && !"RS256".equals(alg))) {
      return null;
    }
    BigInteger modulus = unsigned(TokenJson.text(jwk, "n"));
    BigInteger exponent = unsigned(TokenJson.text(jwk, "e"));
    if (modulus == null
        || exponent == null
        || modulus.bitLength() < MIN_MODULUS_BITS
        || exponent.signum() <= 0) {
      return null;
    }
    try {
      return (RSAPublicKey)
          KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
    } catch (GeneralSecurityException | ClassCastException e) {
      return null;
    }
  }

  private static BigInteger unsigned(String base64url) {
    byte[] bytes = base64url == null ? null : Base64Url.decode(base64url);
    return bytes == null || bytes.length == 0 ? null : new BigInteger(1, bytes);
  }
}
