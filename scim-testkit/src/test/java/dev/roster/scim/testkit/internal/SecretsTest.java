package dev.roster.scim.testkit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What reports show instead of secrets. */
class SecretsTest {

  @Test
  void masksASecretAsWrittenFormEncodedAndJsonEscaped() {
    Secrets secrets = new Secrets();
    secrets.add("a b/\"c&d");

    assertThat(secrets.mask("raw a b/\"c&d, form a+b%2F%22c%26d, json a b/\\\"c&d"))
        .isEqualTo("raw ****, form ****, json ****");
  }

  @Test
  void labelsSayWhoseTokenItIs() {
    Secrets secrets = new Secrets();
    secrets.add("rst_0123_other", "tenant B");
    secrets.add("client-s3cret");

    assertThat(secrets.mask("Bearer rst_0123_other; client_secret=client-s3cret"))
        .isEqualTo("Bearer **** (tenant B); client_secret=****");
  }

  @Test
  void aSecretContainingAnotherIsMaskedWhole() {
    Secrets secrets = new Secrets();
    secrets.add("s3cret");
    secrets.add("s3cret-and-more", "revoked token");

    assertThat(secrets.mask("s3cret-and-more s3cret")).isEqualTo("**** (revoked token) ****");
  }

  @Test
  void ignoresNothingToMask() {
    Secrets secrets = new Secrets();
    secrets.add(null);
    secrets.add("");

    assertThat(secrets.mask("nothing secret")).isEqualTo("nothing secret");
    assertThat(secrets.mask(null)).isNull();
  }
}
