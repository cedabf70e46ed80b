package dev.roster.scim.spring.internal;

import dev.roster.scim.core.error.ScimError;
import dev.roster.scim.server.ScimResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Translates between the Servlet API and the engine's records, for the starter's filter and its
 * Spring Security entry points. Not an API: the package is not documented and may change.
 */
public final class ServletExchange {
  private ServletExchange() {}

  /**
   * The request's path below the context path, decoded and normalised by the container ({@code
   * servletPath + pathInfo}, whatever the servlet mapping).
   */
  public static String path(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.startsWith("/") ? path : "/" + path;
  }

  /**
   * The part of {@code path} below {@code basePath} (e.g. {@code /Users/1} or the empty string), or
   * null when {@code path} is not below it.
   */
  public static String pathBelow(String path, String basePath) {
    if (basePath.equals("/")) {
      return path;
    }
    if (path.equals(basePath) || path.startsWith(basePath + "/")) {
      return path.substring(basePath.length());
    }
    return null;
  }

  /**
   * The application's absolute URL, without a trailing {@code /}: scheme, host, the port unless it
   * is the scheme's default, and the context path.
   */
  public static String applicationUrl(HttpServletRequest request) {
    String scheme = request.getScheme();
    String host = request.getServerName();
    if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal
    }
    int port = request.getServerPort();
    boolean defaultPort =
        port <= 0
            || (port == 80 && "http".equalsIgnoreCase(scheme))
            || (port == 443 && "https".equalsIgnoreCase(scheme));
    return scheme + "://" + host + (defaultPort ? "" : ":" + port) + request.getContextPath();
  }

  /**
   * The query string's parameters, decoded as UTF-8 with {@code +} as a space, in order; a name
   * without {@code =} has the empty value. Never reads the body, unlike {@code getParameterMap}.
   */
  public static Map<String, List<String>> queryParameters(String query) {
    if (query == null || query.isEmpty()) {
      return Map.of();
    }
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    for (String pair : query.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int equals = pair.indexOf('=');
      String name = decode(equals < 0 ? pair : pair.substring(0, equals));
      String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
      parameters.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String decode(String text) {
    try {
      return URLDecoder.decode(text, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return text; // a stray '%': kept as sent, and the engine judges the value
    }
  }

  /** Every request header with all its values. */
  public static Map<String, List<String>> headers(HttpServletRequest request) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(request.getHeaderNames())) {
      headers.put(name, Collections.list(request.getHeaders(name)));
    }
    return headers;
  }

  /**
   * Writes the engine's response as it is: status, headers, and, when there is a body, {@code
   * Content-Type: application/scim+json}, {@code Content-Length} and the body's bytes.
   */
  public static void write(ScimResponse response, HttpServletResponse out) throws IOException {
    out.setStatus(response.status());
    response
        .headers()
        .forEach(
            (name, value) -> {
              if (!name.equalsIgnoreCase("Content-Type")) {
                out.setHeader(name, value);
              }
            });
    if (response.body() != null) {
      byte[] bytes = response.bodyBytes();
      out.setContentType(response.mediaType());
      out.setContentLength(bytes.length);
      out.getOutputStream().write(bytes);
    }
    out.flushBuffer();
  }

  /**
   * A SCIM error response (RFC 7644 §3.12) without {@code scimType}, as the engine writes one.
   *
   * @param headers further headers, e.g. {@code WWW-Authenticate}
   */
  public static ScimResponse error(int status, String detail, Map<String, String> headers) {
    return new ScimResponse(status, headers, new ScimError(status, null, detail).toJson());
  }
}
