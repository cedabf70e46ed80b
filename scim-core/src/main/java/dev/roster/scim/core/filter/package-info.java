/**
 * The filter model (RFC 7644 §3.4.2.2): {@link dev.roster.scim.core.filter.Filter}, a sealed tree
 * of records that repositories receive already parsed and checked, with a visitor and a canonical
 * {@code toString}. scim-filter parses text into it, evaluates it in memory and translates it to
 * SQL.
 *
 * <p><b>Nullness:</b> non-null unless documented. <b>Threading:</b> filters are immutable values,
 * safe to share and to use as map keys.
 */
package dev.roster.scim.core.filter;
