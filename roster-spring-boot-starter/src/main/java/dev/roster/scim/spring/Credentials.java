package dev.roster.scim.spring;

import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BasicAuthenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.jwt.EntraTokenAuthenticator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.AnyNestedCondition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;

/** Turns the credential properties into authenticators and registered clients. */
final class Credentials {
  private Credentials() {}

  /** Entra-issued tokens, their tenants mapped by {@code mapping} or else the properties. */
  static Authenticator entra(RosterScimProperties.EntraSettings entra, EntraTenantMapping mapping) {
    Map<String, String> tenants = new LinkedHashMap<>();
    entra.getTenants().forEach((id, tenant) -> tenants.put(id.toLowerCase(Locale.ROOT), tenant));
    if (mapping == null && tenants.isEmpty()) {
      throw new IllegalStateException(
          "roster.scim.entra.enabled needs the Entra tenants to admit: set"
              + " roster.scim.entra.tenants.<entra-tenant-id>=<tenant> or declare an"
              + " EntraTenantMapping bean");
    }
    EntraTokenAuthenticator.Builder builder =
        EntraTokenAuthenticator.builder()
            .tenantMapping(
                mapping != null
                    ? mapping::tenant
                    : id -> Optional.ofNullable(tenants.get(id.toLowerCase(Locale.ROOT))));
    try {
      builder.audience(entra.getAudience()).clockSkew(entra.getClockSkew());
      if (entra.getJwksFile() != null) {
        builder.jwksFile(entra.getJwksFile());
      } else if (entra.getJwksUri() != null) {
        builder.jwksUri(entra.getJwksUri());
      }
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("roster.scim.entra: " + e.getMessage(), e);
    }
  }

  /** HTTP Basic against the configured credentials. */
  static Authenticator basic(List<RosterScimProperties.BasicCredential> credentials) {
    Map<String, Identity> byPair = new LinkedHashMap<>();
    for (int i = 0; i < credentials.size(); i++) {
      RosterScimProperties.BasicCredential credential = credentials.get(i);
      String user = credential.getUsername();
      String password = credential.getPassword();
      if (user == null
          || user.isEmpty()
          || user.contains(":")
          || password == null
          || password.isEmpty()) {
        throw new IllegalStateException(
            "roster.scim.basic[" + i + "] needs a username without ':' and a password");
      }
      String tenant = credential.getTenant();
      if (byPair.put(user + ":" + password, Identity.of(tenant, "basic:" + user)) != null) {
        throw new IllegalStateException(
            "roster.scim.basic[" + i + "] repeats the credentials of an earlier entry");
      }
    }
    return BasicAuthenticator.of(byPair);
  }

  /**
   * Adds each configured client's secret to {@code clients}, creating the client if needed; a
   * secret the client already holds (a persistent store, restarted) is not added again.
   */
  static void register(ClientCredentials clients, List<RosterScimProperties.Client> configured) {
    for (int i = 0; i < configured.size(); i++) {
      RosterScimProperties.Client client = configured.get(i);
      if (blank(client.getClientId()) || blank(client.getTenant()) || blank(client.getSecret())) {
        throw new IllegalStateException(
            "roster.scim.oauth.clients[" + i + "] needs a client-id, a tenant and a secret");
      }
      try {
        Optional<ClientCredentials.Verified> held =
            clients.verify(client.getClientId(), client.getSecret());
        if (held.isEmpty()) {
          clients.addSecret(client.getTenant(), client.getClientId(), client.getSecret(), null);
        } else if (!held.get().client().tenant().equals(client.getTenant())) {
          throw new IllegalArgumentException(
              "Client " + client.getClientId() + " belongs to another tenant");
        }
      } catch (IllegalArgumentException e) {
        // The message names the client and the rule broken, never the secret.
        throw new IllegalStateException(
            "roster.scim.oauth.clients[" + i + "]: " + e.getMessage(), e);
      }
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }

  /** Secret tokens or the token endpoint, whose access tokens live in the same store, are on. */
  static final class TokensWanted extends AnyNestedCondition {
    TokensWanted() {
      super(ConfigurationPhase.REGISTER_BEAN);
    }

    @ConditionalOnProperty(
        prefix = "roster.scim.secret-tokens",
        name = "enabled",
        havingValue = "true")
    static final class SecretTokensEnabled {}

    @ConditionalOnProperty(prefix = "roster.scim.oauth", name = "enabled", havingValue = "true")
    static final class TokenEndpointEnabled {}
  }
}
