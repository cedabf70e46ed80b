/**
 * Roster's SCIM core: what things are.
 *
 * <p>The schema model ({@code schema}), resources and their typed views ({@code resource}),
 * attribute paths ({@code path}), the filter AST ({@code filter}), PATCH operations ({@code
 * patch}), errors ({@code error}), limits ({@link dev.roster.scim.core.ScimLimits}) and the
 * repository SPI that host applications implement ({@code spi}). No JAX-RS and no ANTLR types
 * appear here.
 */
// The qualified export below names scim-filter, which javac cannot see while compiling this module.
@SuppressWarnings("module")
module dev.roster.scim.core {
  requires transitive com.fasterxml.jackson.databind;

  exports dev.roster.scim.core;
  exports dev.roster.scim.core.error;
  exports dev.roster.scim.core.filter;
  exports dev.roster.scim.core.patch;
  exports dev.roster.scim.core.path;
  exports dev.roster.scim.core.resource;
  exports dev.roster.scim.core.schema;
  exports dev.roster.scim.core.spi;
  // Shared JSON helpers for Roster's own modules; not an API.
  exports dev.roster.scim.core.internal to
      dev.roster.scim.filter,
      dev.roster.scim.server,
      dev.roster.scim.jdbc;
}
