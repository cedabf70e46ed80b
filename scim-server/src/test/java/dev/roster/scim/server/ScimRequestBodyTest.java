package dev.roster.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class ScimRequestBodyTest {
  @Test
  void bindingsReadAtMostOneByteMoreThanTheLimitAndNothingAsNull() throws IOException {
    byte[] body = new byte[20_000];

    assertThat(ScimRequest.readBody(new ByteArrayInputStream(body), 10_000)).hasSize(10_001);
    assertThat(ScimRequest.readBody(new ByteArrayInputStream(body), 30_000)).hasSize(20_000);
    assertThat(ScimRequest.readBody(new ByteArrayInputStream(new byte[0]), 100)).isNull();
  }
}
