package dev.roster.scim.spring.app;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/** Signs JWTs with an RSA key generated for this test run; {@link #publicKey()} verifies them. */
public final class TestJwts {
  private static final KeyPair KEY = generate();
  private static final KeyPair OTHER_KEY = generate();

  private TestJwts() {}

  /** The key the applications trust. */
  public static RSAPublicKey publicKey() {
    return (RSAPublicKey) KEY.getPublic();
  }

  /**
   * A token for {@code subject} in {@code tenant} (the {@code tid} claim, left out when null) with
   * {@code scope}, valid for five minutes.
   */
  public static String token(String subject, String tenant, String scope) {
    return sign(KEY, claims(subject, tenant, scope, Duration.ofMinutes(5)));
  }

  /** A token like {@link #token} that expired an hour ago. */
  public static String expired(String subject, String tenant, String scope) {
    return sign(KEY, claims(subject, tenant, scope, Duration.ofHours(-1)));
  }

  /** A token like {@link #token} signed with a key nobody trusts. */
  public static String forged(String subject, String tenant, String scope) {
    return sign(OTHER_KEY, claims(subject, tenant, scope, Duration.ofMinutes(5)));
  }

  private static JWTClaimsSet claims(String subject, String tenant, String scope, Duration life) {
    Instant now = Instant.now();
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .subject(subject)
            .issuer("https://login.example.com")
            .issueTime(Date.from(now.minus(Duration.ofHours(2))))
            .expirationTime(Date.from(now.plus(life)))
            .claim("scope", scope);
    if (tenant != null) {
      claims.claim("tid", tenant);
    }
    return claims.build();
  }

  private static String sign(KeyPair key, JWTClaimsSet claims) {
    try {
      SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
      jwt.sign(new RSASSASigner(key.getPrivate()));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new 2048-bit RSA key pair. */
  public static KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(2048);
      return generator.generateKeyPair();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
