package dev.roster.scim.core.resource;

import static dev.roster.scim.core.resource.AttributeValues.put;
import static dev.roster.scim.core.resource.ResourceRef.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.schema.SchemaUrns;
import java.util.Objects;
import java.util.Optional;

/**
 * The Enterprise User extension's attributes (RFC 7643 §4.3), as found in a user resource under
 * {@link SchemaUrns#ENTERPRISE_USER}.
 *
 * <p>The {@code manager} is read leniently: a bare id string (as Microsoft Entra ID PATCHes it) is
 * a manager with that id, and an object whose {@code value} is empty or missing means no manager.
 * It is always written in the complex form {@code {"value", "$ref", "displayName"}}; the RFC names
 * the manager's display sub-attribute {@code displayName}, which maps to {@link
 * ResourceRef#display()}.
 *
 * <p>Instances are immutable and thread-safe; build one with {@link #builder()}.
 */
public final class EnterpriseUser {
  private final String employeeNumber;
  private final String costCenter;
  private final String organization;
  private final String division;
  private final String department;
  private final ResourceRef manager;

  private EnterpriseUser(Builder builder) {
    this.employeeNumber = builder.employeeNumber;
    this.costCenter = builder.costCenter;
    this.organization = builder.organization;
    this.division = builder.division;
    this.department = builder.department;
    this.manager = builder.manager;
  }

  /** A builder with nothing set. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this instance's values. */
  public Builder toBuilder() {
    return new Builder()
        .employeeNumber(employeeNumber)
        .costCenter(costCenter)
        .organization(organization)
        .division(division)
        .department(department)
        .manager(manager);
  }

  /** The employee number, if set. */
  public Optional<String> employeeNumber() {
    return Optional.ofNullable(employeeNumber);
  }

  /** The cost center, if set. */
  public Optional<String> costCenter() {
    return Optional.ofNullable(costCenter);
  }

  /** The organization, if set. */
  public Optional<String> organization() {
    return Optional.ofNullable(organization);
  }

  /** The division, if set. */
  public Optional<String> division() {
    return Optional.ofNullable(division);
  }

  /** The department, if set. */
  public Optional<String> department() {
    return Optional.ofNullable(department);
  }

  /** The user's manager, if set; its {@code display} is the RFC's {@code displayName}. */
  public Optional<ResourceRef> manager() {
    return Optional.ofNullable(manager);
  }

  /**
   * Writes the extension object, leaving out unset attributes; the manager is written as {@code
   * {"value", "$ref"?, "displayName"?}}.
   */
  public ObjectNode toJson() {
    ObjectNode json = Json.object();
    put(json, "employeeNumber", employeeNumber);
    put(json, "costCenter", costCenter);
    put(json, "organization", organization);
    put(json, "division", division);
    put(json, "department", department);
    if (manager != null) {
      ObjectNode ref = json.putObject("manager").put("value", manager.value());
      put(ref, "$ref", manager.ref());
      put(ref, "displayName", manager.display());
    }
    return json;
  }

  /**
   * Reads the extension object, matching member names ignoring case and reading the manager
   * leniently (see the class description); null if {@code json} is not an object.
   */
  public static EnterpriseUser fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      return null;
    }
    ObjectNode object = (ObjectNode) json;
    return builder()
        .employeeNumber(text(object, "employeeNumber"))
        .costCenter(text(object, "costCenter"))
        .organization(text(object, "organization"))
        .division(text(object, "division"))
        .department(text(object, "department"))
        .manager(manager(Json.get(object, "manager")))
        .build();
  }

  private static ResourceRef manager(JsonNode json) {
    ResourceRef ref = ResourceRef.fromJson(json);
    if (ref == null || !json.isObject()) {
      return ref;
    }
    // The RFC spells it displayName; fall back to "display" for clients that reuse the group form.
    String displayName = text((ObjectNode) json, "displayName");
    return new ResourceRef(
        ref.value(), ref.ref(), displayName != null ? displayName : ref.display(), null);
  }

  /** Equal when every attribute is equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof EnterpriseUser other
        && Objects.equals(employeeNumber, other.employeeNumber)
        && Objects.equals(costCenter, other.costCenter)
        && Objects.equals(organization, other.organization)
        && Objects.equals(division, other.division)
        && Objects.equals(department, other.department)
        && Objects.equals(manager, other.manager);
  }

  @Override
  public int hashCode() {
    return Objects.hash(employeeNumber, costCenter, organization, division, department, manager);
  }

  /** The extension object as compact JSON. */
  @Override
  public String toString() {
    return toJson().toString();
  }

  /** Builds an {@link EnterpriseUser}; every setter accepts null to unset. Not thread-safe. */
  public static final class Builder {
    private String employeeNumber;
    private String costCenter;
    private String organization;
    private String division;
    private String department;
    private ResourceRef manager;

    private Builder() {}

    /** Sets the employee number, a string identifier assigned by the organization. */
    public Builder employeeNumber(String employeeNumber) {
      this.employeeNumber = employeeNumber;
      return this;
    }

    /** Sets the cost center. */
    public Builder costCenter(String costCenter) {
      this.costCenter = costCenter;
      return this;
    }

    /** Sets the organization. */
    public Builder organization(String organization) {
      this.organization = organization;
      return this;
    }

    /** Sets the division. */
    public Builder division(String division) {
      this.division = division;
      return this;
    }

    /** Sets the department. */
    public Builder department(String department) {
      this.department = department;
      return this;
    }

    /**
     * Sets the manager; its {@code display} is written as {@code displayName}, and its {@code type}
     * is dropped (the RFC's manager has none).
     */
    public Builder manager(ResourceRef manager) {
      this.manager =
          manager == null || manager.type() == null
              ? manager
              : new ResourceRef(manager.value(), manager.ref(), manager.display(), null);
      return this;
    }

    /** Builds the instance; the builder may be used again afterwards. */
    public EnterpriseUser build() {
      return new EnterpriseUser(this);
    }
  }
}
