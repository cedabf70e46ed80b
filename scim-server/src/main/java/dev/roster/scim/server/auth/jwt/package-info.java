/**
 * Tokens Microsoft Entra ID issues itself: {@link
 * dev.roster.scim.server.auth.jwt.EntraTokenAuthenticator} validates the RS256 JWT Entra sends as
 * {@code Authorization: Bearer <jwt>} when an admin leaves "Secret Token" blank, or in federated
 * set-ups, against Entra's published keys (a JWKS fetched from a URL with caching and key rollover,
 * read from a file, or given in memory), and maps the Entra tenant to a Roster tenant through a
 * host callback. Refusals are reported as a {@link dev.roster.scim.server.auth.jwt.Refusal}, never
 * logged.
 *
 * <p><b>Nullness:</b> non-null unless documented. <b>Threading:</b> an authenticator is immutable
 * and thread-safe once built and may fetch keys on a request thread (at most one fetch at a time,
 * bounded by its timeout); its builder is not thread-safe. The host's tenant mapping and refusal
 * listener are called concurrently from request threads and must be thread-safe.
 */
package dev.roster.scim.server.auth.jwt;
