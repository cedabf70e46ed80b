package dev.roster.scim.testkit;

import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The testkit as JUnit 5 tests: implement this interface in a test class, say where the endpoint
 * is, and each check of each chosen suite runs as one test with a readable name.
 *
 * <pre>{@code
 * class ScimConformanceTest implements ScimTestkitTests {
 *   @Override
 *   public TestkitOptions testkitOptions() {
 *     return TestkitOptions.builder("http://localhost:8080/scim/v2")
 *         .bearerToken("test-token")
 *         .profile(Profile.FULL)
 *         .build();
 *   }
 * }
 * }</pre>
 *
 * <p>{@link #testkitOptions()} is called when the tests are built, after the class's
 * {@code @BeforeAll} methods, so a server started there can be tested. A failed check fails its
 * test with the request, the response, what was expected and where that is specified; a check that
 * does not apply is aborted (shown as skipped). Needs JUnit Jupiter 5.9 or later.
 */
public interface ScimTestkitTests {

  /** Where the endpoint is, how to authenticate, which suites and profile. */
  TestkitOptions testkitOptions();

  /** The Microsoft Entra ID suite. */
  @TestFactory
  @DisplayName("Microsoft Entra ID")
  default Stream<DynamicTest> entra() {
    return Testkit.of(testkitOptions()).dynamicTests(Suite.ENTRA);
  }

  /** The Okta suite. */
  @TestFactory
  @DisplayName("Okta")
  default Stream<DynamicTest> okta() {
    return Testkit.of(testkitOptions()).dynamicTests(Suite.OKTA);
  }

  /** The RFC 7643/7644 suite. */
  @TestFactory
  @DisplayName("RFC 7643/7644")
  default Stream<DynamicTest> rfc() {
    return Testkit.of(testkitOptions()).dynamicTests(Suite.RFC);
  }

  /** The authentication suite; it has tests only when the options choose {@link Suite#AUTH}. */
  @TestFactory
  @DisplayName("Authentication")
  default Stream<DynamicTest> auth() {
    return Testkit.of(testkitOptions()).dynamicTests(Suite.AUTH);
  }
}
