package dev.roster.scim.spring.app;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Setup (a): an application secured by Spring Security (HTTP Basic for its own endpoints) whose
 * security chain permits the SCIM path, so that Roster's bearer-token authenticator ({@code
 * roster.scim.token}) checks SCIM requests itself.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@EnableAutoConfiguration
@Import({InMemoryRepositories.class, HelloController.class})
public class BearerSecuredApplication {
  /** The application's security: its own endpoints need a login; SCIM is left to Roster. */
  @Bean
  SecurityFilterChain securityFilterChain(HttpSecurity http) throws Exception {
    http.authorizeHttpRequests(
            authorize ->
                authorize.requestMatchers("/scim/v2/**").permitAll().anyRequest().authenticated())
        // SCIM clients send bearer tokens, not cookies, so there is no session to forge requests
        // in.
        .csrf(csrf -> csrf.ignoringRequestMatchers("/scim/v2/**"))
        .httpBasic(Customizer.withDefaults());
    return http.build();
  }
}
