package dev.roster.scim.core.spi;

/**
 * Stores users ({@code urn:ietf:params:scim:schemas:core:2.0:User} with its extensions, served at
 * {@code /Users}).
 *
 * <p>Beyond {@link ResourceRepository}'s duties: {@code userName} is unique per tenant and compared
 * case-insensitively (Microsoft Entra ID and Okta look users up by it in any case); deleting a user
 * also removes it from every group. Identity providers deactivate by setting {@code active} to
 * {@code false}; store it like any other attribute.
 *
 * <p>The repository fills the read-only {@code groups} attribute (RFC 7643 §4.1.2) when the
 * projection includes it: one {@code {"value": groupId, "display": displayName, "type": "direct"}}
 * per group the user is a direct member of, from the memberships {@link GroupRepository} stores.
 * The engine never writes it (it is read-only, so PUT and PATCH values for it are dropped), and
 * deleting a user removes it from every group in the same tenant. {@code
 * dev.roster.scim.testkit.contract.GroupRepositoryContract} checks both.
 */
public interface UserRepository extends ResourceRepository {}
