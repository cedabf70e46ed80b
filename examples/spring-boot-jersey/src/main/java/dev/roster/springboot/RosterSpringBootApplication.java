package dev.roster.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that serves its own Spring MVC endpoints ({@link HelloController}) and,
 * through Spring Boot's Jersey starter, Roster's SCIM endpoint ({@link ScimConfiguration}).
 *
 * <p>{@code spring.jersey.application-path} in {@code application.properties} keeps the two apart:
 * Jersey's servlet owns {@code /scim/v2/*} and Spring MVC's {@code DispatcherServlet} everything
 * else.
 */
@SpringBootApplication
public class RosterSpringBootApplication {
  /** Starts the application; Spring Boot's command-line arguments apply. */
  public static void main(String[] args) {
    SpringApplication.run(RosterSpringBootApplication.class, args);
  }
}
