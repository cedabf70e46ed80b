package dev.roster.scim.core.schema;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.internal.ResourceTrees;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.spi.Projection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * A resource type with its core schema and extension schemas resolved: everything needed to
 * validate, patch, filter and project resources of that type.
 *
 * <p>Obtain one from {@link SchemaRegistry#resourceSchema(String)}. Immutable and thread-safe; a
 * snapshot of the registry at the time it was made.
 */
public final class ResourceSchema {
  private final ResourceType resourceType;
  private final Schema core;
  private final List<Schema> extensions;
  private final Map<String, Member> members = new ConcurrentHashMap<>();

  ResourceSchema(ResourceType resourceType, Schema core, List<Schema> extensions) {
    this.resourceType = requireNonNull(resourceType, "resourceType");
    this.core = requireNonNull(core, "core");
    this.extensions = List.copyOf(extensions);
  }

  /** The resource type. */
  public ResourceType resourceType() {
    return resourceType;
  }

  /** The core schema. */
  public Schema coreSchema() {
    return core;
  }

  /** The extension schemas, in the order the resource type lists them. */
  public List<Schema> extensionSchemas() {
    return extensions;
  }

  /** The extension schema with URN {@code urn} (ignoring case), if the type accepts it. */
  public Optional<Schema> extension(String urn) {
    for (Schema extension : extensions) {
      if (extension.hasId(urn)) {
        return Optional.of(extension);
      }
    }
    return Optional.empty();
  }

  /** Whether resources of this type must carry the extension {@code schema}. */
  public boolean requires(Schema extension) {
    return resourceType.extension(extension.id()).map(SchemaExtension::required).orElse(false);
  }

  /** The URNs a resource of this type may list in {@code schemas}: the core one first. */
  public List<String> schemaUrns() {
    List<String> urns = new ArrayList<>();
    urns.add(core.id());
    extensions.forEach(e -> urns.add(e.id()));
    return urns;
  }

  /**
   * Resolves an attribute path, ignoring case.
   *
   * <p>An unqualified path, or one qualified with the core schema's URN, names a common attribute
   * or a core attribute; a path qualified with an extension URN names that extension's attribute.
   * An unqualified name that neither the core schema nor the common attributes define names the
   * attribute of that name in an extension, if exactly one extension defines it: Microsoft's
   * documentation PATCHes {@code manager} unqualified.
   *
   * @return the resolution, or empty if no schema of this type defines the path
   */
  public Optional<ResolvedAttribute> resolve(AttributePath path) {
    Schema schema = core;
    boolean extension = false;
    if (path.schema() != null && !core.hasId(path.schema())) {
      Optional<Schema> found = extension(path.schema());
      if (found.isEmpty()) {
        return Optional.empty();
      }
      schema = found.get();
      extension = true;
    }
    Optional<AttributeDefinition> attribute = schema.attribute(path.attribute());
    Schema owner = schema;
    if (attribute.isEmpty() && !extension) {
      attribute = CommonAttributes.find(path.attribute());
      owner = null;
    }
    if (attribute.isEmpty() && path.schema() == null) {
      List<Schema> defining =
          extensions.stream().filter(e -> e.attribute(path.attribute()).isPresent()).toList();
      if (defining.size() == 1) {
        owner = defining.get(0);
        extension = true;
        attribute = owner.attribute(path.attribute());
      }
    }
    if (attribute.isEmpty()) {
      return Optional.empty();
    }
    AttributeDefinition sub = null;
    if (path.subAttribute() != null) {
      Optional<AttributeDefinition> found = attribute.get().subAttribute(path.subAttribute());
      if (found.isEmpty()) {
        return Optional.empty();
      }
      sub = found.get();
    }
    return Optional.of(new ResolvedAttribute(owner, extension, attribute.get(), sub));
  }

  /**
   * The resource as a response carries it: attributes returned {@code never} (such as {@code
   * password}) are always left out, and {@code projection} selects among the rest by their {@code
   * returned} characteristic (RFC 7643 §7, RFC 7644 §3.4.2.5). {@code schemas} is always kept, and
   * so is every attribute returned {@code always} ({@code id}). Members the schemas do not define
   * are left out.
   */
  public ScimResource project(ScimResource resource, Projection projection) {
    // Reads the resource's tree in place and copies only what it keeps, once: the result owns
    // every node of its tree. What each member name is comes from the memo (see Member).
    ObjectNode json = ResourceTrees.tree(resource);
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> entry : json.properties()) {
      String name = entry.getKey();
      JsonNode value = entry.getValue();
      Member member = topLevel(name);
      if (member == Member.SCHEMAS) {
        out.set(name, value.deepCopy());
      } else if (member.extension != null) {
        if (value.isObject()) {
          ObjectNode kept = projectObject(member, (ObjectNode) value, projection);
          if (!kept.isEmpty()) {
            out.set(name, kept);
          }
        }
      } else if (member.attribute != null) {
        JsonNode kept = projectValue(member, value, projection);
        if (kept != null) {
          out.set(name, kept);
        }
      }
    }
    return ResourceTrees.adopt(out);
  }

  private ObjectNode projectObject(Member extension, ObjectNode values, Projection projection) {
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> entry : values.properties()) {
      Member member =
          extension.child(
              entry.getKey(),
              name ->
                  Member.of(
                      resolve(new AttributePath(extension.extension.id(), name, null))
                          .orElse(null)));
      if (member.attribute != null) {
        JsonNode kept = projectValue(member, entry.getValue(), projection);
        if (kept != null) {
          out.set(entry.getKey(), kept);
        }
      }
    }
    return out;
  }

  /** A copy of the part of {@code value} the projection keeps, or null for none. */
  private static JsonNode projectValue(Member member, JsonNode value, Projection projection) {
    AttributeDefinition attribute = member.attribute;
    if (!projection.includes(member.path, attribute.returned())) {
      return null;
    }
    if (!attribute.isComplex()) {
      return value.deepCopy();
    }
    if (value.isArray()) {
      ArrayNode out = Json.array();
      for (JsonNode element : value) {
        JsonNode kept = projectSubAttributes(member, element, projection);
        if (kept != null) {
          out.add(kept);
        }
      }
      return out.isEmpty() ? null : out;
    }
    return projectSubAttributes(member, value, projection);
  }

  private static JsonNode projectSubAttributes(
      Member parent, JsonNode value, Projection projection) {
    if (!value.isObject()) {
      return value.deepCopy();
    }
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> entry : value.properties()) {
      Member sub =
          parent.child(
              entry.getKey(),
              name ->
                  parent
                      .attribute
                      .subAttribute(name)
                      .map(d -> new Member(null, d, parent.path.withSubAttribute(d.name())))
                      .orElse(Member.UNKNOWN));
      if (sub.attribute != null && projection.includes(sub.path, sub.attribute.returned())) {
        out.set(entry.getKey(), entry.getValue().deepCopy());
      }
    }
    return out.isEmpty() ? null : out;
  }

  /** What the top-level member {@code name} of a resource's JSON object is. */
  private Member topLevel(String name) {
    Member known = members.get(name);
    if (known != null) {
      return known;
    }
    Member member;
    if (name.equalsIgnoreCase("schemas")) {
      member = Member.SCHEMAS;
    } else if (SchemaUrns.isUrn(name)) {
      member = extension(name).map(Member::extension).orElse(Member.UNKNOWN);
    } else {
      member = Member.of(resolve(AttributePath.of(name)).orElse(null));
    }
    return Member.remember(members, name, member);
  }

  /**
   * What a member name of a resource's JSON met by {@link #project} is: {@code schemas}, an
   * extension's object (with the extension's attributes as children), an attribute with its
   * canonical path (with its sub-attributes as children), or unknown. Schemas never change, so
   * neither does a name's meaning; the memo spares a page of resources resolving the same twenty
   * names a hundred times, each a path parsed and a case-insensitive search. Member names come from
   * stored resources, so each memo stops growing at {@link #MEMO_LIMIT} names.
   */
  private static final class Member {
    static final int MEMO_LIMIT = 1024;
    static final Member SCHEMAS = new Member(null, null, null);
    static final Member UNKNOWN = new Member(null, null, null);

    final Schema extension;
    final AttributeDefinition attribute;
    final AttributePath path;
    private final Map<String, Member> children = new ConcurrentHashMap<>();

    Member(Schema extension, AttributeDefinition attribute, AttributePath path) {
      this.extension = extension;
      this.attribute = attribute;
      this.path = path;
    }

    static Member extension(Schema extension) {
      return new Member(extension, null, null);
    }

    static Member of(ResolvedAttribute resolved) {
      return resolved == null
          ? UNKNOWN
          : new Member(null, resolved.attribute(), resolved.canonicalPath());
    }

    Member child(String name, Function<String, Member> resolve) {
      Member known = children.get(name);
      return known != null ? known : remember(children, name, resolve.apply(name));
    }

    static Member remember(Map<String, Member> memo, String name, Member member) {
      if (memo.size() < MEMO_LIMIT) {
        memo.putIfAbsent(name, member);
      }
      return member;
    }
  }

  @Override
  public String toString() {
    return "ResourceSchema[" + resourceType.name() + ": " + schemaUrns() + "]";
  }
}
