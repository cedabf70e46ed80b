package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A response with the expectations checks place on it; each failed expectation throws a {@link
 * CheckFailure} that carries this exchange.
 */
final class Response {
  private final Exchange exchange;
  private final JsonNode json;

  Response(Exchange exchange) {
    this.exchange = exchange;
    this.json = Json.parseOrNull(exchange.responseBody());
  }

  Exchange exchange() {
    return exchange;
  }

  int status() {
    return exchange.status();
  }

  /** The first value of header {@code name}, ignoring case, or null. */
  String header(String name) {
    for (Map.Entry<String, String> header : exchange.responseHeaders()) {
      if (header.getKey().equalsIgnoreCase(name)) {
        return header.getValue();
      }
    }
    return null;
  }

  String body() {
    return exchange.responseBody() == null ? "" : exchange.responseBody();
  }

  boolean isJson() {
    return json != null;
  }

  /** The body as JSON; fails when it is not JSON. */
  JsonNode json() {
    return json("a JSON body");
  }

  /** The body as JSON; fails saying {@code expected} when it is not JSON. */
  JsonNode json(String expected) {
    if (json == null) {
      throw fail(expected, notJson());
    }
    return json;
  }

  /** What the body is when it is not JSON: its type and its start. */
  private String notJson() {
    if (body().isEmpty()) {
      return "an empty body";
    }
    String type = header("Content-Type");
    String start = body().strip();
    return "a body that is not JSON ("
        + (type == null ? "no Content-Type" : type)
        + "): "
        + (start.length() > 80 ? start.substring(0, 80) + "…" : start);
  }

  /** The value at an attribute path of the JSON body (see {@link Paths}). */
  JsonNode at(String path) {
    return Paths.read(json(), path);
  }

  CheckFailure fail(String expected, String found) {
    return new CheckFailure(expected, found, exchange);
  }

  /** What came back, in a few words: {@code HTTP 400 (scimType invalidValue: "...")}. */
  String summary() {
    if (status() == 0) {
      return "no response (" + exchange.error() + ")";
    }
    StringBuilder out = new StringBuilder("HTTP ").append(status());
    if (json != null && json.isObject() && Json.get(json, "detail").isTextual()) {
      out.append(" (");
      JsonNode scimType = Json.get(json, "scimType");
      if (scimType.isTextual()) {
        out.append("scimType ").append(scimType.textValue()).append(": ");
      }
      String detail = Json.get(json, "detail").textValue();
      out.append('"').append(detail.length() > 160 ? detail.substring(0, 160) + "…" : detail);
      out.append("\")");
    }
    return out.toString();
  }

  /** Fails unless the status is one of {@code statuses}; {@code meaning} says what they mean. */
  Response expectStatus(String meaning, int... statuses) {
    for (int status : statuses) {
      if (status() == status) {
        return this;
      }
    }
    String codes =
        Arrays.stream(statuses)
            .mapToObj(s -> "HTTP " + s + " " + Exchange.reason(s))
            .collect(Collectors.joining(" or "));
    throw fail(codes + " (" + meaning + ")", summary());
  }

  /** Fails unless the response is {@code application/scim+json}. */
  Response expectScimContentType() {
    String type = header("Content-Type");
    String media = type == null ? "" : type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (!media.equals("application/scim+json")) {
      throw fail(
          "Content-Type: application/scim+json",
          type == null ? "no Content-Type" : "Content-Type: " + type);
    }
    return this;
  }

  /** Fails unless the body has a non-empty string at {@code path}; returns it. */
  String text(String path) {
    JsonNode value = at(path);
    if (!value.isTextual() || value.textValue().isEmpty()) {
      throw fail("a non-empty string at \"" + path + "\"", Json.show(value));
    }
    return value.textValue();
  }

  /** Fails unless the value at {@code path} is {@code expected} (exactly; booleans as JSON). */
  Response expectValue(String path, Object expected) {
    JsonNode actual = at(path);
    JsonNode want = Json.value(expected);
    if (!actual.equals(want)) {
      boolean caseChanged =
          want.isTextual()
              && actual.isTextual()
              && actual.textValue().equalsIgnoreCase(want.textValue());
      throw fail(
          "\"" + path + "\" = " + Json.show(want),
          Json.show(actual) + (caseChanged ? " (case changed)" : ""));
    }
    return this;
  }

