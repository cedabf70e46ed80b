package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** A host's test class implementing {@link ScimTestkitTests}, run through the JUnit Platform. */
class ScimTestkitTestsTest {
  private static final String ENTERPRISE_MANAGER =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager";

  /** One finished test: its display name, status and failure message. */
  record Outcome(String name, TestExecutionResult.Status status, String message) {}

  @Test
  void eachCheckRunsAsATestWithItsName() {
    try (RosterServer roster = RosterServer.start()) {
      HostEndpoint.baseUrl = roster.baseUrl();
      List<Outcome> outcomes = launch();

      assertThat(outcomes).hasSize(Testkit.of(new HostEndpoint().testkitOptions()).size());
      assertThat(outcomes)
          .filteredOn(o -> o.status() == TestExecutionResult.Status.FAILED)
          .isEmpty();
      assertThat(outcomes)
          .extracting(Outcome::name)
          .startsWith(
              "entra:1 Test Connection: a filter for a random userName answers 200 with an empty"
                  + " ListResponse");
      assertThat(outcomes)
          .filteredOn(o -> o.status() == TestExecutionResult.Status.ABORTED)
          .extracting(Outcome::message)
          .contains("the users profile provisions no groups")
          .anyMatch(m -> m.contains("profile maps no " + ENTERPRISE_MANAGER));
    }
  }

  @Test
  void aFailedCheckFailsItsTestWithTheExchange() {
    try (RosterServer roster = RosterServer.start(request -> Optional.empty())) {
      HostEndpoint.baseUrl = roster.baseUrl();
      List<Outcome> outcomes = launch();

      assertThat(outcomes)
          .filteredOn(o -> o.status() == TestExecutionResult.Status.SUCCESSFUL)
          .extracting(Outcome::name)
          .containsExactly("entra:3 Test Connection with a wrong secret token: 401 (or 403)");
      assertThat(outcomes)
          .filteredOn(o -> o.status() == TestExecutionResult.Status.FAILED)
          .first()
          .satisfies(
              o ->
                  assertThat(o.message())
                      .contains("Expected: HTTP 200 OK")
                      .contains("Found:    HTTP 401")
                      .contains("See:      Microsoft Learn (Test Connection")
                      .contains("Request:\n    GET " + roster.baseUrl() + "/Users?filter=")
                      .contains("Response:\n    HTTP 401 Unauthorized"));
    }
  }

  private static List<Outcome> launch() {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(HostEndpoint.class))
            .build();
    List<Outcome> outcomes = new ArrayList<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        request,
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier test, TestExecutionResult result) {
            if (test.isTest()) {
              outcomes.add(
                  new Outcome(
                      test.getDisplayName(),
                      result.getStatus(),
                      result.getThrowable().map(Throwable::getMessage).orElse("")));
            }
          }
        });
    return outcomes;
  }
}
