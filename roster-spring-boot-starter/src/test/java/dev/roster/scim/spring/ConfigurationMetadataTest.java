package dev.roster.scim.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The configuration processor wrote {@code META-INF/spring-configuration-metadata.json} for every
 * {@code roster.scim.*} key, with the Javadoc as its description, so IDEs complete and explain
 * them.
 */
class ConfigurationMetadataTest {
  @Test
  void describesEveryPropertyKey() throws IOException {
    Map<String, JsonNode> properties = rosterProperties();

    assertThat(properties)
        .containsOnlyKeys(
            "roster.scim.enabled",
            "roster.scim.base-path",
            "roster.scim.base-url",
            "roster.scim.token",
            "roster.scim.tenant-tokens",
            "roster.scim.tenant-from-path",
            "roster.scim.open-discovery",
            "roster.scim.validation",
            "roster.scim.patch-response",
            "roster.scim.max-version-retries",
            "roster.scim.filter-order",
            "roster.scim.limits.max-filter-length",
            "roster.scim.limits.max-filter-depth",
            "roster.scim.limits.max-patch-operations",
            "roster.scim.limits.default-page-size",
            "roster.scim.limits.max-page-size",
            "roster.scim.limits.max-request-body-bytes",
            "roster.scim.limits.max-bulk-operations",
            "roster.scim.limits.max-bulk-payload-bytes",
            "roster.scim.limits.max-json-depth",
            "roster.scim.limits.max-json-string-length",
            "roster.scim.limits.max-json-number-length",
            "roster.scim.failed-authentication-limit",
            "roster.scim.secret-tokens.enabled",
            "roster.scim.oauth.enabled",
            "roster.scim.oauth.token-path",
            "roster.scim.oauth.token-lifetime",
            "roster.scim.oauth.scopes",
            "roster.scim.oauth.failures-per-address",
            "roster.scim.oauth.clients",
            "roster.scim.entra.enabled",
            "roster.scim.entra.audience",
            "roster.scim.entra.jwks-uri",
            "roster.scim.entra.jwks-file",
            "roster.scim.entra.clock-skew",
            "roster.scim.entra.tenants",
            "roster.scim.basic",
            "roster.scim.rate-limit.requests-per-second",
            "roster.scim.rate-limit.burst",
            "roster.scim.strict-tenants",
            "roster.scim.cursor-key",
            "roster.scim.cursor-timeout");
    properties.forEach(
        (name, property) ->
            assertThat(property.path("description").asText()).as(name).isNotBlank());
  }

  @Test
  void givesDefaults() throws IOException {
    Map<String, JsonNode> properties = rosterProperties();

    assertThat(properties.get("roster.scim.base-path").path("defaultValue").asText())
        .isEqualTo("/scim/v2");
    assertThat(properties.get("roster.scim.enabled").path("defaultValue").asBoolean()).isTrue();
    assertThat(properties.get("roster.scim.oauth.token-path").path("defaultValue").asText())
        .isEqualTo("/oauth/token");
    assertThat(properties.get("roster.scim.entra.audience").path("defaultValue").asText())
        .isEqualTo("8adf8e6e-67b2-4cf2-a259-e3dc5476c621");
    assertThat(properties.get("roster.scim.validation").path("defaultValue").asText())
        .isEqualTo("lenient");
    assertThat(properties.get("roster.scim.filter-order").path("defaultValue").asInt())
        .isEqualTo(-90);
    assertThat(properties.get("roster.scim.max-version-retries").path("defaultValue").asInt())
        .isEqualTo(32);
    assertThat(properties.get("roster.scim.limits.max-page-size").path("defaultValue").asInt())
        .isEqualTo(1_000);
    assertThat(
            properties
                .get("roster.scim.limits.max-request-body-bytes")
                .path("defaultValue")
                .asLong())
        .isEqualTo(1L << 20);
  }

  private static Map<String, JsonNode> rosterProperties() throws IOException {
    Map<String, JsonNode> found = new LinkedHashMap<>();
    for (URL url :
        Collections.list(
            ConfigurationMetadataTest.class
                .getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
      try (InputStream in = url.openStream()) {
        for (JsonNode property : new ObjectMapper().readTree(in).path("properties")) {
          String name = property.path("name").asText();
          if (name.startsWith("roster.")) {
            found.put(name, property);
          }
        }
      }
    }
    return found;
  }
}
