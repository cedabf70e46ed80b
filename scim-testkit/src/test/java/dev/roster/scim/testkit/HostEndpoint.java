package dev.roster.scim.testkit;

/**
 * What a host writes to run the testkit in its build; {@link ScimTestkitTestsTest} runs it through
 * the JUnit Platform launcher against servers it starts. Its name matches none of Surefire's test
 * patterns, so the build runs it only that way.
 */
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
