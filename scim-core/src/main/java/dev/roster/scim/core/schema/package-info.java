/**
 * The schema model (RFC 7643 §2, §7, §8.7): schemas and attribute definitions, resource types, the
 * {@link dev.roster.scim.core.schema.SchemaRegistry} that holds them (RFC schemas plus extensions
 * and custom types registered at run time), and the {@link
 * dev.roster.scim.core.schema.SchemaValidator} that checks resources against them.
 *
 * <p><b>Nullness:</b> non-null unless documented; lookups that may find nothing return {@link
 * java.util.Optional}. <b>Threading:</b> schemas, definitions, resource types, resource schemas and
 * validators are immutable and safe to share; the registry is thread-safe (reads see a consistent
 * snapshot); builders are not thread-safe.
 */
package dev.roster.scim.core.schema;
