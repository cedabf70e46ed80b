/**
 * Attribute paths (RFC 7644 §3.10): {@link dev.roster.scim.core.path.AttributePath}, an optional
 * schema URN, an attribute and an optional sub-attribute, compared ignoring case.
 *
 * <p><b>Nullness:</b> the URN and sub-attribute components may be null; everything else is non-null
 * unless documented. <b>Threading:</b> immutable values, safe to share.
 */
package dev.roster.scim.core.path;
