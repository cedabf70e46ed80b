package dev.roster.scim.spring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP requests to an application on 127.0.0.1, over a real socket. */
public final class Http {
  // HTTP/1.1 as SCIM clients speak it; the default would offer an h2c upgrade on every request.
  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();

  private final String root;

  /** Requests to {@code root}, e.g. {@code http://127.0.0.1:8080}. */
  public Http(String root) {
    this.root = root;
  }

  /** Requests to {@code http://127.0.0.1:<port>}. */
  public static Http port(int port) {
    return new Http("http://127.0.0.1:" + port);
  }

  /** The absolute URL of {@code path}. */
  public String url(String path) {
    return root + path;
  }

  /** GET {@code path} with {@code Authorization: <authorization>} unless it is null. */
  public HttpResponse<byte[]> get(String path, String authorization) {
    return send(request(path, authorization).GET());
  }

  /** Sends a SCIM JSON body with {@code method}. */
  public HttpResponse<byte[]> send(String method, String path, String authorization, String json) {
    return send(
        request(path, authorization)
            .header("Content-Type", "application/scim+json")
            .method(method, HttpRequest.BodyPublishers.ofString(json)));
  }

  /**
   * Sends {@code body} (none when null) with exactly {@code headers}, e.g. a form to a token
   * endpoint or a request that a proxy forwarded.
   */
  public HttpResponse<byte[]> exchange(
      String method, String path, Map<String, String> headers, String body) {
    HttpRequest.Builder request = request(path, null);
    headers.forEach(request::header);
    return send(
        request.method(
            method,
            body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)));
  }

  /** {@code Bearer <token>}, or null for no token. */
  public static String bearer(String token) {
    return token == null ? null : "Bearer " + token;
  }

  /** The body as UTF-8 text. */
  public static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private HttpRequest.Builder request(String path, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(30));
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return request;
  }

  private static HttpResponse<byte[]> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
