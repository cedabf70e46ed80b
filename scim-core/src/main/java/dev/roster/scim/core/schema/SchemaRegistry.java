package dev.roster.scim.core.schema;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.error.ScimException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The schemas and resource types a service provider serves, open to custom extensions at runtime.
 *
 * <pre>{@code
 * SchemaRegistry registry = SchemaRegistry.standard();
 * registry.addExtension("User", Schema.fromJson(spokeCustomSchemaJson), false);
 * ResourceSchema users = registry.resourceSchema("User");
 * }</pre>
 *
 * <p>Thread-safe: reads see a consistent snapshot and never block; changes are serialised and
 * publish a new snapshot. URNs and resource type names are matched ignoring case.
 */
public final class SchemaRegistry {
  private volatile Snapshot snapshot = new Snapshot(Map.of(), Map.of());

  private SchemaRegistry() {}

  /** An empty registry. */
  public static SchemaRegistry empty() {
    return new SchemaRegistry();
  }

  /**
   * A registry with the RFC 7643 schemas (User, Group, Enterprise User) and the User and Group
   * resource types; User accepts the Enterprise User extension.
   */
  public static SchemaRegistry standard() {
    SchemaRegistry registry = new SchemaRegistry();
    registry.register(StandardSchemas.USER);
    registry.register(StandardSchemas.GROUP);
    registry.register(StandardSchemas.ENTERPRISE_USER);
    registry.register(StandardSchemas.USER_TYPE);
    registry.register(StandardSchemas.GROUP_TYPE);
    return registry;
  }

  /**
   * Registers a schema, replacing one with the same URN.
   *
   * @return this registry
   */
  public synchronized SchemaRegistry register(Schema schema) {
    requireNonNull(schema, "schema");
    Map<String, Schema> schemas = new LinkedHashMap<>(snapshot.schemas);
    schemas.put(Schema.key(schema.id()), schema);
    snapshot = new Snapshot(schemas, snapshot.types);
    return this;
  }

  /**
   * Registers a schema from its RFC 7643 §7 JSON document.
   *
   * @return the schema read
   * @throws ScimException 400 {@code invalidValue} or {@code invalidSyntax} if the document is not
   *     a valid schema
   */
  public Schema register(JsonNode schemaDocument) {
    Schema schema = Schema.fromJson(schemaDocument);
    register(schema);
    return schema;
  }

  /**
   * Registers a resource type, replacing one with the same name. Its core schema and extension
   * schemas must already be registered.
   *
   * @return this registry
   * @throws IllegalArgumentException if a schema it names is not registered, or its endpoint is
   *     taken by another resource type
   */
  public synchronized SchemaRegistry register(ResourceType type) {
    requireNonNull(type, "type");
    Snapshot current = snapshot;
    current.schema(type.schema());
    type.schemaExtensions().forEach(e -> current.schema(e.schema()));
    for (ResourceType other : current.types.values()) {
      if (!other.name().equalsIgnoreCase(type.name())
          && other.endpoint().equalsIgnoreCase(type.endpoint())) {
        throw new IllegalArgumentException(
            "Endpoint " + type.endpoint() + " is already served by resource type " + other.name());
      }
    }
    Map<String, ResourceType> types = new LinkedHashMap<>(current.types);
    types.put(Schema.key(type.name()), type);
    snapshot = new Snapshot(current.schemas, types);
    return this;
  }

