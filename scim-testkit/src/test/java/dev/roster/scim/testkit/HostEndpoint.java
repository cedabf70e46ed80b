package dev.roster.scim.testkit;

import org.junit.jupiter.api.Disabled;

/**
 * What a host writes to run the testkit in its build; {@link ScimTestkitTestsTest} runs it through
 * the JUnit Platform launcher (which lifts the {@code @Disabled}) against servers it starts.
 */
@Disabled("run by ScimTestkitTestsTest through the JUnit Platform launcher")
class HostEndpoint implements ScimTestkitTests {
  static volatile String baseUrl;

  @Override
  public TestkitOptions testkitOptions() {
    return TestkitOptions.builder(baseUrl)
        .bearerToken(RosterServer.TOKEN)
        .suites(Suite.ENTRA)
        .profile(Profile.USERS)
        .build();
  }
}
