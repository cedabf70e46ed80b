/**
 * Roster's SCIM protocol engine ({@link dev.roster.scim.server.ScimServer}: routing, discovery,
 * presentation, retries), which speaks {@link dev.roster.scim.server.ScimRequest} and {@link
 * dev.roster.scim.server.ScimResponse} and no HTTP API, and thread-safe in-memory repositories for
 * tests and prototypes. HTTP bindings, such as {@code dev.roster.scim.jaxrs}, sit on top of it.
 */
module dev.roster.scim.server {
  requires transitive dev.roster.scim.filter;
  requires org.slf4j;

  exports dev.roster.scim.server;
  exports dev.roster.scim.server.memory;
  exports dev.roster.scim.server.auth;
  exports dev.roster.scim.server.auth.jwt;
}
