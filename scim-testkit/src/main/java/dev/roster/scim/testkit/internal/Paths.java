package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes attribute values by the paths identity providers map to: {@code userName},
 * {@code name.givenName}, {@code emails[type eq "work"].value}, and URN-qualified extension
 * attributes such as {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}.
 * Names match ignoring case, as RFC 7643 §2.1 has it.
 */
final class Paths {
  private static final Pattern PATH =
      Pattern.compile(
          "([A-Za-z0-9$_-]+)(?:\\[\\s*([A-Za-z0-9$_-]+)\\s+eq\\s+(?:\"([^\"]*)\"|(\\w+))\\s*])?"
              + "(?:\\.([A-Za-z0-9$_-]+))?");

  private Paths() {}

  /** A parsed path: optional schema URN, attribute, optional {@code [key eq value]}, sub. */
  record Path(String urn, String attribute, String key, JsonNode keyValue, String sub) {}

  static Path parse(String path) {
    String urn = null;
    String rest = path;
    if (path.regionMatches(true, 0, "urn:", 0, 4)) {
      int colon = path.lastIndexOf(':');
      urn = path.substring(0, colon);
      rest = path.substring(colon + 1);
    }
    Matcher m = PATH.matcher(rest);
    if (!m.matches()) {
      throw new IllegalArgumentException("Not a path the testkit reads: " + path);
    }
    JsonNode keyValue = null;
    if (m.group(2) != null) {
      keyValue =
          m.group(3) != null
              ? Json.value(m.group(3))
              : Json.value(Boolean.parseBoolean(m.group(4).toLowerCase(Locale.ROOT)));
    }
    return new Path(urn, m.group(1), m.group(2), keyValue, m.group(5));
  }

  /** The value at {@code path} in {@code resource}, or {@link MissingNode}. */
  static JsonNode read(JsonNode resource, String path) {
    Path p = parse(path);
    JsonNode container = container(resource, p.urn());
    JsonNode value = Json.get(container, p.attribute());
    if (p.key() != null) {
      value = matching(value, p.key(), p.keyValue());
    }
    if (p.sub() != null) {
      if (value.isArray()) {
        // emails.value on a multi-valued attribute: the first element's (as primary-first servers
        // do)
        value = value.isEmpty() ? MissingNode.getInstance() : value.get(0);
      }
      value = Json.get(value, p.sub());
    }
    return value;
  }

  /** Sets the value at {@code path}, creating objects and array elements on the way. */
  static void write(ObjectNode resource, String path, JsonNode value) {
    Path p = parse(path);
    ObjectNode container = resource;
    if (p.urn() != null && !isCore(p.urn())) {
      container = childObject(resource, p.urn());
    }
    if (p.key() == null) {
      if (p.sub() == null) {
        container.set(p.attribute(), value);
      } else {
        childObject(container, p.attribute()).set(p.sub(), value);
      }
      return;
    }
    JsonNode existing = Json.get(container, p.attribute());
    ArrayNode array = existing.isArray() ? (ArrayNode) existing : container.putArray(p.attribute());
    JsonNode element = matching(array, p.key(), p.keyValue());
    ObjectNode target;
    if (element.isObject()) {
      target = (ObjectNode) element;
    } else {
      target = array.addObject();
      target.set(p.key(), p.keyValue());
    }
    target.set(p.sub() == null ? "value" : p.sub(), value);
  }

  /** The schema URN part of a URN-qualified path, or null. */
  static String urnOf(String path) {
    return parse(path).urn();
  }

  private static boolean isCore(String urn) {
    return urn.equalsIgnoreCase(Json.USER) || urn.equalsIgnoreCase(Json.GROUP);
  }

  private static JsonNode container(JsonNode resource, String urn) {
    if (urn == null || isCore(urn)) {
      return resource;
    }
    return Json.get(resource, urn);
  }

  private static ObjectNode childObject(ObjectNode parent, String name) {
    for (Map.Entry<String, JsonNode> field : parent.properties()) {
      if (field.getKey().equalsIgnoreCase(name) && field.getValue().isObject()) {
        return (ObjectNode) field.getValue();
      }
    }
    return parent.putObject(name);
  }

  /** The first element of {@code array} whose {@code key} equals {@code value}, ignoring case. */
  private static JsonNode matching(JsonNode array, String key, JsonNode value) {
    for (JsonNode element : Json.elements(array)) {
      JsonNode actual = Json.get(element, key);
      if (sameValue(actual, value)) {
        return element;
      }
    }
    return MissingNode.getInstance();
  }

  /** Equality as a SCIM filter sees it: strings ignoring case, booleans also as "True"/"False". */
  static boolean sameValue(JsonNode actual, JsonNode expected) {
    if (actual == null || actual.isMissingNode() || actual.isNull()) {
      return false;
    }
    if (expected.isBoolean()) {
      return actual.isBoolean()
          ? actual.booleanValue() == expected.booleanValue()
          : actual.isTextual()
              && actual.textValue().equalsIgnoreCase(Boolean.toString(expected.booleanValue()));
    }
    return actual.isTextual() && actual.textValue().equalsIgnoreCase(expected.asText());
  }
}
