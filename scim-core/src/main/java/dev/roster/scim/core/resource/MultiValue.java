package dev.roster.scim.core.resource;

import static dev.roster.scim.core.resource.AttributeValues.put;
import static dev.roster.scim.core.resource.ResourceRef.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;

/**
 * One value of a multi-valued attribute with the standard sub-attributes (RFC 7643 §2.4): a user's
 * {@code emails}, {@code phoneNumbers}, {@code ims}, {@code photos}, {@code entitlements}, {@code
 * roles} or {@code x509Certificates} (§4.1.2).
 *
 * <p>Every component may be null. A null {@code primary} means "not stated" and is left out of
 * {@link #toJson()}; {@code false} is written only when given explicitly to the constructor.
 *
 * @param value the value, e.g. an email address, or a certificate's base64 DER encoding
 * @param display a human-readable name
 * @param type a label such as {@code work}, {@code home} or {@code mobile}
 * @param primary whether this is the preferred value; null when not stated
 */
public record MultiValue(String value, String display, String type, Boolean primary) {

  /** A value without type, display or primary flag. */
  public static MultiValue of(String value) {
    return new MultiValue(value, null, null, null);
  }

  /** A typed value, e.g. {@code of("work", "bjensen@example.com")}. */
  public static MultiValue of(String type, String value) {
    return new MultiValue(value, null, type, null);
  }

  /**
   * A typed value marked primary or not, e.g. {@code of("work", "bjensen@example.com", true)}. A
   * false flag is stored as null (left out when written), since only the one primary value matters.
   */
  public static MultiValue of(String type, String value, boolean primary) {
    return new MultiValue(value, null, type, primary ? Boolean.TRUE : null);
  }

  /** Whether the value is marked primary; false when {@code primary} is null. */
  public boolean isPrimary() {
    return Boolean.TRUE.equals(primary);
  }

  /** Writes the value as a JSON object, leaving out null components. */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    put(json, "value", value);
    put(json, "display", display);
    put(json, "type", type);
    put(json, "primary", primary);
    return json;
  }

  /**
   * Reads a value object, matching member names ignoring case; {@code primary} may be a JSON
   * boolean or the string {@code "true"} or {@code "false"} in any case, as Microsoft Entra ID
   * sends it (anything else reads as null). Returns null if {@code json} is not an object.
   */
  public static MultiValue fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      return null;
    }
    ObjectNode object = (ObjectNode) json;
    return new MultiValue(
        text(object, "value"),
        text(object, "display"),
        text(object, "type"),
        AttributeValues.bool(Json.get(object, "primary")));
  }
}
