/** The SCIM protocol engine and its Jakarta REST binding. */
module dev.roster.scim.jaxrs {
  requires transitive dev.roster.scim.filter;
}
