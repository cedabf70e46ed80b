package dev.roster.scim.spring;

import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ChangeObserver;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.spring.metrics.ScimRequestMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.Filter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
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
import org.springframework.context.annotation.Configuration;

/**
 * Serves SCIM from a Spring Boot Servlet web application that declares a {@link UserRepository}
 * bean, at {@code roster.scim.base-path} ({@link RosterScimProperties}).
 *
 * <p>It reads these beans of the application: the {@link UserRepository} (required), a {@link
 * GroupRepository}, {@link RosterResourceType}s for further resource types, {@link
 * RosterExtension}s for schema extensions, a {@link SchemaRegistry} to serve instead of {@link
 * SchemaRegistry#standard()} (the starter adds the extensions and custom types to it), an {@link
 * Authenticator}, a {@link ChangeObserver} and {@link ScimRequestListener}s. It declares these,
 * each only when the application has none of its own:
 *
 * <ul>
 *   <li>{@link Authenticator}: a {@link BearerTokenAuthenticator} over {@code roster.scim.token}
 *       and {@code roster.scim.tenant-tokens}; without either, startup fails rather than serve SCIM
 *       without authentication;
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
  /** The name of the filter registration bean the starter declares. */
  public static final String FILTER_REGISTRATION = "rosterScimFilterRegistration";

  /** Used by Spring Boot. */
  public RosterScimAutoConfiguration() {}

  /**
   * Static bearer tokens from the properties; not needed, and not declared, when the application
   * declares its own server.
   */
  @Bean
  @ConditionalOnMissingBean({Authenticator.class, ScimServer.class})
  Authenticator rosterScimAuthenticator(RosterScimProperties properties) {
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
    if (tokens.isEmpty()) {
      throw new IllegalStateException(
          "Roster SCIM has no credentials to check, and will not serve "
              + properties.getBasePath()
              + " unauthenticated: set roster.scim.token (one bearer token) or"
              + " roster.scim.tenant-tokens.<tenant>=<token> (one per tenant), declare an"
              + " Authenticator bean (e.g. SecurityContextAuthenticator), or set"
              + " roster.scim.enabled=false");
    }
    return BearerTokenAuthenticator.of(tokens);
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
      ObjectProvider<ChangeObserver> observer) {
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
            .validation(properties.getValidation())
            .limits(limits(properties))
            .observer(observer.getIfAvailable())
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
      ObjectProvider<ScimRequestListener> listeners) {
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
    listeners.orderedStream().forEach(builder::listener);
    ScimServletFilter filter = builder.build();
    FilterRegistrationBean<ScimServletFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("rosterScimFilter");
    registration.addUrlPatterns(filter.urlPattern());
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
