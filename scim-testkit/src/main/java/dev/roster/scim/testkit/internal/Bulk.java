package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A BulkRequest being built (RFC 7644 §3.7), sent within the limits {@code /ServiceProviderConfig}
 * states, and the BulkResponse it gets: the results checks expect things of. Resources its POST
 * operations create are deleted after the check like those of any POST.
 */
final class Bulk {
  private final ObjectNode body = Json.object();
  private final ArrayNode operations;

  Bulk() {
    body.set("schemas", Json.array(Json.BULK_REQUEST));
    operations = body.putArray("Operations");
  }

  /** Asks the server to stop after {@code errors} failed operations. */
  Bulk failOnErrors(int errors) {
    body.put("failOnErrors", errors);
    return this;
  }

  /** A POST of {@code data} to {@code endpoint} ({@code /Users}) named {@code bulkId}. */
  Bulk post(String endpoint, String bulkId, JsonNode data) {
    ObjectNode operation = operation("POST", endpoint);
    operation.put("bulkId", bulkId);
    operation.set("data", data);
    return this;
  }

  /** A PATCH of {@code path}, e.g. {@code /Users/bulkId:u}, with a PatchOp request. */
  Bulk patch(String path, JsonNode data) {
    operation("PATCH", path).set("data", data);
    return this;
  }

  Bulk delete(String path) {
    operation("DELETE", path);
    return this;
  }

  private ObjectNode operation(String method, String path) {
    ObjectNode operation = Json.object("method", method, "path", path);
    operations.add(operation);
    return operation;
  }

  /**
   * POSTs the request to {@code /Bulk}: skipped when {@code bulk.maxOperations} or {@code
   * bulk.maxPayloadSize} is too small for it; expects 200 with a BulkResponse.
   */
  Results send(CheckRun run) {
    JsonNode spc = run.server().serviceProviderConfig();
    JsonNode maxOperations = Paths.read(spc, "bulk.maxOperations");
    if (maxOperations.isIntegralNumber() && maxOperations.asLong() < operations.size()) {
      throw run.skip(
          "/ServiceProviderConfig says bulk.maxOperations is "
              + maxOperations.asLong()
              + ", and the check sends "
              + operations.size()
              + " operations in one bulk request");
    }
    long bytes = Json.write(body).getBytes(StandardCharsets.UTF_8).length;
    JsonNode maxPayload = Paths.read(spc, "bulk.maxPayloadSize");
    if (maxPayload.isIntegralNumber() && maxPayload.asLong() < bytes) {
      throw run.skip(
          "/ServiceProviderConfig says bulk.maxPayloadSize is "
              + maxPayload.asLong()
              + " bytes, and the check's bulk request has "
              + bytes);
    }
    Response response = run.rfc().post("/Bulk", body);
    response.expectStatus("a BulkResponse with the result of each operation", 200);
    JsonNode json = response.json("a BulkResponse");
    Results results = new Results(run, response, Json.elements(Json.get(json, "Operations")));
    results.cleanUpCreated(operations);
    if (!Response.containsText(Json.get(json, "schemas"), Json.BULK_RESPONSE)) {
      throw response.fail(
          "\"schemas\": [\"" + Json.BULK_RESPONSE + "\"]", Json.show(Json.get(json, "schemas")));
    }
    if (!Json.get(json, "Operations").isArray()) {
      throw response.fail(
          "\"Operations\": the results as an array", Json.show(Json.get(json, "Operations")));
    }
    return results;
  }

  /** The results of a BulkResponse (RFC 7644 §3.7.3), one per operation that ran. */
  static final class Results {
    private final CheckRun run;
    private final Response response;
    private final List<JsonNode> results;
    private boolean notedNumbers;

    private Results(CheckRun run, Response response, List<JsonNode> results) {
      this.run = run;
      this.response = response;
      this.results = List.copyOf(results);
    }

    /** Has what the POST operations created deleted after the check. */
    private void cleanUpCreated(ArrayNode sent) {
      for (JsonNode operation : sent) {
        if (!operation.path("method").asText().equals("POST")) {
          continue;
        }
        String endpoint = operation.path("path").asText();
        JsonNode result = find("POST", operation.path("bulkId").asText());
        Integer status = result == null ? null : code(Json.get(result, "status"));
        if (status == null || status < 200 || status > 299) {
          continue;
        }
        String id = idIn(Json.get(result, "location").asText(), endpoint);
        JsonNode name =
            Json.get(
                operation.path("data"),
                endpoint.equalsIgnoreCase("/Users") ? "userName" : "displayName");
        run.created(run.rfc(), endpoint, id, name.isTextual() ? name.textValue() : null);
      }
    }

    /** The id at the end of {@code location} when it is {@code …endpoint/id}, else null. */
    private static String idIn(String location, String endpoint) {
      int slash = location.lastIndexOf('/');
      if (slash < 0 || !location.substring(0, slash).endsWith(endpoint)) {
        return null;
      }
      String id = location.substring(slash + 1);
      return id.isEmpty() ? null : id;
    }

