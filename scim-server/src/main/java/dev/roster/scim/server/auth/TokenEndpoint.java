package dev.roster.scim.server.auth;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The OAuth 2.0 token endpoint for the client credentials grant (RFC 6749 §4.4), which Microsoft
 * Entra ID's 2026 gallery onboarding requires of SCIM apps: {@code POST} a form with {@code
 * grant_type=client_credentials}, the client authenticated by HTTP Basic ({@code
 * client_secret_basic}) or by {@code client_id} and {@code client_secret} in the form ({@code
 * client_secret_post}), an optional {@code scope}; the answer is an access token (RFC 6749 §5.1) or
 * an error (§5.2), JSON, with {@code Cache-Control: no-store}.
 *
 * <p>Access tokens are opaque: {@link SecretTokens} issues them into the shared {@link TokenStore}
 * for the client's tenant, with the configured lifetime (60 minutes by default, 60 minutes to 6
 * hours). {@link #authenticator()} accepts them on SCIM requests while they are unexpired and their
 * client is enabled and still has the secret they were obtained with, so every process sharing the
 * stores accepts them, and disabling a client or removing a secret takes effect on the next
 * request.
 *
 * <p>Repeated failures are refused with 429 and an integer {@code Retry-After}: 10 within a minute
 * for one client id, 30 (configurable) for one remote address, counted per process; the client id
 * is counted whether or not it exists, so unknown clients and wrong secrets look alike. Secrets and
 * tokens never appear in responses or exceptions. Thread-safe.
 */
public final class TokenEndpoint {
  private static final String FORM = "application/x-www-form-urlencoded";
  private static final String LABEL = "oauth:";

  /** Failed client authentications allowed per client id and minute. */
  public static final int FAILURES_PER_CLIENT = 10;

  /** Failed client authentications allowed per remote address and minute, by default. */
  public static final int DEFAULT_FAILURES_PER_ADDRESS = 30;

  private final ClientCredentials clients;
  private final SecretTokens tokens;
  private final Duration lifetime;
  private final Set<String> scopes;
  private final FailureLimiter perClient;
  private final FailureLimiter perAddress;

  private TokenEndpoint(Builder b) {
    this.clients = requireNonNull(b.clients, "clients");
    this.tokens = requireNonNull(b.tokens, "tokens");
    this.lifetime = b.lifetime;
    this.scopes = Set.copyOf(b.scopes);
    this.perClient = new FailureLimiter(FAILURES_PER_CLIENT, Duration.ofMinutes(1), b.clock);
    this.perAddress =
        b.failuresPerAddress == 0
            ? null
            : new FailureLimiter(b.failuresPerAddress, Duration.ofMinutes(1), b.clock);
  }

  /** Starts configuring an endpoint. */
  public static Builder builder() {
    return new Builder();
  }

  /** How long access tokens live. */
  public Duration lifetime() {
    return lifetime;
  }

  /**
   * Answers one request to the token endpoint. Never throws: every failure is an RFC 6749 §5.2
   * error response.
   */
  public ScimResponse handle(ScimRequest request) {
    if (!request.method().equals("POST")) {
      return error(405, "invalid_request", "The token endpoint accepts POST").withAllow();
    }
    String type = request.header("Content-Type");
    if (type == null || !type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals(FORM)) {
      return error(400, "invalid_request", "Send the parameters as " + FORM).response();
    }
    Map<String, String> form = form(request.body());
    if (form == null) {
      return error(400, "invalid_request", "A parameter is repeated or not form-encoded")
          .response();
    }
    String grant = form.get("grant_type");
    if (grant == null) {
      return error(400, "invalid_request", "grant_type is missing").response();
    }
    if (!grant.equals("client_credentials")) {
      return error(400, "unsupported_grant_type", "Only client_credentials is supported")
          .response();
    }
    String[] basic = basic(request.header("Authorization"));
    boolean inForm = form.containsKey("client_id") || form.containsKey("client_secret");
    if (basic != null && inForm) {
      return error(400, "invalid_request", "Authenticate the client one way, not two").response();
    }
    String clientId = basic != null ? basic[0] : form.get("client_id");
    String secret = basic != null ? basic[1] : form.get("client_secret");
    String address = perAddress == null ? null : request.remoteAddress();
    long retryAfter =
        Math.max(
            clientId == null ? 0 : perClient.retryAfterSeconds(clientId),
            address == null ? 0 : perAddress.retryAfterSeconds(address));
    if (retryAfter > 0) {
      return error(429, "invalid_client", "Too many failed attempts; retry later")
          .response()
          .withHeaders(Map.of("Retry-After", Long.toString(retryAfter)));
    }
    Optional<ClientCredentials.Verified> verified = clients.verify(clientId, secret);
    if (verified.isEmpty()) {
      if (clientId != null) {
        perClient.recordFailure(clientId);
      }
      if (address != null) {
        perAddress.recordFailure(address);
      }
      return error(401, "invalid_client", "Client authentication failed")
          .response()
          .withHeaders(Map.of("WWW-Authenticate", "Basic realm=\"SCIM\""));
    }
    String scope = form.get("scope");
    if (scope != null && !scopes.isEmpty()) {
      for (String requested : scope.split(" ")) {
        if (!requested.isEmpty() && !scopes.contains(requested)) {
          return error(400, "invalid_scope", "The scope is not one this server grants").response();
        }
      }
    }
    OAuthClient client = verified.get().client();
    IssuedToken issued =
        tokens.issue(
            client.tenant(), LABEL + client.clientId() + ":" + verified.get().secretId(), lifetime);
    ObjectNode body = JsonNodeFactory.instance.objectNode();
    body.put("access_token", issued.token());
    body.put("token_type", "Bearer");
    body.put("expires_in", lifetime.toSeconds());
    if (scope != null && !scopes.isEmpty()) {
      body.put("scope", scope);
    }
    return new ScimResponse(200, noStore(), body);
  }

  /**
   * Accepts this endpoint's access tokens as {@code Authorization: Bearer <token>}: unexpired,
   * their client enabled and still holding the secret they were obtained with. The identity is the
   * client's tenant, with principal {@code client:<client id>}.
   */
  public Authenticator authenticator() {
    return request -> {
      String header = request.header("Authorization");
      if (header == null) {
        return Optional.empty();
      }
      String token = header.strip();
      if (token.regionMatches(true, 0, "Bearer ", 0, 7)) {
        token = token.substring(7).strip();
      }
      return tokens
          .verify(token)
          .filter(TokenEndpoint::isAccessToken)
          .flatMap(
              stored -> {
                String[] parts = stored.label().substring(LABEL.length()).split(":", 2);
                if (parts.length != 2 || !clients.stillValid(parts[0], parts[1])) {
                  return Optional.empty();
                }
                return Optional.of(Identity.of(stored.tenant(), "client:" + parts[0]));
              });
    };
  }

  /**
   * Whether {@code token} is an access token this kind of endpoint issued, which only {@link
   * #authenticator()} accepts (it checks the client), not {@link SecretTokenAuthenticator}.
   */
  public static boolean isAccessToken(StoredToken token) {
    return token.label().startsWith(LABEL);
  }

  /** The form's parameters, or null when one is repeated or the body does not decode. */
  private static Map<String, String> form(byte[] body) {
    Map<String, String> form = new LinkedHashMap<>();
    if (body == null) {
      return form;
    }
    try {
      for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
        if (pair.isEmpty()) {
          continue;
        }
        int equals = pair.indexOf('=');
        String name = decode(equals < 0 ? pair : pair.substring(0, equals));
        String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
        if (form.put(name, value) != null) {
          return null; // RFC 6749 §3.2: parameters MUST NOT be included more than once
        }
      }
    } catch (IllegalArgumentException e) {
      return null;
    }
    return form;
  }

  /** {@code client_secret_basic}: the id and secret, each form-encoded (RFC 6749 §2.3.1). */
  private static String[] basic(String header) {
    if (header == null || !header.strip().regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String decoded =
          new String(
              Base64.getDecoder().decode(header.strip().substring(6).strip()),
              StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        return null;
      }
      return new String[] {
        decode(decoded.substring(0, colon)), decode(decoded.substring(colon + 1))
      };
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static String decode(String text) {
    return URLDecoder.decode(text, StandardCharsets.UTF_8);
  }

  private static Map<String, String> noStore() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    headers.put("Cache-Control", "no-store");
    headers.put("Pragma", "no-cache");
    return headers;
  }

  private static Failure error(int status, String code, String description) {
    return new Failure(status, code, description);
  }

  /** An RFC 6749 §5.2 error, to be turned into a response. */
  private record Failure(int status, String code, String description) {
    ScimResponse response() {
      ObjectNode body = JsonNodeFactory.instance.objectNode();
      body.put("error", code);
      body.put("error_description", description);
      return new ScimResponse(status, noStore(), body);
    }

    ScimResponse withAllow() {
      return response().withHeaders(Map.of("Allow", "POST"));
    }
  }

  /** Configures a {@link TokenEndpoint}; not thread-safe. */
  public static final class Builder {
    private ClientCredentials clients;
    private SecretTokens tokens;
    private Duration lifetime = Duration.ofMinutes(60);
    private Set<String> scopes = Set.of();
    private Clock clock = Clock.systemUTC();
    private int failuresPerAddress = DEFAULT_FAILURES_PER_ADDRESS;

    private Builder() {}

    /**
     * How many failed client authentications one remote address may have within a minute before the
     * endpoint answers it 429; default {@value TokenEndpoint#DEFAULT_FAILURES_PER_ADDRESS}, 0 for
     * no limit. Applies when the binding knows the address ({@link ScimRequest#remoteAddress()}).
     */
    public Builder failuresPerAddress(int perMinute) {
      if (perMinute < 0) {
        throw new IllegalArgumentException("the limit must not be negative");
      }
      this.failuresPerAddress = perMinute;
      return this;
    }

    /** The clients that may obtain tokens (required). */
    public Builder clients(ClientCredentials clients) {
      this.clients = requireNonNull(clients, "clients");
      return this;
    }

    /** Where access tokens are kept, shared by every process that accepts them (required). */
    public Builder tokens(SecretTokens tokens) {
      this.tokens = requireNonNull(tokens, "tokens");
      return this;
    }

    /**
     * How long access tokens live: 60 minutes (the default) to 6 hours, as Entra's gallery asks.
     *
     * @throws IllegalArgumentException outside that range
     */
    public Builder lifetime(Duration value) {
      if (value.compareTo(Duration.ofMinutes(60)) < 0 || value.compareTo(Duration.ofHours(6)) > 0) {
        throw new IllegalArgumentException("An access token lives 60 minutes to 6 hours");
      }
      this.lifetime = value;
      return this;
    }

    /**
     * The scopes a client may request; by default none is checked and {@code scope} is ignored, as
     * RFC 6749 §3.3 allows. With a set, any other requested scope is {@code invalid_scope}.
     */
    public Builder scopes(Set<String> values) {
      this.scopes = Set.copyOf(values);
      return this;
    }

    /** The clock, for tests; default the system's. */
    public Builder clock(Clock value) {
      this.clock = requireNonNull(value, "clock");
      return this;
    }

    /** Builds the endpoint. */
    public TokenEndpoint build() {
      return new TokenEndpoint(this);
    }
  }
}
