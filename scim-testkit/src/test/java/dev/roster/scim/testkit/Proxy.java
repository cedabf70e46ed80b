package dev.roster.scim.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately broken SCIM server: a JDK HTTP server in front of a real Roster server that
 * answers some requests itself (a 404 page for filters, a 500 for PATCH, …), or changes requests
 * before it forwards them and responses before it returns them.
 */
final class Proxy implements AutoCloseable {
  static {
    // Without it the JDK server's small writes meet delayed ACKs: about 40 ms per request.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> HOP_BY_HOP =
      Set.of("host", "connection", "content-length", "expect", "upgrade", "transfer-encoding");

  /** Answers a request itself (returns true) or lets it through (returns false). */
  @FunctionalInterface
  interface Rule {
    boolean answer(HttpExchange exchange) throws IOException;
  }

  /** Turns a request into a response: forwards it (changed or not) to the backend, or answers. */
  @FunctionalInterface
  interface Interceptor {
    Reply handle(Call call, Backend backend) throws IOException;
  }

  /** The Roster server behind the proxy. */
  @FunctionalInterface
  interface Backend {
    Reply send(Call call) throws IOException;
  }

  /** Forwards everything unchanged. */
  static final Interceptor FORWARD = (call, backend) -> backend.send(call);

  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String backendOrigin;
  private final String basePath;
  private volatile Interceptor interceptor;

  private Proxy(String backendBase, Rule rule, Interceptor interceptor) throws IOException {
    URI backend = URI.create(backendBase);
    this.backendOrigin = backend.getScheme() + "://" + backend.getAuthority();
    this.basePath = backend.getRawPath();
    this.interceptor = interceptor;
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            if (rule == null || !rule.answer(exchange)) {
              write(exchange, this.interceptor.handle(read(exchange), this::send));
            }
          }
        });
    server.start();
  }

  /** A proxy that answers what {@code rule} answers and forwards the rest unchanged. */
  static Proxy start(String backendBase, Rule rule) throws IOException {
    return new Proxy(backendBase, rule, FORWARD);
  }

  /** A proxy that hands every request to {@code interceptor}. */
  static Proxy intercepting(String backendBase, Interceptor interceptor) throws IOException {
    return new Proxy(backendBase, null, interceptor);
  }

  /** Hands the following requests to {@code next}. */
  void intercept(Interceptor next) {
    this.interceptor = next;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/scim/v2";
  }

  /** The URL of the backend's token endpoint, {@code /oauth/token}, through the proxy. */
  String tokenUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth/token";
  }

  /** Answers with {@code status} and a plain-text or HTML body, as a misconfigured server does. */
  static void answer(HttpExchange exchange, int status, String contentType, String body)
      throws IOException {
    write(exchange, Reply.text(status, contentType, body));
  }

  private Call read(HttpExchange exchange) throws IOException {
    byte[] body;
    try (InputStream in = exchange.getRequestBody()) {
      body = in.readAllBytes();
    }
    String path = exchange.getRequestURI().getRawPath();
    boolean scim = path.startsWith(basePath);
    Call call =
        new Call(
            exchange.getRequestMethod(),
            scim ? path.substring(basePath.length()) : path,
            exchange.getRequestURI().getRawQuery(),
            body);
    call.scim = scim;
    exchange
        .getRequestHeaders()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
                call.headers.put(name, new ArrayList<>(values));
              }
            });
    return call;
  }

  private Reply send(Call call) throws IOException {
    String uri =
        backendOrigin
            + (call.scim ? basePath : "")
            + call.resource
            + (call.query == null || call.query.isEmpty() ? "" : "?" + call.query);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(uri))
            .method(
                call.method,
                call.body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(call.body));
    call.headers.forEach((name, values) -> values.forEach(v -> request.header(name, v)));
    HttpResponse<byte[]> response;
    try {
      response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    Reply reply = new Reply(response.statusCode(), response.body());
    response
        .headers()
        .map()
        .forEach(
            (name, values) -> {
              if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                reply.headers.put(name, new ArrayList<>(values));
              }
            });
    return reply;
  }

  private static void write(HttpExchange exchange, Reply reply) throws IOException {
    reply.headers.forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
    byte[] bytes = reply.body;
    exchange.sendResponseHeaders(reply.status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private static JsonNode parse(byte[] body) {
    if (body.length == 0) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return null;
    }
  }

  private static byte[] bytes(JsonNode json) {
    try {
      return JSON.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A request; interceptors may change it before they forward it. */
  /** What a request and a response both have: headers and a body. */
  abstract static class Message {
    final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    byte[] body;

    String header(String name) {
      List<String> values = headers.get(name);
      return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The body as JSON, or null when it is not JSON. */
    JsonNode json() {
      return parse(body);
    }

    void json(JsonNode json) {
      body = bytes(json);
    }
  }

  static final class Call extends Message {
    String method;

    /**
     * The path after the SCIM base path, e.g. {@code /Users/123}; the whole path for a request
     * outside it, e.g. {@code /oauth/token}.
     */
    String resource;

    /** Whether the request is for the SCIM base path (calls made by interceptors are). */
    boolean scim = true;

    /** The raw query string, or null. */
    String query;

    Call(String method, String resource, String query, byte[] body) {
      this.method = method;
      this.resource = resource;
      this.query = query;
      this.body = body;
    }

    /** Whether this is a {@code method} request whose resource path starts with {@code prefix}. */
    boolean is(String method, String prefix) {
      return this.method.equalsIgnoreCase(method)
          && resource.regionMatches(true, 0, prefix, 0, prefix.length());
    }

    /** The decoded query parameters, in order. */
    Map<String, String> params() {
      return decode(query);
    }

    /** The decoded parameters of a form body, in order. */
    Map<String, String> form() {
      return decode(new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, String> decode(String query) {
      Map<String, String> params = new LinkedHashMap<>();
      if (query != null && !query.isEmpty()) {
        for (String pair : query.split("&")) {
          int equals = pair.indexOf('=');
          String name = equals < 0 ? pair : pair.substring(0, equals);
          String value = equals < 0 ? "" : pair.substring(equals + 1);
          params.put(
              URLDecoder.decode(name, StandardCharsets.UTF_8),
              URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
      }
      return params;
    }

    /** The decoded parameter {@code name}, or null. */
    String param(String name) {
      return params().get(name);
    }

    /** Sets parameter {@code name}; null removes it. */
    void param(String name, String value) {
      Map<String, String> params = params();
      if (value == null) {
        params.remove(name);
      } else {
        params.put(name, value);
      }
      List<String> pairs = new ArrayList<>();
      params.forEach(
          (n, v) ->
              pairs.add(
                  URLEncoder.encode(n, StandardCharsets.UTF_8)
                      + "="
                      + URLEncoder.encode(v, StandardCharsets.UTF_8)));
      query = String.join("&", pairs);
    }
  }

  /** A response; interceptors may change it, or make their own. */
  static final class Reply extends Message {
    int status;

    Reply(int status, byte[] body) {
      this.status = status;
      this.body = body;
    }

    static Reply text(int status, String contentType, String text) {
      Reply reply = new Reply(status, text.getBytes(StandardCharsets.UTF_8));
      reply.headers.put("Content-Type", new ArrayList<>(List.of(contentType)));
      return reply;
    }

    /** A SCIM error (RFC 7644 §3.12); {@code scimType} may be null. */
    static Reply error(int status, String scimType, String detail) {
      var body = JSON.createObjectNode();
      body.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:Error");
      body.put("status", Integer.toString(status));
      if (scimType != null) {
        body.put("scimType", scimType);
      }
      body.put("detail", detail);
      Reply reply = new Reply(status, bytes(body));
      reply.headers.put("Content-Type", new ArrayList<>(List.of("application/scim+json")));
      return reply;
    }
  }
}
