/**
 * Micrometer metrics for SCIM requests ({@link dev.roster.scim.spring.metrics.ScimRequestMetrics}),
 * active when the application has a {@code MeterRegistry}; needs {@code micrometer-core}.
 *
 * <p><b>Nullness:</b> non-null unless documented. <b>Threading:</b> thread-safe.
 */
package dev.roster.scim.spring.metrics;
