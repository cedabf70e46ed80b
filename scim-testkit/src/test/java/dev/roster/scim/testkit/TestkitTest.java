package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.testkit.CheckResult.Outcome;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;

/** Which checks a {@link Testkit} runs. */
class TestkitTest {
  private static final String URL = "http://127.0.0.1:9/scim/v2";

  @Test
  void selectsChecksByNumberAndByPartOfTheirName() {
    TestkitOptions options =
        TestkitOptions.builder(URL).checks("entra:11", "okta:PUSH NOW", "rfc:sorting by").build();

    assertThat(Testkit.of(options).size()).isEqualTo(3);
  }

  @Test
  void aNameFragmentMaySelectSeveralChecks() {
    TestkitOptions options = TestkitOptions.builder(URL).checks("entra:duplicate").build();

    assertThat(Testkit.of(options).size()).isEqualTo(2);
  }

  @Test
  void junitDynamicTestsAreTheSelectedChecksOnly() {
    Testkit testkit = Testkit.of(TestkitOptions.builder(URL).checks("rfc:3", "rfc:5").build());

    assertThat(testkit.dynamicTests(Suite.ENTRA)).isEmpty();
    assertThat(testkit.dynamicTests(Suite.RFC))
        .extracting(DynamicTest::getDisplayName)
        .containsExactly(
            "rfc:3 /Schemas holds every schema the resource types name, with their attributes;"
                + " /Schemas/{id} answers each",
            "rfc:5 What /ServiceProviderConfig advertises is what the server does (patch, etag, sort,"
                + " filter.maxResults, bulk)");
  }

  @Test
  void theAuthSuiteHasJunitTestsOnlyWhenChosen() {
    assertThat(Testkit.of(TestkitOptions.builder(URL).build()).dynamicTests(Suite.AUTH)).isEmpty();
    assertThat(
            Testkit.of(TestkitOptions.builder(URL).suites(Suite.AUTH).checks("auth:4").build())
                .dynamicTests(Suite.AUTH))
        .extracting(DynamicTest::getDisplayName)
        .containsExactly(
            "auth:4 A SCIM request without credentials answers 401 with a SCIM error and"
                + " WWW-Authenticate");
  }

  @Test
  void rejectsASelectorThatChoosesNoCheck() {
    assertThatThrownBy(() -> Testkit.of(TestkitOptions.builder(URL).checks("entra:29").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'entra:29' chooses no check")
        .hasMessageContaining("numbers its checks 1 to 28");
    assertThatThrownBy(() -> Testkit.of(TestkitOptions.builder(URL).checks("rfc:teleport").build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no rfc check's name contains 'teleport'");
  }

  @Test
  void runsOnlyTheSelectedChecksInSuiteOrder() {
    try (RosterServer roster = RosterServer.start()) {
      TestkitRun run =
          Testkit.of(roster.options().checks("okta:8", "entra:wrong secret token").build()).run();

      assertThat(run.results())
          .extracting(r -> r.suite().id() + ":" + r.number())
          .containsExactly("entra:3", "okta:8");
      assertThat(run.results()).extracting(CheckResult::outcome).containsOnly(Outcome.PASSED);
      assertThat(run.summary()).isEqualTo("2 passed, 0 failed");
    }
  }
}
