package dev.roster.scim.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;

/** Checks that a response is what a SCIM client expects. */
public final class ScimAssertions {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ScimAssertions() {}

  /** The body as JSON. */
  public static JsonNode json(HttpResponse<byte[]> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Asserts an RFC 7644 §3.12 error of {@code status} with media type application/scim+json, and
   * returns its JSON.
   */
  public static JsonNode assertScimError(HttpResponse<byte[]> response, int status) {
    assertThat(response.statusCode()).as(Http.text(response)).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/scim+json");
    JsonNode error = json(response);
    assertThat(error.path("schemas").path(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(error.path("status").asText()).isEqualTo(Integer.toString(status));
    assertThat(error.path("detail").asText()).isNotBlank();
    return error;
  }
}
