package dev.roster.scim.core.error;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * The SCIM error response body of RFC 7644 §3.12.
 *
 * <pre>{@code
 * {"schemas": ["urn:ietf:params:scim:api:messages:2.0:Error"],
 *  "status": "400", "scimType": "invalidFilter", "detail": "..."}
 * }</pre>
 *
 * @param status the HTTP status, written as a JSON string as the RFC requires
 * @param scimType the keyword, or null
 * @param detail the message for the client
 */
public record ScimError(int status, ScimType scimType, String detail) {
  /** The schema URN of an error response. */
  public static final String SCHEMA = "urn:ietf:params:scim:api:messages:2.0:Error";

  public ScimError {
    Objects.requireNonNull(detail, "detail");
  }

  /** The keyword, if any. */
  public Optional<ScimType> type() {
    return Optional.ofNullable(scimType);
  }

  /** Writes this error as a SCIM error JSON object. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.putArray("schemas").add(SCHEMA);
    json.put("status", Integer.toString(status));
    if (scimType != null) {
      json.put("scimType", scimType.wireValue());
    }
    json.put("detail", detail);
    return json;
  }

  /**
   * Reads a SCIM error JSON object; a numeric {@code status} is accepted as well as a string.
   *
   * @throws ScimException 400 {@code invalidSyntax} if the object is not a SCIM error
   */
  public static ScimError fromJson(JsonNode json) {
    JsonNode status = json == null ? null : json.get("status");
    if (status == null || !(status.isTextual() || status.isInt())) {
      throw ScimException.invalidSyntax("A SCIM error needs a 'status' holding the HTTP status");
    }
    int code;
    try {
      code = status.isInt() ? status.intValue() : Integer.parseInt(status.textValue().trim());
    } catch (NumberFormatException e) {
      throw ScimException.invalidSyntax("A SCIM error 'status' must be a number, not a word");
    }
    JsonNode type = json.get("scimType");
    ScimType scimType =
        type == null || !type.isTextual()
            ? null
            : ScimType.fromWireValue(type.textValue()).orElse(null);
    JsonNode detail = json.get("detail");
    return new ScimError(code, scimType, detail == null ? "" : detail.asText());
  }
}
