package dev.roster.scim.core.resource;

import static dev.roster.scim.core.resource.AttributeValues.put;
import static dev.roster.scim.core.resource.ResourceRef.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;

/**
 * A user's name (RFC 7643 §4.1.1 {@code name}); every component may be null.
 *
 * @param formatted the full name for display, e.g. {@code Ms. Barbara J Jensen, III}
 * @param familyName the family name, or last name in most Western languages
 * @param givenName the given name, or first name in most Western languages
 * @param middleName the middle name(s)
 * @param honorificPrefix the title before the name, e.g. {@code Ms.}
 * @param honorificSuffix the suffix after the name, e.g. {@code III}
 */
public record Name(
    String formatted,
    String familyName,
    String givenName,
    String middleName,
    String honorificPrefix,
    String honorificSuffix) {

  /** A name with only the given and family names set; either may be null. */
  public static Name of(String givenName, String familyName) {
    return new Name(null, familyName, givenName, null, null, null);
  }

  /** Writes the {@code name} JSON object, leaving out null components. */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    put(json, "formatted", formatted);
    put(json, "familyName", familyName);
    put(json, "givenName", givenName);
    put(json, "middleName", middleName);
    put(json, "honorificPrefix", honorificPrefix);
    put(json, "honorificSuffix", honorificSuffix);
    return json;
  }

  /**
   * Reads a {@code name} object, matching member names ignoring case; null if {@code json} is not
   * an object.
   */
  public static Name fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      return null;
    }
    ObjectNode object = (ObjectNode) json;
    return new Name(
        text(object, "formatted"),
        text(object, "familyName"),
        text(object, "givenName"),
        text(object, "middleName"),
        text(object, "honorificPrefix"),
        text(object, "honorificSuffix"));
  }
}
