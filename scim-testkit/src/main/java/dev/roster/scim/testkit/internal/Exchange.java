package dev.roster.scim.testkit.internal;

import java.util.List;
import java.util.Map;

/**
 * One HTTP request and its response (or the error that stopped it), as shown in failures and
 * reports. Credentials in headers are already masked.
 *
 * @param status the response status, or 0 when no response came
 * @param error why no response came, or null
 */
record Exchange(
    String method,
    String uri,
    List<Map.Entry<String, String>> requestHeaders,
    String requestBody,
    int status,
    List<Map.Entry<String, String>> responseHeaders,
    String responseBody,
    long millis,
    String error) {

  private static final int MAX_BODY = 4000;

  Exchange {
    requestHeaders = List.copyOf(requestHeaders);
    responseHeaders = List.copyOf(responseHeaders);
  }

  /** The request line, e.g. {@code GET https://host/scim/v2/Users?filter=...}. */
  String requestLine() {
    return method + " " + uri;
  }

  /** The request as text, each line starting with {@code indent}. */
  String formatRequest(String indent) {
    StringBuilder out = new StringBuilder();
    out.append(indent).append(requestLine()).append('\n');
    for (Map.Entry<String, String> header : requestHeaders) {
      out.append(indent).append(header.getKey()).append(": ").append(header.getValue());
      out.append('\n');
    }
    if (requestBody != null && !requestBody.isEmpty()) {
      out.append(indent).append('\n');
      appendBody(out, requestBody, indent);
    }
    return out.toString();
  }

  /** The response as text, each line starting with {@code indent}. */
  String formatResponse(String indent) {
    StringBuilder out = new StringBuilder();
    if (status == 0) {
      out.append(indent).append("(no response: ").append(error).append(")\n");
      return out.toString();
    }
    out.append(indent).append("HTTP ").append(status).append(' ').append(reason(status));
    out.append("  (").append(millis).append(" ms)\n");
    for (Map.Entry<String, String> header : responseHeaders) {
      out.append(indent).append(header.getKey()).append(": ").append(header.getValue());
      out.append('\n');
    }
    if (responseBody != null && !responseBody.isEmpty()) {
      out.append(indent).append('\n');
      appendBody(out, responseBody, indent);
    }
    return out.toString();
  }

  /** Request and response, for transcripts. */
  String format() {
    return "> "
        + formatRequest("").strip().replace("\n", "\n> ")
        + "\n< "
        + formatResponse("").strip().replace("\n", "\n< ")
        + "\n";
  }

  private static void appendBody(StringBuilder out, String body, String indent) {
    String shown = Json.pretty(body);
    if (shown.length() > MAX_BODY) {
      shown =
          shown.substring(0, MAX_BODY)
              + "\n… ("
              + (shown.length() - MAX_BODY)
              + " more characters)";
    }
    for (String line : shown.split("\n", -1)) {
      out.append(indent).append(line).append('\n');
    }
  }

  static String reason(int status) {
    switch (status) {
      case 200:
        return "OK";
      case 201:
        return "Created";
      case 204:
        return "No Content";
      case 304:
        return "Not Modified";
      case 400:
        return "Bad Request";
      case 401:
        return "Unauthorized";
      case 403:
        return "Forbidden";
      case 404:
        return "Not Found";
      case 405:
        return "Method Not Allowed";
      case 409:
        return "Conflict";
      case 412:
        return "Precondition Failed";
      case 413:
        return "Payload Too Large";
      case 415:
        return "Unsupported Media Type";
      case 500:
        return "Internal Server Error";
      case 501:
        return "Not Implemented";
      default:
        return "";
    }
  }
}
