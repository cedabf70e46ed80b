package dev.roster.scim.server.auth;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * An OAuth 2.0 client of the token endpoint (RFC 6749 §4.4, client credentials): the identity
 * provider a tenant's admin configured, e.g. Microsoft Entra ID's gallery app for that customer.
 *
 * @param clientId the client id the admin pastes into the identity provider
 * @param tenant the tenant its access tokens authenticate as
 * @param enabled whether it may obtain tokens and use the ones it has
 * @param secrets its secrets, as hashes; several at once while rotating
 */
public record OAuthClient(
    String clientId, String tenant, boolean enabled, List<ClientSecret> secrets) {
  public OAuthClient {
    requireNonNull(clientId, "clientId");
    requireNonNull(tenant, "tenant");
    secrets = List.copyOf(secrets);
  }
}
