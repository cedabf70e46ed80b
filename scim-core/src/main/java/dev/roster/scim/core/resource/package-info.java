/**
 * Resources: {@link dev.roster.scim.core.resource.ScimResource}, one immutable JSON tree for every
 * resource type, and typed views of the standard ones ({@link dev.roster.scim.core.resource.User},
 * {@link dev.roster.scim.core.resource.Group}, {@link
 * dev.roster.scim.core.resource.EnterpriseUser}) with their builders.
 *
 * <p><b>Nullness:</b> accessors of optional attributes return {@link java.util.Optional} or, where
 * documented, null; builder setters accept null to unset. <b>Threading:</b> resources and views are
 * immutable and safe to share; builders are not thread-safe.
 */
package dev.roster.scim.core.resource;
