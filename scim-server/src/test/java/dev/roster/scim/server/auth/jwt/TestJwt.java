package dev.roster.scim.server.auth.jwt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** A test-only JWT signer and JWKS writer, with the claims Entra's provisioning tokens carry. */
final class TestJwt {
  static final String ENTRA_TENANT = "6a2f1b3c-0d4e-4f5a-9b8c-7d6e5f4a3b2c";
  static final String OTHER_ENTRA_TENANT = "0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9";
  static final String ISSUER = "https://sts.windows.net/" + ENTRA_TENANT + "/";
  static final String APP_ID = "00000014-0000-0000-c000-000000000000";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TestJwt() {}

  static KeyPair rsa(int bits) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(bits);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims of a valid token issued at {@code now} for an hour. */
  static Map<String, Object> claims(Instant now) {
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("aud", EntraTokenAuthenticator.NON_GALLERY_AUDIENCE);
    claims.put("iss", ISSUER);
    claims.put("iat", now.getEpochSecond() - 60);
    claims.put("nbf", now.getEpochSecond() - 60);
    claims.put("exp", now.getEpochSecond() + 3600);
    claims.put("appid", APP_ID);
    claims.put("appidacr", "2");
    claims.put("idp", ISSUER);
    claims.put("oid", "f3c7d2e1-9a8b-4c5d-8e7f-6a5b4c3d2e1f");
    claims.put("sub", "f3c7d2e1-9a8b-4c5d-8e7f-6a5b4c3d2e1f");
    claims.put("tid", ENTRA_TENANT);
    claims.put("ver", "1.0");
    return claims;
  }

  /** {@code claims} with {@code name} set to {@code value}, or removed when it is null. */
  static Map<String, Object> with(Map<String, Object> claims, String name, Object value) {
    Map<String, Object> copy = new LinkedHashMap<>(claims);
    if (value == null) {
      copy.remove(name);
    } else {
      copy.put(name, value);
    }
    return copy;
  }

  static Map<String, Object> header(String alg, String kid) {
    Map<String, Object> header = new LinkedHashMap<>();
    header.put("typ", "JWT");
    header.put("alg", alg);
    if (kid != null) {
      header.put("kid", kid);
    }
    return header;
  }

  /** An RS256 token, as Entra signs them. */
  static String rs256(PrivateKey key, String kid, Map<String, Object> claims) {
    return rs256(key, header("RS256", kid), claims);
  }

  static String rs256(PrivateKey key, Map<String, Object> header, Map<String, Object> claims) {
    String input = segment(header) + "." + segment(claims);
    return input + "." + rs256Signature(key, input);
  }

  /** The RS256 signature of {@code signingInput}, base64url. */
  static String rs256Signature(PrivateKey key, String signingInput) {
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(key);
      signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return encode(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** An HS256 token with {@code secret} as the HMAC key. */
  static String hs256(byte[] secret, String kid, Map<String, Object> claims) {
    String input = segment(header("HS256", kid)) + "." + segment(claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      return input + "." + encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token with {@code alg} {@code none} and an empty signature. */
  static String unsigned(String kid, Map<String, Object> claims) {
    return segment(header("none", kid)) + "." + segment(claims) + ".";
  }

  static String segment(Object json) {
    try {
      return encode(JSON.writeValueAsBytes(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static String encode(String text) {
    return encode(text.getBytes(StandardCharsets.UTF_8));
  }

  /** A JWKS holding {@code keys} by kid, as Entra publishes them. */
  static String jwks(Map<String, RSAPublicKey> keys) {
    List<Map<String, Object>> list = new ArrayList<>();
    keys.forEach(
        (kid, key) -> {
          Map<String, Object> jwk = new LinkedHashMap<>();
          jwk.put("kty", "RSA");
          jwk.put("use", "sig");
          jwk.put("kid", kid);
          jwk.put("n", unsigned(key.getModulus()));
          jwk.put("e", unsigned(key.getPublicExponent()));
          list.add(jwk);
        });
    try {
      return JSON.writeValueAsString(Map.of("keys", list));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The big-endian bytes of {@code value} without a sign byte, base64url (RFC 7518 §6.3.1). */
  static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes[0] == 0 && bytes.length > 1) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return encode(bytes);
  }
}
