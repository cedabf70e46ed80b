package dev.roster.scim.core.schema;

import java.util.List;
import java.util.Optional;

/**
 * The attributes every resource has whatever its schema (RFC 7643 §3.1): {@code id}, {@code
 * externalId} and {@code meta}. They belong to no schema document, so they are defined here.
 */
public final class CommonAttributes {
  /** {@code id}: assigned by the service provider, case-exact, always returned, unique. */
  public static final AttributeDefinition ID =
      AttributeDefinition.builder("id")
          .description(
              "A unique identifier for a SCIM resource as defined by the service provider.")
          .caseExact(true)
          .mutability(Mutability.READ_ONLY)
          .returned(Returned.ALWAYS)
          .uniqueness(Uniqueness.SERVER)
          .build();

  /** {@code externalId}: the provisioning client's identifier, case-exact. */
  public static final AttributeDefinition EXTERNAL_ID =
      AttributeDefinition.builder("externalId")
          .description(
              "A String that is an identifier for the resource as defined by the provisioning client.")
          .caseExact(true)
          .build();

  /** {@code meta}: resource metadata maintained by the service provider. */
  public static final AttributeDefinition META =
      AttributeDefinition.builder("meta")
          .type(AttributeType.COMPLEX)
          .description("A complex attribute containing resource metadata.")
          .mutability(Mutability.READ_ONLY)
          .subAttribute(readOnly("resourceType", AttributeType.STRING, true))
          .subAttribute(readOnly("created", AttributeType.DATE_TIME, false))
          .subAttribute(readOnly("lastModified", AttributeType.DATE_TIME, false))
          .subAttribute(
              readOnly("location", AttributeType.REFERENCE, true).toBuilder()
                  .referenceTypes(List.of("uri"))
                  .build())
          .subAttribute(readOnly("version", AttributeType.STRING, true))
          .build();

  /** All three, in the order RFC 7643 §3.1 lists them. */
  public static final List<AttributeDefinition> ALL = List.of(ID, EXTERNAL_ID, META);

  private CommonAttributes() {}

  /** Finds a common attribute by name, ignoring case. */
  public static Optional<AttributeDefinition> find(String name) {
    for (AttributeDefinition attribute : ALL) {
      if (attribute.isNamed(name)) {
        return Optional.of(attribute);
      }
    }
    return Optional.empty();
  }

  private static AttributeDefinition readOnly(String name, AttributeType type, boolean caseExact) {
    return AttributeDefinition.builder(name)
        .type(type)
        .caseExact(caseExact)
        .mutability(Mutability.READ_ONLY)
        .build();
  }
}
