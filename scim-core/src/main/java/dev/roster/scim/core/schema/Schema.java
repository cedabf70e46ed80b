package dev.roster.scim.core.schema;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A SCIM schema (RFC 7643 §7): a URN and the attributes it defines.
 *
 * <p>Declare one from an RFC 7643 §7 JSON document with {@link #fromJson(JsonNode)}, or in code:
 *
 * <pre>{@code
 * Schema spoke = Schema.builder("urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User")
 *     .name("SpokeCustom")
 *     .attribute(AttributeDefinition.builder("startDate").build())
 *     .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe. The URN and attribute names compare case-insensitively.
 */
public final class Schema {
  private final String id;
  private final String name;
  private final String description;
  private final List<AttributeDefinition> attributes;
  private final Map<String, AttributeDefinition> byName; // by lower-case name
  private final Map<String, AttributeDefinition> byDeclaredName; // as declared: the usual lookup

  private Schema(Builder b) {
    this.id = b.id;
    this.name = b.name;
    this.description = b.description;
    this.attributes = List.copyOf(b.attributes);
    Map<String, AttributeDefinition> index = new LinkedHashMap<>();
    for (AttributeDefinition attribute : attributes) {
      if (index.put(key(attribute.name()), attribute) != null) {
        throw ScimException.invalidValue(
            "Schema '" + id + "' declares attribute '" + attribute.name() + "' twice");
      }
    }
    this.byName = Map.copyOf(index);
    Map<String, AttributeDefinition> declared = new LinkedHashMap<>();
    attributes.forEach(attribute -> declared.put(attribute.name(), attribute));
    this.byDeclaredName = Map.copyOf(declared);
  }

  /** Starts a schema with the given URN. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A builder holding this schema's content, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(id).name(name).description(description);
    attributes.forEach(b::attribute);
    return b;
  }

  /**
   * A copy that declares only the attributes in {@code attributes}: a top-level name keeps the
   * attribute whole ({@code name}, {@code emails}), {@code attribute.sub} keeps only the named
   * sub-attributes of a complex one ({@code name.givenName}). For a host that stores part of a
   * standard schema, so that {@code /Schemas} tells identity providers exactly what it stores. The
   * common attributes {@code id}, {@code externalId} and {@code meta} belong to no schema and may
   * be listed; they stay.
   *
   * @throws IllegalArgumentException when a path names nothing in this schema, or a required
   *     attribute is left out
   */
  public Schema restrictedTo(Collection<String> attributes) {
    Map<String, Set<String>> kept = new LinkedHashMap<>(); // attribute -> subs; empty: whole
    for (String path : attributes) {
      int dot = path.indexOf('.');
      String attributeName = dot < 0 ? path : path.substring(0, dot);
      if (dot < 0 && CommonAttributes.find(attributeName).isPresent()) {
        continue; // id, externalId and meta belong to every resource, not to a schema
      }
      AttributeDefinition definition =
          attribute(attributeName)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "Schema " + id + " declares no attribute '" + attributeName + "'"));
      Set<String> subs = kept.computeIfAbsent(key(definition.name()), k -> new LinkedHashSet<>());
      if (dot >= 0) {
        String subName = path.substring(dot + 1);
        AttributeDefinition sub =
            definition
                .subAttribute(subName)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "Attribute '"
                                + definition.name()
                                + "' of "
                                + id
                                + " has no '"
                                + subName
                                + "'"));
        subs.add(sub.name());
      } else {
        subs.add("*");
      }
    }
    Builder restricted = new Builder(id).name(name).description(description);
    for (AttributeDefinition attribute : this.attributes) {
      Set<String> subs = kept.get(key(attribute.name()));
      if (subs == null) {
        if (attribute.required()) {
          throw new IllegalArgumentException(
              "'" + attribute.name() + "' is required by " + id + " and cannot be left out");
        }
        continue;
      }
      restricted.attribute(
          subs.contains("*") || !attribute.isComplex()
              ? attribute
              : attribute.keepingSubAttributes(subs));
    }
    return restricted.build();
  }

  /** The schema URN, e.g. {@code urn:ietf:params:scim:schemas:core:2.0:User}. */
  public String id() {
    return id;
  }

  /** The human-readable name, if any, e.g. {@code User}. */
  public Optional<String> name() {
    return Optional.ofNullable(name);
  }

  /** The human-readable description, if any. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** The top-level attributes in declaration order. */
  public List<AttributeDefinition> attributes() {
    return attributes;
  }

  /** Finds a top-level attribute by name, ignoring case. */
  public Optional<AttributeDefinition> attribute(String attributeName) {
    AttributeDefinition declared = byDeclaredName.get(attributeName);
    return Optional.ofNullable(declared != null ? declared : byName.get(key(attributeName)));
  }

  /** Whether this schema's URN is {@code urn}, ignoring case. */
  public boolean hasId(String urn) {
    return id.equalsIgnoreCase(urn);
  }

  /**
   * Writes the schema as an RFC 7643 §7 schema resource, without {@code meta} (the protocol engine
   * adds it with the location it serves the schema at).
   */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.putArray("schemas").add(SchemaUrns.SCHEMA);
    json.put("id", id);
    if (name != null) {
      json.put("name", name);
    }
    if (description != null) {
      json.put("description", description);
    }
    ArrayNode list = json.putArray("attributes");
    attributes.forEach(a -> list.add(a.toJson()));
    return json;
  }

  /**
   * Reads an RFC 7643 §7 schema document ({@code schemas}, {@code meta} and unknown members are
   * ignored).
   *
   * @throws ScimException 400 {@code invalidValue} or {@code invalidSyntax} naming what is wrong
   */
  public static Schema fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("A schema must be a JSON object");
    }
    JsonNode id = json.get("id");
    if (id == null || !id.isTextual()) {
      throw ScimException.invalidValue("A schema needs a string 'id' holding its URN");
    }
    Builder b = builder(id.textValue());
    JsonNode name = json.get("name");
    b.name(name == null || name.isNull() ? null : name.asText());
    JsonNode description = json.get("description");
    b.description(description == null || description.isNull() ? null : description.asText());
    JsonNode attributes = json.get("attributes");
    if (attributes == null || !attributes.isArray()) {
      throw ScimException.invalidValue("Schema '" + b.id + "' needs an 'attributes' array");
    }
    attributes.forEach(a -> b.attribute(AttributeDefinition.fromJson(a)));
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Schema other
        && id.equalsIgnoreCase(other.id)
        && Objects.equals(name, other.name)
        && Objects.equals(description, other.description)
        && attributes.equals(other.attributes);
  }

  @Override
  public int hashCode() {
    return key(id).hashCode();
  }

  @Override
  public String toString() {
    return "Schema[" + id + "]";
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /** Builds a {@link Schema}; not thread-safe. */
  public static final class Builder {
    private final String id;
    private String name;
    private String description;
    private final List<AttributeDefinition> attributes = new ArrayList<>();

    private Builder(String id) {
      requireNonNull(id, "id");
      if (!SchemaUrns.isUrn(id)) {
        throw ScimException.invalidValue("Schema id '" + id + "' is not a URN ('urn:...')");
      }
      this.id = id;
    }

    /** Sets the human-readable name. */
    public Builder name(String value) {
      this.name = value;
      return this;
    }

    /** Sets the human-readable description. */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** Adds a top-level attribute. */
    public Builder attribute(AttributeDefinition attribute) {
      attributes.add(requireNonNull(attribute, "attribute"));
      return this;
    }

    /**
     * Builds the schema.
     *
     * @throws ScimException 400 {@code invalidValue} if two attributes share a name
     */
    public Schema build() {
      return new Schema(this);
    }
  }
}
