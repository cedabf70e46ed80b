/**
 * Secret tokens a SaaS application hands its customers' admins to paste into Microsoft Entra ID or
 * Okta: {@link dev.roster.scim.server.auth.SecretTokens} issues them per tenant (shown once),
 * verifies and revokes them over a {@link dev.roster.scim.server.auth.TokenStore} that keeps only
 * salted hashes, and {@link dev.roster.scim.server.auth.SecretTokenAuthenticator} authenticates
 * SCIM requests with them.
 *
 * <p><b>Nullness:</b> non-null unless documented ("or null"). <b>Threading:</b> everything here is
 * thread-safe; stores must make revocations visible to every process sharing them at once.
 */
package dev.roster.scim.server.auth;
