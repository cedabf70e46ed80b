package dev.roster.scim.core.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.resource.ScimResource;

/**
 * A {@link ScimResource}'s own JSON tree, without the copies its public API makes, for Roster's own
 * modules on hot paths (projecting a resource for a response, writing it out). Not an API.
 *
 * <p>Whoever uses it keeps the resource's promise: a tree got with {@link #tree} is only read, and
 * a tree given to {@link #adopt} is not changed, nor handed to code that might change it, after the
 * call.
 */
public final class ResourceTrees {
  /** What {@link ScimResource} lends this class when it is initialised. */
  public interface Access {
    /** The resource's tree itself. */
    ObjectNode tree(ScimResource resource);

    /** A resource holding {@code json} itself. */
    ScimResource adopt(ObjectNode json);
  }

  private static volatile Access access;

  private ResourceTrees() {}

  /** Called once, by {@link ScimResource}'s static initialiser. */
  public static void register(Access implementation) {
    access = implementation;
  }

  /** The resource's own tree, not a copy: read it, never change it. */
  public static ObjectNode tree(ScimResource resource) {
    return access().tree(resource);
  }

  /** A resource that holds {@code json} itself, not a copy; {@code json} must not change after. */
  public static ScimResource adopt(ObjectNode json) {
    return access().adopt(json);
  }

  private static Access access() {
    Access current = access;
    if (current == null) {
      try {
        // Initialising ScimResource registers its Access.
        Class.forName(ScimResource.class.getName(), true, ScimResource.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new IllegalStateException(e);
      }
      current = access;
    }
    return current;
  }
}
