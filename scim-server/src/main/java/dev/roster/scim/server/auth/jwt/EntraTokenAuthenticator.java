package dev.roster.scim.server.auth.jwt;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Accepts the JWTs Microsoft Entra ID issues itself and sends as {@code Authorization: Bearer
 * <jwt>}: in the "blank Secret Token" mode of a non-gallery app, and in federated set-ups.
 *
 * <p>A token is accepted when all of these hold, and refused otherwise:
 *
 * <ul>
 *   <li>it is a compact JWS (RFC 7515 §7.1) of at most {@link Builder#maxTokenLength} characters,
 *       three canonical base64url segments whose header and claims are JSON objects;
 *   <li>the header's {@code alg} is exactly {@code RS256} ({@code none}, {@code HS256} and every
 *       other algorithm are refused, so a token "signed" with the public key as an HMAC secret is
 *       too), it has no {@code crit}, and its {@code kid} names a key of the key set ({@code jku},
 *       {@code x5u} and {@code jwk} are never followed);
 *   <li>the RS256 signature verifies with that key;
 *   <li>{@code exp} is present and not past, and {@code nbf}, when present, not ahead, each with
 *       {@link Builder#clockSkew} of tolerance;
 *   <li>{@code iss} is {@code https://sts.windows.net/<tenant-id>/} for any tenant, or one of the
 *       {@link Builder#issuers} configured;
 *   <li>{@code aud} (a string, or an array) names the {@link Builder#audience};
 *   <li>{@code tid}, when present, is the tenant {@code iss} names; the Entra tenant id ({@code
 *       tid}, else the one in {@code iss}) is mapped to a Roster tenant by the host's {@link
 *       Builder#tenantMapping};
 *   <li>{@code appid}, {@code azp} or {@code sub} (the first present) names the principal.
 * </ul>
 *
 * <p>The identity has the mapped tenant, that principal, and the Entra tenant id as the attribute
 * {@value #ENTRA_TENANT_ID}. Refusals return empty (the engine answers 401) and are reported to
 * {@link Builder#onRefusal}; nothing is logged, and no exception or report carries any part of the
 * token.
 *
 * <p>Built on the JDK's {@code java.security} and Jackson rather than a JOSE library: Entra signs
 * with RS256 only, and verifying RS256 is {@code SHA256withRSA} over the first two segments plus a
 * JWKS reader for {@code n} and {@code e}, a few dozen lines. Accepting exactly one algorithm also
 * rules out the algorithm-confusion attacks a general library must guard against.
 *
 * <p>Immutable and thread-safe; it may fetch keys on a request thread (see {@link
 * Builder#jwksUri}).
 */
public final class EntraTokenAuthenticator implements Authenticator {
  /**
   * The audience of Entra's tokens for every non-gallery (custom) application: {@value}. A gallery
   * application's tokens carry its own application id instead.
   */
  public static final String NON_GALLERY_AUDIENCE = "8adf8e6e-67b2-4cf2-a259-e3dc5476c621";

  /** The key set Entra signs its tokens with, for every tenant: {@value}. */
  public static final String ENTRA_KEYS =
      "https://login.microsoftonline.com/common/discovery/v2.0/keys";

  /** The identity attribute holding the Entra tenant id (lower case): {@value}. */
  public static final String ENTRA_TENANT_ID = "entraTenantId";

  private static final String STS_PREFIX = "https://sts.windows.net/";
  private static final String LOGIN_PREFIX = "https://login.microsoftonline.com/";
  private static final String LOGIN_SUFFIX = "/v2.0";

  private final JwksCache keys;
  private final Set<String> issuers; // empty: any https://sts.windows.net/<tenant-id>/
  private final String audience;
  private final long skewMillis;
  private final Clock clock;
  private final int maxTokenLength;
  private final Function<String, Optional<String>> tenantMapping;
  private final Consumer<Refusal> onRefusal;

  private EntraTokenAuthenticator(Builder b, JwksCache keys) {
    this.keys = keys;
    this.issuers = Set.copyOf(b.issuers);
    this.audience = b.audience;
    this.skewMillis = b.clockSkew.toMillis();
    this.clock = b.clock;
    this.maxTokenLength = b.maxTokenLength;
    this.tenantMapping = b.tenantMapping;
    this.onRefusal = b.onRefusal;
  }

  /** Starts configuring an authenticator. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Authenticates a request by its Entra-issued bearer token.
   *
   * @return the identity, or empty when the token is missing or refused for any reason
   * @throws RuntimeException only what the host's tenant mapping or refusal listener throws
   */
  @Override
  public Optional<Identity> authenticate(ScimRequest request) {
    Refusal refusal;
    try {
      Verified verified = verify(request.header("Authorization"));
      Optional<String> tenant = tenantMapping.apply(verified.entraTenant());
      if (tenant != null && tenant.isPresent()) {
        return Optional.of(
            new Identity(
                tenant.get(),
                verified.principal(),
                Map.of(ENTRA_TENANT_ID, verified.entraTenant())));
      }
      refusal = Refusal.UNMAPPED_TENANT;
    } catch (Refused e) {
      refusal = e.refusal;
    }
    onRefusal.accept(refusal);
    return Optional.empty();
  }

  private record Verified(String entraTenant, String principal) {}

  /** A refusal on its way out of {@link #verify}; no message, no stack trace. */
  private static final class Refused extends Exception {
    private static final long serialVersionUID = 1L;
    private final Refusal refusal;

    Refused(Refusal refusal) {
      super(refusal.name(), null, false, false);
      this.refusal = refusal;
    }
  }

  private Verified verify(String authorization) throws Refused {
    if (authorization == null) {
      throw new Refused(Refusal.MISSING_TOKEN);
    }
    // Leave room for the scheme and blanks before stripping a header of any size.
    if (authorization.length() > maxTokenLength + 64) {
      throw new Refused(Refusal.TOO_LONG);
    }
    String value = authorization.strip();
    if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new Refused(Refusal.MISSING_TOKEN);
    }
    String token = value.substring(7).strip();
    if (token.isEmpty()) {
      throw new Refused(Refusal.MISSING_TOKEN);
    }
    if (token.length() > maxTokenLength) {
      throw new Refused(Refusal.TOO_LONG);
    }
    try {
      return verifyToken(token);
    } catch (RuntimeException e) {
      // Unexpected input must never escape as a 500 carrying a message about the token.
      throw new Refused(Refusal.MALFORMED);
    }
  }

  private Verified verifyToken(String token) throws Refused {
    int first = token.indexOf('.');
    int second = first < 0 ? -1 : token.indexOf('.', first + 1);
    if (second < 0 || token.indexOf('.', second + 1) >= 0) {
      throw new Refused(Refusal.MALFORMED);
    }
    ObjectNode header = object(Base64Url.decode(token, 0, first));
    if (!"RS256".equals(TokenJson.text(header, "alg"))) {
      throw new Refused(Refusal.ALGORITHM);
    }
    if (header.has("crit")) {
      throw new Refused(Refusal.MALFORMED);
    }
    byte[] signature = Base64Url.decode(token, second + 1, token.length());
    if (signature == null || signature.length == 0) {
      throw new Refused(Refusal.MALFORMED);
    }
    String kid = TokenJson.text(header, "kid");
    RSAPublicKey key = kid == null || kid.isEmpty() ? null : keys.key(kid);
    if (key == null) {
      throw new Refused(Refusal.UNKNOWN_KEY);
    }
    if (!verifies(key, token.substring(0, second), signature)) {
      throw new Refused(Refusal.SIGNATURE);
    }
    // Claims are read only once the signature holds.
    ObjectNode claims = object(Base64Url.decode(token, first + 1, second));
    checkTimes(claims);
    String issuerTenant = checkIssuer(claims);
    checkAudience(claims);
    return new Verified(entraTenant(claims, issuerTenant), principal(claims));
  }

  private static ObjectNode object(byte[] json) throws Refused {
    ObjectNode node = json == null ? null : TokenJson.object(json);
    if (node == null) {
      throw new Refused(Refusal.MALFORMED);
    }
    return node;
  }

  private static boolean verifies(RSAPublicKey key, String signingInput, byte[] signature) {
    try {
      Signature rs256 = Signature.getInstance("SHA256withRSA");
      rs256.initVerify(key);
      rs256.update(signingInput.getBytes(StandardCharsets.US_ASCII));
      return rs256.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private void checkTimes(ObjectNode claims) throws Refused {
    long now = clock.millis();
    JsonNode exp = claims.get("exp");
    if (exp == null) {
      throw new Refused(Refusal.MISSING_CLAIM);
    }
    if (now - skewMillis >= epochMillis(exp)) {
      throw new Refused(Refusal.EXPIRED);
    }
    JsonNode nbf = claims.get("nbf");
    if (nbf != null && now + skewMillis < epochMillis(nbf)) {
      throw new Refused(Refusal.NOT_YET_VALID);
    }
  }

  /** A NumericDate (RFC 7519 §2: seconds, possibly fractional) in milliseconds, saturating. */
  private static long epochMillis(JsonNode date) throws Refused {
    if (!date.isNumber()) {
      throw new Refused(Refusal.MALFORMED);
    }
    double millis = date.asDouble() * 1000;
    if (Double.isNaN(millis)) {
      throw new Refused(Refusal.MALFORMED);
    }
    return (long) Math.floor(millis); // a cast saturates at Long.MIN_VALUE and Long.MAX_VALUE
  }

  /** Checks {@code iss}; returns the tenant id it names, or null when it names none. */
  private String checkIssuer(ObjectNode claims) throws Refused {
    String iss = TokenJson.text(claims, "iss");
    if (iss == null) {
      throw new Refused(Refusal.ISSUER);
    }
    String tenant = issuerTenant(iss);
    if (issuers.isEmpty()
        ? tenant == null || !iss.startsWith(STS_PREFIX)
        : !issuers.contains(iss)) {
      throw new Refused(Refusal.ISSUER);
    }
    return tenant;
  }

  /** The tenant id in an Entra v1 ({@code sts.windows.net}) or v2 issuer, or null. */
  static String issuerTenant(String iss) {
    String id = null;
    if (iss.startsWith(STS_PREFIX) && iss.endsWith("/")) {
      id = iss.substring(STS_PREFIX.length(), iss.length() - 1);
    } else if (iss.startsWith(LOGIN_PREFIX) && iss.endsWith(LOGIN_SUFFIX)) {
      id = iss.substring(LOGIN_PREFIX.length(), iss.length() - LOGIN_SUFFIX.length());
    }
    return id != null && isGuid(id) ? id.toLowerCase(Locale.ROOT) : null;
  }

  private void checkAudience(ObjectNode claims) throws Refused {
    JsonNode aud = claims.get("aud");
    if (aud != null && aud.isArray()) {
      for (JsonNode one : aud) {
        if (one.isTextual() && audience.equals(one.textValue())) {
          return;
        }
      }
    } else if (aud != null && aud.isTextual() && audience.equals(aud.textValue())) {
      return;
    }
    throw new Refused(Refusal.AUDIENCE);
  }

  private static String entraTenant(ObjectNode claims, String issuerTenant) throws Refused {
    JsonNode tid = claims.get("tid");
    if (tid == null) {
      if (issuerTenant == null) {
        throw new Refused(Refusal.MISSING_CLAIM);
      }
      return issuerTenant;
    }
    if (!tid.isTextual() || tid.textValue().isBlank()) {
      throw new Refused(Refusal.MALFORMED);
    }
    String id = tid.textValue().toLowerCase(Locale.ROOT);
    if (issuerTenant != null && !issuerTenant.equals(id)) {
      throw new Refused(Refusal.TENANT_MISMATCH);
    }
    return id;
  }

  private static String principal(ObjectNode claims) throws Refused {
    for (String name : new String[] {"appid", "azp", "sub"}) {
      JsonNode value = claims.get(name);
      if (value != null) {
        if (!value.isTextual() || value.textValue().isBlank()) {
          throw new Refused(Refusal.MALFORMED);
        }
        return value.textValue();
      }
    }
    throw new Refused(Refusal.MISSING_CLAIM);
  }

  /** Whether {@code s} is a GUID, {@code 8-4-4-4-12} hexadecimal digits. */
  static boolean isGuid(String s) {
    if (s.length() != 36) {
      return false;
    }
    for (int i = 0; i < 36; i++) {
      char c = s.charAt(i);
      boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
      boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
      if (dash ? c != '-' : !hex) {
        return false;
      }
    }
    return true;
  }

  /**
   * Configures an {@link EntraTokenAuthenticator}. Only {@link #tenantMapping} is required; the
   * defaults accept tokens from any Entra tenant for a non-gallery application, with Entra's keys.
   * Not thread-safe.
   */
  public static final class Builder {
    private static final Duration MAX_DURATION = Duration.ofDays(365);

    private URI jwksUri = URI.create(ENTRA_KEYS);
    private Path jwksFile;
    private String jwksDocument;
    private Duration minRefetchInterval = Duration.ofMinutes(5);
    private Duration maxKeyAge = Duration.ofHours(1);
    private Duration fetchTimeout = Duration.ofSeconds(5);
    private final Set<String> issuers = new LinkedHashSet<>();
    private String audience = NON_GALLERY_AUDIENCE;
    private Duration clockSkew = Duration.ofMinutes(2);
    private Clock clock = Clock.systemUTC();
    private int maxTokenLength = 16 * 1024;
    private Function<String, Optional<String>> tenantMapping;
    private Consumer<Refusal> onRefusal = refusal -> {};

    private Builder() {}

    /**
     * Fetches the keys from {@code uri} (default {@value EntraTokenAuthenticator#ENTRA_KEYS}; a
     * tenant's own is {@code https://login.microsoftonline.com/<tenant-id>/discovery/v2.0/keys}).
     *
     * <p>The keys are fetched on first use and kept for {@link #maxKeyAge}; a token whose {@code
     * kid} is unknown makes it fetch them again, so a key Entra rolls over to is taken up at once.
     * Fetches start at most once per {@link #minRefetchInterval}, whatever triggers them, and a
     * failed fetch keeps the keys held. A fetch runs on a request thread, bounded by {@link
     * #fetchTimeout}; it follows no redirects.
     *
     * @param uri an {@code https} URL, or an {@code http} one to a loopback address (for tests)
     * @throws IllegalArgumentException for any other URL
     */
    public Builder jwksUri(URI uri) {
      requireNonNull(uri, "uri");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null
          || !(scheme.equals("https") || (scheme.equals("http") && isLoopback(uri.getHost())))) {
        throw new IllegalArgumentException(
            "jwksUri must be an https URL (or http to a loopback address), not " + uri);
      }
      this.jwksUri = uri;
      this.jwksFile = null;
      this.jwksDocument = null;
      return this;
    }

    /**
     * Reads the keys from the JWKS file {@code path}, kept and read again as {@link #jwksUri}
     * describes (replacing the file rolls the keys over).
     */
    public Builder jwksFile(Path path) {
      this.jwksFile = requireNonNull(path, "path");
      this.jwksUri = null;
      this.jwksDocument = null;
      return this;
    }

    /**
     * Uses the keys of the JWKS document {@code json} (RFC 7517 §5), read once by {@link #build}.
     */
    public Builder jwks(String json) {
      this.jwksDocument = requireNonNull(json, "json");
      this.jwksUri = null;
      this.jwksFile = null;
      return this;
    }

    /**
     * The least time between two key fetches (default 5 minutes); tokens with unknown {@code kid}s
     * arriving sooner are refused without a fetch.
     */
    public Builder minRefetchInterval(Duration interval) {
      this.minRefetchInterval = within("minRefetchInterval", interval, Duration.ZERO);
      return this;
    }

    /** How long fetched keys are used before they are fetched again (default 1 hour). */
    public Builder maxKeyAge(Duration age) {
      this.maxKeyAge = within("maxKeyAge", age, Duration.ofMillis(1));
      return this;
    }

    /** The time a key fetch may take, to connect and to read the answer (default 5 seconds). */
    public Builder fetchTimeout(Duration timeout) {
      this.fetchTimeout = within("fetchTimeout", timeout, Duration.ofMillis(1));
      return this;
    }

    /**
     * Accepts exactly these issuers instead of {@code https://sts.windows.net/<tenant-id>/} for any
     * tenant (the default), for example to admit only some tenants or Entra's v2 issuer {@code
     * https://login.microsoftonline.com/<tenant-id>/v2.0}; an empty collection restores the
     * default. When a token has no {@code tid}, the tenant id is taken from either form of issuer.
     */
    public Builder issuers(Collection<String> accepted) {
      issuers.clear();
      for (String issuer : accepted) {
        issuers.add(requireNonNull(issuer, "issuer"));
      }
      return this;
    }

    /**
     * The audience tokens must name (default {@value EntraTokenAuthenticator#NON_GALLERY_AUDIENCE},
     * every non-gallery application's; a gallery application's is its application id).
     */
    public Builder audience(String audience) {
      requireNonNull(audience, "audience");
      if (audience.isBlank()) {
        throw new IllegalArgumentException("audience must not be blank");
      }
      this.audience = audience;
      return this;
    }

    /** The tolerance for {@code exp} and {@code nbf} between clocks (default 2 minutes). */
    public Builder clockSkew(Duration skew) {
      this.clockSkew = within("clockSkew", skew, Duration.ZERO);
      return this;
    }

    /** The clock for token times and key ages (default the system's UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The longest token read (default 16,384 characters, at most 1,048,576); longer ones are
     * refused unread.
     */
    public Builder maxTokenLength(int length) {
      if (length < 16 || length > 1 << 20) {
        throw new IllegalArgumentException(
            "maxTokenLength must be between 16 and " + (1 << 20) + ", not " + length);
      }
      this.maxTokenLength = length;
      return this;
    }

    /**
     * Maps an Entra tenant id (a lower-case GUID, from {@code tid} or {@code iss}) to the Roster
     * tenant its tokens act on, or to empty to refuse the tenant (required). Called only for tokens
     * that passed every other check, concurrently; what it throws reaches the engine (a 500).
     */
    public Builder tenantMapping(Function<String, Optional<String>> mapping) {
      this.tenantMapping = requireNonNull(mapping, "mapping");
      return this;
    }

    /**
     * Tells {@code listener} why each refused request was refused, for metrics or a log line the
     * host writes; the default ignores refusals. Called concurrently on request threads; it should
     * return quickly and not throw.
     */
    public Builder onRefusal(Consumer<Refusal> listener) {
      this.onRefusal = requireNonNull(listener, "listener");
      return this;
    }

    /**
     * Builds the authenticator; fetches no keys yet.
     *
     * @throws IllegalStateException without a {@link #tenantMapping}
     * @throws IllegalArgumentException when a {@link #jwks} document holds no usable key
     */
    public EntraTokenAuthenticator build() {
      if (tenantMapping == null) {
        throw new IllegalStateException(
            "Set tenantMapping: which Roster tenant does each Entra tenant id act on?");
      }
      JwksCache keys;
      if (jwksDocument != null) {
        keys = JwksCache.fixed(Jwks.parse(jwksDocument.getBytes(StandardCharsets.UTF_8)));
      } else {
        JwksSource source =
            jwksFile != null ? JwksSource.file(jwksFile) : JwksSource.url(jwksUri, fetchTimeout);
        keys = JwksCache.fetching(source, clock, minRefetchInterval, maxKeyAge);
      }
      return new EntraTokenAuthenticator(this, keys);
    }

    private static Duration within(String setting, Duration value, Duration least) {
      requireNonNull(value, setting);
      if (value.compareTo(least) < 0 || value.compareTo(MAX_DURATION) > 0) {
        throw new IllegalArgumentException(
            setting + " must be between " + least + " and " + MAX_DURATION + ", not " + value);
      }
      return value;
    }

    /** Whether {@code host} is {@code localhost} or a loopback address literal, unresolved. */
    private static boolean isLoopback(String host) {
      if (host.equalsIgnoreCase("localhost") || host.equals("[::1]")) {
        return true;
      }
      if (!host.startsWith("127.")) {
        return false;
      }
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        if (c != '.' && (c < '0' || c > '9')) {
          return false;
        }
      }
      return true;
    }
  }
}
