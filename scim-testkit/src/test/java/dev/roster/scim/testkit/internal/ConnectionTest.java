package dev.roster.scim.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.testkit.TestkitOptions;
import org.junit.jupiter.api.Test;

class ConnectionTest {
  @Test
  void takesAnAbsoluteUrlSuchAsTheTokenEndpointsAsItIs() {
    Connection connection =
        new Connection(
            TestkitOptions.builder("https://api.example.com/scim/v2/?aadOptscim062020").build());

    assertThat(connection.resolve("https://login.example.com/oauth/token").toString())
        .isEqualTo("https://login.example.com/oauth/token");
  }

  @Test
  void keepsQueryParametersOfTheBaseUrlOnEveryRequest() {
    Connection connection =
        new Connection(
            TestkitOptions.builder("https://api.example.com/scim/v2/?aadOptscim062020").build());

    assertThat(connection.resolve("/Users").toString())
        .isEqualTo("https://api.example.com/scim/v2/Users?aadOptscim062020");
    assertThat(connection.resolve("/Users?count=2").toString())
        .isEqualTo("https://api.example.com/scim/v2/Users?aadOptscim062020&count=2");
  }

  @Test
  void masksTheConfiguredCredentialsOnly() {
    TestkitOptions options =
        TestkitOptions.builder("https://h/scim")
            .bearerToken("s3cret")
            .header("X-Api-Key", "k3y")
            .build();
    Connection connection = new Connection(options);

    assertThat(connection.shown("Authorization", "Bearer s3cret")).isEqualTo("Bearer ****");
    assertThat(connection.shown("authorization", "non-token")).isEqualTo("non-token");
    assertThat(connection.shown("X-API-KEY", "k3y")).isEqualTo("****");
    assertThat(options.toString()).doesNotContain("s3cret").doesNotContain("k3y");
  }

  @Test
  void optionsNameWhatIsWrong() {
    assertThatThrownBy(() -> TestkitOptions.builder("scim.example.com/v2").build())
        .hasMessageContaining("absolute http(s) URL");
    assertThatThrownBy(
            () -> TestkitOptions.builder("https://h/scim").customAttribute("startDate").build())
        .hasMessageContaining("URN-qualified");
    assertThatThrownBy(() -> TestkitOptions.builder("https://h/scim").prefix("a b").build())
        .hasMessageContaining("prefix");
  }
}
