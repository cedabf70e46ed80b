package dev.roster.scim.core.schema;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.path.AttributePath;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One attribute of a schema with its characteristics (RFC 7643 §2.2 and §7).
 *
 * <p>Immutable and thread-safe. Characteristics a schema document leaves out take the defaults of
 * RFC 7643 §2.2: type string, single-valued, not required, not case-exact, readWrite, returned by
 * default, no uniqueness, no canonical values. Complex sub-attributes are accepted although RFC
 * 7643 §2.3.8 forbids them for resources, because the RFC's own schema for schemas (§8.7.2) nests
 * {@code subAttributes} that way; attribute paths address two levels only. Names compare
 * case-insensitively, as SCIM requires; {@link #name()} keeps the spelling the schema declared,
 * which is the spelling Roster writes.
 */
public final class AttributeDefinition {
  /** The default sub-attributes of a multi-valued attribute (RFC 7643 §2.4). */
  private static final List<AttributeDefinition> MULTI_VALUED_DEFAULTS =
      List.of(
          builder("type").build(),
          builder("primary").type(AttributeType.BOOLEAN).build(),
          builder("display").mutability(Mutability.IMMUTABLE).build(),
          builder("value").build(),
          builder("$ref").type(AttributeType.REFERENCE).build());

  private final String name;
  private final AttributeType type;
  private final boolean multiValued;
  private final String description;
  private final boolean required;
  private final List<String> canonicalValues;
  private final boolean strictCanonicalValues;
  private final boolean caseExact;
  private final Mutability mutability;
  private final Returned returned;
  private final Uniqueness uniqueness;
  private final List<String> referenceTypes;
  private final List<AttributeDefinition> subAttributes;

  private AttributeDefinition(Builder b) {
    this.name = b.name;
    this.type = b.type;
    this.multiValued = b.multiValued;
    this.description = b.description;
    this.required = b.required;
    this.canonicalValues = List.copyOf(b.canonicalValues);
    this.strictCanonicalValues = b.strictCanonicalValues;
    this.caseExact = b.caseExact;
    this.mutability = b.mutability;
    this.returned = b.returned;
    this.uniqueness = b.uniqueness;
    this.referenceTypes = List.copyOf(b.referenceTypes);
    this.subAttributes = List.copyOf(b.subAttributes);
    if (type == AttributeType.COMPLEX && subAttributes.isEmpty()) {
      throw ScimException.invalidValue(
          "Complex attribute '" + name + "' declares no subAttributes");
    }
    if (type != AttributeType.COMPLEX && !subAttributes.isEmpty()) {
      throw ScimException.invalidValue(
          "Attribute '" + name + "' of type " + type + " cannot have subAttributes");
    }
    for (int i = 0; i < subAttributes.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (subAttributes.get(i).name.equalsIgnoreCase(subAttributes.get(j).name)) {
          throw ScimException.invalidValue(
              "Attribute '"
                  + name
                  + "' declares sub-attribute '"
                  + subAttributes.get(i).name
                  + "' twice");
        }
      }
    }
  }

  /**
   * Starts a definition of the attribute {@code name}, with every characteristic at its default.
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /**
   * A copy with only the sub-attributes named in {@code names} (compared ignoring case), for a
   * schema restricted to what a host stores.
   */
  AttributeDefinition keepingSubAttributes(Collection<String> names) {
    Builder b = toBuilder();
    b.subAttributes.removeIf(
        sub -> names.stream().noneMatch(name -> name.equalsIgnoreCase(sub.name())));
    return b.build();
  }

  /** A builder holding this definition's characteristics, to derive a changed copy. */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.type = type;
    b.multiValued = multiValued;
    b.description = description;
    b.required = required;
    b.canonicalValues.addAll(canonicalValues);
    b.strictCanonicalValues = strictCanonicalValues;
    b.caseExact = caseExact;
    b.mutability = mutability;
    b.returned = returned;
    b.uniqueness = uniqueness;
    b.referenceTypes.addAll(referenceTypes);
    b.subAttributes.addAll(subAttributes);
    return b;
  }

  /** The attribute's name as the schema declares it. */
  public String name() {
    return name;
  }

  /** The attribute's data type. */
  public AttributeType type() {
    return type;
  }

  /** Whether the attribute holds a list of values. */
  public boolean multiValued() {
    return multiValued;
  }

  /** The human-readable description, if the schema gives one. */
  public Optional<String> description() {
    return Optional.ofNullable(description);
  }

  /** Whether a resource must carry a value. */
  public boolean required() {
    return required;
  }

  /** The suggested or required values, empty when the schema lists none. */
  public List<String> canonicalValues() {
    return canonicalValues;
  }

  /**
   * Whether values must be one of {@link #canonicalValues()} (compared by {@link #caseExact()}).
   * RFC 7643 canonical values are suggestions, so this is false unless a schema built in code says
   * otherwise; it is Roster's own setting and is not written to schema documents.
   */
  public boolean strictCanonicalValues() {
    return strictCanonicalValues;
  }

  /** Whether string comparisons of values are case-sensitive. */
  public boolean caseExact() {
    return caseExact;
  }

  /** Whether and how the value may change. */
  public Mutability mutability() {
    return mutability;
  }

  /** When the value is included in responses. */
  public Returned returned() {
    return returned;
  }

  /** How unique the value must be. */
  public Uniqueness uniqueness() {
    return uniqueness;
  }

  /**
   * For reference attributes, the resource types or {@code external}/{@code uri} it may refer to.
   */
  public List<String> referenceTypes() {
    return referenceTypes;
  }

  /** For complex attributes, the sub-attributes in declaration order; otherwise empty. */
  public List<AttributeDefinition> subAttributes() {
    return subAttributes;
  }

  /** Whether this is a complex attribute. */
  public boolean isComplex() {
    return type == AttributeType.COMPLEX;
  }

  /**
   * Finds a sub-attribute by name, ignoring case.
   *
   * <p>A multi-valued complex attribute also has the default sub-attributes of RFC 7643 §2.4 that
   * it does not declare itself: {@code type}, {@code primary}, {@code display} (immutable), {@code
   * value} and {@code $ref}. So a group member's {@code display}, which RFC 7643's examples use but
   * §8.7.1 does not declare, is found.
   */
  public Optional<AttributeDefinition> subAttribute(String subName) {
    for (AttributeDefinition sub : subAttributes) {
      if (sub.name.equalsIgnoreCase(subName)) {
        return Optional.of(sub);
      }
    }
    if (multiValued && isComplex()) {
      for (AttributeDefinition sub : MULTI_VALUED_DEFAULTS) {
        if (sub.name.equalsIgnoreCase(subName)) {
          return Optional.of(sub);
        }
      }
    }
    return Optional.empty();
  }

  /** Whether this attribute's name is {@code other}, ignoring case. */
  public boolean isNamed(String other) {
    return name.equalsIgnoreCase(other);
  }

  /**
   * Writes the definition as an RFC 7643 §7 attribute object, with every characteristic spelled out
   * so that clients need not know the defaults.
   */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    json.put("name", name);
    json.put("type", type.wireValue());
    json.put("multiValued", multiValued);
    if (description != null) {
      json.put("description", description);
    }
    json.put("required", required);
    json.put("caseExact", caseExact);
    if (type == AttributeType.STRING || !canonicalValues.isEmpty()) {
      ArrayNode values = json.putArray("canonicalValues");
      canonicalValues.forEach(values::add);
    }
    json.put("mutability", mutability.wireValue());
    json.put("returned", returned.wireValue());
    json.put("uniqueness", uniqueness.wireValue());
    if (type == AttributeType.REFERENCE) {
      ArrayNode types = json.putArray("referenceTypes");
      referenceTypes.forEach(types::add);
    }
    if (isComplex()) {
      ArrayNode subs = json.putArray("subAttributes");
      subAttributes.forEach(sub -> subs.add(sub.toJson()));
    }
    return json;
  }

  /**
   * Reads an RFC 7643 §7 attribute object; absent characteristics take their defaults.
   *
   * @throws ScimException 400 {@code invalidValue} naming the attribute and the characteristic at
   *     fault
   */
  public static AttributeDefinition fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw ScimException.invalidSyntax("An attribute definition must be a JSON object");
    }
    JsonNode nameNode = json.get("name");
    if (nameNode == null || !nameNode.isTextual()) {
      throw ScimException.invalidValue("An attribute definition needs a string 'name'");
    }
    Builder b = builder(nameNode.textValue());
    String where = "attribute '" + b.name + "'";
    String type = text(json, "type", where);
    if (type != null) {
      b.type(AttributeType.fromWireValue(type));
    }
    b.multiValued(bool(json, "multiValued", where, false));
    b.description(text(json, "description", where));
    b.required(bool(json, "required", where, false));
    b.caseExact(bool(json, "caseExact", where, false));
    b.canonicalValues(Json.strings(json.get("canonicalValues")));
    String mutability = text(json, "mutability", where);
    if (mutability != null) {
      b.mutability(Mutability.fromWireValue(mutability));
    }
    String returned = text(json, "returned", where);
    if (returned != null) {
      b.returned(Returned.fromWireValue(returned));
    }
    String uniqueness = text(json, "uniqueness", where);
    if (uniqueness != null) {
      b.uniqueness(Uniqueness.fromWireValue(uniqueness));
    }
    b.referenceTypes(Json.strings(json.get("referenceTypes")));
    JsonNode subs = json.get("subAttributes");
    if (subs != null && !subs.isNull()) {
      if (!subs.isArray()) {
        throw ScimException.invalidValue("'subAttributes' of " + where + " must be an array");
      }
      subs.forEach(sub -> b.subAttribute(fromJson(sub)));
    }
    return b.build();
  }

  private static String text(JsonNode json, String field, String where) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return null;
    }
    if (!node.isTextual()) {
      throw ScimException.invalidValue("'" + field + "' of " + where + " must be a string");
    }
    return node.textValue();
  }

  private static boolean bool(JsonNode json, String field, String where, boolean absent) {
    JsonNode node = json.get(field);
    if (node == null || node.isNull()) {
      return absent;
    }
    if (!node.isBoolean()) {
      throw ScimException.invalidValue("'" + field + "' of " + where + " must be true or false");
    }
    return node.booleanValue();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AttributeDefinition other
        && name.equalsIgnoreCase(other.name)
        && type == other.type
        && multiValued == other.multiValued
        && Objects.equals(description, other.description)
        && required == other.required
        && canonicalValues.equals(other.canonicalValues)
        && strictCanonicalValues == other.strictCanonicalValues
        && caseExact == other.caseExact
        && mutability == other.mutability
        && returned == other.returned
        && uniqueness == other.uniqueness
        && referenceTypes.equals(other.referenceTypes)
        && subAttributes.equals(other.subAttributes);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name.toLowerCase(Locale.ROOT), type, multiValued, subAttributes);
  }

  @Override
  public String toString() {
    return toJson().toString();
  }

  /** Builds an {@link AttributeDefinition}; not thread-safe. */
  public static final class Builder {
    private final String name;
    private AttributeType type = AttributeType.STRING;
    private boolean multiValued;
    private String description;
    private boolean required;
    private final List<String> canonicalValues = new ArrayList<>();
    private boolean strictCanonicalValues;
    private boolean caseExact;
    private Mutability mutability = Mutability.READ_WRITE;
    private Returned returned = Returned.DEFAULT;
    private Uniqueness uniqueness = Uniqueness.NONE;
    private final List<String> referenceTypes = new ArrayList<>();
    private final List<AttributeDefinition> subAttributes = new ArrayList<>();

    private Builder(String name) {
      requireNonNull(name, "name");
      if (!AttributePath.isAttributeName(name)) {
        throw ScimException.invalidValue(
            "Attribute name '"
                + name
                + "' is not an RFC 7643 §2.1 ATTRNAME (a letter, then letters, digits, '$', '_' or '-')");
      }
      this.name = name;
    }

    /** Sets the data type; default string. */
    public Builder type(AttributeType value) {
      this.type = requireNonNull(value, "type");
      return this;
    }

    /** Sets whether the attribute is a list; default false. */
    public Builder multiValued(boolean value) {
      this.multiValued = value;
      return this;
    }

    /** Sets the description; null for none. */
    public Builder description(String value) {
      this.description = value;
      return this;
    }

    /** Sets whether a value is required; default false. */
    public Builder required(boolean value) {
      this.required = value;
      return this;
    }

    /** Sets the canonical values; default none. */
    public Builder canonicalValues(List<String> values) {
      this.canonicalValues.clear();
      this.canonicalValues.addAll(values);
      return this;
    }

    /**
     * Sets whether values must be one of the canonical values; default false. Has no effect without
     * canonical values.
     */
    public Builder strictCanonicalValues(boolean value) {
      this.strictCanonicalValues = value;
      return this;
    }

    /** Sets whether values compare case-sensitively; default false. */
    public Builder caseExact(boolean value) {
      this.caseExact = value;
      return this;
    }

    /** Sets the mutability; default readWrite. */
    public Builder mutability(Mutability value) {
      this.mutability = requireNonNull(value, "mutability");
      return this;
    }

    /** Sets when the value is returned; default "default". */
    public Builder returned(Returned value) {
      this.returned = requireNonNull(value, "returned");
      return this;
    }

    /** Sets the uniqueness; default none. */
    public Builder uniqueness(Uniqueness value) {
      this.uniqueness = requireNonNull(value, "uniqueness");
      return this;
    }

    /** Sets the reference types of a reference attribute. */
    public Builder referenceTypes(List<String> values) {
      this.referenceTypes.clear();
      this.referenceTypes.addAll(values);
      return this;
    }

    /** Adds a sub-attribute to a complex attribute. */
    public Builder subAttribute(AttributeDefinition value) {
      this.subAttributes.add(requireNonNull(value, "subAttribute"));
      return this;
    }

    /**
     * Builds the definition.
     *
     * @throws ScimException 400 {@code invalidValue} if a complex attribute has no sub-attributes,
     *     a simple one has some, or a sub-attribute is itself complex or declared twice
     */
    public AttributeDefinition build() {
      return new AttributeDefinition(this);
    }
  }
}
