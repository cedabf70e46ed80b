/**
 * Roster's SCIM protocol engine ({@code dev.roster.scim.server}, no JAX-RS types), its Jakarta REST
 * binding ({@code dev.roster.scim.jaxrs}: {@link dev.roster.scim.jaxrs.ScimFeature}, the one thing
 * a host registers) and thread-safe in-memory repositories for tests and prototypes.
 */
module dev.roster.scim.jaxrs {
  requires transitive dev.roster.scim.filter;
  requires transitive jakarta.ws.rs;
  requires org.slf4j;

  exports dev.roster.scim.server;
  exports dev.roster.scim.server.memory;
  exports dev.roster.scim.jaxrs;
}
