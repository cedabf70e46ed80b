package dev.roster.scim.spring.app;

import dev.roster.scim.server.Authenticator;
import dev.roster.scim.spring.security.ScimAccessDeniedHandler;
import dev.roster.scim.spring.security.ScimAuthenticationEntryPoint;
import dev.roster.scim.spring.security.SecurityContextAuthenticator;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Setup (b): an OAuth2 resource server that validates JWTs itself (here signed by {@link
 * TestJwts}'s key). Its SCIM chain requires the {@code scim} scope and answers Spring Security's
 * own 401 and 403 as SCIM errors; Roster takes tenant ({@code tid}) and principal ({@code sub})
 * from the security context.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({InMemoryRepositories.class, HelloController.class})
public class JwtSecuredApplication {
  /** Tokens are checked against the test's public key. */
  @Bean
  JwtDecoder jwtDecoder() {
    return NimbusJwtDecoder.withPublicKey(TestJwts.publicKey()).build();
  }

  /** Roster trusts what Spring Security authenticated. */
  @Bean
  Authenticator scimAuthenticator() {
    return SecurityContextAuthenticator.tokenClaim("tid");
  }

  /** The SCIM path: a JWT with the scim scope, SCIM-shaped 401 and 403. */
  @Bean
  @Order(1)
  SecurityFilterChain scimSecurity(HttpSecurity http) throws Exception {
    ScimAuthenticationEntryPoint unauthenticated = new ScimAuthenticationEntryPoint();
    ScimAccessDeniedHandler denied = new ScimAccessDeniedHandler();
    http.securityMatcher("/scim/v2/**")
        .authorizeHttpRequests(authorize -> authorize.anyRequest().hasAuthority("SCOPE_scim"))
        .oauth2ResourceServer(
            oauth2 ->
                oauth2
                    .jwt(Customizer.withDefaults())
                    .authenticationEntryPoint(unauthenticated)
                    .accessDeniedHandler(denied))
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(unauthenticated).accessDeniedHandler(denied))
        .sessionManagement(
            session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  /** Everything else: any valid JWT, with Spring Security's usual answers. */
  @Bean
  @Order(2)
  SecurityFilterChain applicationSecurity(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(authorize -> authorize.anyRequest().authenticated())
        .oauth2ResourceServer(oauth2 -> oauth2.jwt(Customizer.withDefaults()));
    return http.build();
  }
}
