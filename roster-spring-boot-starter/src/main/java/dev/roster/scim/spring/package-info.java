/**
 * Roster's Spring Boot starter: {@link dev.roster.scim.spring.RosterScimAutoConfiguration} serves
 * the SCIM engine from a Servlet filter ({@link dev.roster.scim.spring.ScimServletFilter}) at
 * {@code roster.scim.base-path} when the application declares a {@code UserRepository} bean,
 * configured by {@link dev.roster.scim.spring.RosterScimProperties}; {@link
 * dev.roster.scim.spring.RosterResourceType} and {@link dev.roster.scim.spring.RosterExtension}
 * beans add resource types and schema extensions.
 *
 * <p><b>Nullness:</b> non-null unless documented. <b>Threading:</b> the filter, the records and the
 * auto-configuration's beans are immutable and thread-safe once the application has started; the
 * properties are bound once at startup.
 */
package dev.roster.scim.spring;
