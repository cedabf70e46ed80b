package dev.roster.scim.spring.app;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * A Spring Boot application without Spring Security (its auto-configuration is excluded, although
 * the test class path has it): Spring MVC, Actuator and, through the starter, SCIM over in-memory
 * repositories, with a {@link SimpleMeterRegistry} for the metrics. Tests set {@code
 * roster.scim.token}.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
// Spring Security's auto-configurations, Spring Boot 4's names and then Spring Boot 3's.
@EnableAutoConfiguration(
    excludeName = {
      "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
      "org.springframework.boot.security.autoconfigure.actuate.web.servlet"
          + ".ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet"
          + ".OAuth2ResourceServerAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.security.servlet"
          + ".ManagementWebSecurityAutoConfiguration",
      "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet"
          + ".OAuth2ResourceServerAutoConfiguration"
    })
@Import({InMemoryRepositories.class, HelloController.class})
public class ScimApplication {
  /** The application's meter registry; Spring Boot's own backs off. */
  @Bean
  SimpleMeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }
}