  /** Fails unless the body has no value at {@code path}. */
  Response expectAbsent(String path, String why) {
    JsonNode actual = at(path);
    if (!actual.isMissingNode()) {
      throw fail("no \"" + path + "\" (" + why + ")", "\"" + path + "\": " + Json.show(actual));
    }
    return this;
  }

  /**
   * Fails unless this is a SCIM error (RFC 7644 §3.12) with {@code status}, and {@code scimType}
   * when not null: the Error schema, the status repeated as a string, a {@code scimType}.
   */
  Response expectError(int expectedStatus, String scimType, String meaning) {
    expectStatus(meaning, expectedStatus);
    JsonNode body = json("a SCIM error body (RFC 7644 §3.12) with the " + expectedStatus);
    if (!containsText(Json.get(body, "schemas"), Json.ERROR)) {
      throw fail("an error body with \"schemas\": [\"" + Json.ERROR + "\"]", Json.show(body));
    }
    JsonNode status = Json.get(body, "status");
    if (!status.asText().equals(Integer.toString(expectedStatus))) {
      throw fail("\"status\": \"" + expectedStatus + "\" in the error body", Json.show(status));
    }
    if (!status.isTextual()) {
      throw fail(
          "\"status\" as the string \""
              + expectedStatus
              + "\" (RFC 7644 §3.12 defines it as a string)",
          "the number " + status);
    }
    if (scimType != null && !Json.get(body, "scimType").asText().equals(scimType)) {
      throw fail("\"scimType\": \"" + scimType + "\"", Json.show(Json.get(body, "scimType")));
    }
    return this;
  }

  /** Parses a ListResponse (RFC 7644 §3.4.2), failing on anything malformed; needs HTTP 200. */
  Listing listing() {
    expectStatus("a ListResponse", 200);
    JsonNode body = json();
    if (!containsText(Json.get(body, "schemas"), Json.LIST_RESPONSE)) {
      throw fail(
          "\"schemas\": [\"" + Json.LIST_RESPONSE + "\"]", Json.show(Json.get(body, "schemas")));
    }
    JsonNode total = Json.get(body, "totalResults");
    if (!total.isIntegralNumber()) {
      throw fail("\"totalResults\" as a JSON integer", Json.show(total));
    }
    for (String counter : List.of("startIndex", "itemsPerPage")) {
      JsonNode value = Json.get(body, counter);
      if (!value.isMissingNode() && !value.isIntegralNumber()) {
        throw fail("\"" + counter + "\" as a JSON integer", Json.show(value));
      }
    }
    JsonNode resources = body.get("Resources");
    if (resources == null) {
      JsonNode otherCase = Json.get(body, "Resources");
      if (!otherCase.isMissingNode()) {
        throw fail("the member \"Resources\" (capital R)", "a member spelled otherwise");
      }
      if (total.asLong() > 0) {
        throw fail(
            "\"Resources\" (required when totalResults is non-zero, RFC 7644 §3.4.2)",
            "no \"Resources\" with totalResults " + total);
      }
    } else if (!resources.isArray()) {
      throw fail("\"Resources\" as an array", Json.show(resources));
    }
    List<JsonNode> items = new ArrayList<>(Json.elements(resources));
    JsonNode perPage = Json.get(body, "itemsPerPage");
    JsonNode start = Json.get(body, "startIndex");
    return new Listing(
        this,
        total.asLong(),
        start.isIntegralNumber() ? start.asLong() : null,
        perPage.isIntegralNumber() ? perPage.asLong() : null,
        items);
  }

  static boolean containsText(JsonNode array, String text) {
    for (JsonNode element : Json.elements(array)) {
      if (element.isTextual() && element.textValue().equalsIgnoreCase(text)) {
        return true;
      }
    }
    return false;
  }
}
