package dev.roster.scim.server.auth.jwt;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;

/**
 * Reads token headers, claims and key sets: shallow JSON objects with duplicate names refused (RFC
 * 7515 §5.2 allows either refusing them or taking the last; refusing cannot be misread).
 */
final class TokenJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder(
              JsonFactory.builder()
                  .streamReadConstraints(
                      StreamReadConstraints.builder()
                          .maxNestingDepth(16)
                          .maxNumberLength(64)
                          .maxStringLength(1 << 20)
                          .build())
                  .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                  // Parser messages then never quote the input; they are dropped anyway.
                  .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
                  .build())
          .build();

  private TokenJson() {}

  /** The JSON object {@code bytes} hold, or null when they hold anything else or are not JSON. */
  static ObjectNode object(byte[] bytes) {
    try (JsonParser parser = MAPPER.createParser(bytes)) {
      JsonNode node = MAPPER.readTree(parser);
      // Trailing content after the object ("{}{}") is not one JSON object.
      if (!(node instanceof ObjectNode) || parser.nextToken() != null) {
        return null;
      }
      return (ObjectNode) node;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** The text of {@code node}'s member {@code name}, or null when missing or not a string. */
  static String text(JsonNode node, String name) {
    JsonNode value = node.get(name);
    return value != null && value.isTextual() ? value.textValue() : null;
  }
}
