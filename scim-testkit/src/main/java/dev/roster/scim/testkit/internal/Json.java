package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON building and reading for request bodies and checks. */
final class Json {
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String ERROR = "urn:ietf:params:scim:api:messages:2.0:Error";
  static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";
  static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";
  static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

  /** Stands for "no value member" in {@link #op}. */
  static final Object NO_VALUE = new Object();

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Json() {}

  static ObjectNode object() {
    return JsonNodeFactory.instance.objectNode();
  }

  static ArrayNode array(Object... values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Object value : values) {
      array.add(value(value));
    }
    return array;
  }

  /** A JSON value for a Java value: strings, booleans, integers, JSON nodes, null. */
  static JsonNode value(Object value) {
    if (value == null) {
      return NullNode.getInstance();
    }
    if (value instanceof JsonNode node) {
      return node;
    }
    if (value instanceof String text) {
      return TextNode.valueOf(text);
    }
    if (value instanceof Boolean bool) {
      return BooleanNode.valueOf(bool);
    }
    if (value instanceof Integer number) {
      return IntNode.valueOf(number);
    }
    throw new IllegalArgumentException("No JSON form for " + value.getClass());
  }

  /** An object from alternating names and values. */
  static ObjectNode object(Object... namesAndValues) {
    ObjectNode object = object();
    for (int i = 0; i < namesAndValues.length; i += 2) {
      object.set((String) namesAndValues[i], value(namesAndValues[i + 1]));
    }
    return object;
  }

  /** A member value {@code {"value": id}}, plus further alternating names and values. */
  static ObjectNode member(String id, Object... more) {
    ObjectNode member = object("value", id);
    for (int i = 0; i < more.length; i += 2) {
      member.set((String) more[i], value(more[i + 1]));
    }
    return member;
  }

  /** A PATCH operation; {@code path} null leaves it out, {@code value} {@link #NO_VALUE} too. */
  static ObjectNode op(String op, String path, Object value) {
    ObjectNode operation = object("op", op);
    if (path != null) {
      operation.put("path", path);
    }
    if (value != NO_VALUE) {
      operation.set("value", value(value));
    }
    return operation;
  }

  /** A PatchOp request (RFC 7644 §3.5.2) with these operations. */
  static ObjectNode patch(ObjectNode... operations) {
    ObjectNode body = object();
    body.set("schemas", array(PATCH_OP));
    ArrayNode ops = body.putArray("Operations");
    for (ObjectNode operation : operations) {
      ops.add(operation);
    }
    return body;
  }

  /** A PatchOp request with these operations. */
  static ObjectNode patch(List<ObjectNode> operations) {
    return patch(operations.toArray(new ObjectNode[0]));
  }

  /** The member named {@code name}, ignoring case; {@link MissingNode} when absent. */
  static JsonNode get(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return MissingNode.getInstance();
    }
    JsonNode exact = object.get(name);
    if (exact != null) {
      return exact;
    }
    for (Map.Entry<String, JsonNode> field : object.properties()) {
      if (field.getKey().equalsIgnoreCase(name)) {
        return field.getValue();
      }
    }
    return MissingNode.getInstance();
  }

  /** The elements of an array, or none when {@code node} is not one. */
  static List<JsonNode> elements(JsonNode node) {
    List<JsonNode> list = new ArrayList<>();
    if (node != null && node.isArray()) {
      node.forEach(list::add);
    }
    return list;
  }

  /** Whether {@code node} has no value: absent, null, an empty string or an empty array. */
  static boolean isEmpty(JsonNode node) {
    return node == null
        || node.isMissingNode()
        || node.isNull()
        || (node.isTextual() && node.textValue().isEmpty())
        || (node.isArray() && node.isEmpty())
        || (node.isObject() && node.isEmpty());
  }

  /** Parses JSON, or returns null when {@code text} is not JSON. */
  static JsonNode parseOrNull(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A JSON tree always serialises", e);
    }
  }

  /** {@code text} indented when it is JSON, otherwise as it is. */
  static String pretty(String text) {
    JsonNode node = parseOrNull(text);
    if (node == null) {
      return text;
    }
    try {
      return PRETTY.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      return text;
    }
  }

  /** A short display form of a value for messages. */
  static String show(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return "(absent)";
    }
    String text = write(node);
    return text.length() > 300 ? text.substring(0, 300) + "…" : text;
  }
}
