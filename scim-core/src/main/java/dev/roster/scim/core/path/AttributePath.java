package dev.roster.scim.core.path;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.schema.SchemaUrns;
import java.util.Optional;

/**
 * An attribute path (RFC 7644 §3.10): an optional schema URN, an attribute name and an optional
 * sub-attribute name, e.g. {@code name.givenName} or {@code
 * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value}.
 *
 * <p>SCIM names are case-insensitive, so {@link #equals} and {@link #hashCode} ignore case while
 * {@link #toString()} keeps the spelling given. Parsing text into paths is scim-filter's job; this
 * type only validates the parts.
 *
 * @param schema the schema URN, or null when the path is not qualified
 * @param attribute the attribute name
 * @param subAttribute the sub-attribute name, or null
 */
public record AttributePath(String schema, String attribute, String subAttribute) {

  public AttributePath {
    requireNonNull(attribute, "attribute");
    if (schema != null && !SchemaUrns.isUrn(schema)) {
      throw new IllegalArgumentException("'" + schema + "' is not a schema URN");
    }
    checkName(attribute);
    if (subAttribute != null) {
      checkName(subAttribute);
    }
  }

  /** An unqualified path to a top-level attribute, e.g. {@code userName}. */
  public static AttributePath of(String attribute) {
    return new AttributePath(null, attribute, null);
  }

  /** An unqualified path to a sub-attribute, e.g. {@code name.givenName}. */
  public static AttributePath of(String attribute, String subAttribute) {
    return new AttributePath(null, attribute, subAttribute);
  }

  /** The schema URN, if the path is qualified. */
  public Optional<String> schemaUrn() {
    return Optional.ofNullable(schema);
  }

  /** The sub-attribute name, if any. */
  public Optional<String> subAttributeName() {
    return Optional.ofNullable(subAttribute);
  }

  /** Whether the path names a sub-attribute. */
  public boolean hasSubAttribute() {
    return subAttribute != null;
  }

  /** The path to the top-level attribute, without the sub-attribute. */
  public AttributePath topLevel() {
    return subAttribute == null ? this : new AttributePath(schema, attribute, null);
  }

  /** The same path qualified with {@code urn}. */
  public AttributePath withSchema(String urn) {
    return new AttributePath(urn, attribute, subAttribute);
  }

  /** The path to {@code sub} under this path's attribute. */
  public AttributePath withSubAttribute(String sub) {
    return new AttributePath(schema, attribute, sub);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributePath other
        && equalsIgnoreCase(schema, other.schema)
        && attribute.equalsIgnoreCase(other.attribute)
        && equalsIgnoreCase(subAttribute, other.subAttribute);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * caseInsensitiveHash(schema) + caseInsensitiveHash(attribute))
        + caseInsensitiveHash(subAttribute);
  }

  /** The canonical text: {@code [urn ":"] attribute ["." subAttribute]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder();
    if (schema != null) {
      text.append(schema).append(':');
    }
    text.append(attribute);
    if (subAttribute != null) {
      text.append('.').append(subAttribute);
    }
    return text.toString();
  }

  /**
   * Whether {@code name} is an RFC 7643 §2.1 ATTRNAME (a letter, then letters, digits, '$', '_' or
   * '-'), or {@code $ref}.
   */
  public static boolean isAttributeName(String name) {
    if (name == null || name.isEmpty()) {
      return false;
    }
    if (name.length() == 4
        && name.charAt(0) == '$'
        && (name.charAt(1) | 0x20) == 'r'
        && (name.charAt(2) | 0x20) == 'e'
        && (name.charAt(3) | 0x20) == 'f') {
      return true;
    }
    if (!isAsciiLetter(name.charAt(0))) {
      return false;
    }
    for (int i = 1; i < name.length(); i++) {
      char c = name.charAt(i);
      if (!isAsciiLetter(c) && (c < '0' || c > '9') && c != '$' && c != '_' && c != '-') {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static void checkName(String name) {
    if (!isAttributeName(name)) {
      throw new IllegalArgumentException("'" + name + "' is not a valid attribute name");
    }
  }

  private static boolean equalsIgnoreCase(String a, String b) {
    return a == null ? b == null : a.equalsIgnoreCase(b);
  }

  /**
   * A hash code consistent with {@link String#equalsIgnoreCase}, which folds each character through
   * upper and lower case (plain {@code toLowerCase} disagrees with it for characters such as 'İ').
   */
  static int caseInsensitiveHash(String s) {
    if (s == null) {
      return 0;
    }
    int hash = 0;
    for (int i = 0; i < s.length(); i++) {
      hash = 31 * hash + Character.toLowerCase(Character.toUpperCase(s.charAt(i)));
    }
    return hash;
  }
}
