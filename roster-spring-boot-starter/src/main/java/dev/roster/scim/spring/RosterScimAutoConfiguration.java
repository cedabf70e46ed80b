package dev.roster.scim.spring;

import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ChangeEvent;
import dev.roster.scim.server.ChangeObserver;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.IgnoredInput;
import dev.roster.scim.server.MeResolver;
import dev.roster.scim.server.RateLimiter;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.ClientStore;
import dev.roster.scim.server.auth.InMemoryClientStore;
import dev.roster.scim.server.auth.InMemoryTokenStore;
import dev.roster.scim.server.auth.SecretTokenAuthenticator;
import dev.roster.scim.server.auth.SecretTokens;
import dev.roster.scim.server.auth.TokenEndpoint;
import dev.roster.scim.server.auth.TokenStore;
import dev.roster.scim.spring.metrics.ScimRequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Serves SCIM from a Spring Boot Servlet web application that declares a {@link UserRepository}
 * bean, at {@code roster.scim.base-path} ({@link RosterScimProperties}).
 *
 * <p>It reads these beans of the application: the {@link UserRepository} (required), a {@link
 * GroupRepository}, a {@link RateLimiter}, a {@link MeResolver} (for {@code /Me}), {@link
 * RosterResourceType}s for further resource types, {@link RosterExtension}s for schema extensions,
 * a {@link SchemaRegistry} to serve instead of {@link SchemaRegistry#standard()} (the starter adds
 * the extensions and custom types to it), an {@link Authenticator}, a {@link ChangeObserver} and
 * {@link ScimRequestListener}s. It declares these, each only when the application has none of its
 * own:
 *
 * <ul>
 *   <li>{@link Authenticator}: the chain of what the properties configure: bearer tokens ({@code
 *       roster.scim.token}, {@code roster.scim.tenant-tokens}), secret tokens ({@code
 *       roster.scim.secret-tokens.enabled}), the token endpoint's access tokens ({@code
 *       roster.scim.oauth.enabled}), Entra-issued tokens ({@code roster.scim.entra.*}, tenants
 *       mapped by an {@link EntraTenantMapping} bean or the properties) and HTTP Basic ({@code
 *       roster.scim.basic}); with none, startup fails rather than serve SCIM without
 *       authentication;
 *   <li>{@link SecretTokens}, over the application's {@link TokenStore} bean or memory, when secret
 *       tokens or the token endpoint are enabled: the application issues its customers' tokens with
 *       it;
 *   <li>{@link ClientCredentials}, over the application's {@link ClientStore} bean or memory, and
 *       the {@link TokenEndpoint}, when {@code roster.scim.oauth.enabled}; the filter answers the
 *       endpoint at {@code roster.scim.oauth.token-path} (default {@code /oauth/token});
 *   <li>{@link ScimServer}: the engine, configured from the properties and the beans above;
 *   <li>a {@link FilterRegistrationBean} of {@link ScimServletFilter} named {@value
 *       #FILTER_REGISTRATION}, at {@code <base-path>/*} with order {@code
 *       roster.scim.filter-order};
 *   <li>{@link ScimRequestMetrics}, when Micrometer and a {@link MeterRegistry} bean are present.
 * </ul>
 *
 * <p>{@code roster.scim.enabled=false} turns all of it off.
 */
@AutoConfiguration(
    afterName = {
      // The MeterRegistry bean, which the metrics condition looks for: Spring Boot 4, then 3.
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration"
    })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(Filter.class)
@ConditionalOnBean(UserRepository.class)
@ConditionalOnProperty(
    prefix = "roster.scim",
    name = "enabled",
    havingValue = "true",
    matchIfMissing = true)
@EnableConfigurationProperties(RosterScimProperties.class)
public final class RosterScimAutoConfiguration {
  private static final Logger LOG = LoggerFactory.getLogger(RosterScimAutoConfiguration.class);

  /** The name of the filter registration bean the starter declares. */
  public static final String FILTER_REGISTRATION = "rosterScimFilterRegistration";

  /** Used by Spring Boot. */
  public RosterScimAutoConfiguration() {}

