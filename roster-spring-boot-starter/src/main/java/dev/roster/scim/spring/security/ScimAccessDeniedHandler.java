package dev.roster.scim.spring.security;

import dev.roster.scim.spring.internal.ServletExchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * Answers Spring Security's "access denied" on the SCIM path (an authenticated caller without the
 * authority the chain requires, such as a {@code SCOPE_scim} scope) with 403 and a SCIM error body
 * (RFC 7644 §3.12) of type {@code application/scim+json}. See {@link ScimAuthenticationEntryPoint}
 * for how to configure it. Immutable and thread-safe.
 */
public final class ScimAccessDeniedHandler implements AccessDeniedHandler {
  /** A handler answering 403 with a SCIM error. */
  public ScimAccessDeniedHandler() {}

  @Override
  public void handle(
      HttpServletRequest request,
      HttpServletResponse response,
      AccessDeniedException accessDeniedException)
      throws IOException {
    ServletExchange.write(
        ServletExchange.error(
            403, "These credentials do not grant access to this SCIM endpoint", Map.of()),
        response);
  }
}
