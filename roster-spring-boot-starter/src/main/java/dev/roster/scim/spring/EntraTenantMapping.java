package dev.roster.scim.spring;

import java.util.Optional;

/**
 * Maps the Microsoft Entra tenant that issued a token to the Roster tenant it acts on; a bean of
 * this type replaces {@code roster.scim.entra.tenants}. Called concurrently, only for tokens whose
 * signature, issuer, audience and times hold.
 */
@FunctionalInterface
public interface EntraTenantMapping {
  /**
   * The Roster tenant for {@code entraTenantId} (a lower-case GUID), or empty to refuse its tokens.
   */
  Optional<String> tenant(String entraTenantId);
}
