package dev.roster.scim.spring.metrics;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.server.IgnoredInput;
import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.spring.ScimRequestListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times every SCIM request in the Micrometer timer {@value #METER_NAME} (count, total and maximum
 * latency), tagged with:
 *
 * <ul>
 *   <li>{@code resource}: the endpoint of a registered resource type as registered ({@code Users},
 *       {@code Groups}), {@code discovery} for {@code /ServiceProviderConfig}, {@code /Schemas} and
 *       {@code /ResourceTypes}, {@code search} for {@code POST /.search}, and {@code other} for
 *       anything else; never an id or a tenant, so the number of series stays bounded;
 *   <li>{@code method}: {@code GET}, {@code POST}, {@code PUT}, {@code PATCH}, {@code DELETE}, or
 *       {@code other};
 *   <li>{@code status}: the HTTP status, e.g. {@code 201}.
 * </ul>
 *
 * <p>The starter declares it as a bean when the application has a {@link MeterRegistry}.
 * Thread-safe.
 */
public final class ScimRequestMetrics implements ScimRequestListener {
  /** The timer's name. */
  public static final String METER_NAME = "roster.scim.requests";

  /**
   * The counter of attributes and schema URNs lenient validation dropped, tagged with the resource
   * type ({@code type}); the names themselves are in the WARN log and {@link
   * dev.roster.scim.server.ChangeObserver#ignored}, since clients choose them and a tag per name
   * would grow without bound.
   */
  public static final String IGNORED_NAME = "roster.scim.ignored";

  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

  private final Meter.MeterProvider<Timer> timers;
  private final Meter.MeterProvider<Counter> ignored;
  private final SchemaRegistry schemas;
  private final boolean tenantFromPath;

  /**
   * Records in {@code meters}.
   *
   * @param schemas the registry the server serves, whose resource type endpoints become the {@code
   *     resource} tag
   * @param tenantFromPath whether the first path segment is a tenant, left out of the tags
   */
  public ScimRequestMetrics(MeterRegistry meters, SchemaRegistry schemas, boolean tenantFromPath) {
    requireNonNull(meters, "meters");
    this.schemas = requireNonNull(schemas, "schemas");
    this.tenantFromPath = tenantFromPath;
    this.timers =
        Timer.builder(METER_NAME)
            .description("SCIM requests answered by Roster, by resource type, method and status")
            .withRegistry(meters);
    this.ignored =
        Counter.builder(IGNORED_NAME)
            .description(
                "Attributes and schema URNs that lenient validation dropped from requests, by"
                    + " resource type")
            .withRegistry(meters);
  }

  /** Counts what lenient validation dropped from one request. */
  public void ignored(IgnoredInput input) {
    ignored.withTags("type", input.resourceType()).increment(input.names().size());
  }

  @Override
  public void handled(ScimRequest request, ScimResponse response, long durationNanos) {
    timers
        .withTags(
            "resource",
            resource(request.path()),
            "method",
            METHODS.contains(request.method()) ? request.method() : "other",
            "status",
            Integer.toString(response.status()))
        .record(durationNanos, TimeUnit.NANOSECONDS);
  }

  /** The {@code resource} tag of a path below the base path. */
  String resource(String path) {
    String[] segments = path.startsWith("/") ? path.substring(1).split("/") : path.split("/");
    int first = tenantFromPath ? 1 : 0;
    if (segments.length <= first || segments[first].isEmpty()) {
      return "other";
    }
    String segment = segments[first];
    switch (segment.toLowerCase(Locale.ROOT)) {
      case "serviceproviderconfig":
      case "schemas":
      case "resourcetypes":
        return "discovery";
      case ".search":
        return "search";
      default:
        return schemas
            .resourceTypeAt("/" + segment)
            .map(type -> type.endpoint().substring(1))
            .orElse("other");
    }
  }
}
