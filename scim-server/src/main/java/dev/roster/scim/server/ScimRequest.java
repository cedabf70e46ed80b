package dev.roster.scim.server;

import static java.util.Objects.requireNonNull;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * An HTTP request as the protocol engine sees it, independent of any HTTP framework.
 *
 * @param method the HTTP method, e.g. {@code PATCH}
 * @param path the path below the SCIM base URL, e.g. {@code /Users/2819c223}; a leading {@code /}
 *     is optional and a tenant segment, when tenants come from the path, comes first
 * @param query the decoded query parameters; unknown ones are ignored
 * @param headers the request headers; names are matched ignoring case
 * @param body the request body, or null when there is none
 * @param baseUrl the absolute SCIM base URL the client used, without a trailing {@code /}, e.g.
 *     {@code https://api.example.com/scim/v2}; used for {@code meta.location} and {@code Location}
 * @param remoteAddress the address of the client as the binding knows it (e.g. {@code
 *     203.0.113.7}), or null when it does not; repeated authentication failures from one address
 *     are refused with 429 ({@link ScimServer.Builder#failedAuthenticationLimit(int)})
 */
public record ScimRequest(
    String method,
    String path,
    Map<String, List<String>> query,
    Map<String, List<String>> headers,
    byte[] body,
    String baseUrl,
    String remoteAddress) {

  public ScimRequest {
    requireNonNull(method, "method");
    requireNonNull(path, "path");
    requireNonNull(baseUrl, "baseUrl");
    query = Map.copyOf(query);
    Map<String, List<String>> folded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> folded.merge(name, List.copyOf(values), ScimRequest::concat));
    headers = Collections.unmodifiableMap(folded);
    method = method.toUpperCase(Locale.ROOT);
    while (baseUrl.endsWith("/")) {
      baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
    }
    remoteAddress = remoteAddress == null || remoteAddress.isBlank() ? null : remoteAddress.strip();
  }

  /** A request whose client address is unknown. */
  public ScimRequest(
      String method,
      String path,
      Map<String, List<String>> query,
      Map<String, List<String>> headers,
      byte[] body,
      String baseUrl) {
    this(method, path, query, headers, body, baseUrl, null);
  }

  /** This request, from {@code address} (null when unknown). */
  public ScimRequest withRemoteAddress(String address) {
    return new ScimRequest(method, path, query, headers, body, baseUrl, address);
  }

  /** The first value of a header, or null. */
  public String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** The first value of a query parameter, or null. */
  public String parameter(String name) {
    List<String> values = query.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return List.copyOf(all);
  }

  /**
   * Reads a request body for a binding: at most {@code limit + 1} bytes, so that an oversized body
   * costs no more than the limit and the engine still sees that it is too large. The limit to pass
   * is {@link ScimServer#maxBodyBytes(String)} for the request's path ({@link
   * dev.roster.scim.core.ScimLimits#maxBulkPayloadBytes()} for {@code /Bulk}, {@link
   * dev.roster.scim.core.ScimLimits#maxRequestBodyBytes()} otherwise).
   *
   * @return the bytes read, or null when the body is empty
   * @throws IOException when the stream cannot be read
   */
  public static byte[] readBody(InputStream in, long limit) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    long max = limit + 1;
    long total = 0;
    int n;
    while (total < max
        && (n = in.read(buffer, 0, (int) Math.min(buffer.length, max - total))) > 0) {
      out.write(buffer, 0, n);
      total += n;
    }
    return total == 0 ? null : out.toByteArray();
  }
}
