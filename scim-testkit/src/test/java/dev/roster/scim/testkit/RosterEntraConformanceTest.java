package dev.roster.scim.testkit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The testkit used as a host uses it: Roster's own server proves its Entra ID support, with the
 * full (askSpoke) attribute profile, one JUnit test per check.
 */
class RosterEntraConformanceTest implements ScimTestkitTests {
  private static RosterServer server;

  @BeforeAll
  static void startServer() {
    server = RosterServer.start();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Override
  public TestkitOptions testkitOptions() {
    return TestkitOptions.builder(server.baseUrl())
        .bearerToken(RosterServer.TOKEN)
        .suites(Suite.ENTRA)
        .profile(Profile.FULL)
        .build();
  }
}
