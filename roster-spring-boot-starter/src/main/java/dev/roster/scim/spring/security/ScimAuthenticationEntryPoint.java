package dev.roster.scim.spring.security;

import dev.roster.scim.spring.internal.ServletExchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * Answers Spring Security's "not authenticated" on the SCIM path as Roster's engine does: 401 with
 * {@code WWW-Authenticate: Bearer realm="SCIM"} and a SCIM error body (RFC 7644 §3.12) of type
 * {@code application/scim+json}, instead of an empty body or an HTML page.
 *
 * <p>For an application that validates JWTs as an OAuth2 resource server before SCIM sees the
 * request, so that a missing, expired or forged token gets the same answer SCIM clients get from
 * the engine:
 *
 * <pre>{@code
 * http.securityMatcher("/scim/v2/**")
 *     .authorizeHttpRequests(a -> a.anyRequest().authenticated())
 *     .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults())
 *         .authenticationEntryPoint(new ScimAuthenticationEntryPoint()))
 *     .exceptionHandling(e -> e.authenticationEntryPoint(new ScimAuthenticationEntryPoint())
 *         .accessDeniedHandler(new ScimAccessDeniedHandler()))
 *     .csrf(c -> c.disable());
 * }</pre>
 *
 * <p>The detail never repeats the exception's message, which may describe the token. Immutable and
 * thread-safe.
 */
public final class ScimAuthenticationEntryPoint implements AuthenticationEntryPoint {
  /** An entry point answering 401 with a SCIM error. */
  public ScimAuthenticationEntryPoint() {}

  @Override
  public void commence(
      HttpServletRequest request,
      HttpServletResponse response,
      AuthenticationException authException)
      throws IOException {
    ServletExchange.write(
        ServletExchange.error(
            401,
            "The request needs a valid bearer token",
            Map.of("WWW-Authenticate", "Bearer realm=\"SCIM\"")),
        response);
  }
}
