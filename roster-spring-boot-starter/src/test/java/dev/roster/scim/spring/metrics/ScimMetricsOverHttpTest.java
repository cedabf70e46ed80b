package dev.roster.scim.spring.metrics;

import static dev.roster.scim.spring.Http.bearer;
import static dev.roster.scim.spring.ScimAssertions.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.spring.Http;
import dev.roster.scim.spring.app.ScimApplication;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Requests through the filter on embedded Tomcat are timed in {@code roster.scim.requests} of the
 * application's {@link SimpleMeterRegistry}, by resource type, method and status, and never by id.
 */
@SpringBootTest(
    classes = ScimApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {
      "server.address=127.0.0.1",
      "roster.scim.token=" + ScimMetricsOverHttpTest.TOKEN,
      "roster.scim.tenant-tokens.strict-co=" + ScimMetricsOverHttpTest.STRICT_TOKEN,
      "roster.scim.strict-tenants=strict-co"
    })
class ScimMetricsOverHttpTest {
  static final String TOKEN = "metrics-token";
  static final String STRICT_TOKEN = "strict-token";

  @LocalServerPort int port;
  @Autowired MeterRegistry meters;

  @Test
  void countsAndTimesRequestsByResourceMethodAndStatus() {
    assertThat(meters).isInstanceOf(SimpleMeterRegistry.class);
    Http http = Http.port(port);
    long usersCreated = count("Users", "POST", "201");
    long usersRead = count("Users", "GET", "200");
    long usersMissing = count("Users", "GET", "404");
    long discovery = count("discovery", "GET", "200");
    long unauthenticated = count("Groups", "GET", "401");
    long other = count("other", "GET", "404");

    String id =
        json(http.send(
                "POST",
                "/scim/v2/Users",
                bearer(TOKEN),
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
                    + "\"userName\":\"metered@example.com\"}"))
            .path("id")
            .asText();
    http.get("/scim/v2/Users/" + id, bearer(TOKEN));
    http.get("/scim/v2/users/" + id, bearer(TOKEN));
    http.get("/scim/v2/Users/no-such-id", bearer(TOKEN));
    http.get("/scim/v2/ServiceProviderConfig", bearer(TOKEN));
    http.get("/scim/v2/Groups", null);
    http.get("/scim/v2/Widgets", bearer(TOKEN));
    http.get("/api/hello", null); // not SCIM: not counted

    assertThat(count("Users", "POST", "201")).isEqualTo(usersCreated + 1);
    assertThat(count("Users", "GET", "200")).isEqualTo(usersRead + 2);
    assertThat(count("Users", "GET", "404")).isEqualTo(usersMissing + 1);
    assertThat(count("discovery", "GET", "200")).isEqualTo(discovery + 1);
    assertThat(count("Groups", "GET", "401")).isEqualTo(unauthenticated + 1);
    assertThat(count("other", "GET", "404")).isEqualTo(other + 1);
    Timer created = timer("Users", "POST", "201");
    assertThat(created.totalTime(TimeUnit.NANOSECONDS)).isPositive();

    Set<String> resources =
        meters.find(ScimRequestMetrics.METER_NAME).timers().stream()
            .map(t -> t.getId().getTag("resource"))
            .collect(Collectors.toSet());
    assertThat(resources).isSubsetOf("Users", "Groups", "discovery", "search", "other");
  }

  @Test
  void whatLenientValidationDropsIsCountedAndAStrictTenantIsRefused() {
    Http http = Http.port(port);
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"urn:example:extra\"],"
            + "\"userName\":\"%s\",\"shoeSize\":44}";
    Counter counter = meters.find(ScimRequestMetrics.IGNORED_NAME).tag("type", "User").counter();
    double before = counter == null ? 0 : counter.count();

    assertThat(
            http.send("POST", "/scim/v2/Users", bearer(TOKEN), String.format(body, "lenient@x"))
                .statusCode())
        .isEqualTo(201);
    assertThat(
            json(http.send(
                    "POST",
                    "/scim/v2/Users",
                    bearer(STRICT_TOKEN),
                    String.format(body, "strict@x")))
                .path("scimType")
                .asText())
        .isEqualTo("invalidSyntax");

    assertThat(meters.find(ScimRequestMetrics.IGNORED_NAME).tag("type", "User").counter().count())
        .as("the unknown URN and shoeSize")
        .isEqualTo(before + 2);
  }

  private long count(String resource, String method, String status) {
    Timer timer = timerOrNull(resource, method, status);
    return timer == null ? 0 : timer.count();
  }

  private Timer timer(String resource, String method, String status) {
    Timer timer = timerOrNull(resource, method, status);
    assertThat(timer).as(resource + " " + method + " " + status).isNotNull();
    return timer;
  }

  private Timer timerOrNull(String resource, String method, String status) {
    return meters
        .find(ScimRequestMetrics.METER_NAME)
        .tags("resource", resource, "method", method, "status", status)
        .timer();
  }
}
