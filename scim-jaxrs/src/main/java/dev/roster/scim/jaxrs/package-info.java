/**
 * The Jakarta REST binding: {@link dev.roster.scim.jaxrs.ScimFeature}, registered with any Jakarta
 * REST 3.1 or 4.0 runtime, answers every request under its base path with the protocol engine's
 * response.
 *
 * <p><b>Nullness:</b> non-null unless documented. <b>Threading:</b> the feature and the filter it
 * registers are immutable and serve concurrent requests.
 */
package dev.roster.scim.jaxrs;
