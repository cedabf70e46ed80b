package dev.roster.scim.server;

import static java.util.Objects.requireNonNull;

/**
 * An authentication scheme as {@code /ServiceProviderConfig} lists it (RFC 7643 §5): what an {@link
 * Authenticator} accepts, so that the list is exactly what is configured.
 *
 * @param type the RFC 7643 type: {@code oauthbearertoken}, {@code httpbasic}, {@code oauth2}, ...
 * @param name a short name
 * @param description what it is
 * @param specUri the specification's URL, or null
 */
public record AuthenticationScheme(String type, String name, String description, String specUri) {
  /** A bearer token in the {@code Authorization} header (RFC 6750). */
  public static final AuthenticationScheme BEARER_TOKEN =
      new AuthenticationScheme(
          "oauthbearertoken",
          "OAuth Bearer Token",
          "Authentication with a bearer token in the Authorization header",
          "https://www.rfc-editor.org/rfc/rfc6750");

  /** HTTP Basic authentication (RFC 7617). */
  public static final AuthenticationScheme HTTP_BASIC =
      new AuthenticationScheme(
          "httpbasic",
          "HTTP Basic",
          "Authentication with a user name and password in the Authorization header",
          "https://www.rfc-editor.org/rfc/rfc7617");

  public AuthenticationScheme {
    requireNonNull(type, "type");
    requireNonNull(name, "name");
    requireNonNull(description, "description");
  }
}
