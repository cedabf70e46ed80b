package dev.roster.scim.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.StorableText;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import java.io.IOException;
import java.util.Locale;

/**
 * Reads request bodies: present, within {@link ScimLimits#maxRequestBodyBytes()} (a bulk request's
 * within {@link ScimLimits#maxBulkPayloadBytes()}), of a JSON media type, well-formed JSON within
 * the limits' JSON depth, string and number lengths. Immutable.
 */
final class RequestBodies {
  private final ScimLimits limits;
  private final ObjectMapper mapper;

  RequestBodies(ScimLimits limits) {
    this.limits = limits;
    this.mapper = Json.mapper(limits);
  }

  /**
   * The request's body as JSON.
   *
   * @throws ScimException 400 {@code invalidSyntax} when there is none or it is not JSON, 400
   *     {@code invalidValue} when a string or field name holds U+0000 or an unpaired surrogate
   *     ({@link StorableText}), 413 when it is too large, 415 for another media type
   */
  JsonNode read(ScimRequest request) {
    return read(request, limits.maxRequestBodyBytes(), "ScimLimits.maxRequestBodyBytes");
  }

  /**
   * The request's body as JSON, as {@link #read(ScimRequest)} reads it but within {@code limit}
   * bytes, the value of the setting {@code limitName}: a {@code /Bulk} request's body may be as
   * large as {@link ScimLimits#maxBulkPayloadBytes()}.
   */
  JsonNode read(ScimRequest request, long limit, String limitName) {
    byte[] body = request.body();
    if (body == null || body.length == 0) {
      throw ScimException.invalidSyntax("The request needs a JSON body");
    }
    if (body.length > limit) {
      throw ScimException.payloadTooLarge(
          "The request body is larger than " + limit + " bytes (" + limitName + ")");
    }
    String contentType = request.header("Content-Type");
    if (contentType != null) {
      String media = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
      if (!media.equals(ScimResponse.MEDIA_TYPE) && !media.equals("application/json")) {
        throw new ScimException(
            415, null, "Send application/scim+json or application/json, not " + media);
      }
    }
    JsonNode json;
    try {
      json = mapper.readTree(body);
    } catch (JsonProcessingException e) {
      throw Json.invalidJson(e, limits);
    } catch (IOException e) {
      throw ScimException.invalidSyntax("The request body could not be read");
    }
    String unstorable = StorableText.firstUnstorable(json);
    if (unstorable != null) {
      throw ScimException.invalidValue(
          "The string at "
              + (unstorable.isEmpty() ? "the top of the body" : unstorable)
              + " holds U+0000 or an unpaired surrogate, which cannot be stored");
    }
    return json;
  }
}
