package dev.roster.scim.jaxrs;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Signs JWTs as Entra ID does (RS256) and as attackers try to (none, HS256), for tests. */
final class SignedTokens {
  private final KeyPair keys;
  private final String kid;

  SignedTokens(String kid) {
    this.kid = kid;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      this.keys = generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The public key as a JWKS document. */
  String jwks() {
    RSAPublicKey key = (RSAPublicKey) keys.getPublic();
    return "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"kid\":\""
        + kid
        + "\",\"n\":\""
        + unsigned(key.getModulus())
        + "\",\"e\":\""
        + unsigned(key.getPublicExponent())
        + "\"}]}";
  }

  /** An RS256 token with this key, or naming {@code headerKid} as its key. */
  String rs256(String headerKid, Map<String, Object> claims) {
    String input = segment(Map.of("typ", "JWT", "alg", "RS256", "kid", headerKid), claims);
    try {
      Signature signer = Signature.getInstance("SHA256withRSA");
      signer.initSign(keys.getPrivate());
      signer.update(input.getBytes(StandardCharsets.US_ASCII));
      return input + "." + encode(signer.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  String rs256(Map<String, Object> claims) {
    return rs256(kid, claims);
  }

  /** An HS256 token whose HMAC key is the public key's encoding: the classic confusion attack. */
  String hs256WithThePublicKey(Map<String, Object> claims) {
    String input = segment(Map.of("typ", "JWT", "alg", "HS256", "kid", kid), claims);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(keys.getPublic().getEncoded(), "HmacSHA256"));
      return input + "." + encode(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A token with {@code alg: none} and no signature. */
  String unsignedToken(Map<String, Object> claims) {
    return segment(Map.of("typ", "JWT", "alg", "none", "kid", kid), claims) + ".";
  }

  private static String segment(Map<String, Object> header, Map<String, Object> claims) {
    try {
      return encode(Http.MAPPER.writeValueAsBytes(header))
          + "."
          + encode(Http.MAPPER.writeValueAsBytes(claims));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String unsigned(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return encode(bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes);
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
