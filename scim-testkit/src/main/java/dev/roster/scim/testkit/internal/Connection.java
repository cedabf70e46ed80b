package dev.roster.scim.testkit.internal;

import dev.roster.scim.testkit.TestkitOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Map;

/** Where the endpoint is and how to authenticate to it; shared by every check of a run. */
final class Connection {
  private final HttpClient http;
  private final String basePath;
  private final String baseQuery;
  private final String authorization;
  private final Map<String, String> headers;
  private final Duration timeout;
  private final Secrets secrets = new Secrets();

  Connection(TestkitOptions options) {
    URI base = options.baseUrl();
    String text = base.toString();
    int question = text.indexOf('?');
    String path = question < 0 ? text : text.substring(0, question);
    int hash = path.indexOf('#');
    if (hash >= 0) {
      path = path.substring(0, hash);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    this.basePath = path;
    this.baseQuery = base.getRawQuery();
    this.authorization = options.authorization();
    this.headers = options.headers();
    this.timeout = options.timeout();
    secrets.add(options.clientSecret());
    secrets.add(options.otherClientSecret());
    secrets.add(options.otherToken(), "tenant B");
    secrets.add(options.revokedToken(), "revoked token");
    secrets.add(options.expiredToken(), "expired token");
    // HTTP/1.1 because Entra and Okta speak it, and some servers refuse an h2c upgrade.
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(timeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  HttpClient http() {
    return http;
  }

  Duration timeout() {
    return timeout;
  }

  String authorization() {
    return authorization;
  }

  Map<String, String> headers() {
    return headers;
  }

  /** What reports must not show; checks add the access tokens they obtain. */
  Secrets secrets() {
    return secrets;
  }

  /**
   * The absolute URI for {@code pathAndQuery} (already encoded), e.g. {@code /Users?count=2}; an
   * absolute http(s) URL, such as the token endpoint's, is taken as it is.
   */
  URI resolve(String pathAndQuery) {
    if (pathAndQuery.startsWith("http://") || pathAndQuery.startsWith("https://")) {
      return URI.create(pathAndQuery);
    }
    String path = pathAndQuery;
    String query = null;
    int question = pathAndQuery.indexOf('?');
    if (question >= 0) {
      path = pathAndQuery.substring(0, question);
      query = pathAndQuery.substring(question + 1);
    }
    StringBuilder uri = new StringBuilder(basePath).append(path);
    if (baseQuery != null && !baseQuery.isEmpty()) {
      uri.append('?').append(baseQuery);
      if (query != null && !query.isEmpty()) {
        uri.append('&').append(query);
      }
    } else if (query != null && !query.isEmpty()) {
      uri.append('?').append(query);
    }
    return URI.create(uri.toString());
  }

  /** A header value as reports show it: the configured credentials masked. */
  String shown(String name, String value) {
    if (name.equalsIgnoreCase("Authorization") && value.equals(authorization)) {
      int space = value.indexOf(' ');
      return space > 0 ? value.substring(0, space) + " ****" : "****";
    }
    for (Map.Entry<String, String> header : headers.entrySet()) {
      if (header.getKey().equalsIgnoreCase(name) && header.getValue().equals(value)) {
        return "****";
      }
    }
    return value;
  }
}
