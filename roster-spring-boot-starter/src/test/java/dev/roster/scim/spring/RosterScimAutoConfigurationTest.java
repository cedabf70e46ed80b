package dev.roster.scim.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.AuthenticationScheme;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ChangeEvent;
import dev.roster.scim.server.ChangeObserver;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.MeResolver;
import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.ClientStore;
import dev.roster.scim.server.auth.InMemoryClientStore;
import dev.roster.scim.server.auth.InMemoryTokenStore;
import dev.roster.scim.server.auth.IssuedToken;
import dev.roster.scim.server.auth.SecretTokens;
import dev.roster.scim.server.auth.TokenEndpoint;
import dev.roster.scim.server.auth.TokenStore;
import dev.roster.scim.server.memory.InMemoryStore;
import dev.roster.scim.spring.metrics.ScimRequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When the starter serves SCIM, and with what, decided by beans and properties. */
class RosterScimAutoConfigurationTest {
  /** An application's own token and client stores. */
  @Configuration(proxyBeanMethods = false)
  static class Stores {
    final InMemoryTokenStore tokens = new InMemoryTokenStore();
    final InMemoryClientStore clients = new InMemoryClientStore();

    @Bean
    TokenStore tokenStore() {
      return tokens;
    }

    @Bean
    ClientStore clientStore() {
      return clients;
    }
  }

