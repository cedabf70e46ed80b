package dev.roster.scim.core.resource;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.internal.ResourceTrees;
import dev.roster.scim.core.path.AttributePath;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A SCIM resource of any type: the one representation Roster uses for users, groups, custom
 * resource types and their extensions.
 *
 * <p>It holds the resource's JSON object as RFC 7643 §3 lays it out: {@code schemas}, the common
 * attributes {@code id}, {@code externalId} and {@code meta}, the core schema's attributes at the
 * top level, and each extension's attributes in an object under the extension's URN. Lookups by
 * attribute name or URN ignore case. Typed views give convenient access to the standard attributes:
 * {@link User}, {@link Group} and {@link EnterpriseUser}.
 *
 * <p>Instances are immutable and thread-safe: the JSON tree is copied in and never handed out (the
 * accessors return copies). Derive a changed resource with {@link #toBuilder()}. Jackson writes a
 * resource as its JSON object and reads one from any JSON object.
 */
public final class ScimResource implements JsonSerializable {
  static {
    ResourceTrees.register(
        new ResourceTrees.Access() {
          @Override
          public ObjectNode tree(ScimResource resource) {
            return resource.json;
          }

          @Override
          public ScimResource adopt(ObjectNode json) {
            return new ScimResource(json);
          }
        });
  }

  private final ObjectNode json;

  private ScimResource(ObjectNode json) {
    this.json = json;
  }

  /**
   * A resource holding a copy of {@code json}.
   *
   * @throws ScimException 400 {@code invalidSyntax} if {@code json} is not a JSON object
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static ScimResource fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("A SCIM resource must be a JSON object");
    }
    return new ScimResource(((ObjectNode) json).deepCopy());
  }

  /**
   * Parses a resource from JSON text.
   *
   * @throws ScimException 400 {@code invalidSyntax} if the text is not a JSON object
   */
  public static ScimResource parse(String text) {
    try {
      return new ScimResource(asObject(Json.MAPPER.readTree(text)));
    } catch (JsonProcessingException e) {
      throw Json.invalidJson(e);
    }
  }

  /** An empty resource builder. */
  public static Builder builder() {
    return new Builder(Json.object());
  }

  /** A builder starting from this resource's content. */
  public Builder toBuilder() {
    return new Builder(json.deepCopy());
  }

  /** A copy of the resource's JSON object. */
  public ObjectNode toJson() {
    return json.deepCopy();
  }

  /** The resource as compact JSON text. */
  public String toJsonString() {
    return json.toString();
  }

  /** The service provider's id, or null before the resource is stored. */
  public String id() {
    return text("id");
  }

  /** The client's identifier, if any. */
  public Optional<String> externalId() {
    return Optional.ofNullable(text("externalId"));
  }

  /** The schema URNs listed in {@code schemas}, in order. */
  public List<String> schemas() {
    return Json.strings(Json.get(json, "schemas"));
  }

  /** The metadata; {@link Meta#EMPTY} when the resource has none. */
  public Meta meta() {
    return Meta.fromJson(Json.get(json, "meta"));
  }

  /**
   * The version in {@code meta.version}, or null when there is none: what {@code meta().version()}
   * gives, without reading the rest of {@code meta}.
   */
  public String version() {
    JsonNode meta = Json.get(json, "meta");
    JsonNode version = meta instanceof ObjectNode object ? Json.get(object, "version") : null;
    return version == null || version.isNull() ? null : version.asText();
  }

  /**
   * A copy of a top-level attribute's value (core schema or common attribute), found ignoring case;
   * null when absent. An extension's whole object is found by its URN.
   */
  public JsonNode get(String attribute) {
    JsonNode value = Json.get(json, attribute);
    return value == null ? null : value.deepCopy();
  }

  /**
   * A copy of the value at {@code path}, or null when absent.
   *
   * <p>A path with a schema URN looks inside that extension's object (or at the top level when the
   * URN is the resource's core schema, listed first in {@code schemas}). A sub-attribute of a
   * multi-valued complex attribute yields an array of that sub-attribute's values, as in {@code
   * emails.value}.
   */
  public JsonNode get(AttributePath path) {
    JsonNode value = locate(path);
    return value == null ? null : value.deepCopy();
  }

  /** Whether the resource has a non-null value at {@code path}. */
  public boolean has(AttributePath path) {
    JsonNode value = locate(path);
    return value != null && !value.isNull() && !(value.isArray() && value.isEmpty());
  }

  /** A copy of the extension object under {@code urn}, if the resource carries it. */
  public Optional<ObjectNode> extension(String urn) {
    JsonNode value = Json.get(json, urn);
    return value != null && value.isObject()
        ? Optional.of(((ObjectNode) value).deepCopy())
        : Optional.empty();
  }

  private JsonNode locate(AttributePath path) {
    ObjectNode container = json;
    if (path.schema() != null && !isCoreSchema(path.schema())) {
      JsonNode extension = Json.get(json, path.schema());
      if (extension == null || !extension.isObject()) {
        return null;
      }
      container = (ObjectNode) extension;
    }
    JsonNode value = Json.get(container, path.attribute());
    if (value == null || path.subAttribute() == null) {
      return value;
    }
    if (value.isObject()) {
      return Json.get((ObjectNode) value, path.subAttribute());
    }
    if (value.isArray()) {
      ArrayNode subs = Json.array();
      for (JsonNode element : value) {
        JsonNode sub =
            element.isObject() ? Json.get((ObjectNode) element, path.subAttribute()) : null;
        if (sub != null && !sub.isNull()) {
          subs.add(sub);
        }
      }
      return subs;
    }
    return null;
  }

  private boolean isCoreSchema(String urn) {
    JsonNode schemas = Json.get(json, "schemas");
    return schemas != null
        && schemas.isArray()
        && !schemas.isEmpty()
        && schemas.get(0).asText().equalsIgnoreCase(urn);
  }

  private String text(String attribute) {
    JsonNode value = Json.get(json, attribute);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static ObjectNode asObject(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("A SCIM resource must be a JSON object");
    }
    return (ObjectNode) json;
  }

  @Override
  public void serialize(JsonGenerator gen, SerializerProvider serializers) throws IOException {
    gen.writeTree(json);
  }

  @Override
  public void serializeWithType(
      JsonGenerator gen, SerializerProvider serializers, TypeSerializer typeSer)
      throws IOException {
    serialize(gen, serializers);
  }

  /** Equal when the JSON objects are equal (member order does not matter). */
  @Override
  public boolean equals(Object o) {
    return o instanceof ScimResource other && json.equals(other.json);
  }

  @Override
  public int hashCode() {
    return json.hashCode();
  }

  @Override
  public String toString() {
    return json.toString();
  }

  /**
   * Builds a {@link ScimResource}. Setting a name replaces a member whose name differs only in
   * case. Not thread-safe.
   */
  public static final class Builder {
    private final ObjectNode json;

    private Builder(ObjectNode json) {
      this.json = json;
    }

    /** Sets the {@code schemas} list. */
    public Builder schemas(List<String> urns) {
      ArrayNode list = Json.array();
      urns.forEach(list::add);
      return set("schemas", list);
    }

    /** Adds {@code urn} to {@code schemas} unless it is already listed (ignoring case). */
    public Builder addSchema(String urn) {
      List<String> urns = Json.strings(Json.get(json, "schemas"));
      if (urns.stream().noneMatch(urn::equalsIgnoreCase)) {
        urns = new ArrayList<>(urns);
        urns.add(urn);
        schemas(urns);
      }
      return this;
    }

    /** Sets {@code id}. */
    public Builder id(String id) {
      return set("id", id);
    }

    /** Sets {@code externalId}; null removes it. */
    public Builder externalId(String externalId) {
      return set("externalId", externalId);
    }

    /** Sets {@code meta}; null removes it. */
    public Builder meta(Meta meta) {
      return set("meta", meta == null ? null : meta.toJson());
    }

    /** Sets a top-level string attribute; null removes it. */
    public Builder set(String attribute, String value) {
      return set(attribute, value == null ? null : Json.NODES.textNode(value));
    }

    /** Sets a top-level boolean attribute; null removes it. */
    public Builder set(String attribute, Boolean value) {
      return set(attribute, value == null ? null : Json.NODES.booleanNode(value));
    }

    /** Sets a top-level attribute (or an extension's whole object, by URN); null removes it. */
    public Builder set(String attribute, JsonNode value) {
      requireNonNull(attribute, "attribute");
      remove(json, attribute);
      if (value != null && !value.isMissingNode()) {
        json.set(attribute, value.deepCopy());
      }
      return this;
    }

    /**
     * Sets the value at {@code path}, creating the extension object or the complex parent as
     * needed, and listing a new extension's URN in {@code schemas}; null removes the value. On a
     * builder without {@code schemas}, the first URN named becomes the core schema.
     *
     * @throws IllegalArgumentException for a sub-attribute of a multi-valued attribute, whose
     *     values are set as a whole list
     */
    public Builder set(AttributePath path, JsonNode value) {
      ObjectNode container = json;
      if (path.schema() != null && Json.strings(Json.get(json, "schemas")).isEmpty()) {
        addSchema(path.schema()); // the first URN named is the core schema
      }
      if (path.schema() != null && !isCore(path.schema())) {
        String field = Json.fieldName(json, path.schema());
        JsonNode extension = field == null ? null : json.get(field);
        if (extension == null || !extension.isObject()) {
          if (value == null) {
            return this;
          }
          addSchema(path.schema());
          set(path.schema(), Json.object());
          extension = json.get(path.schema());
        }
        container = (ObjectNode) extension;
      }
      if (path.subAttribute() == null) {
        remove(container, path.attribute());
        if (value != null) {
          container.set(path.attribute(), value.deepCopy());
        }
        return this;
      }
      String parentName = Json.fieldName(container, path.attribute());
      JsonNode parent = parentName == null ? null : container.get(parentName);
      if (parent == null || !parent.isObject()) {
        if (value == null) {
          return this;
        }
        remove(container, path.attribute());
        parent = container.putObject(path.attribute());
      }
      remove((ObjectNode) parent, path.subAttribute());
      if (value != null) {
        ((ObjectNode) parent).set(path.subAttribute(), value.deepCopy());
      }
      return this;
    }

    /** Removes a top-level attribute (or an extension object), ignoring case. */
    public Builder remove(String attribute) {
      remove(json, attribute);
      return this;
    }

    /** Builds the resource; the builder may be used again afterwards. */
    public ScimResource build() {
      return new ScimResource(json.deepCopy());
    }

    private boolean isCore(String urn) {
      List<String> urns = Json.strings(Json.get(json, "schemas"));
      return !urns.isEmpty() && urns.get(0).equalsIgnoreCase(urn);
    }

    private static void remove(ObjectNode object, String name) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator();
          it.hasNext(); ) {
        if (it.next().getKey().equalsIgnoreCase(name)) {
          it.remove();
        }
      }
    }
  }
}
