package dev.roster.scim.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The protocol engine's answer: a status, headers and an optional JSON body, of media type {@value
 * #MEDIA_TYPE} unless its {@code Content-Type} header says otherwise (the OAuth token endpoint
 * answers {@code application/json}); bindings write {@link #mediaType()} as the content type.
 *
 * @param status the HTTP status
 * @param headers response headers (e.g. {@code ETag}, {@code Location}, {@code WWW-Authenticate})
 * @param body the JSON body, or null for none (204, 304)
 */
public record ScimResponse(int status, Map<String, String> headers, JsonNode body) {
  /** The SCIM media type (RFC 7644 §3.1). */
  public static final String MEDIA_TYPE = "application/scim+json";

  private static final ObjectMapper WRITER = new ObjectMapper();

  public ScimResponse {
    headers = Map.copyOf(headers);
  }

  static ScimResponse of(int status, JsonNode body) {
    return new ScimResponse(status, Map.of(), body);
  }

  /** A copy with these headers added (replacing ones of the same name). */
  public ScimResponse withHeaders(Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.putAll(more);
    return new ScimResponse(status, all, body);
  }

  ScimResponse withHeader(String name, String value) {
    Map<String, String> all = new LinkedHashMap<>(headers);
    all.put(name, value);
    return new ScimResponse(status, all, body);
  }

  /** The media type of the body: the {@code Content-Type} header, or {@value #MEDIA_TYPE}. */
  public String mediaType() {
    return headers.getOrDefault("Content-Type", MEDIA_TYPE);
  }

  /** The body as UTF-8 JSON bytes, or an empty array when there is no body. */
  public byte[] bodyBytes() {
    if (body == null) {
      return new byte[0];
    }
    try {
      return WRITER.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      // A tree of Jackson nodes always serialises; this would be a bug in Jackson.
      throw new IllegalStateException(e);
    }
  }

  /** The body as JSON text, or an empty string. */
  public String bodyText() {
    return new String(bodyBytes(), StandardCharsets.UTF_8);
  }
}
