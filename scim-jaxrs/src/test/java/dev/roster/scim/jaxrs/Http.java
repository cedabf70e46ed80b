package dev.roster.scim.jaxrs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A small SCIM client over java.net.http for the HTTP tests. */
final class Http {
  static final ObjectMapper MAPPER = new ObjectMapper();
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final String base;
  private final String authorization;
  private final List<String> extraHeaders = new ArrayList<>();

  Http(String base, String authorization) {
    this.base = base;
    this.authorization = authorization;
  }

  /** This client with {@code Authorization: value} (none when null), its other headers kept. */
  Http withAuthorization(String value) {
    Http copy = new Http(base, value);
    copy.extraHeaders.addAll(extraHeaders);
    return copy;
  }

  Http header(String name, String value) {
    Http copy = new Http(base, authorization);
    copy.extraHeaders.addAll(extraHeaders);
    copy.extraHeaders.add(name);
    copy.extraHeaders.add(value);
    return copy;
  }

  String base() {
    return base;
  }

  /** A reply: status, headers, and the body as JSON (MissingNode when empty). */
  record Reply(int status, HttpResponse<String> raw, JsonNode json) {
    String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    String text() {
      return raw.body();
    }
  }

  Reply get(String path) {
    return send("GET", path, null, null);
  }

  Reply delete(String path) {
    return send("DELETE", path, null, null);
  }

  Reply post(String path, String json) {
    return send("POST", path, json, "application/scim+json");
  }

  Reply put(String path, String json) {
    return send("PUT", path, json, "application/scim+json");
  }

  Reply patch(String path, String json) {
    return send("PATCH", path, json, "application/scim+json; charset=utf-8");
  }

  Reply send(String method, String path, String body, String contentType) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    for (int i = 0; i < extraHeaders.size(); i += 2) {
      request.header(extraHeaders.get(i), extraHeaders.get(i + 1));
    }
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    try {
      HttpResponse<String> response =
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String text = response.body();
      JsonNode json =
          text == null || text.isEmpty() ? MissingNode.getInstance() : MAPPER.readTree(text);
      return new Reply(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Wraps operations in a PatchOp body. */
  static String patchOps(String operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
        + operations
        + "]}";
  }
}