  /**
   * Restricts a resource type to the attributes a host stores: its core schema keeps only the
   * attributes named in {@code attributes} ({@code userName}, {@code name.givenName}, {@code
   * emails}), each extension only its URN-qualified ones ({@code
   * urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department}), and an extension with
   * none named is dropped from the type. {@code /Schemas} and {@code /ResourceTypes} then declare
   * exactly that, identity providers map only that, and in lenient validation the engine drops
   * everything else from requests. See {@link Schema#restrictedTo}.
   *
   * <p>The restricted schemas replace the registered ones by URN, for every resource type of this
   * registry that uses them.
   *
   * @return the updated resource type
   * @throws IllegalArgumentException if the type is not registered, a path names nothing, or a
   *     required attribute is left out
   */
  public synchronized ResourceType restrict(
      String resourceTypeName, Collection<String> attributes) {
    Snapshot current = snapshot;
    ResourceType type =
        current
            .type(resourceTypeName)
            .orElseThrow(
                () -> new IllegalArgumentException("No resource type named " + resourceTypeName));
    Map<String, List<String>> byUrn = new LinkedHashMap<>();
    byUrn.put(Schema.key(type.schema()), new ArrayList<>());
    type.schemaExtensions().forEach(e -> byUrn.put(Schema.key(e.schema()), new ArrayList<>()));
    for (String path : attributes) {
      String urn = type.schema();
      String rest = path;
      if (path.regionMatches(true, 0, "urn:", 0, 4)) {
        int colon = path.lastIndexOf(':');
        urn = path.substring(0, colon);
        rest = path.substring(colon + 1);
      }
      List<String> paths = byUrn.get(Schema.key(urn));
      if (paths == null) {
        throw new IllegalArgumentException(
            "Resource type " + type.name() + " has no schema " + urn + " (in '" + path + "')");
      }
      paths.add(rest);
    }
    register(current.schema(type.schema()).restrictedTo(byUrn.get(Schema.key(type.schema()))));
    List<SchemaExtension> extensions = new ArrayList<>();
    for (SchemaExtension extension : type.schemaExtensions()) {
      List<String> paths = byUrn.get(Schema.key(extension.schema()));
      if (!paths.isEmpty()) {
        register(current.schema(extension.schema()).restrictedTo(paths));
        extensions.add(extension);
      } else if (extension.required()) {
        throw new IllegalArgumentException(
            "The extension " + extension.schema() + " is required by " + type.name());
      }
    }
    ResourceType restricted =
        new ResourceType(
            type.id(), type.name(), type.endpoint(), type.description(), type.schema(), extensions);
    register(restricted);
    return restricted;
  }

  /**
   * Registers {@code extension} and lets resources of type {@code resourceTypeName} carry it.
   *
   * @param required whether every resource of the type must carry the extension
   * @return the updated resource type
   * @throws IllegalArgumentException if the resource type is not registered
   */
  public synchronized ResourceType addExtension(
      String resourceTypeName, Schema extension, boolean required) {
    ResourceType type =
        resourceType(resourceTypeName)
            .orElseThrow(
                () -> new IllegalArgumentException("No resource type named " + resourceTypeName));
    register(extension);
    ResourceType extended = type.withExtension(extension.id(), required);
    register(extended);
    return extended;
  }

  /** The schema with URN {@code urn}, ignoring case. */
  public Optional<Schema> schema(String urn) {
    return Optional.ofNullable(snapshot.schemas.get(Schema.key(urn)));
  }

  /** Every registered schema, in registration order. */
  public List<Schema> schemas() {
    return List.copyOf(snapshot.schemas.values());
  }

  /** The resource type named {@code name} (or with that id), ignoring case. */
  public Optional<ResourceType> resourceType(String name) {
    return snapshot.type(name);
  }

  /** The resource type served at {@code endpoint} (e.g. {@code /Users}), ignoring case. */
  public Optional<ResourceType> resourceTypeAt(String endpoint) {
    return snapshot.types.values().stream()
        .filter(t -> t.endpoint().equalsIgnoreCase(endpoint))
        .findFirst();
  }

  /** Every registered resource type, in registration order. */
  public List<ResourceType> resourceTypes() {
    return List.copyOf(snapshot.types.values());
  }

  /**
   * The resolved schemas of resource type {@code name}.
   *
   * @throws IllegalArgumentException if no such resource type is registered
   */
  public ResourceSchema resourceSchema(String name) {
    Snapshot current = snapshot;
    ResourceType type =
        current
            .type(name)
            .orElseThrow(() -> new IllegalArgumentException("No resource type named " + name));
    List<Schema> extensions = new ArrayList<>();
    type.schemaExtensions().forEach(e -> extensions.add(current.schema(e.schema())));
    return new ResourceSchema(type, current.schema(type.schema()), extensions);
  }

  private record Snapshot(Map<String, Schema> schemas, Map<String, ResourceType> types) {
    Snapshot {
      schemas = Collections.unmodifiableMap(new LinkedHashMap<>(schemas));
      types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    }

    Optional<ResourceType> type(String name) {
      ResourceType type = types.get(Schema.key(name));
      if (type != null) {
        return Optional.of(type);
      }
      return types.values().stream().filter(t -> t.id().equalsIgnoreCase(name)).findFirst();
    }

    Schema schema(String urn) {
      Schema schema = schemas.get(Schema.key(urn));
      if (schema == null) {
        throw new IllegalArgumentException("Schema " + urn + " is not registered");
      }
      return schema;
    }
  }
}
