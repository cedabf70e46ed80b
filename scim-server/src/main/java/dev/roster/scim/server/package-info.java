/**
 * The SCIM protocol engine, with no HTTP API: {@link dev.roster.scim.server.ScimServer} takes a
 * {@link dev.roster.scim.server.ScimRequest} and returns a {@link
 * dev.roster.scim.server.ScimResponse}; a host plugs in an {@link
 * dev.roster.scim.server.Authenticator} (such as {@link
 * dev.roster.scim.server.BearerTokenAuthenticator}) and, optionally, a {@link
 * dev.roster.scim.server.ChangeObserver}. Bindings (JAX-RS, Servlet, Spring) translate HTTP to and
 * from the two records.
 *
 * <p><b>Nullness:</b> non-null unless documented; a missing header or parameter is null.
 * <b>Threading:</b> the server and the records are immutable and thread-safe; the builder is not.
 * Authenticators and observers the host supplies are called concurrently from request threads and
 * must be thread-safe.
 */
package dev.roster.scim.server;
