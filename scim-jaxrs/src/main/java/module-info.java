/**
 * Roster's Jakarta REST binding: {@link dev.roster.scim.jaxrs.ScimFeature}, the one thing a host
 * registers, translates HTTP requests to calls of the protocol engine ({@code
 * dev.roster.scim.server}, module {@code dev.roster.scim.server}) and its responses back.
 */
module dev.roster.scim.jaxrs {
  requires transitive dev.roster.scim.server;
  requires transitive jakarta.ws.rs;

  exports dev.roster.scim.jaxrs;
}
