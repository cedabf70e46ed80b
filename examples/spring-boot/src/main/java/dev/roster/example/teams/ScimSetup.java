package dev.roster.example.teams;

import dev.roster.example.teams.scim.AppUserDirectory;
import dev.roster.example.teams.scim.TeamDirectory;
import dev.roster.scim.core.schema.SchemaRegistry;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * All the application adds for SCIM: what it stores, and the two repositories over its tables.
 * Roster's starter finds these beans and serves SCIM at {@code roster.scim.base-path}.
 */
@Configuration(proxyBeanMethods = false)
class ScimSetup {

  /**
   * The schemas the application serves: only what its tables hold, so that {@code /Schemas} tells
   * Entra and Okta exactly which attributes they may map, and anything else is dropped.
   */
  @Bean
  SchemaRegistry scimSchemas() {
    SchemaRegistry schemas = SchemaRegistry.standard();
    schemas.restrict(
        "User",
        List.of(
            "userName",
            "externalId",
            "active",
            "name.givenName",
            "name.familyName",
            "emails.value",
            "emails.type",
            "emails.primary",
            "phoneNumbers.value",
            "phoneNumbers.type",
            "groups"));
    schemas.restrict("Group", List.of("displayName", "externalId", "members"));
    return schemas;
  }

  @Bean
  AppUserDirectory users(
      JdbcTemplate jdbc, TransactionTemplate transactions, SchemaRegistry scimSchemas) {
    return new AppUserDirectory(jdbc, transactions, scimSchemas.resourceSchema("User"));
  }

  @Bean
  TeamDirectory teams(
      JdbcTemplate jdbc, TransactionTemplate transactions, SchemaRegistry scimSchemas) {
    return new TeamDirectory(jdbc, transactions, scimSchemas.resourceSchema("Group"));
  }
}
