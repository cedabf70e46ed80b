package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A SCIM client over java.net.http that records every exchange, and every resource a POST creates,
 * so that failures can show the traffic and cleanup can find what to delete. A client has a
 * flavour: the headers one identity provider sends (Okta's {@code User-Agent}, the Validator's
 * {@code Content-Type}). Not thread-safe; one per check.
 */
final class ScimClient {
  private final Connection connection;
  private final Recorder recorder;
  private final List<Map.Entry<String, String>> flavour;
  private final String contentType;
  private final boolean authorizationOverridden;
  private final String authorization;
  private final boolean optionHeaders;

  ScimClient(
      Connection connection,
      Recorder recorder,
      List<Map.Entry<String, String>> flavour,
      String contentType) {
    this(connection, recorder, flavour, contentType, false, null, true);
  }

  private ScimClient(
      Connection connection,
      Recorder recorder,
      List<Map.Entry<String, String>> flavour,
      String contentType,
      boolean authorizationOverridden,
      String authorization,
      boolean optionHeaders) {
    this.connection = connection;
    this.recorder = recorder;
    this.flavour = List.copyOf(flavour);
    this.contentType = contentType;
    this.authorizationOverridden = authorizationOverridden;
    this.authorization = authorization;
    this.optionHeaders = optionHeaders;
  }

  /**
   * A client of an OAuth 2.0 token endpoint, addressed by its absolute URL: it sends forms and
   * accepts JSON, and none of the options' SCIM credentials or headers.
   */
  static ScimClient tokenEndpoint(Connection connection, Recorder recorder) {
    return new ScimClient(
        connection,
        recorder,
        List.of(Map.entry("Accept", "application/json")),
        "application/x-www-form-urlencoded",
        true,
        null,
        false);
  }

  /**
   * The same client sending {@code Authorization: value} instead (none when null). When the options
   * carry no {@code Authorization}, their headers hold the credentials and are left out too.
   */
  ScimClient withAuthorization(String value) {
    return new ScimClient(connection, recorder, flavour, contentType, true, value, optionHeaders);
  }

  /** The same client sending the credentials {@code other} sends. */
  ScimClient withCredentialsOf(ScimClient other) {
    return new ScimClient(
        connection,
        recorder,
        flavour,
        contentType,
        other.authorizationOverridden,
        other.authorization,
        other.optionHeaders);
  }

  /** The same client recording into {@code other}. */
  ScimClient recordingInto(Recorder other) {
    return new ScimClient(
        connection,
        other,
        flavour,
        contentType,
        authorizationOverridden,
        authorization,
        optionHeaders);
  }

  Request request(String method, String pathAndQuery) {
    return new Request(method, pathAndQuery);
  }

  Response get(String pathAndQuery) {
    return request("GET", pathAndQuery).send();
  }

  Response post(String path, JsonNode body) {
    return request("POST", path).body(body).send();
  }

  Response put(String path, JsonNode body) {
    return request("PUT", path).body(body).send();
  }

  Response patch(String path, JsonNode body) {
    return request("PATCH", path).body(body).send();
  }

  Response delete(String path) {
    return request("DELETE", path).send();
  }

  /** One request being built. */
  final class Request {
    private final String method;
    private final String pathAndQuery;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private String body;
    private JsonNode json;
    private String bodyType;

    private Request(String method, String pathAndQuery) {
      this.method = method;
      this.pathAndQuery = pathAndQuery;
    }

    /** Adds a header, replacing any the flavour or options would send under the same name. */
    Request header(String name, String value) {
      headers.add(Map.entry(name, value));
      return this;
    }

    Request body(JsonNode value) {
      this.json = value;
      this.body = Json.write(value);
      return this;
    }

    /** A body sent exactly as given (e.g. malformed JSON), with the flavour's content type. */
    Request rawBody(String text) {
      this.body = text;
      return this;
    }

    /** Sends {@code Content-Type: type} with the body instead of the flavour's. */
    Request contentType(String type) {
      this.bodyType = type;
      return this;
    }

