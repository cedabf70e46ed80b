package dev.roster.scim.server;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.patch.PatchEngine;
import java.util.function.Function;

/**
 * A resource type as the engine serves it, fixed when the server is built.
 *
 * @param schema its core schema and extensions
 * @param repository where its resources are stored
 * @param lenient checks POST and PUT bodies against the schema, dropping what it does not declare
 * @param strict checks them, refusing what it does not declare
 * @param lenientPatch reads and applies PATCH requests under the schema, leniently
 * @param strictPatch reads and applies them strictly
 * @param validation which of the two a request gets
 * @param patchResponse whether a PATCH answers 200 with the resource or 204
 */
record Endpoint(
    ResourceSchema schema,
    ResourceRepository repository,
    SchemaValidator lenient,
    SchemaValidator strict,
    PatchEngine lenientPatch,
    PatchEngine strictPatch,
    PatchResponse patchResponse,
    Function<RequestContext, SchemaValidator.Mode> validation) {

  /** The validator for {@code context}'s request. */
  SchemaValidator validator(RequestContext context) {
    return mode(context) == SchemaValidator.Mode.STRICT ? strict : lenient;
  }

  /** The PATCH engine for {@code context}'s request. */
  PatchEngine patch(RequestContext context) {
    return mode(context) == SchemaValidator.Mode.STRICT ? strictPatch : lenientPatch;
  }

  /** The PATCH engine for what does not depend on the mode, such as membership deltas. */
  PatchEngine patch() {
    return lenientPatch;
  }

  private SchemaValidator.Mode mode(RequestContext context) {
    return requireNonNull(validation.apply(context), "the validation policy returned null");
  }

  /** The resource type's name, e.g. {@code User}. */
  String name() {
    return schema.resourceType().name();
  }
}
