/**
 * Roster's core: {@link dev.roster.scim.core.ScimLimits}, the one place every limit the engine
 * enforces lives, with its defaults. The subpackages hold the schema model, resources, attribute
 * paths, the filter and PATCH models, SCIM errors and the repository SPI.
 *
 * <p><b>Nullness:</b> parameters and return values are non-null unless their documentation says "or
 * null"; an absent result is an {@link java.util.Optional}. <b>Threading:</b> {@code ScimLimits} is
 * an immutable value, safe to share.
 */
package dev.roster.scim.core;
