package dev.roster.scim.core.resource;

import static dev.roster.scim.core.resource.AttributeValues.put;
import static dev.roster.scim.core.resource.ResourceRef.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;

/**
 * One of a user's {@code addresses} (RFC 7643 §4.1.2); every component may be null.
 *
 * <p>A null {@code primary} means "not stated" and is left out of {@link #toJson()}; {@code false}
 * is written only when given explicitly. (The RFC's schema omits {@code primary} for addresses but
 * its §2.4 and its examples use it.)
 *
 * @param formatted the full mailing address for display; may contain newlines
 * @param streetAddress the street address, e.g. {@code 100 Universal City Plaza}
 * @param locality the city or locality
 * @param region the state or region
 * @param postalCode the zip or postal code
 * @param country the country, as an ISO 3166-1 alpha-2 code such as {@code US}
 * @param type a label such as {@code work} or {@code home}
 * @param primary whether this is the preferred address; null when not stated
 */
public record Address(
    String formatted,
    String streetAddress,
    String locality,
    String region,
    String postalCode,
    String country,
    String type,
    Boolean primary) {

  /** A typed address from its parts, without {@code formatted} or primary flag. */
  public static Address of(
      String type,
      String streetAddress,
      String locality,
      String region,
      String postalCode,
      String country) {
    return new Address(null, streetAddress, locality, region, postalCode, country, type, null);
  }

  /** Whether the address is marked primary; false when {@code primary} is null. */
  public boolean isPrimary() {
    return Boolean.TRUE.equals(primary);
  }

  /** Writes the address as a JSON object, leaving out null components. */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    put(json, "formatted", formatted);
    put(json, "streetAddress", streetAddress);
    put(json, "locality", locality);
    put(json, "region", region);
    put(json, "postalCode", postalCode);
    put(json, "country", country);
    put(json, "type", type);
    put(json, "primary", primary);
    return json;
  }

  /**
   * Reads an address object, matching member names ignoring case; {@code primary} may be a JSON
   * boolean or the string {@code "true"} or {@code "false"} in any case. Returns null if {@code
   * json} is not an object.
   */
  public static Address fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      return null;
    }
    ObjectNode object = (ObjectNode) json;
    return new Address(
        text(object, "formatted"),
        text(object, "streetAddress"),
        text(object, "locality"),
        text(object, "region"),
        text(object, "postalCode"),
        text(object, "country"),
        text(object, "type"),
        AttributeValues.bool(Json.get(object, "primary")));
  }
}
