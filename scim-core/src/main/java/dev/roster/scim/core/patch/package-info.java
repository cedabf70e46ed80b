/**
 * The PATCH model (RFC 7644 §3.5.2): operations, their {@code op} and their path, as the PATCH
 * engine in scim-filter reads and applies them.
 *
 * <p><b>Nullness:</b> non-null unless documented; a path-less operation has a null path.
 * <b>Threading:</b> every type here is immutable and safe to share.
 */
package dev.roster.scim.core.patch;
