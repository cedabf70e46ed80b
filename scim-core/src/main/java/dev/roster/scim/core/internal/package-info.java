/**
 * JSON helpers shared by Roster's own modules; exported to them only, not an API.
 *
 * <p><b>Nullness:</b> as each method documents. <b>Threading:</b> stateless helpers; a tree
 * borrowed through {@code ResourceTrees} is only read, never changed.
 */
package dev.roster.scim.core.internal;
