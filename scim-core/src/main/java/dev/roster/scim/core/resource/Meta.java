package dev.roster.scim.core.resource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * Resource metadata (RFC 7643 §3.1 {@code meta}); every component may be null.
 *
 * @param resourceType the resource type's name, e.g. {@code User}
 * @param created when the resource was created
 * @param lastModified when the resource last changed
 * @param location the resource's URI
 * @param version the entity tag of the current version, as sent in {@code ETag} (RFC 7644 §3.14),
 *     e.g. {@code W/"3694e05e9dff590"}; see {@link #weakVersion(String)}
 */
public record Meta(
    String resourceType, Instant created, Instant lastModified, String location, String version) {

  /** Metadata with nothing set. */
  public static final Meta EMPTY = new Meta(null, null, null, null, null);

  /**
   * The weak entity tag for an opaque version token: {@code 7} becomes {@code W/"7"}; a value that
   * already is an entity tag is returned unchanged.
   */
  public static String weakVersion(String token) {
    if (token == null || token.startsWith("W/\"") || token.startsWith("\"")) {
      return token;
    }
    return "W/\"" + token.replace("\"", "") + "\"";
  }

  /** A copy with another resource type. */
  public Meta withResourceType(String value) {
    return new Meta(value, created, lastModified, location, version);
  }

  /** A copy with another creation time. */
  public Meta withCreated(Instant value) {
    return new Meta(resourceType, value, lastModified, location, version);
  }

  /** A copy with another modification time. */
  public Meta withLastModified(Instant value) {
    return new Meta(resourceType, created, value, location, version);
  }

  /** A copy with another location. */
  public Meta withLocation(String value) {
    return new Meta(resourceType, created, lastModified, value, version);
  }

  /** A copy with another version. */
  public Meta withVersion(String value) {
    return new Meta(resourceType, created, lastModified, location, value);
  }

  /** Writes the {@code meta} JSON object, leaving out components that are null. */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    if (resourceType != null) {
      json.put("resourceType", resourceType);
    }
    if (created != null) {
      json.put("created", created.toString());
    }
    if (lastModified != null) {
      json.put("lastModified", lastModified.toString());
    }
    if (location != null) {
      json.put("location", location);
    }
    if (version != null) {
      json.put("version", version);
    }
    return json;
  }

  /**
   * Reads a {@code meta} object; member names are matched ignoring case, unknown members ignored.
   *
   * @throws ScimException 400 {@code invalidValue} if a timestamp is not an xsd:dateTime with
   *     offset
   */
  public static Meta fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      return EMPTY;
    }
    ObjectNode object = (ObjectNode) json;
    return new Meta(
        text(object, "resourceType"),
        instant(object, "created"),
        instant(object, "lastModified"),
        text(object, "location"),
        text(object, "version"));
  }

  /**
   * Parses an xsd:dateTime with a time zone, e.g. {@code 2010-01-23T04:56:22Z} (RFC 7643 §2.3.5).
   *
   * @throws ScimException 400 {@code invalidValue} naming the text if it is not one
   */
  public static Instant parseDateTime(String text) {
    try {
      return OffsetDateTime.parse(text).toInstant();
    } catch (DateTimeParseException e) {
      throw ScimException.invalidValue(
          "'" + text + "' is not a dateTime like 2010-01-23T04:56:22Z (RFC 7643 §2.3.5)");
    }
  }

  private static String text(ObjectNode object, String name) {
    JsonNode node = Json.get(object, name);
    return node == null || node.isNull() ? null : node.asText();
  }

  private static Instant instant(ObjectNode object, String name) {
    String text = text(object, name);
    return text == null ? null : parseDateTime(text);
  }
}
