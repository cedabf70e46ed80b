package dev.roster.scim.spring.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.authentication.AbstractOAuth2TokenAuthenticationToken;

/**
 * Reads token claims; its own class so that spring-security-oauth2-resource-server is loaded only
 * by applications that read claims.
 */
final class TokenClaims {
  private TokenClaims() {}

  /** The claim's text, or null when it is absent, not a string or number, or no token is held. */
  static String claim(Authentication authentication, String claim) {
    if (authentication instanceof AbstractOAuth2TokenAuthenticationToken<?> token) {
      Object value = token.getTokenAttributes().get(claim);
      if (value instanceof String || value instanceof Number) {
        return value.toString();
      }
    }
    return null;
  }
}
