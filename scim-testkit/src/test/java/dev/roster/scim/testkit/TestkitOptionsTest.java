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
    assertThat(Testkit.of(options).size()).isEqualTo(28 + 21 + 25);
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
  void theAuthSuiteIsNotADefaultAndRunsAfterTheOthersWhenChosen() {
    assertThat(TestkitOptions.builder(URL).build().suites())
        .containsExactly(Suite.ENTRA, Suite.OKTA, Suite.RFC);
    assertThat(TestkitOptions.builder(URL).suites(Suite.AUTH, Suite.ENTRA).build().suites())
        .containsExactly(Suite.ENTRA, Suite.AUTH);
    assertThat(Suite.fromId(" Auth ")).isEqualTo(Suite.AUTH);
    assertThat(Testkit.of(TestkitOptions.builder(URL).suites(Suite.AUTH).build()).size())
        .isEqualTo(8);
  }

  @Test
  void showsTheAuthOptionsButNoSecretOrToken() {
    String options =
        TestkitOptions.builder(URL)
            .suites(Suite.AUTH)
            .tokenUrl("https://idp.example/oauth/token")
            .clientCredentials("acme-entra", "client-s3cret")
            .otherClientCredentials("globex-entra", "other-s3cret")
            .revokedToken("revoked-t0ken")
            .expiredToken("expired-t0ken")
            .build()
            .toString();

    assertThat(options)
        .contains("tokenUrl=https://idp.example/oauth/token")
        .contains("clientId=acme-entra, clientSecret=****")
        .contains("otherClientId=globex-entra, otherClientSecret=****")
        .contains("revokedToken=****")
        .contains("expiredToken=****")
        .doesNotContain("s3cret")
        .doesNotContain("t0ken");
    assertThat(TestkitOptions.builder(URL).otherToken("other-t0ken").build().toString())
        .contains("otherToken=****")
        .doesNotContain("t0ken");
  }

  @Test
  void rejectsAuthOptionsThatCannotWorkTogether() {
    assertThatThrownBy(() -> TestkitOptions.builder(URL).clientCredentials("acme", "s").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token URL");
    assertThatThrownBy(
            () ->
                TestkitOptions.builder(URL)
                    .tokenUrl(URL)
                    .clientCredentials("acme", "s")
                    .otherClientCredentials("acme", "t")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another client than 'acme'");
    assertThatThrownBy(
            () ->
                TestkitOptions.builder(URL)
                    .tokenUrl(URL)
                    .otherClientCredentials("globex", "t")
                    .otherToken("token")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not both");
    assertThatThrownBy(() -> TestkitOptions.builder(URL).tokenUrl("ftp://idp/token").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("token URL must be an absolute http(s) URL");
    assertThatThrownBy(
            () -> TestkitOptions.builder(URL).tokenUrl(URL).clientCredentials(" ", "s").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must not be empty");
  }

  @Test
  void showsTheSelectorsButNotTheCredentials() {
    TestkitOptions options =
        TestkitOptions.builder(URL).bearerToken("s3cret").checks("rfc:sort").build();

    assertThat(options.toString()).contains("checks=[rfc:sort]").doesNotContain("s3cret");
  }
}
