package dev.roster.scim.testkit;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to test and how to reach it: the SCIM base URL, credentials, suites and attribute profile.
 *
 * <pre>{@code
 * TestkitOptions options = TestkitOptions.builder("https://localhost:8443/scim/v2")
 *     .bearerToken(System.getenv("SCIM_TOKEN"))
 *     .suites(Suite.ENTRA, Suite.OKTA)
 *     .profile(Profile.FULL)
 *     .checks("okta:6", "rfc:Sorting")  // optional: only these checks
 *     .build();
 * }</pre>
 *
 * <p>The {@link Suite#AUTH} suite needs credentials of its own, which the other suites do not use:
 *
 * <pre>{@code
 * TestkitOptions options = TestkitOptions.builder("https://localhost:8443/scim/v2")
 *     .suites(Suite.AUTH)
 *     .tokenUrl("https://localhost:8443/oauth/token")
 *     .clientCredentials("entra-acme", System.getenv("CLIENT_SECRET"))
 *     .otherClientCredentials("entra-globex", System.getenv("OTHER_CLIENT_SECRET"))
 *     .revokedToken(System.getenv("REVOKED_TOKEN"))
 *     .expiredToken(System.getenv("EXPIRED_TOKEN"))
 *     .build();
 * }</pre>
 *
 * <p>Immutable. {@link #toString()} masks the credentials; reports and transcripts never show a
 * client secret, an access token, or the revoked, expired and other tenant's tokens.
 *
 * @param baseUrl the SCIM base URL, to which {@code /Users}, {@code /Groups} etc. are appended;
 *     query parameters in it are sent with every request
 * @param authorization the {@code Authorization} header value, or null to send none
 * @param headers further headers sent with every request, in order
 * @param suites the suites to run, in the fixed order entra, okta, rfc, auth
 * @param profile the attribute profile
 * @param customAttribute the URN-qualified custom extension attribute the {@link Profile#FULL}
 *     profile writes
 * @param timeout how long to wait for each response
 * @param prefix the start of every userName and displayName the checks create
 * @param checks the checks to run, or empty for every check of the chosen suites; each selector is
 *     {@code suite:number} (e.g. {@code entra:11}, as reports number the checks) or {@code
 *     suite:text}, choosing every check of the suite whose name contains the text, ignoring case
 *     (e.g. {@code okta:push now}); {@link Testkit#of} rejects a selector that chooses no check
 * @param tokenUrl the OAuth 2.0 token endpoint (RFC 6749 §3.2) from which the auth suite obtains
 *     tokens with the client credentials grant (§4.4), or null
 * @param clientId the client of the first tenant at the token endpoint, or null
 * @param clientSecret that client's secret; null exactly when {@code clientId} is
 * @param otherClientId a client of a second tenant, for the auth suite's tenant isolation check, or
 *     null
 * @param otherClientSecret that client's secret; null exactly when {@code otherClientId} is
 * @param otherToken a bearer token of a second tenant, instead of its client, or null
 * @param revokedToken a bearer token the server issued and then revoked, or null
 * @param expiredToken a bearer token the server issued that has expired, or null
 */
public record TestkitOptions(
    URI baseUrl,
    String authorization,
    Map<String, String> headers,
    List<Suite> suites,
    Profile profile,
    String customAttribute,
    Duration timeout,
    String prefix,
    List<String> checks,
    URI tokenUrl,
    String clientId,
    String clientSecret,
    String otherClientId,
    String otherClientSecret,
    String otherToken,
    String revokedToken,
    String expiredToken) {

  /** The custom attribute of askSpoke's tutorial, which the full profile writes by default. */
  public static final String SPOKE_START_DATE =
      "urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User:startDate";

  /** Validates and copies. */
  public TestkitOptions {
    requireNonNull(baseUrl, "baseUrl");
    if (!isHttp(baseUrl)) {
      throw new IllegalArgumentException(
          "The base URL must be an absolute http(s) URL such as https://host/scim/v2, not '"
              + baseUrl
              + "'");
    }
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(requireNonNull(headers, "headers")));
    EnumSet<Suite> chosen = EnumSet.noneOf(Suite.class);
    chosen.addAll(requireNonNull(suites, "suites"));
    if (chosen.isEmpty()) {
      throw new IllegalArgumentException("Choose at least one suite");
    }
    suites = List.copyOf(chosen);
    requireNonNull(profile, "profile");
    requireNonNull(customAttribute, "customAttribute");
    int colon = customAttribute.lastIndexOf(':');
    if (!customAttribute.regionMatches(true, 0, "urn:", 0, 4)
        || colon <= 4
        || colon == customAttribute.length() - 1) {
      throw new IllegalArgumentException(
          "The custom attribute is a URN-qualified name such as "
              + SPOKE_START_DATE
              + ", not '"
              + customAttribute
              + "'");
    }
    requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("The timeout must be positive");
    }
    requireNonNull(prefix, "prefix");
    if (!prefix.matches("[A-Za-z][A-Za-z0-9]{0,11}")) {
      throw new IllegalArgumentException(
          "The prefix is 1 to 12 letters and digits starting with a letter, not '" + prefix + "'");
    }
    checks = List.copyOf(requireNonNull(checks, "checks"));
    for (String selector : checks) {
      int separator = selector.indexOf(':');
      if (separator < 0 || selector.substring(separator + 1).isBlank()) {
        throw new IllegalArgumentException(
            "A check selector is suite:number or suite:text, e.g. entra:11 or okta:push now, not '"
                + selector
                + "'");
      }
      Suite suite = Suite.fromId(selector.substring(0, separator));
      if (!suites.contains(suite)) {
        throw new IllegalArgumentException(
            "The check selector '"
                + selector
                + "' chooses a check of the "
                + suite.id()
                + " suite, which is not among the suites to run "
                + suites.stream().map(Suite::id).toList());
      }
    }
    if (tokenUrl != null && !isHttp(tokenUrl)) {
      throw new IllegalArgumentException(
          "The token URL must be an absolute http(s) URL such as https://host/oauth/token, not '"
              + tokenUrl
              + "'");
    }
    pair(clientId, clientSecret, "client");
    pair(otherClientId, otherClientSecret, "other tenant's client");
    if ((clientId != null || otherClientId != null) && tokenUrl == null) {
      throw new IllegalArgumentException(
          "Client credentials need the token URL at which to use them (--token-url)");
    }
    if (otherClientId != null && otherToken != null) {
      throw new IllegalArgumentException("Give the other tenant's client or its token, not both");
    }
    if (otherClientId != null && otherClientId.equals(clientId)) {
      throw new IllegalArgumentException(
          "The other tenant's client must be another client than '" + clientId + "'");
    }
    for (String token : new String[] {otherToken, revokedToken, expiredToken}) {
      if (token != null && token.isBlank()) {
        throw new IllegalArgumentException("A token must not be blank");
      }
    }
  }

  private static boolean isHttp(URI url) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    return (scheme.equals("http") || scheme.equals("https")) && url.getHost() != null;
  }

  /** Both or neither of a client id and its secret; the id not blank. */
  private static void pair(String id, String secret, String whose) {
    if ((id == null) != (secret == null)) {
      throw new IllegalArgumentException(
          "Give the "
              + whose
              + "'s id and secret together ("
              + (id == null ? "no id" : "no secret")
              + ")");
    }
    if (id != null && (id.isBlank() || secret.isEmpty())) {
      throw new IllegalArgumentException("The " + whose + "'s id and secret must not be empty");
    }
  }

  /** Starts options for the SCIM endpoint at {@code baseUrl}, e.g. {@code https://host/scim/v2}. */
  public static Builder builder(String baseUrl) {
    return new Builder(URI.create(requireNonNull(baseUrl, "baseUrl").strip()));
  }

  @Override
  public String toString() {
    return "TestkitOptions[baseUrl="
        + baseUrl
        + ", authorization="
        + (authorization == null ? "none" : "****")
        + ", headers="
        + headers.keySet()
        + ", suites="
        + suites
        + ", profile="
        + profile.id()
        + ", customAttribute="
        + customAttribute
        + ", timeout="
        + timeout
        + ", prefix="
        + prefix
        + (checks.isEmpty() ? "" : ", checks=" + checks)
        + (tokenUrl == null ? "" : ", tokenUrl=" + tokenUrl)
        + (clientId == null ? "" : ", clientId=" + clientId + ", clientSecret=****")
        + (otherClientId == null
            ? ""
            : ", otherClientId=" + otherClientId + ", otherClientSecret=****")
        + (otherToken == null ? "" : ", otherToken=****")
        + (revokedToken == null ? "" : ", revokedToken=****")
        + (expiredToken == null ? "" : ", expiredToken=****")
        + "]";
  }

  /** Configures {@link TestkitOptions}; not thread-safe. */
  public static final class Builder {
    private final URI baseUrl;
    private String authorization;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private List<Suite> suites = Suite.defaults();
    private Profile profile = Profile.FULL;
    private String customAttribute = SPOKE_START_DATE;
    private Duration timeout = Duration.ofSeconds(30);
    private String prefix = "Rtk";
    private List<String> checks = List.of();
    private URI tokenUrl;
    private String clientId;
    private String clientSecret;
    private String otherClientId;
    private String otherClientSecret;
    private String otherToken;
    private String revokedToken;
    private String expiredToken;

    private Builder(URI baseUrl) {
      this.baseUrl = baseUrl;
    }

    /** Sends {@code Authorization: Bearer <token>}. */
    public Builder bearerToken(String token) {
      this.authorization = "Bearer " + requireNonNull(token, "token");
      return this;
    }

    /** Sends {@code Authorization: Basic <base64(user:password)>}. */
    public Builder basicAuth(String user, String password) {
      String pair = requireNonNull(user, "user") + ":" + requireNonNull(password, "password");
      this.authorization =
          "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** Sends {@code Authorization: <value>} exactly as given (Okta's "Header" mode). */
    public Builder authorization(String value) {
      this.authorization = value;
      return this;
    }

    /** Sends a further header with every request, e.g. an API key or a tenant. */
    public Builder header(String name, String value) {
      headers.put(requireNonNull(name, "name"), requireNonNull(value, "value"));
      return this;
    }

    /**
     * The suites to run; default {@link Suite#defaults()} (entra, okta and rfc; {@link Suite#AUTH}
     * runs only when chosen).
     */
    public Builder suites(Suite... chosen) {
      this.suites = List.of(chosen);
      return this;
    }

    /** The suites to run; see {@link #suites(Suite...)}. */
    public Builder suites(List<Suite> chosen) {
      this.suites = List.copyOf(chosen);
      return this;
    }

    /**
     * The attribute profile: which attributes the checks may write, of those the server declares in
     * {@code /Schemas}; default {@link Profile#FULL}, so that everything declared is tested. A
     * narrower profile is for servers that declare more than they store, or serve no {@code
     * /Schemas}.
     */
    public Builder profile(Profile chosen) {
      this.profile = requireNonNull(chosen, "profile");
      return this;
    }

    /**
     * The custom extension attribute the full profile writes; default {@link #SPOKE_START_DATE}.
     */
    public Builder customAttribute(String urnQualifiedName) {
      this.customAttribute = requireNonNull(urnQualifiedName, "urnQualifiedName");
      return this;
    }

    /** How long to wait for each response; default 30 seconds. */
    public Builder timeout(Duration value) {
      this.timeout = requireNonNull(value, "timeout");
      return this;
    }

    /** The start of every userName and displayName the checks create; default {@code Rtk}. */
    public Builder prefix(String value) {
      this.prefix = requireNonNull(value, "prefix");
      return this;
    }

    /**
     * Runs only the checks these select, e.g. {@code "entra:11"} (the eleventh Entra check) or
     * {@code "okta:push now"} (every Okta check whose name contains it); default every check of the
     * chosen suites.
     */
    public Builder checks(String... selectors) {
      return checks(List.of(selectors));
    }

    /** Runs only the checks these select; see {@link #checks(String...)}. */
    public Builder checks(List<String> selectors) {
      this.checks = List.copyOf(selectors);
      return this;
    }

    /**
     * The OAuth 2.0 token endpoint (RFC 6749 §3.2), e.g. {@code https://host/oauth/token}, at which
     * the auth suite obtains access tokens with the client credentials grant (RFC 6749 §4.4), as
     * Microsoft Entra ID does; needed with {@link #clientCredentials} and {@link
     * #otherClientCredentials}.
     */
    public Builder tokenUrl(String url) {
      this.tokenUrl = URI.create(requireNonNull(url, "url").strip());
      return this;
    }

    /**
     * The client, of the first tenant, with which the auth suite obtains tokens at the {@link
     * #tokenUrl}. The secret is never shown.
     */
    public Builder clientCredentials(String clientId, String clientSecret) {
      this.clientId = requireNonNull(clientId, "clientId");
      this.clientSecret = requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /**
     * A client of a second tenant, for the auth suite's check that one tenant never sees another's
     * users: it obtains its token at the {@link #tokenUrl}. The secret is never shown.
     */
    public Builder otherClientCredentials(String clientId, String clientSecret) {
      this.otherClientId = requireNonNull(clientId, "clientId");
      this.otherClientSecret = requireNonNull(clientSecret, "clientSecret");
      return this;
    }

    /**
     * A bearer token of a second tenant (sent as {@code Authorization: Bearer <token>}), instead of
     * {@link #otherClientCredentials}. Never shown.
     */
    public Builder otherToken(String token) {
      this.otherToken = requireNonNull(token, "token");
      return this;
    }

    /**
     * A bearer token the server issued and then revoked, which the auth suite expects refused with
     * 401; the testkit cannot make one. Never shown.
     */
    public Builder revokedToken(String token) {
      this.revokedToken = requireNonNull(token, "token");
      return this;
    }

    /**
     * A bearer token the server issued that has expired, which the auth suite expects refused with
     * 401; the testkit cannot make one. Never shown.
     */
    public Builder expiredToken(String token) {
      this.expiredToken = requireNonNull(token, "token");
      return this;
    }

    /**
     * Builds the options.
     *
     * @throws IllegalArgumentException when a value is out of range
     */
    public TestkitOptions build() {
      return new TestkitOptions(
          baseUrl,
          authorization,
          headers,
          suites,
          profile,
          customAttribute,
          timeout,
          prefix,
          checks,
          tokenUrl,
          clientId,
          clientSecret,
          otherClientId,
          otherClientSecret,
          otherToken,
          revokedToken,
          expiredToken);
    }
  }
}
