package dev.roster.scim.core.spi;

import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.Returned;
import java.util.Arrays;
import java.util.Set;

/**
 * Which attributes a response will carry: the {@code attributes} and {@code excludedAttributes}
 * query parameters (RFC 7644 §3.4.2.5, §3.9), already parsed.
 *
 * <p>Repositories use it to skip work, above all to not load a group's members when the client
 * asked for {@code excludedAttributes=members} (Microsoft Entra ID always does). The protocol
 * engine applies the projection to what a repository returns, so returning more than asked is
 * correct, only slower.
 *
 * @param attributes the attributes asked for; when not empty, only these (and those returned {@code
 *     always}) are returned
 * @param excludedAttributes the attributes to leave out unless returned {@code always}
 */
public record Projection(Set<AttributePath> attributes, Set<AttributePath> excludedAttributes) {

  /** No {@code attributes} or {@code excludedAttributes}: every attribute returned by default. */
  public static final Projection DEFAULT = new Projection(Set.of(), Set.of());

  public Projection {
    attributes = Set.copyOf(attributes);
    excludedAttributes = Set.copyOf(excludedAttributes);
  }

  /**
   * A projection that leaves out the named top-level attributes, e.g. {@code excluding("members")}.
   */
  public static Projection excluding(String... attributeNames) {
    return new Projection(Set.of(), paths(attributeNames));
  }

  /** A projection that asks for only the named top-level attributes. */
  public static Projection only(String... attributeNames) {
    return new Projection(paths(attributeNames), Set.of());
  }

  /**
   * Whether a response will include the top-level core attribute {@code attributeName}, assuming it
   * is returned by default (as {@code members} is).
   *
   * <pre>{@code
   * if (request.projection().includes("members")) { loadMembers(); }
   * }</pre>
   */
  public boolean includes(String attributeName) {
    return includes(AttributePath.of(attributeName), Returned.DEFAULT);
  }

  /**
   * Whether a response will include {@code path}, an attribute whose {@code returned}
   * characteristic is {@code returned} (RFC 7643 §7).
   *
   * <p>A path is included when named in {@code attributes}, or when a parent or a sub-attribute of
   * it is named there ({@code attributes=name.givenName} includes {@code name}). A path excluded
   * directly or through its parent is left out.
   */
  public boolean includes(AttributePath path, Returned returned) {
    switch (returned) {
      case ALWAYS:
        return true;
      case NEVER:
        return false;
      default:
        break;
    }
    if (!attributes.isEmpty()) {
      for (AttributePath asked : attributes) {
        if (related(asked, path)) {
          return true;
        }
      }
      return false;
    }
    if (returned == Returned.REQUEST) {
      return false;
    }
    for (AttributePath excluded : excludedAttributes) {
      if (sameAttribute(excluded, path)
          && (!excluded.hasSubAttribute() || sameSubAttribute(excluded, path))) {
        return false;
      }
    }
    return true;
  }

  private static boolean related(AttributePath asked, AttributePath path) {
    return sameAttribute(asked, path)
        && (!asked.hasSubAttribute() || !path.hasSubAttribute() || sameSubAttribute(asked, path));
  }

  private static boolean sameSubAttribute(AttributePath a, AttributePath b) {
    return a.subAttribute() != null && a.subAttribute().equalsIgnoreCase(b.subAttribute());
  }

  private static boolean sameAttribute(AttributePath a, AttributePath b) {
    return a.attribute().equalsIgnoreCase(b.attribute())
        && (a.schema() == null || b.schema() == null || a.schema().equalsIgnoreCase(b.schema()));
  }

  private static Set<AttributePath> paths(String... names) {
    AttributePath[] paths = new AttributePath[names.length];
    for (int i = 0; i < names.length; i++) {
      paths[i] = AttributePath.of(names[i]);
    }
    return Set.copyOf(Arrays.asList(paths));
  }
}
