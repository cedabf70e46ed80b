/**
 * Roster's SCIM filter module: how text acts.
 *
 * <p>Parses filters and PATCH paths (RFC 7644 §3.4.2.2, §3.5.2) into scim-core's AST with an ANTLR
 * 4 grammar whose types never appear in the API, evaluates filters in memory, and translates them
 * to parameterised SQL.
 */
module dev.roster.scim.filter {
  requires transitive dev.roster.scim.core;
  requires org.antlr.antlr4.runtime;

  exports dev.roster.scim.filter;
  exports dev.roster.scim.patch;
}
