package dev.roster.scim.core.schema;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.path.AttributePath;
import java.util.Optional;

/**
 * An attribute path resolved against a resource type's schemas: where the attribute lives and its
 * definitions.
 *
 * @param schema the schema that defines the attribute, or null for a common attribute ({@code id},
 *     {@code externalId}, {@code meta})
 * @param extension whether {@code schema} is an extension, so values live under its URN
 * @param attribute the top-level attribute
 * @param subAttribute the sub-attribute, or null when the path ends at the top level
 */
public record ResolvedAttribute(
    Schema schema,
    boolean extension,
    AttributeDefinition attribute,
    AttributeDefinition subAttribute) {

  public ResolvedAttribute {
    requireNonNull(attribute, "attribute");
  }

  /** The definition the path ends at: the sub-attribute if there is one, else the attribute. */
  public AttributeDefinition definition() {
    return subAttribute != null ? subAttribute : attribute;
  }

  /** The sub-attribute, if the path names one. */
  public Optional<AttributeDefinition> sub() {
    return Optional.ofNullable(subAttribute);
  }

  /**
   * The path spelled as the schema declares it, qualified with the URN only for extension
   * attributes: {@code NAME.GIVENNAME} becomes {@code name.givenName}.
   */
  public AttributePath canonicalPath() {
    return new AttributePath(
        extension ? schema.id() : null,
        attribute.name(),
        subAttribute == null ? null : subAttribute.name());
  }
}
