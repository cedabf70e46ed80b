/**
 * Spring Security support for applications that serve SCIM through the starter: {@link
 * dev.roster.scim.spring.security.SecurityContextAuthenticator} takes the caller and tenant from
 * the security context (for OAuth2 resource servers), and {@link
 * dev.roster.scim.spring.security.ScimAuthenticationEntryPoint} and {@link
 * dev.roster.scim.spring.security.ScimAccessDeniedHandler} make Spring Security's own 401 and 403
 * SCIM error JSON. Needs {@code spring-security-web}; {@code tokenClaim} also needs {@code
 * spring-security-oauth2-resource-server}.
 *
 * <p><b>Nullness:</b> non-null unless documented. <b>Threading:</b> every class is immutable and
 * thread-safe.
 */
package dev.roster.scim.spring.security;
