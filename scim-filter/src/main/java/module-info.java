/** SCIM filter and PATCH path parsing, in-memory evaluation, SQL translation and the PATCH engine. */
module dev.roster.scim.filter {
  requires transitive dev.roster.scim.core;
}
