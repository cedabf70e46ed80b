package dev.roster.scim.spring.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScimRequestMetricsTest {
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final SchemaRegistry registry = SchemaRegistry.standard();

  @Test
  void tagsRegisteredEndpointsAsRegistered() {
    ScimRequestMetrics metrics = new ScimRequestMetrics(meters, registry, false);

    assertThat(metrics.resource("/Users/2819c223")).isEqualTo("Users");
    assertThat(metrics.resource("/users")).isEqualTo("Users");
    assertThat(metrics.resource("/Groups/.search")).isEqualTo("Groups");
  }

  @Test
  void tagsDiscoverySearchAndEverythingElse() {
    ScimRequestMetrics metrics = new ScimRequestMetrics(meters, registry, false);

    assertThat(metrics.resource("/ServiceProviderConfig")).isEqualTo("discovery");
    assertThat(metrics.resource("/Schemas/urn:ietf:params:scim:schemas:core:2.0:User"))
        .isEqualTo("discovery");
    assertThat(metrics.resource("/resourcetypes")).isEqualTo("discovery");
    assertThat(metrics.resource("/.search")).isEqualTo("search");
    assertThat(metrics.resource("/Bulk")).isEqualTo("other");
    assertThat(metrics.resource("/2819c223-7f76-453a-919d-413861904646")).isEqualTo("other");
    assertThat(metrics.resource("")).isEqualTo("other");
    assertThat(metrics.resource("/")).isEqualTo("other");
  }

  @Test
  void leavesTheTenantSegmentOut() {
    ScimRequestMetrics metrics = new ScimRequestMetrics(meters, registry, true);

    assertThat(metrics.resource("/acme/Users/1")).isEqualTo("Users");
    assertThat(metrics.resource("/acme/Schemas")).isEqualTo("discovery");
    assertThat(metrics.resource("/acme")).isEqualTo("other");
    assertThat(metrics.resource("/Users")).isEqualTo("other");
  }

  @Test
  void tagsCustomResourceTypesOnceRegistered() {
    ScimRequestMetrics metrics = new ScimRequestMetrics(meters, registry, false);
    assertThat(metrics.resource("/Devices/1")).isEqualTo("other");

    registry.register(
        ResourceType.of("Device", "/Devices", "urn:ietf:params:scim:schemas:core:2.0:User"));

    assertThat(metrics.resource("/devices/1")).isEqualTo("Devices");
  }

  @Test
  void recordsATimerWithBoundedMethodTag() {
    ScimRequestMetrics metrics = new ScimRequestMetrics(meters, registry, false);

    metrics.handled(request("PATCH", "/Groups/7"), new ScimResponse(204, Map.of(), null), 5_000);
    metrics.handled(request("BREW", "/Groups/7"), new ScimResponse(405, Map.of(), null), 1_000);

    Timer patched =
        meters
            .get(ScimRequestMetrics.METER_NAME)
            .tags("resource", "Groups", "method", "PATCH", "status", "204")
            .timer();
    assertThat(patched.count()).isEqualTo(1);
    assertThat(patched.totalTime(java.util.concurrent.TimeUnit.NANOSECONDS)).isEqualTo(5_000);
    assertThat(
            meters
                .get(ScimRequestMetrics.METER_NAME)
                .tags("resource", "Groups", "method", "other", "status", "405")
                .timer()
                .count())
        .isEqualTo(1);
  }

  private static ScimRequest request(String method, String path) {
    return new ScimRequest(method, path, Map.of(), Map.of(), null, "http://localhost/scim/v2");
  }
}
