package dev.roster.scim.testkit;

import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.InMemoryClientStore;
import dev.roster.scim.server.auth.InMemoryTokenStore;
import dev.roster.scim.server.auth.SecretTokenAuthenticator;
import dev.roster.scim.server.auth.SecretTokens;
import dev.roster.scim.server.auth.TokenEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Roster server as a SaaS app runs it for Microsoft Entra ID: secret tokens and an OAuth 2.0
 * token endpoint over one token store, and two tenants, {@code acme} and {@code globex}, each with
 * a client and a secret token; plus a revoked and an expired token of {@code acme}.
 */
final class TwoTenants implements AutoCloseable {
  static final String ACME_CLIENT = "acme-entra";
  static final String GLOBEX_CLIENT = "globex-entra";

  /** Any token Roster issues, secret or access token: {@code rst_<16 hex>_<secret>}. */
  static final Pattern ROSTER_TOKEN = Pattern.compile("rst_[0-9a-f]{16}_[A-Za-z0-9_-]{20,}");

  final RosterServer roster;
  final String acmeSecret;
  final String globexSecret;
  final String acmeToken;
  final String globexToken;
  final String revokedToken;
  final String expiredToken;

  private TwoTenants() {
    MovableClock clock = new MovableClock();
    SecretTokens tokens = new SecretTokens(new InMemoryTokenStore(), clock);
    // Few PBKDF2 iterations, for speed.
    ClientCredentials clients = new ClientCredentials(new InMemoryClientStore(), clock, 1000);
    acmeSecret = clients.addSecret("acme", ACME_CLIENT, null, null).secret();
    globexSecret = clients.addSecret("globex", GLOBEX_CLIENT, null, null).secret();
    acmeToken = tokens.issue("acme", "Entra provisioning", null).token();
    globexToken = tokens.issue("globex", "Entra provisioning", null).token();
    var revoked = tokens.issue("acme", "rotated out", null);
    tokens.revoke("acme", revoked.stored().id());
    revokedToken = revoked.token();
    expiredToken = tokens.issue("acme", "short-lived", Duration.ofMinutes(1)).token();
    clock.advance(Duration.ofMinutes(2));
    TokenEndpoint endpoint =
        TokenEndpoint.builder()
            .clients(clients)
            .tokens(tokens)
            .lifetime(Duration.ofHours(1))
            .build();
    roster =
        RosterServer.start(
            Authenticator.anyOf(endpoint.authenticator(), new SecretTokenAuthenticator(tokens)),
            endpoint);
  }

  static TwoTenants start() {
    return new TwoTenants();
  }

  /**
   * The auth suite with every option it takes: the token endpoint, acme's client, globex's client,
   * the revoked and the expired token.
   */
  TestkitOptions.Builder options() {
    return TestkitOptions.builder(roster.baseUrl())
        .suites(Suite.AUTH)
        .tokenUrl(roster.tokenUrl())
        .clientCredentials(ACME_CLIENT, acmeSecret)
        .otherClientCredentials(GLOBEX_CLIENT, globexSecret)
        .revokedToken(revokedToken)
        .expiredToken(expiredToken);
  }

  /** Every secret and token this server handed out, none of which a report may show. */
  List<String> secrets() {
    return List.of(acmeSecret, globexSecret, acmeToken, globexToken, revokedToken, expiredToken);
  }

  @Override
  public void close() {
    roster.close();
  }

  /** The system clock, moved on by {@link #advance}: a token issued before it can expire. */
  private static final class MovableClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }
  }
}
