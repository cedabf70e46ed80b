package dev.roster.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * One element of a BulkRequest's {@code Operations} (RFC 7644 §3.7) as read, before any bulkId in
 * it is resolved. An element that is not a well-formed operation is kept with the error it is
 * answered with, so that it fails alone: the others still run.
 *
 * @param index its place in {@code Operations}, from 0
 * @param method the HTTP method in upper case, or null when none was given as a string
 * @param bulkId the bulkId given, or null
 * @param version the {@code version} given, sent on as {@code If-Match}, or null
 * @param path the path below the base URL, e.g. {@code /Users/bulkId:qwerty}, or null
 * @param data the body of the request it stands for, or null
 * @param invalid why it cannot run, or null when it can
 * @param references the bulkIds its path and data reference, in the order they appear
 */
record BulkOperation(
    int index,
    String method,
    String bulkId,
    String version,
    String path,
    JsonNode data,
    ScimException invalid,
    Set<String> references) {

  private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

  /** Reads {@code Operations[index]}. */
  static BulkOperation read(int index, ObjectNode json) {
    JsonNode methodNode = Json.get(json, "method");
    String method =
        methodNode != null && methodNode.isTextual()
            ? methodNode.asText().toUpperCase(Locale.ROOT)
            : null;
    String bulkId = text(json, "bulkId");
    String version = text(json, "version");
    String path = text(json, "path");
    JsonNode data = Json.get(json, "data");
    ScimException invalid = problem(json, method, bulkId, path, data);
    Set<String> references = new LinkedHashSet<>();
    if (invalid == null) {
      BulkReferences.inPath(path, references);
      if (!method.equals("DELETE")) {
        BulkReferences.collect(data, references);
      }
    } else {
      data = null;
    }
    return new BulkOperation(
        index,
        method,
        bulkId,
        version,
        path,
        data,
        invalid,
        Collections.unmodifiableSet(references));
  }

  /** Whether it is a POST, the only method whose bulkId names what it creates. */
  boolean isPost() {
    return "POST".equals(method);
  }

  private static ScimException problem(
      ObjectNode json, String method, String bulkId, String path, JsonNode data) {
    if (method == null) {
      return ScimException.invalidSyntax("A bulk operation needs a 'method' string");
    }
    if (!METHODS.contains(method)) {
      return ScimException.invalidValue(
          "'" + method + "' is not a bulk operation's method: POST, PUT, PATCH or DELETE");
    }
    for (String name : new String[] {"bulkId", "version", "path"}) {
      JsonNode value = Json.get(json, name);
      if (value != null && !value.isNull() && !value.isTextual()) {
        return ScimException.invalidSyntax("A bulk operation's '" + name + "' must be a string");
      }
    }
    if (path == null || path.isBlank()) {
      return ScimException.invalidSyntax(
          "A bulk operation needs a 'path', e.g. /Users or /Users/{id}");
    }
    if (Arrays.asList(path.split("/")).contains(".search")) {
      return ScimException.invalidValue(
          "A bulk operation writes a resource; its path names a resource type endpoint or a"
              + " resource, not .search");
    }
    if (method.equals("POST") && (bulkId == null || bulkId.isEmpty())) {
      return ScimException.invalidSyntax(
          "A POST operation needs a 'bulkId' (RFC 7644 §3.7), which its result repeats");
    }
    if (!method.equals("DELETE") && (data == null || !data.isObject())) {
      return ScimException.invalidSyntax(
          "A " + method + " operation needs 'data', the JSON object its request would send");
    }
    return null;
  }

  private static String text(ObjectNode json, String name) {
    JsonNode value = Json.get(json, name);
    return value != null && value.isTextual() ? value.asText() : null;
  }
}
