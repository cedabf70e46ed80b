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
    // every node of its tree.
    ObjectNode json = ResourceTrees.tree(resource);
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> member : json.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      if (name.equalsIgnoreCase("schemas")) {
        out.set(name, value.deepCopy());
      } else if (SchemaUrns.isUrn(name)) {
        Optional<Schema> extension = extension(name);
        if (extension.isPresent() && value.isObject()) {
          ObjectNode kept = projectObject(extension.get(), (ObjectNode) value, projection);
          if (!kept.isEmpty()) {
            out.set(name, kept);
          }
        }
      } else {
        resolve(AttributePath.of(name))
            .map(resolved -> projectValue(resolved, value, projection))
            .ifPresent(kept -> out.set(name, kept));
      }
    }
    return ResourceTrees.adopt(out);
  }

  private ObjectNode projectObject(Schema extension, ObjectNode values, Projection projection) {
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> member : values.properties()) {
      resolve(new AttributePath(extension.id(), member.getKey(), null))
          .map(resolved -> projectValue(resolved, member.getValue(), projection))
          .ifPresent(kept -> out.set(member.getKey(), kept));
    }
    return out;
  }

  /** A copy of the part of {@code value} the projection keeps, or null for none. */
  private static JsonNode projectValue(
      ResolvedAttribute resolved, JsonNode value, Projection projection) {
    AttributeDefinition attribute = resolved.attribute();
    AttributePath path = resolved.canonicalPath();
    if (!projection.includes(path, attribute.returned())) {
      return null;
    }
    if (!attribute.isComplex()) {
      return value.deepCopy();
    }
    if (value.isArray()) {
      ArrayNode out = Json.array();
      for (JsonNode element : value) {
        JsonNode kept = projectSubAttributes(attribute, path, element, projection);
        if (kept != null) {
          out.add(kept);
        }
      }
      return out.isEmpty() ? null : out;
    }
    return projectSubAttributes(attribute, path, value, projection);
  }

  private static JsonNode projectSubAttributes(
      AttributeDefinition attribute, AttributePath path, JsonNode value, Projection projection) {
    if (!value.isObject()) {
      return value.deepCopy();
    }
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      Optional<AttributeDefinition> sub = attribute.subAttribute(member.getKey());
      if (sub.isPresent()
          && projection.includes(path.withSubAttribute(sub.get().name()), sub.get().returned())) {
        out.set(member.getKey(), member.getValue().deepCopy());
      }
    }
    return out.isEmpty() ? null : out;
  }

  @Override
  public String toString() {
    return "ResourceSchema[" + resourceType.name() + ": " + schemaUrns() + "]";
  }
}
