package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Validation of the options, in particular the check selectors. */
class TestkitOptionsTest {
  private static final String URL = "http://127.0.0.1:9/scim/v2";

  @Test
  void checksDefaultToNoneSelectedMeaningAll() {
    TestkitOptions options = TestkitOptions.builder(URL).build();

    assertThat(options.checks()).isEmpty();
    assertThat(Testkit.of(options).size()).isEqualTo(28 + 21 + 20);
  }

  @Test
  void rejectsASelectorWithoutASuite() {
    assertThatThrownBy(() -> TestkitOptions.builder(URL).checks("11").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("suite:number or suite:text")
        .hasMessageContaining("'11'");
    assertThatThrownBy(() -> TestkitOptions.builder(URL).checks("okta: ").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("suite:number or suite:text");
  }

  @Test
  void rejectsASelectorOfAnUnknownSuite() {
    assertThatThrownBy(() -> TestkitOptions.builder(URL).checks("azure:1").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Unknown suite 'azure'");
  }

  @Test
  void rejectsASelectorOfASuiteNotChosen() {
    assertThatThrownBy(
            () -> TestkitOptions.builder(URL).suites(Suite.ENTRA).checks("okta:3").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'okta:3'")
        .hasMessageContaining("not among the suites to run [entra]");
  }

  @Test
  void showsTheSelectorsButNotTheCredentials() {
    TestkitOptions options =
        TestkitOptions.builder(URL).bearerToken("s3cret").checks("rfc:sort").build();

    assertThat(options.toString()).contains("checks=[rfc:sort]").doesNotContain("s3cret");
  }
}
