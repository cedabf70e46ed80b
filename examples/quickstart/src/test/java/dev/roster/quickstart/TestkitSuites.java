package dev.roster.quickstart;

import dev.roster.scim.testkit.Profile;
import dev.roster.scim.testkit.ScimTestkitTests;
import dev.roster.scim.testkit.TestkitOptions;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * Every testkit suite (Entra ID, Okta, RFC) with the full attribute profile, against the quickstart
 * server on a real Grizzly container; subclasses choose the store.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TestkitSuites implements ScimTestkitTests {
  private static final String TOKEN = "testkit-token";
  private QuickstartServer server;

  /** The options to start the server with; the token and the Spoke extension are added. */
  abstract Options options(Options defaults);

  @BeforeAll
  void startServer() {
    server =
        QuickstartServer.start(
            options(Options.defaults(TOKEN))
                .withExtension(Path.of("extensions/spoke-custom-user.json")));
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @Override
  public TestkitOptions testkitOptions() {
    return TestkitOptions.builder(server.baseUri().toString())
        .bearerToken(TOKEN)
        .profile(Profile.FULL)
        .customAttribute("urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User:startDate")
        .build();
  }
}
