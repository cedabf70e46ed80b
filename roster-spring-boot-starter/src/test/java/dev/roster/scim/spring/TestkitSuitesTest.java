package dev.roster.scim.spring;

import dev.roster.scim.spring.app.ScimApplication;
import dev.roster.scim.testkit.Profile;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.Testkit;
import dev.roster.scim.testkit.TestkitOptions;
import dev.roster.scim.testkit.TestkitRun;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Roster's testkit replays Entra ID, Okta and RFC client traffic against the starter's filter on
 * embedded Tomcat.
 */
@SpringBootTest(
    classes = ScimApplication.class,
    webEnvironment = WebEnvironment.RANDOM_PORT,
    properties = {"server.address=127.0.0.1", "roster.scim.token=" + TestkitSuitesTest.TOKEN})
class TestkitSuitesTest {
  static final String TOKEN = "testkit-token";

  @LocalServerPort int port;

  @Test
  void entraOktaAndRfcSuitesPassWithUsersAndGroups() {
    TestkitRun run =
        Testkit.of(
                TestkitOptions.builder(Http.port(port).url("/scim/v2"))
                    .bearerToken(TOKEN)
                    .suites(Suite.ENTRA, Suite.OKTA, Suite.RFC)
                    .profile(Profile.USERS_GROUPS)
                    .build())
            .run();

    TestkitAssertions.assertNoFailures(run);
  }
}