    /** The result of the operation with {@code method} and {@code bulkId} (any when null). */
    JsonNode find(String method, String bulkId) {
      for (JsonNode result : results) {
        if (Json.get(result, "method").asText().equalsIgnoreCase(method)
            && (bulkId == null || Json.get(result, "bulkId").asText().equals(bulkId))) {
          return result;
        }
      }
      return null;
    }

    /** The same; fails when the response has none for {@code what}, the operation. */
    JsonNode of(String method, String bulkId, String what) {
      JsonNode result = find(method, bulkId);
      if (result == null) {
        throw response.fail(
            "a result for "
                + what
                + " (with \"method\": \""
                + method
                + "\""
                + (bulkId == null ? "" : " and \"bulkId\": \"" + bulkId + "\"")
                + ")",
            "none in " + Json.show(Json.get(response.json(), "Operations")));
      }
      return result;
    }

    /** A status as RFC 7644 §3.7.3 shows it, "201", or as a number; otherwise null. */
    private static Integer code(JsonNode status) {
      if (status.isTextual() && status.textValue().matches("[1-5]\\d\\d")) {
        return Integer.valueOf(status.textValue());
      }
      return status.isIntegralNumber() && status.canConvertToInt() ? status.intValue() : null;
    }

    /** The result's status; fails unless it is one of {@code statuses}. */
    int expectStatus(JsonNode result, String what, int... statuses) {
      JsonNode status = Json.get(result, "status");
      Integer code = code(status);
      if (code == null) {
        throw response.fail(
            "for " + what + ", \"status\" as a string such as \"201\" (RFC 7644 §3.7.3)",
            Json.show(result));
      }
      if (status.isNumber() && !notedNumbers) {
        notedNumbers = true;
        run.note(
            "The bulk results give \"status\" as a JSON number ("
                + status
                + "); RFC 7644 §3.7.3 shows it as a string (\""
                + status
                + "\")");
      }
      for (int expected : statuses) {
        if (code == expected) {
          return code;
        }
      }
      StringBuilder wanted = new StringBuilder();
      for (int expected : statuses) {
        wanted.append(wanted.length() == 0 ? "" : " or ").append('"').append(expected).append('"');
      }
      throw response.fail(
          "for " + what + ", \"status\": " + wanted,
          "\"status\": " + status + " in " + Json.show(result));
    }

    /** Fails unless the result's {@code location} ends in {@code path}, e.g. /Users/{id}. */
    void expectLocation(JsonNode result, String path, String what) {
      String location = location(result, what);
      if (!location.endsWith(path)) {
        throw response.fail(
            "for " + what + ", a \"location\" ending in " + path, "\"location\": " + location);
      }
    }

    private String location(JsonNode result, String what) {
      JsonNode location = Json.get(result, "location");
      if (!location.isTextual() || location.textValue().isEmpty()) {
        throw response.fail(
            "for "
                + what
                + ", a \"location\" (REQUIRED in each result but a failed POST's, RFC 7644"
                + " §3.7.3)",
            "none in " + Json.show(result));
      }
      return location.textValue();
    }

    /**
     * Expects the POST operation with {@code bulkId} to have created a resource: status "201" and a
     * {@code location} of {@code endpoint/{id}}; returns the id.
     */
    String createdId(String bulkId, String endpoint, String what) {
      JsonNode result = of("POST", bulkId, what);
      expectStatus(result, what, 201);
      String location = location(result, what);
      String id = idIn(location, endpoint);
      if (id == null) {
        throw response.fail(
            "for " + what + ", a \"location\" ending in " + endpoint + "/{id}",
            "\"location\": " + location);
      }
      return id;
    }

    /**
     * Fails unless the result is a failure with {@code status} (any 4xx when 0) and the SCIM error
     * as its {@code response}.
     */
    void expectError(JsonNode result, int status, String what) {
      JsonNode actual = Json.get(result, "status");
      Integer code = code(actual);
      if (status == 0 && (code == null || code < 400 || code > 499)) {
        throw response.fail(
            "for " + what + ", a \"status\" of 4xx (the operation fails)",
            "\"status\": " + actual + " in " + Json.show(result));
      }
      if (status != 0) {
        expectStatus(result, what, status);
      }
      JsonNode error = Json.get(result, "response");
      if (!Response.containsText(Json.get(error, "schemas"), Json.ERROR)
          || !Json.get(error, "status").asText().equals(Integer.toString(code))) {
        throw response.fail(
            "for "
                + what
                + ", the SCIM error (schemas "
                + Json.ERROR
                + ", status \""
                + code
                + "\") as \"response\" (RFC 7644 §3.7.3)",
            error.isMissingNode() ? "no \"response\" in " + Json.show(result) : Json.show(error));
      }
    }

    /** A failure about the bulk exchange. */
    CheckFailure fail(String expected, String found) {
      return response.fail(expected, found);
    }
  }
}
