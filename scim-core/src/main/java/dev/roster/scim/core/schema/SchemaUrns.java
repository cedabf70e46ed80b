package dev.roster.scim.core.schema;

import dev.roster.scim.core.error.ScimError;

/** The schema and message URNs defined by RFC 7643 and RFC 7644. */
public final class SchemaUrns {
  /** Core User (RFC 7643 §4.1). */
  public static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";

  /** Core Group (RFC 7643 §4.2). */
  public static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";

  /** Enterprise User extension (RFC 7643 §4.3). */
  public static final String ENTERPRISE_USER =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";

  /** Service provider configuration (RFC 7643 §5). */
  public static final String SERVICE_PROVIDER_CONFIG =
      "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

  /** Resource type (RFC 7643 §6). */
  public static final String RESOURCE_TYPE = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";

  /** Schema (RFC 7643 §7). */
  public static final String SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Schema";

  /** List response (RFC 7644 §3.4.2). */
  public static final String LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";

  /** Search request (RFC 7644 §3.4.3). */
  public static final String SEARCH_REQUEST = "urn:ietf:params:scim:api:messages:2.0:SearchRequest";

  /** PATCH request (RFC 7644 §3.5.2). */
  public static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /** Bulk request (RFC 7644 §3.7). */
  public static final String BULK_REQUEST = "urn:ietf:params:scim:api:messages:2.0:BulkRequest";

  /** Bulk response (RFC 7644 §3.7). */
  public static final String BULK_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:BulkResponse";

  /** Error response (RFC 7644 §3.12). */
  public static final String ERROR = ScimError.SCHEMA;

  private SchemaUrns() {}

  /** Whether {@code value} has the form of a URN (RFC 8141: {@code urn:<nid>:<nss>}). */
  public static boolean isUrn(String value) {
    // urn:[a-z0-9][a-z0-9-]{0,31}:\\S+, ignoring ASCII case, without a regular expression.
    if (value == null || !value.regionMatches(true, 0, "urn:", 0, 4)) {
      return false;
    }
    int length = value.length();
    int i = 4;
    if (i == length || !isAsciiAlphanumeric(value.charAt(i))) {
      return false;
    }
    i++;
    while (i < length && (isAsciiAlphanumeric(value.charAt(i)) || value.charAt(i) == '-')) {
      i++;
    }
    if (i - 4 > 32 || i == length || value.charAt(i) != ':' || i + 1 == length) {
      return false;
    }
    for (i++; i < length; i++) {
      char c = value.charAt(i);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiAlphanumeric(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
