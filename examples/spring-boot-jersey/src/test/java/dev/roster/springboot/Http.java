package dev.roster.springboot;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP requests to the application on 127.0.0.1, over a real socket. */
final class Http {
  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private final String root;

  /** Requests to {@code http://127.0.0.1:<port>}. */
  Http(int port) {
    this.root = "http://127.0.0.1:" + port;
  }

  /** The absolute URL of {@code path}, e.g. {@code http://127.0.0.1:8080/scim/v2}. */
  String url(String path) {
    return root + path;
  }

  /** GET {@code path}, with {@code Authorization: Bearer token} unless {@code token} is null. */
  HttpResponse<String> get(String path, String token) {
    return send(request(path, token).GET());
  }

  /** POST a SCIM JSON body to {@code path} with {@code Authorization: Bearer token}. */
  HttpResponse<String> postScim(String path, String token, String json) {
    return send(
        request(path, token)
            .header("Content-Type", "application/scim+json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private HttpRequest.Builder request(String path, String token) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(root + path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request;
  }

  private static HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