  /**
   * The credentials the properties configure, chained in this order: static bearer tokens, secret
   * tokens, the token endpoint's access tokens, Entra-issued tokens, HTTP Basic. Not declared when
   * the application declares its own authenticator or server.
   */
  @Bean
  @ConditionalOnMissingBean({Authenticator.class, ScimServer.class})
  Authenticator rosterScimAuthenticator(
      RosterScimProperties properties,
      ObjectProvider<SecretTokens> secretTokens,
      ObjectProvider<TokenEndpoint> tokenEndpoint,
      ObjectProvider<EntraTenantMapping> entraTenants) {
    List<Authenticator> chain = new ArrayList<>();
    Map<String, Identity> tokens = staticTokens(properties);
    if (!tokens.isEmpty()) {
      chain.add(BearerTokenAuthenticator.of(tokens));
    }
    if (properties.getSecretTokens().isEnabled()) {
      chain.add(new SecretTokenAuthenticator(secretTokens.getObject()));
    }
    TokenEndpoint endpoint = tokenEndpoint.getIfAvailable();
    if (properties.getOauth().isEnabled() && endpoint != null) {
      chain.add(endpoint.authenticator());
    }
    if (properties.getEntra().isEnabled()) {
      chain.add(Credentials.entra(properties.getEntra(), entraTenants.getIfAvailable()));
    }
    if (!properties.getBasic().isEmpty()) {
      chain.add(Credentials.basic(properties.getBasic()));
    }
    if (chain.isEmpty()) {
      throw new IllegalStateException(
          "Roster SCIM has no credentials to check, and will not serve "
              + properties.getBasePath()
              + " unauthenticated: set roster.scim.token (one bearer token),"
              + " roster.scim.tenant-tokens.<tenant>=<token> (one per tenant),"
              + " roster.scim.secret-tokens.enabled, roster.scim.oauth.enabled,"
              + " roster.scim.entra.enabled or roster.scim.basic[0].*, declare an Authenticator"
              + " bean (e.g. SecurityContextAuthenticator), or set roster.scim.enabled=false");
    }
    return chain.size() == 1
        ? chain.get(0)
        : Authenticator.anyOf(chain.toArray(Authenticator[]::new));
  }

  private static Map<String, Identity> staticTokens(RosterScimProperties properties) {
    Map<String, Identity> tokens = new LinkedHashMap<>();
    String token = properties.getToken();
    if (token != null && !token.isBlank()) {
      tokens.put(token.strip(), Identity.of(RequestContext.SINGLE_TENANT, "bearer"));
    }
    properties
        .getTenantTokens()
        .forEach(
            (tenant, tenantToken) -> {
              if (tenantToken == null || tenantToken.isBlank()) {
                throw new IllegalStateException(
                    "roster.scim.tenant-tokens." + tenant + " is blank; give the tenant a token");
              }
              Identity previous =
                  tokens.put(tenantToken.strip(), Identity.of(tenant, "bearer:" + tenant));
              if (previous != null) {
                throw new IllegalStateException(
                    "roster.scim.tenant-tokens."
                        + tenant
                        + " repeats the token of tenant '"
                        + previous.tenant()
                        + "'; every tenant needs a token of its own");
              }
            });
    return tokens;
  }

  /**
   * Secret tokens in the application's {@link TokenStore}, or in memory without one; the
   * application issues and revokes its customers' tokens through this bean. Declared when secret
   * tokens or the token endpoint (whose access tokens it keeps) are enabled.
   */
  @Bean
  @ConditionalOnMissingBean
  @Conditional(Credentials.TokensWanted.class)
  SecretTokens rosterScimSecretTokens(ObjectProvider<TokenStore> store) {
    return new SecretTokens(
        store.getIfAvailable(
            () -> {
              LOG.info(
                  "Roster SCIM keeps secret and access tokens in memory: declare a TokenStore"
                      + " bean to keep them across restarts and share them between instances");
              return new InMemoryTokenStore();
            }));
  }

