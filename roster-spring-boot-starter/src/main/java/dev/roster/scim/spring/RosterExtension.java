package dev.roster.scim.spring;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.schema.Schema;

/**
 * A schema extension for the starter to register, declared as a bean: resources of {@code
 * resourceTypeName} may (or, when {@code required}, must) carry {@code schema}.
 *
 * <pre>{@code
 * @Bean
 * RosterExtension spokeCustomUser() {
 *   return new RosterExtension("User", Schema.fromJson(spokeCustomSchemaJson), false);
 * }
 * }</pre>
 *
 * <p>The starter adds every such bean to the {@link dev.roster.scim.core.schema.SchemaRegistry} it
 * serves (see {@link dev.roster.scim.core.schema.SchemaRegistry#addExtension}), so {@code /Schemas}
 * and {@code /ResourceTypes} declare it and validation accepts its attributes.
 *
 * @param resourceTypeName the resource type the extension applies to, e.g. {@code User}
 * @param schema the extension schema
 * @param required whether every resource of the type must carry it
 */
public record RosterExtension(String resourceTypeName, Schema schema, boolean required) {

  /** Checks that the type name and schema are present. */
  public RosterExtension {
    requireNonNull(resourceTypeName, "resourceTypeName");
    requireNonNull(schema, "schema");
  }
}