  private static final String TOKEN = "ctx-token";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final WebApplicationContextRunner runner =
      new WebApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(RosterScimAutoConfiguration.class));

  @Test
  void withoutUserRepositoryDeclaresNothing() {
    runner
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ScimServer.class);
              assertThat(context).doesNotHaveBean(Authenticator.class);
              assertThat(context).doesNotHaveBean(SchemaRegistry.class);
              assertThat(context).doesNotHaveBean(RosterScimAutoConfiguration.FILTER_REGISTRATION);
            });
  }

  @Test
  void withUserRepositoryAndTokenServesAtTheDefaultBasePathAfterSpringSecurity() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context -> {
              assertThat(context).hasSingleBean(ScimServer.class);
              assertThat(context)
                  .getBean(Authenticator.class)
                  .isInstanceOf(BearerTokenAuthenticator.class);
              FilterRegistrationBean<?> registration = registration(context);
              assertThat(registration.getUrlPatterns()).containsExactly("/scim/v2/*");
              assertThat(registration.getFilter()).isInstanceOf(ScimServletFilter.class);
              // spring.security.filter.order defaults to -100; SCIM comes after it.
              assertThat(registration.getOrder()).isEqualTo(-90);

              ScimServer server = context.getBean(ScimServer.class);
              assertThat(handle(server, "GET", "/Users", "Bearer " + TOKEN).status())
                  .isEqualTo(200);
              assertThat(handle(server, "GET", "/Groups", "Bearer " + TOKEN).status())
                  .isEqualTo(200);
              assertThat(handle(server, "GET", "/Users", "Bearer nope").status()).isEqualTo(401);
            });
  }

  @Test
  void withoutGroupRepositoryServesUsersOnly() {
    runner
        .withUserConfiguration(UsersOnly.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context -> {
              ScimServer server = context.getBean(ScimServer.class);
              assertThat(handle(server, "GET", "/Users", "Bearer " + TOKEN).status())
                  .isEqualTo(200);
              assertThat(handle(server, "GET", "/Groups", "Bearer " + TOKEN).status())
                  .isEqualTo(404);
            });
  }

  @Test
  void usesTheApplicationsAuthenticator() {
    runner
        .withUserConfiguration(Repositories.class, HostAuthenticator.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context)
                  .getBean(Authenticator.class)
                  .isSameAs(context.getBean(HostAuthenticator.class).authenticator);
              ScimServer server = context.getBean(ScimServer.class);
              assertThat(handle(server, "GET", "/Users", "Host letmein").status()).isEqualTo(200);
              assertThat(handle(server, "GET", "/Users", "Bearer " + TOKEN).status())
                  .isEqualTo(401);
            });
  }

  @Test
  void servesAtACustomBasePath() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN, "roster.scim.base-path=identity/scim/")
        .run(
            context -> {
              assertThat(registration(context).getUrlPatterns())
                  .containsExactly("/identity/scim/*");
              assertThat(((ScimServletFilter) registration(context).getFilter()).basePath())
                  .isEqualTo("/identity/scim");
            });
  }

  @Test
  void refusesToStartWithoutCredentials() {
    runner
        .withUserConfiguration(Repositories.class)
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(failure(context))
                  .contains("roster.scim.token")
                  .contains("roster.scim.tenant-tokens")
                  .contains("Authenticator bean");
            });
  }

  @Test
  void refusesBlankToken() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=  ")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void enabledFalseTurnsEverythingOff() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.enabled=false")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ScimServer.class);
              assertThat(context).doesNotHaveBean(RosterScimAutoConfiguration.FILTER_REGISTRATION);
            });
  }

  @Test
  void outsideAServletWebApplicationDeclaresNothing() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RosterScimAutoConfiguration.class))
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ScimServer.class);
            });
  }

  @Test
  void tenantTokensActOnTheirTenants() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.tenant-tokens.acme=acme-token",
            "roster.scim.tenant-tokens.globex=globex-token")
        .run(
            context -> {
              Authenticator authenticator = context.getBean(Authenticator.class);
              assertThat(authenticator.authenticate(request("GET", "/Users", "Bearer acme-token")))
                  .map(Identity::tenant)
                  .hasValue("acme");
              assertThat(
                      authenticator.authenticate(request("GET", "/Users", "Bearer globex-token")))
                  .map(Identity::tenant)
                  .hasValue("globex");
              assertThat(authenticator.authenticate(request("GET", "/Users", "Bearer other")))
                  .isEmpty();
            });
  }

  @Test
  void tokenAndTenantTokensTogether() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=single", "roster.scim.tenant-tokens.acme=acme-token")
        .run(
            context ->
                assertThat(
                        context
                            .getBean(Authenticator.class)
                            .authenticate(request("GET", "/Users", "Bearer single")))
                    .map(Identity::tenant)
                    .hasValue(RequestContext.SINGLE_TENANT));
  }

  @Test
  void refusesOneTokenForTwoTenants() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.tenant-tokens.acme=same", "roster.scim.tenant-tokens.globex=same")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("roster.scim.tenant-tokens.globex")
                    .contains("acme"));
  }

  @Test
  void backsOffForTheApplicationsServerAndFilterRegistration() {
    runner
        .withUserConfiguration(Repositories.class, HostServerAndFilter.class)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context)
                  .getBean(ScimServer.class)
                  .isSameAs(context.getBean(HostServerAndFilter.class).server);
              assertThat(context).doesNotHaveBean(RosterScimAutoConfiguration.FILTER_REGISTRATION);
              assertThat(context).hasBean("hostFilter");
            });
  }

  @Test
  void anotherFilterRegistrationDoesNotReplaceOurs() {
    runner
        .withUserConfiguration(Repositories.class, UnrelatedFilter.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context ->
                assertThat(context).hasBean(RosterScimAutoConfiguration.FILTER_REGISTRATION));
  }

  @Test
  void registersExtensionsAndCustomResourceTypes() {
    runner
        .withUserConfiguration(Repositories.class, ExtensionAndDevices.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context -> {
              ScimServer server = context.getBean(ScimServer.class);
              String bearer = "Bearer " + TOKEN;
              JsonNode schemas = json(handle(server, "GET", "/Schemas", bearer));
              assertThat(schemas.findValuesAsText("id"))
                  .contains(ExtensionAndDevices.EXTENSION, ExtensionAndDevices.DEVICE);
              JsonNode types = json(handle(server, "GET", "/ResourceTypes", bearer));
              assertThat(types.findValuesAsText("endpoint")).contains("/Users", "/Devices");
              assertThat(handle(server, "GET", "/Devices", bearer).status()).isEqualTo(200);

              ScimResponse created =
                  handle(
                      server,
                      "POST",
                      "/Users",
                      bearer,
                      "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                          + ExtensionAndDevices.EXTENSION
                          + "\"],\"userName\":\"ext\",\""
                          + ExtensionAndDevices.EXTENSION
                          + "\":{\"startDate\":\"2024-01-01\"}}");
              assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
              assertThat(
                      json(created).path(ExtensionAndDevices.EXTENSION).path("startDate").asText())
                  .isEqualTo("2024-01-01");
            });
  }

  @Test
  void appliesPatchResponseByTypeNameOrEndpoint() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.token=" + TOKEN,
            "roster.scim.patch-response.users=no-content",
            "roster.scim.patch-response.Group=resource")
        .run(
            context -> {
              ScimServer server = context.getBean(ScimServer.class);
              String bearer = "Bearer " + TOKEN;
              String userId =
                  json(handle(
                          server,
                          "POST",
                          "/Users",
                          bearer,
                          "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                              + "\"userName\":\"patched\"}"))
                      .path("id")
                      .asText();
              String groupId =
                  json(handle(
                          server,
                          "POST",
                          "/Groups",
                          bearer,
                          "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],"
                              + "\"displayName\":\"patched\"}"))
                      .path("id")
                      .asText();
              String patch =
                  "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                      + "\"Operations\":[{\"op\":\"replace\",\"path\":\"externalId\",\"value\":\"x\"}]}";
              assertThat(handle(server, "PATCH", "/Users/" + userId, bearer, patch).status())
                  .isEqualTo(204);
              assertThat(handle(server, "PATCH", "/Groups/" + groupId, bearer, patch).status())
                  .isEqualTo(200);
            });
  }

  @Test
  void refusesPatchResponseForAnUnknownType() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.token=" + TOKEN, "roster.scim.patch-response.Widget=resource")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("roster.scim.patch-response.Widget")
                    .contains("User, Group"));
  }

  @Test
  void bindsEveryLimitAndKeepsDefaultsForTheRest() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.token=" + TOKEN,
            "roster.scim.limits.max-page-size=50",
            "roster.scim.limits.default-page-size=20",
            "roster.scim.limits.max-request-body-bytes=2048",
            "roster.scim.limits.max-json-depth=16")
        .run(
            context -> {
              var limits = context.getBean(ScimServer.class).limits();
              assertThat(limits.maxPageSize()).isEqualTo(50);
              assertThat(limits.defaultPageSize()).isEqualTo(20);
              assertThat(limits.maxRequestBodyBytes()).isEqualTo(2048);
              assertThat(limits.maxJsonDepth()).isEqualTo(16);
              assertThat(limits.maxFilterLength()).isEqualTo(8_192);
              assertThat(limits.maxPatchOperations()).isEqualTo(1_000);
            });
  }

  @Test
  void refusesAnInvalidLimitNamingTheProperty() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN, "roster.scim.limits.max-page-size=0")
        .run(
            context ->
                assertThat(failure(context))
                    .contains("roster.scim.limits")
                    .contains("maxPageSize"));
  }

  @Test
  void appliesDiscoveryTenancyAndValidationSettings() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.token=" + TOKEN,
            "roster.scim.open-discovery=true",
            "roster.scim.validation=strict",
            "roster.scim.max-version-retries=3")
        .run(
            context -> {
              ScimServer server = context.getBean(ScimServer.class);
              assertThat(handle(server, "GET", "/ServiceProviderConfig", null).status())
                  .isEqualTo(200);
              ScimResponse strict =
                  handle(
                      server,
                      "POST",
                      "/Users",
                      "Bearer " + TOKEN,
                      "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                          + "\"userName\":\"strict\",\"favouriteColour\":\"green\"}");
              assertThat(strict.status()).isEqualTo(400);
            });
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.tenant-tokens.acme=acme-token", "roster.scim.tenant-from-path=true")
        .run(
            context -> {
              ScimServer server = context.getBean(ScimServer.class);
              assertThat(handle(server, "GET", "/acme/Users", "Bearer acme-token").status())
                  .isEqualTo(200);
              assertThat(handle(server, "GET", "/globex/Users", "Bearer acme-token").status())
                  .isEqualTo(403);
            });
  }

  @Test
  void credentialBeansAppearOnlyWhenTheirPropertiesAskAndTheChainHoldsWhatIsConfigured() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context -> {
              assertThat(context).doesNotHaveBean(SecretTokens.class);
              assertThat(context).doesNotHaveBean(ClientCredentials.class);
              assertThat(context).doesNotHaveBean(TokenEndpoint.class);
            });
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.oauth.enabled=true",
            "roster.scim.basic[0].username=okta",
            "roster.scim.basic[0].password=pw",
            "roster.scim.basic[0].tenant=acme")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasSingleBean(TokenEndpoint.class);
              assertThat(context).hasSingleBean(SecretTokens.class);
              assertThat(context.getBean(Authenticator.class).schemes())
                  .containsExactly(
                      AuthenticationScheme.BEARER_TOKEN, AuthenticationScheme.HTTP_BASIC);
              // Without roster.scim.secret-tokens.enabled, a generated secret token is refused:
              // the gallery forbids long-lived bearer tokens.
              String issued = context.getBean(SecretTokens.class).issue("acme", "x", null).token();
              assertThat(
                      handle(context.getBean(ScimServer.class), "GET", "/Users", "Bearer " + issued)
                          .status())
                  .isEqualTo(401);
            });
  }

  @Test
  void usesTheApplicationsTokenAndClientStores() {
    runner
        .withUserConfiguration(Repositories.class, Stores.class)
        .withPropertyValues(
            "roster.scim.oauth.enabled=true",
            "roster.scim.secret-tokens.enabled=true",
            "roster.scim.oauth.clients[0].client-id=entra",
            "roster.scim.oauth.clients[0].tenant=acme",
            "roster.scim.oauth.clients[0].secret=s3cret")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              Stores stores = context.getBean(Stores.class);
              assertThat(stores.clients.find("entra")).isPresent();
              IssuedToken issued = context.getBean(SecretTokens.class).issue("acme", "x", null);
              assertThat(stores.tokens.find(issued.stored().id())).isPresent();
            });
  }

  @Test
  void refusesIncompleteCredentialPropertiesNamingTheProperty() {
    Map<String, List<String>> cases = new LinkedHashMap<>();
    cases.put(
        "roster.scim.entra.enabled needs the Entra tenants",
        List.of("roster.scim.entra.enabled=true"));
    cases.put(
        "roster.scim.oauth.clients[0] needs a client-id, a tenant and a secret",
        List.of("roster.scim.oauth.enabled=true", "roster.scim.oauth.clients[0].client-id=c"));
    cases.put(
        "roster.scim.oauth: An access token lives 60 minutes to 6 hours",
        List.of("roster.scim.oauth.enabled=true", "roster.scim.oauth.token-lifetime=10m"));
    cases.put(
        "roster.scim.basic[0] needs a username without ':' and a password",
        List.of("roster.scim.basic[0].username=a:b", "roster.scim.basic[0].password=p"));
    cases.put(
        "roster.scim.oauth.token-path",
        List.of("roster.scim.oauth.enabled=true", "roster.scim.oauth.token-path=/oauth/*"));
    cases.forEach(
        (message, properties) ->
            runner
                .withUserConfiguration(Repositories.class)
                .withPropertyValues(properties.toArray(String[]::new))
                .run(context -> assertThat(failure(context)).as(message).contains(message)));
  }

  @Test
  void aRateLimitPerTenantFromThePropertiesAnswers429WithRetryAfter() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.tenant-tokens.acme=acme-token",
            "roster.scim.tenant-tokens.globex=globex-token",
            "roster.scim.rate-limit.requests-per-second=0.1",
            "roster.scim.rate-limit.burst=2")
        .run(
            context -> {
              ScimServer server = context.getBean(ScimServer.class);
              assertThat(handle(server, "GET", "/Users", "Bearer acme-token").status())
                  .isEqualTo(200);
              assertThat(handle(server, "GET", "/Users", "Bearer acme-token").status())
                  .isEqualTo(200);
              ScimResponse throttled = handle(server, "GET", "/Users", "Bearer acme-token");
              assertThat(throttled.status()).isEqualTo(429);
              assertThat(throttled.headers().get("Retry-After")).matches("[1-9][0-9]*");
              assertThat(handle(server, "GET", "/Users", "Bearer globex-token").status())
                  .isEqualTo(200);
            });
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(
            "roster.scim.token=" + TOKEN, "roster.scim.rate-limit.requests-per-second=-1")
        .run(context -> assertThat(failure(context)).contains("roster.scim.rate-limit"));
  }

  @Test
  void servesMeForTheApplicationsResolver() {
    java.util.concurrent.atomic.AtomicReference<String> caller =
        new java.util.concurrent.atomic.AtomicReference<>();
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .withBean(MeResolver.class, () -> context -> Optional.ofNullable(caller.get()))
        .run(
            context -> {
              ScimServer server = context.getBean(ScimServer.class);
              assertThat(handle(server, "GET", "/Me", "Bearer " + TOKEN).status()).isEqualTo(404);
              caller.set(
                  json(handle(
                          server,
                          "POST",
                          "/Users",
                          "Bearer " + TOKEN,
                          "{\"userName\":\"me@example.com\"}"))
                      .path("id")
                      .asText());
              ScimResponse me = handle(server, "GET", "/Me", "Bearer " + TOKEN);
              assertThat(me.status()).isEqualTo(200);
              assertThat(json(me).path("userName").asText()).isEqualTo("me@example.com");
            });
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context ->
                assertThat(
                        handle(context.getBean(ScimServer.class), "GET", "/Me", "Bearer " + TOKEN)
                            .status())
                    .isEqualTo(501));
  }

  @Test
  void instancesSharingACursorKeyAcceptEachOthersCursors() {
    String key = Base64.getEncoder().encodeToString(new byte[32]);
    String[] properties = {
      "roster.scim.token=" + TOKEN, "roster.scim.cursor-key=" + key, "roster.scim.cursor-timeout=5m"
    };
    String[] next = new String[1];
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(properties)
        .run(
            context -> {
              ScimServer server = context.getBean(ScimServer.class);
              for (int i = 0; i < 3; i++) {
                handle(
                    server,
                    "POST",
                    "/Users",
                    "Bearer " + TOKEN,
                    "{\"userName\":\"cursor-" + i + "@example.com\"}");
              }
              JsonNode config =
                  json(handle(server, "GET", "/ServiceProviderConfig", "Bearer " + TOKEN));
              assertThat(config.at("/pagination/cursorTimeout").asInt()).isEqualTo(300);
              next[0] =
                  json(handle(server, "GET", "/Users?cursor=&count=1", "Bearer " + TOKEN))
                      .path("nextCursor")
                      .asText();
              assertThat(next[0]).isNotEmpty();
            });
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues(properties)
        .run(
            context ->
                assertThat(
                        handle(
                                context.getBean(ScimServer.class),
                                "GET",
                                "/Users?count=1&cursor=" + next[0],
                                "Bearer " + TOKEN)
                            .status())
                    .as("another instance with the same key")
                    .isEqualTo(200));
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN, "roster.scim.cursor-key=c2hvcnQ=")
        .run(context -> assertThat(failure(context)).contains("roster.scim.cursor-key"));
  }

  @Test
  void refusesNegativeRetries() {
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN, "roster.scim.max-version-retries=-1")
        .run(context -> assertThat(failure(context)).contains("roster.scim.max-version-retries"));
  }

  @Test
  void tellsTheApplicationsChangeObserver() {
    runner
        .withUserConfiguration(Repositories.class, Observer.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context -> {
              handle(
                  context.getBean(ScimServer.class),
                  "POST",
                  "/Users",
                  "Bearer " + TOKEN,
                  "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                      + "\"userName\":\"observed\"}");
              assertThat(context.getBean(Observer.class).events)
                  .singleElement()
                  .extracting(ChangeEvent::kind)
                  .isEqualTo(ChangeEvent.Kind.CREATED);
            });
  }

  @Test
  void declaresMetricsWhenTheApplicationHasAMeterRegistry() {
    runner
        .withUserConfiguration(Repositories.class, Meters.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(context -> assertThat(context).hasSingleBean(ScimRequestMetrics.class));
    runner
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(context -> assertThat(context).doesNotHaveBean(ScimRequestMetrics.class));
  }

  @Test
  void startsWithoutMicrometerOnTheClassPath() {
    runner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(ScimRequestMetrics.class);
              assertThat(context).hasBean(RosterScimAutoConfiguration.FILTER_REGISTRATION);
            });
  }

  @Test
  void startsWithoutSpringSecurityOnTheClassPath() {
    runner
        .withClassLoader(new FilteredClassLoader("org.springframework.security"))
        .withUserConfiguration(Repositories.class)
        .withPropertyValues("roster.scim.token=" + TOKEN)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).hasBean(RosterScimAutoConfiguration.FILTER_REGISTRATION);
            });
  }

  private static FilterRegistrationBean<?> registration(AssertableWebApplicationContext context) {
    return context.getBean(
        RosterScimAutoConfiguration.FILTER_REGISTRATION, FilterRegistrationBean.class);
  }

  /** The startup failure's messages, outermost first, one per line. */
  private static String failure(AssertableWebApplicationContext context) {
    Throwable failure = context.getStartupFailure();
    assertThat(failure).as("startup failure").isNotNull();
    StringBuilder messages = new StringBuilder();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      messages.append(cause.getMessage()).append('\n');
    }
    return messages.toString();
  }

  private static ScimRequest request(String method, String path, String authorization) {
    return request(method, path, authorization, null);
  }

  private static ScimRequest request(
      String method, String path, String authorization, String body) {
    Map<String, List<String>> headers =
        authorization == null
            ? Map.of("Content-Type", List.of("application/scim+json"))
            : Map.of(
                "Authorization",
                List.of(authorization),
                "Content-Type",
                List.of("application/scim+json"));
    int question = path.indexOf('?');
    Map<String, List<String>> query = new LinkedHashMap<>();
    if (question >= 0) {
      for (String pair : path.substring(question + 1).split("&")) {
        int equals = pair.indexOf('=');
        query.put(
            equals < 0 ? pair : pair.substring(0, equals),
            List.of(
                equals < 0
                    ? ""
                    : java.net.URLDecoder.decode(
                        pair.substring(equals + 1), StandardCharsets.UTF_8)));
      }
    }
    return new ScimRequest(
        method,
        question < 0 ? path : path.substring(0, question),
        query,
        headers,
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        "http://localhost/scim/v2");
  }

  private static ScimResponse handle(
      ScimServer server, String method, String path, String authorization) {
    return server.handle(request(method, path, authorization));
  }

  private static ScimResponse handle(
      ScimServer server, String method, String path, String authorization, String body) {
    return server.handle(request(method, path, authorization, body));
  }

  private static JsonNode json(ScimResponse response) {
    try {
      return JSON.readTree(response.bodyBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UsersOnly {
    @Bean
    UserRepository users() {
      return new InMemoryStore(SchemaRegistry.standard()).users();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Repositories {
    /** The application's registry, which the store filters with and the starter serves. */
    @Bean
    SchemaRegistry schemaRegistry() {
      return SchemaRegistry.standard();
    }

    @Bean
    InMemoryStore store(SchemaRegistry registry) {
      return new InMemoryStore(registry);
    }

    @Bean
    UserRepository users(InMemoryStore store) {
      return store.users();
    }

    @Bean
    GroupRepository groups(InMemoryStore store) {
      return store.groups();
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostAuthenticator {
    final Authenticator authenticator =
        request ->
            "Host letmein".equals(request.header("Authorization"))
                ? Optional.of(Identity.of(RequestContext.SINGLE_TENANT, "host"))
                : Optional.empty();

    @Bean
    Authenticator hostAuthenticator() {
      return authenticator;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostServerAndFilter {
    final ScimServer server =
        ScimServer.builder()
            .users(new InMemoryStore(SchemaRegistry.standard()).users())
            .authenticator(request -> Optional.empty())
            .build();

    @Bean
    ScimServer hostServer() {
      return server;
    }

    @Bean
    FilterRegistrationBean<ScimServletFilter> hostFilter() {
      return new FilterRegistrationBean<>(
          ScimServletFilter.builder().server(server).basePath("/identity").build());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class UnrelatedFilter {
    @Bean
    FilterRegistrationBean<jakarta.servlet.Filter> unrelatedFilter() {
      return new FilterRegistrationBean<>(
          (request, response, chain) -> chain.doFilter(request, response));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class ExtensionAndDevices {
    static final String EXTENSION = "urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User";
    static final String DEVICE = "urn:example:params:scim:schemas:Device";

    @Bean
    RosterExtension spokeCustom() {
      return new RosterExtension(
          "User",
          Schema.builder(EXTENSION)
              .name("SpokeCustom")
              .attribute(
                  AttributeDefinition.builder("startDate").type(AttributeType.STRING).build())
              .build(),
          false);
    }

    @Bean
    RosterResourceType devices() {
      Schema device =
          Schema.builder(DEVICE)
              .name("Device")
              .attribute(AttributeDefinition.builder("serial").type(AttributeType.STRING).build())
              .build();
      SchemaRegistry own = SchemaRegistry.standard();
      own.register(device);
      own.register(dev.roster.scim.core.schema.ResourceType.of("Device", "/Devices", DEVICE));
      return RosterResourceType.of(
          "Device", "/Devices", device, new InMemoryStore(own).resources("Device"));
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Observer implements ChangeObserver {
    final List<ChangeEvent> events = new ArrayList<>();

    @Override
    public void changed(ChangeEvent event) {
      events.add(event);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Meters {
    @Bean
    SimpleMeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }
  }
}
