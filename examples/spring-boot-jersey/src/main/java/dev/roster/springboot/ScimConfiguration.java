package dev.roster.springboot;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.jaxrs.ScimFeature;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Roster's SCIM endpoint as the application's Jersey {@link ResourceConfig}, which Spring Boot's
 * Jersey starter serves at {@code spring.jersey.application-path}.
 */
@Configuration(proxyBeanMethods = false)
class ScimConfiguration {
  /**
   * The protocol engine over in-memory repositories (lost at every restart); a real application
   * passes its own {@code UserRepository} and {@code GroupRepository} over its tables.
   */
  @Bean
  ScimServer scimServer(@Value("${roster.scim.token}") String token) {
    SchemaRegistry registry = SchemaRegistry.standard();
    InMemoryStore store = new InMemoryStore(registry);
    return ScimServer.builder()
        .registry(registry)
        .users(store.users())
        .groups(store.groups())
        .authenticator(BearerTokenAuthenticator.single(token))
        .build();
  }

  /** The Jersey application: nothing but the SCIM feature. */
  @Bean
  ResourceConfig jerseyApplication(ScimServer scim) {
    return new ResourceConfig()
        // The base path is relative to Jersey's application path (/scim/v2), so "/" serves SCIM
        // at /scim/v2 itself; "/scim/v2" here would serve it at /scim/v2/scim/v2.
        .register(ScimFeature.builder().basePath("/").server(scim).build())
        // No WADL: Jersey would warn at its first request that it finds no JAXB implementation.
        .property(ServerProperties.WADL_FEATURE_DISABLE, true);
  }
}
