package dev.roster.example.teams;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A small SaaS-style application with its own users and teams, which Microsoft Entra ID or Okta
 * provision over SCIM through Roster's Spring Boot starter. Start it with {@code java -jar
 * roster-spring-boot-example.jar --roster.scim.token=TOKEN}.
 */
@SpringBootApplication
public class TeamsApplication {
  /** Starts the application. */
  public static void main(String[] args) {
    SpringApplication.run(TeamsApplication.class, args);
  }
}