  /**
   * The OAuth clients: the application's {@link ClientStore}, or memory, with the {@code
   * roster.scim.oauth.clients} added.
   */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "roster.scim.oauth", name = "enabled", havingValue = "true")
  ClientCredentials rosterScimClientCredentials(
      RosterScimProperties properties, ObjectProvider<ClientStore> store) {
    ClientCredentials clients =
        new ClientCredentials(store.getIfAvailable(InMemoryClientStore::new));
    Credentials.register(clients, properties.getOauth().getClients());
    return clients;
  }

  /** The OAuth 2.0 token endpoint, when {@code roster.scim.oauth.enabled}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnProperty(prefix = "roster.scim.oauth", name = "enabled", havingValue = "true")
  TokenEndpoint rosterScimTokenEndpoint(
      RosterScimProperties properties, ClientCredentials clients, SecretTokens tokens) {
    RosterScimProperties.OAuthSettings oauth = properties.getOauth();
    try {
      return TokenEndpoint.builder()
          .clients(clients)
          .tokens(tokens)
          .lifetime(oauth.getTokenLifetime())
          .scopes(Set.copyOf(oauth.getScopes()))
          .failuresPerAddress(oauth.getFailuresPerAddress())
          .build();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("roster.scim.oauth: " + e.getMessage(), e);
    }
  }

  /** The engine, from the properties and the application's repositories. */
  @Bean
  @ConditionalOnMissingBean
  ScimServer scimServer(
      RosterScimProperties properties,
      ObjectProvider<SchemaRegistry> schemaRegistry,
      UserRepository users,
      ObjectProvider<GroupRepository> groups,
      ObjectProvider<RosterResourceType> resourceTypes,
      ObjectProvider<RosterExtension> extensions,
      Authenticator authenticator,
      ObjectProvider<ChangeObserver> observers,
      ObjectProvider<RateLimiter> rateLimiter,
      ObjectProvider<MeResolver> me) {
    SchemaRegistry registry = schemaRegistry.getIfAvailable(SchemaRegistry::standard);
    extensions
        .orderedStream()
        .forEach(e -> registry.addExtension(e.resourceTypeName(), e.schema(), e.required()));
    ScimServer.Builder builder =
        ScimServer.builder()
            .registry(registry)
            .authenticator(authenticator)
            .openDiscovery(properties.isOpenDiscovery())
            .tenantFromPath(properties.isTenantFromPath())
            .validation(validation(properties))
            .failedAuthenticationLimit(properties.getFailedAuthenticationLimit())
            .rateLimiter(rateLimiter.getIfAvailable(() -> rateLimiter(properties)))
            .me(me.getIfAvailable())
            .limits(limits(properties))
            .observer(observer(observers.orderedStream().toList()))
            .users(users);
    GroupRepository groupRepository = groups.getIfAvailable();
    if (groupRepository != null) {
      builder.groups(groupRepository);
    }
    resourceTypes
        .orderedStream()
        .forEach(
            custom -> {
              custom.schemas().forEach(registry::register);
              registry.register(custom.type());
              builder.resources(custom.type().name(), custom.repository());
            });
    properties
        .getPatchResponse()
        .forEach((type, response) -> builder.patchResponse(typeName(registry, type), response));
    cursors(builder, properties);
    if (properties.getMaxVersionRetries() != null) {
      if (properties.getMaxVersionRetries() < 0) {
        throw new IllegalStateException(
            "roster.scim.max-version-retries must not be negative, not "
                + properties.getMaxVersionRetries());
      }
      builder.maxVersionRetries(properties.getMaxVersionRetries());
    }
    return builder.build();
  }

  /** The Servlet filter that answers every request below the base path. */
  @Bean(FILTER_REGISTRATION)
  @ConditionalOnMissingBean(
      value = ScimServletFilter.class,
      parameterizedContainer = FilterRegistrationBean.class)
  FilterRegistrationBean<ScimServletFilter> rosterScimFilterRegistration(
      RosterScimProperties properties,
      ScimServer server,
      ObjectProvider<ScimRequestListener> listeners,
      ObjectProvider<TokenEndpoint> tokenEndpoint) {
    ScimServletFilter.Builder builder;
    try {
      builder =
          ScimServletFilter.builder()
              .server(server)
              .basePath(properties.getBasePath())
              .baseUrl(properties.getBaseUrl());
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("roster.scim.base-path: " + e.getMessage(), e);
    }
    TokenEndpoint endpoint = tokenEndpoint.getIfAvailable();
    if (properties.getOauth().isEnabled() && endpoint != null) {
      try {
        builder.tokenEndpoint(endpoint, properties.getOauth().getTokenPath());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("roster.scim.oauth.token-path: " + e.getMessage(), e);
      }
    }
    listeners.orderedStream().forEach(builder::listener);
    ScimServletFilter filter = builder.build();
    FilterRegistrationBean<ScimServletFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("rosterScimFilter");
    registration.addUrlPatterns(filter.urlPatterns().toArray(String[]::new));
    registration.setOrder(properties.getFilterOrder());
    return registration;
  }

  /** Micrometer metrics, when the application has a meter registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Metrics {
    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    @ConditionalOnMissingBean
    ScimRequestMetrics rosterScimRequestMetrics(
        MeterRegistry meters,
        RosterScimProperties properties,
        ObjectProvider<SchemaRegistry> schemaRegistry,
        ObjectProvider<RosterResourceType> resourceTypes) {
      // The application's registry is the one served, custom types included; without one, the
      // server serves the standard types and the RosterResourceType beans.
      SchemaRegistry endpoints =
          schemaRegistry.getIfAvailable(
              () -> {
                SchemaRegistry standard = SchemaRegistry.standard();
                resourceTypes
                    .orderedStream()
                    .forEach(
                        custom -> {
                          custom.schemas().forEach(standard::register);
                          standard.register(custom.type());
                        });
                return standard;
              });
      return new ScimRequestMetrics(meters, endpoints, properties.isTenantFromPath());
    }

    /** Counts what lenient validation drops, in {@value ScimRequestMetrics#IGNORED_NAME}. */
    @Bean
    @ConditionalOnBean(ScimRequestMetrics.class)
    ChangeObserver rosterScimIgnoredInputMetrics(ScimRequestMetrics metrics) {
      return new ChangeObserver() {
        @Override
        public void changed(ChangeEvent event) {}

        @Override
        public void ignored(IgnoredInput input) {
          metrics.ignored(input);
        }
      };
    }
  }

  /** {@code roster.scim.cursor-key} and {@code roster.scim.cursor-timeout}, when set. */
  private static void cursors(ScimServer.Builder builder, RosterScimProperties properties) {
    String key = properties.getCursorKey();
    try {
      if (key != null && !key.isBlank()) {
        builder.cursorKey(Base64.getDecoder().decode(key.strip()));
      }
    } catch (IllegalArgumentException e) {
      // The message names the rule broken (base64, length), never the key.
      throw new IllegalStateException(
          "roster.scim.cursor-key must be base64 of at least 32 bytes", null);
    }
    if (properties.getCursorTimeout() != null) {
      try {
        builder.cursorTimeout(properties.getCursorTimeout());
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("roster.scim.cursor-timeout: " + e.getMessage(), e);
      }
    }
  }

  /** {@code roster.scim.validation}, strict for the {@code roster.scim.strict-tenants}. */
  private static Function<RequestContext, SchemaValidator.Mode> validation(
      RosterScimProperties properties) {
    Set<String> strict = Set.copyOf(properties.getStrictTenants());
    SchemaValidator.Mode mode = properties.getValidation();
    return context -> strict.contains(context.tenant()) ? SchemaValidator.Mode.STRICT : mode;
  }

  /** Every observer bean, the application's and the metrics', as one; null when none. */
  private static ChangeObserver observer(List<ChangeObserver> observers) {
    if (observers.size() <= 1) {
      return observers.isEmpty() ? null : observers.get(0);
    }
    return new ChangeObserver() {
      @Override
      public void changed(ChangeEvent event) {
        observers.forEach(observer -> observer.changed(event));
      }

      @Override
      public void ignored(IgnoredInput input) {
        observers.forEach(observer -> observer.ignored(input));
      }
    };
  }

  /** The per-tenant token bucket of {@code roster.scim.rate-limit}, or null when unset. */
  private static RateLimiter rateLimiter(RosterScimProperties properties) {
    Double rate = properties.getRateLimit().getRequestsPerSecond();
    if (rate == null) {
      return null;
    }
    Integer burst = properties.getRateLimit().getBurst();
    try {
      return RateLimiter.tokenBucket(
          rate, burst != null ? burst : (int) Math.max(1, Math.min(rate, Integer.MAX_VALUE)));
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("roster.scim.rate-limit: " + e.getMessage(), e);
    }
  }

  private static ScimLimits limits(RosterScimProperties properties) {
    try {
      return properties.getLimits().toScimLimits();
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(
          "roster.scim.limits: " + e.getMessage() + " (unset a limit to keep its default)", e);
    }
  }

  /** The registered name of the type that {@code key} names, by name or endpoint. */
  private static String typeName(SchemaRegistry registry, String key) {
    return registry
        .resourceType(key)
        .or(() -> registry.resourceTypeAt("/" + key))
        .map(ResourceType::name)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "roster.scim.patch-response."
                        + key
                        + " names no resource type; the registered ones are "
                        + registry.resourceTypes().stream()
                            .map(ResourceType::name)
                            .collect(Collectors.joining(", "))));
  }
}
