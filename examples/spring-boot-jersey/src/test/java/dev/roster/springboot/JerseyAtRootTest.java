package dev.roster.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.jaxrs.ScimFeature;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The trap this example avoids: with Spring Boot's default {@code spring.jersey.application-path=/}
 * and the SCIM base path in the feature instead, SCIM works but Jersey's servlet, mapped to {@code
 * /*}, receives every request, and the application's own MVC controller and Actuator answer 404.
 */
@SpringBootTest(
    classes = JerseyAtRootTest.JerseyAtRoot.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "spring.jersey.application-path=/"})
class JerseyAtRootTest {
  private static final String TOKEN = "trap-token";

  @LocalServerPort int port;

  @Autowired
  @Qualifier("requestMappingHandlerMapping")
  RequestMappingHandlerMapping mvc;

  private Http http;

  @BeforeEach
  void client() {
    http = new Http(port);
  }

  @Test
  void scimAnswers() {
    assertThat(http.get("/scim/v2/Users", TOKEN).statusCode()).isEqualTo(200);
  }

  @Test
  void jerseyShadowsMvcControllerAndActuator() {
    assertThat(mvc.getHandlerMethods().keySet())
        .as("Spring MVC maps the controller; only the servlet mapping keeps requests from it")
        .anyMatch(mapping -> mapping.getPatternValues().contains("/api/hello"));
    assertThat(http.get("/api/hello", null).statusCode()).isEqualTo(404);
    assertThat(http.get("/actuator/health", null).statusCode()).isEqualTo(404);
  }

  /** The application as first written: the same controller, SCIM's path in the feature. */
  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(HelloController.class)
  static class JerseyAtRoot {
    @Bean
    ResourceConfig jerseyApplication() {
      SchemaRegistry registry = SchemaRegistry.standard();
      InMemoryStore store = new InMemoryStore(registry);
      ScimServer scim =
          ScimServer.builder()
              .registry(registry)
              .users(store.users())
              .groups(store.groups())
              .authenticator(BearerTokenAuthenticator.single(TOKEN))
              .build();
      return new ResourceConfig()
          .register(ScimFeature.builder().basePath("/scim/v2").server(scim).build())
          .property(ServerProperties.WADL_FEATURE_DISABLE, true);
    }
  }
}
