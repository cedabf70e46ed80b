package dev.roster.scim.core.spi;

/**
 * Stores users ({@code urn:ietf:params:scim:schemas:core:2.0:User} with its extensions, served at
 * {@code /Users}).
 *
 * <p>Beyond {@link ResourceRepository}'s duties: {@code userName} is unique per tenant and compared
 * case-insensitively (Microsoft Entra ID and Okta look users up by it in any case); deleting a user
 * also removes it from every group. Identity providers deactivate by setting {@code active} to
 * {@code false}; store it like any other attribute.
 */
public interface UserRepository extends ResourceRepository {}
