package dev.roster.scim.core.schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Reads the RFC 7643 example documents kept under {@code src/test/resources/rfc7643}. */
final class RfcExamples {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RfcExamples() {}

  static JsonNode read(String file) {
    try (InputStream in = RfcExamples.class.getResourceAsStream("/rfc7643/" + file)) {
      if (in == null) {
        throw new IllegalArgumentException("No test resource rfc7643/" + file);
      }
      return MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String text(String file) {
    return read(file).toString();
  }
}
