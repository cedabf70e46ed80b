package dev.roster.springboot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.testkit.CheckResult;
import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Profile;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.Testkit;
import dev.roster.scim.testkit.TestkitOptions;
import dev.roster.scim.testkit.TestkitRun;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Roster's testkit replays Entra ID, Okta and RFC client traffic against the running application,
 * through Spring Boot's Tomcat and Jersey servlet.
 */
@SpringBootTest(
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "roster.scim.token=" + ScimBesideMvcTest.TOKEN})
class TestkitSuitesTest {
  @LocalServerPort int port;

  @Test
  void entraOktaAndRfcSuitesPassWithUsersAndGroups() {
    TestkitOptions options =
        TestkitOptions.builder(new Http(port).url("/scim/v2"))
            .bearerToken(ScimBesideMvcTest.TOKEN)
            .suites(Suite.ENTRA, Suite.OKTA, Suite.RFC)
            .profile(Profile.USERS_GROUPS)
            .build();

    TestkitRun run = Testkit.of(options).run();

    assertThat(run.results())
        .filteredOn(r -> r.outcome() == Outcome.FAILED)
        .as(failures(run))
        .isEmpty();
    // Every suite ran checks that passed, so an empty failure list means something.
    for (Suite suite : run.options().suites()) {
      assertThat(run.results())
          .as(suite.id())
          .anyMatch(r -> r.suite() == suite && r.outcome() == Outcome.PASSED);
    }
  }

  private static String failures(TestkitRun run) {
    return run.summary()
        + run.results().stream()
            .filter(r -> r.outcome() == Outcome.FAILED)
            .map(TestkitSuitesTest::describe)
            .collect(Collectors.joining());
  }

  private static String describe(CheckResult r) {
    return "\n=== " + r.suite().id() + " #" + r.number() + " " + r.name() + "\n" + r.details();
  }
}
