package dev.roster.scim.spring;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.spi.ResourceRepository;
import java.util.List;

/**
 * A custom resource type for the starter to serve, declared as a bean: its core schema, its
 * resource type (name, endpoint, core schema URN) and the repository that stores it.
 *
 * <pre>{@code
 * @Bean
 * RosterResourceType devices(DeviceRepository repository) {
 *   return RosterResourceType.of("Device", "/Devices", Schema.fromJson(deviceSchemaJson), repository);
 * }
 * }</pre>
 *
 * <p>The starter registers the schema and the type in the {@link
 * dev.roster.scim.core.schema.SchemaRegistry} it serves before it builds the server. User and Group
 * are served from {@link dev.roster.scim.core.spi.UserRepository} and {@link
 * dev.roster.scim.core.spi.GroupRepository} beans instead.
 *
 * @param schemas the schemas the type uses (its core schema and any extension schemas it names),
 *     registered first
 * @param type the resource type; its schema and extensions must be among {@code schemas} or already
 *     registered
 * @param repository the repository that stores resources of the type
 */
public record RosterResourceType(
    List<Schema> schemas, ResourceType type, ResourceRepository repository) {

  /** Checks that every component is present and copies {@code schemas}. */
  public RosterResourceType {
    schemas = List.copyOf(requireNonNull(schemas, "schemas"));
    requireNonNull(type, "type");
    requireNonNull(repository, "repository");
  }

  /**
   * A resource type named {@code name}, served at {@code endpoint} (e.g. {@code /Devices}), whose
   * resources follow {@code schema}, without extensions.
   */
  public static RosterResourceType of(
      String name, String endpoint, Schema schema, ResourceRepository repository) {
    return new RosterResourceType(
        List.of(schema), ResourceType.of(name, endpoint, schema.id()), repository);
  }
}