    Response send() {
      URI uri = connection.resolve(pathAndQuery);
      List<Map.Entry<String, String>> all = new ArrayList<>();
      String auth = authorizationOverridden ? authorization : connection.authorization();
      if (auth != null) {
        put(all, "Authorization", auth);
      }
      flavour.forEach(h -> put(all, h.getKey(), h.getValue()));
      if (optionHeaders && (!authorizationOverridden || connection.authorization() != null)) {
        // Without an Authorization header the credentials are in these; a wrong-credential
        // request must leave them out.
        connection.headers().forEach((name, value) -> put(all, name, value));
      }
      if (body != null) {
        put(all, "Content-Type", bodyType != null ? bodyType : contentType);
      }
      headers.forEach(h -> put(all, h.getKey(), h.getValue()));

      HttpRequest.Builder builder =
          HttpRequest.newBuilder(uri)
              .timeout(connection.timeout())
              .method(
                  method,
                  body == null
                      ? HttpRequest.BodyPublishers.noBody()
                      : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      List<Map.Entry<String, String>> shown = new ArrayList<>();
      for (Map.Entry<String, String> h : all) {
        builder.header(h.getKey(), h.getValue());
        shown.add(Map.entry(h.getKey(), connection.shown(h.getKey(), h.getValue())));
      }
      long started = System.nanoTime();
      Exchange exchange;
      try {
        HttpResponse<String> response =
            connection
                .http()
                .send(builder.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        long millis = (System.nanoTime() - started) / 1_000_000;
        List<Map.Entry<String, String>> responseHeaders = new ArrayList<>();
        response
            .headers()
            .map()
            .forEach(
                (name, values) -> {
                  if (!name.equals(":status")) {
                    values.forEach(v -> responseHeaders.add(Map.entry(display(name), v)));
                  }
                });
        exchange =
            new Exchange(
                method,
                uri.toString(),
                shown,
                body,
                response.statusCode(),
                responseHeaders,
                response.body(),
                millis,
                null);
      } catch (IOException e) {
        exchange = failed(uri, shown, started, describe(e, uri));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        exchange = failed(uri, shown, started, "interrupted");
      } catch (IllegalArgumentException e) {
        exchange = failed(uri, shown, started, "the request could not be sent: " + e.getMessage());
      }
      recorder.exchange(exchange);
      Response response = new Response(exchange);
      noteCreation(response);
      return response;
    }

    private Exchange failed(
        URI uri, List<Map.Entry<String, String>> shown, long started, String error) {
      return new Exchange(
          method,
          uri.toString(),
          shown,
          body,
          0,
          List.of(),
          null,
          (System.nanoTime() - started) / 1_000_000,
          error);
    }

    private void noteCreation(Response response) {
      if (!method.equals("POST") || response.status() < 200 || response.status() > 299) {
        return;
      }
      String path = pathAndQuery.split("\\?", 2)[0];
      String endpoint = path.substring(path.lastIndexOf('/') + 1);
      if (!endpoint.equalsIgnoreCase("Users") && !endpoint.equalsIgnoreCase("Groups")) {
        return;
      }
      String id = null;
      if (response.isJson() && response.json().path("id").isTextual()) {
        id = response.json().path("id").textValue();
      }
      String name = null;
      if (json != null) {
        JsonNode named =
            Json.get(json, endpoint.equalsIgnoreCase("Users") ? "userName" : "displayName");
        name = named.isTextual() ? named.textValue() : null;
      }
      recorder.created(new Recorder.Created("/" + endpoint, id, name, ScimClient.this));
    }
  }

  /** The exception and the first message along its causes, e.g. {@code ConnectException: …}. */
  private static String describe(Throwable e, URI uri) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null) {
        return e.getClass().getSimpleName() + ": " + t.getMessage();
      }
    }
    if (e instanceof java.net.ConnectException) {
      int port = uri.getPort() >= 0 ? uri.getPort() : uri.getScheme().equals("https") ? 443 : 80;
      return "ConnectException: could not connect to " + uri.getHost() + ":" + port;
    }
    return e.getClass().getSimpleName();
  }

  private static void put(List<Map.Entry<String, String>> headers, String name, String value) {
    headers.removeIf(h -> h.getKey().equalsIgnoreCase(name));
    headers.add(Map.entry(name, value));
  }

  /** {@code content-type} as {@code Content-Type}, for reading. */
  private static String display(String name) {
    StringBuilder out = new StringBuilder(name.length());
    boolean upper = true;
    for (char c : name.toCharArray()) {
      out.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
      upper = c == '-';
    }
    String shown = out.toString();
    switch (shown.toLowerCase(Locale.ROOT)) {
      case "etag":
        return "ETag";
      case "www-authenticate":
        return "WWW-Authenticate";
      default:
        return shown;
    }
  }
}
