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
 * <p>Immutable. {@link #toString()} masks the credentials.
 *
 * @param baseUrl the SCIM base URL, to which {@code /Users}, {@code /Groups} etc. are appended;
 *     query parameters in it are sent with every request
 * @param authorization the {@code Authorization} header value, or null to send none
 * @param headers further headers sent with every request, in order
 * @param suites the suites to run, in the fixed order entra, okta, rfc
 * @param profile the attribute profile
 * @param customAttribute the URN-qualified custom extension attribute the {@link Profile#FULL}
 *     profile writes
 * @param timeout how long to wait for each response
 * @param prefix the start of every userName and displayName the checks create
 * @param checks the checks to run, or empty for every check of the chosen suites; each selector is
 *     {@code suite:number} (e.g. {@code entra:11}, as reports number the checks) or {@code
 *     suite:text}, choosing every check of the suite whose name contains the text, ignoring case
 *     (e.g. {@code okta:push now}); {@link Testkit#of} rejects a selector that chooses no check
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
    List<String> checks) {

  /** The custom attribute of askSpoke's tutorial, which the full profile writes by default. */
  public static final String SPOKE_START_DATE =
      "urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User:startDate";

  /** Validates and copies. */
  public TestkitOptions {
    requireNonNull(baseUrl, "baseUrl");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
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
        + "]";
  }

  /** Configures {@link TestkitOptions}; not thread-safe. */
  public static final class Builder {
    private final URI baseUrl;
    private String authorization;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private List<Suite> suites = List.of(Suite.values());
    private Profile profile = Profile.FULL;
    private String customAttribute = SPOKE_START_DATE;
    private Duration timeout = Duration.ofSeconds(30);
    private String prefix = "Rtk";
    private List<String> checks = List.of();

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

    /** The suites to run; default all three. */
    public Builder suites(Suite... chosen) {
      this.suites = List.of(chosen);
      return this;
    }

    /** The suites to run; default all three. */
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
          checks);
    }
  }
}
