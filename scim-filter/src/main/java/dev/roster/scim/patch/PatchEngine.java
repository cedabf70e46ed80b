package dev.roster.scim.patch;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.patch.PatchOp;
import dev.roster.scim.core.patch.PatchOperation;
import dev.roster.scim.core.patch.PatchPath;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResolvedAttribute;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.filter.FilterEvaluator;
import dev.roster.scim.filter.FilterParser;
import dev.roster.scim.filter.FilterSyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Applies PATCH requests (RFC 7644 §3.5.2) to resources of one type, as identity providers really
 * send them.
 *
 * <pre>{@code
 * PatchEngine engine = PatchEngine.lenient(registry.resourceSchema("User"));
 * List<PatchOperation> operations = engine.readRequest(body);
 * ScimResource patched = engine.apply(stored, operations);
 * }</pre>
 *
 * <p>All or nothing: if any operation fails, {@link #apply} throws and the input resource, which is
 * never modified, stays as it was. Errors name the operation and its path, e.g. {@code
 * Operations[2]: path 'emails[type eq "work"].value': ...}.
 *
 * <p>Besides the RFC, it accepts by default what Microsoft Entra ID and Okta send: operation names
 * in any case; {@code "True"}/{@code "False"} for booleans; path-less values whose keys are
 * attribute paths ({@code name.givenName}, {@code urn:...:User:employeeNumber}) or value-filtered
 * paths ({@code emails[type eq "work"].value}), each applied as an operation with that path would
 * be (a key naming an unknown attribute without a filter is ignored in lenient mode); an {@code
 * add} or {@code replace} on {@code emails[type eq "work"].value} that creates the missing element;
 * a complex attribute such as {@code manager} given as a bare id (stored as {@code {"value": id}})
 * and cleared by {@code ""}; read-only {@code id}, {@code schemas} and {@code meta} repeated
 * unchanged in a path-less value; and the legacy extension path {@code urn:...:User.manager}.
 *
 * <p>A {@code remove} with a value (Entra's {@code
 * {"op":"Remove","path":"members","value":[{"value": id}]}}) removes only the values it lists, from
 * any multi-valued attribute; the value may be one element, a list, or a list wrapped as {@code
 * {"emails": [...]}}. A group member is matched by its id; any other value when each sub-attribute
 * the listed element gives equals its own, compared as a filter's {@code eq} compares ({@code
 * caseExact}, booleans, numbers, dateTimes), so {@code [{"type": "home"}]} removes every home
 * email. A listed element that matches nothing removes nothing, as a value filter matching nothing
 * does; one that gives nothing to compare ({@code {}} or only unknown sub-attributes) is 400 {@code
 * invalidValue}.
 *
 * <p>An {@code add} or {@code replace} of a complex value, by its path ({@code name}) or through a
 * value filter ({@code emails[type eq "work"]}), sets the sub-attributes the value gives and leaves
 * the others unchanged (RFC 7644 §3.5.2.1, §3.5.2.3): one given as null becomes unassigned, and
 * {@code {}} changes nothing. A {@code replace} through a value filter that matches no value is 400
 * {@code noTarget} (RFC 7644 §3.5.2.3) whatever its value, unless it ends at a sub-attribute that
 * Entra's rule above creates; a list of several values for a value filter is 400 {@code
 * invalidValue}. Without a value filter, a multi-valued attribute's values are replaced as a whole.
 *
 * <p>An {@code add} of null gives no value (RFC 7643 §2.5): a single-valued attribute or
 * sub-attribute becomes unassigned, since an add replaces a single value (RFC 7644 §3.5.2.1), as a
 * {@code replace} with null does; a multi-valued attribute gains nothing; a required attribute is
 * 400 {@code invalidValue}.
 *
 * <p>Immutable and thread-safe.
 */
public final class PatchEngine {
  private final ResourceSchema schema;
  private final SchemaValidator validator;
  private final FilterEvaluator evaluator;
  private final FilterParser parser;
  private final ScimLimits limits;

  /**
   * An engine for resources of {@code schema}.
   *
   * @param mode how to treat unknown attributes in values: dropped when lenient, rejected when
   *     strict (paths the schema does not define are rejected in both modes)
   */
  public PatchEngine(ResourceSchema schema, SchemaValidator.Mode mode, ScimLimits limits) {
    this.schema = requireNonNull(schema, "schema");
    this.limits = requireNonNull(limits, "limits");
    this.validator = new SchemaValidator(schema, requireNonNull(mode, "mode"));
    this.evaluator =
        new FilterEvaluator(
            schema,
            mode == SchemaValidator.Mode.STRICT
                ? FilterEvaluator.Mode.STRICT
                : FilterEvaluator.Mode.LENIENT);
    this.parser = new FilterParser(limits);
  }

  private PatchEngine(PatchEngine engine, SchemaValidator validator) {
    this.schema = engine.schema;
    this.limits = engine.limits;
    this.validator = validator;
    this.evaluator = engine.evaluator;
    this.parser = engine.parser;
  }

  /**
   * This engine, telling {@code listener} each attribute or schema URN that lenient mode drops from
   * the operations' values ({@link SchemaValidator#withDropListener}).
   */
  public PatchEngine withDropListener(Consumer<String> listener) {
    return new PatchEngine(this, validator.withDropListener(listener));
  }

  /** A lenient engine with the default limits. */
  public static PatchEngine lenient(ResourceSchema schema) {
    return new PatchEngine(schema, SchemaValidator.Mode.LENIENT, ScimLimits.defaults());
  }

  /** The resource type's schemas. */
  public ResourceSchema schema() {
    return schema;
  }

  /**
   * Reads a PATCH request body: {@code {"schemas": [...PatchOp], "Operations": [...]}}. Member
   * names are matched ignoring case; a missing or unusual {@code schemas} is tolerated in lenient
   * mode.
   *
   * @throws ScimException 400 {@code invalidSyntax} for a malformed body or operation, 400 {@code
   *     invalidPath} for a path that does not parse, 400 {@code noTarget} for a {@code remove}
   *     without a path, 413 for more operations than {@link ScimLimits#maxPatchOperations()}
   */
  public List<PatchOperation> readRequest(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw ScimException.invalidSyntax("A PATCH request body must be a JSON object");
    }
    ObjectNode request = (ObjectNode) body;
    if (validator.mode() == SchemaValidator.Mode.STRICT) {
      JsonNode schemas = Json.get(request, "schemas");
      boolean patchOp = false;
      if (schemas != null && schemas.isArray()) {
        for (JsonNode urn : schemas) {
          patchOp |= urn.asText().equalsIgnoreCase(SchemaUrns.PATCH_OP);
        }
      }
      if (!patchOp) {
        throw ScimException.invalidSyntax("'schemas' must list " + SchemaUrns.PATCH_OP);
      }
    }
    JsonNode list = Json.get(request, "Operations");
    if (list == null || !list.isArray() || list.isEmpty()) {
      throw ScimException.invalidSyntax("A PATCH request needs a non-empty 'Operations' array");
    }
    if (list.size() > limits.maxPatchOperations()) {
      throw ScimException.payloadTooLarge(
          "The PATCH request has "
              + list.size()
              + " operations; the limit is "
              + limits.maxPatchOperations()
              + " (ScimLimits.maxPatchOperations)");
    }
    List<PatchOperation> operations = new ArrayList<>(list.size());
    for (int i = 0; i < list.size(); i++) {
      operations.add(readOperation(i, list.get(i)));
    }
    return operations;
  }

  private PatchOperation readOperation(int index, JsonNode json) {
    String where = "Operations[" + index + "]";
    if (!json.isObject()) {
      throw ScimException.invalidSyntax(where + " must be a JSON object");
    }
    JsonNode opNode = Json.get((ObjectNode) json, "op");
    if (opNode == null || !opNode.isTextual()) {
      throw ScimException.invalidSyntax(where + " needs an 'op' of add, remove or replace");
    }
    PatchOp op;
    try {
      op = PatchOp.fromWireValue(opNode.textValue());
    } catch (ScimException e) {
      throw located(
          where,
          ScimException.invalidSyntax(
              "op '" + opNode.textValue() + "' is not add, remove or replace"),
          e);
    }
    JsonNode pathNode = Json.get((ObjectNode) json, "path");
    PatchPath path = null;
    if (pathNode != null && !pathNode.isNull()) {
      if (!pathNode.isTextual()) {
        throw ScimException.invalidSyntax(where + ": 'path' must be a string");
      }
      try {
        path = parser.parsePath(pathNode.textValue());
      } catch (FilterSyntaxException e) {
        throw located(where, e, e);
      }
    }
    JsonNode value = Json.get((ObjectNode) json, "value");
    if (op == PatchOp.REMOVE && path == null) {
      throw ScimException.noTarget(where + ": remove needs a 'path' (RFC 7644 §3.5.2.2)");
    }
    if (op != PatchOp.REMOVE && (value == null || value.isMissingNode())) {
      throw ScimException.invalidSyntax(where + ": " + op + " needs a 'value'");
    }
    return new PatchOperation(op, path, value);
  }

  /**
   * Applies operations in order and returns the resulting resource, validated against the schema
   * (required attributes present, immutable values unchanged, types right).
   *
   * @throws ScimException 400 with {@code invalidPath}, {@code invalidValue}, {@code
   *     invalidSyntax}, {@code noTarget} or {@code mutability}, naming the failing operation
   */
  public ScimResource apply(ScimResource resource, List<PatchOperation> operations) {
    if (operations.size() > limits.maxPatchOperations()) {
      throw ScimException.payloadTooLarge(
          "The PATCH request has "
              + operations.size()
              + " operations; the limit is "
              + limits.maxPatchOperations()
              + " (ScimLimits.maxPatchOperations)");
    }
    PatchRun run = new PatchRun(schema, validator, evaluator, parser, resource);
    for (int i = 0; i < operations.size(); i++) {
      PatchOperation operation = operations.get(i);
      try {
        run.apply(operation);
      } catch (ScimException e) {
        String where =
            "Operations["
                + i
                + "]"
                + (operation.path() == null ? "" : ": path '" + operation.path() + "'");
        throw located(where, e, e);
      }
    }
    return validator.validatePatched(run.result(), resource);
  }

  /**
   * {@code error} with its detail prefixed by where in the request it happened ({@code
   * Operations[2]: path 'emails'}), keeping {@code cause} for the logs.
   */
  private static ScimException located(String where, ScimException error, Throwable cause) {
    return new ScimException(
        error.status(), error.scimType().orElse(null), where + ": " + error.detail(), cause);
  }

  /**
   * The membership delta these operations amount to, if they touch nothing but a group's {@code
   * members} in ways a delta can express: {@code add} and {@code replace} of {@code members}, and
   * {@code remove} of {@code members} (all of them, a value list, also wrapped as {@code
   * {"members": [...]}}, or {@code members[value eq "id"]}, also joined with {@code or}). Empty
   * when any operation does something else; then the caller applies the operations to the whole
   * group with {@link #apply}.
   *
   * @throws ScimException 400 {@code invalidValue} for a member without a {@code value}
   */
  public Optional<MemberDelta> memberDelta(List<PatchOperation> operations) {
    Optional<ResolvedAttribute> membersAttribute = schema.resolve(AttributePath.of("members"));
    if (membersAttribute.isEmpty()) {
      return Optional.empty();
    }
    boolean removeAll = false;
    Set<String> removed = new LinkedHashSet<>();
    Map<String, ResourceRef> added = new LinkedHashMap<>();
    for (PatchOperation operation : operations) {
      JsonNode value = operation.value();
      PatchPath path = operation.path();
      if (path == null) {
        if (operation.op() == PatchOp.REMOVE
            || value == null
            || !value.isObject()
            || value.size() != 1
            || Json.get((ObjectNode) value, "members") == null) {
          return Optional.empty();
        }
        value = Json.get((ObjectNode) value, "members");
      } else if (!isMembers(path.attribute()) || path.subAttribute() != null) {
        return Optional.empty();
      }
      Filter filter = path == null ? null : path.valueFilter();
      switch (operation.op()) {
        case ADD:
          if (filter != null) {
            return Optional.empty();
          }
          for (ResourceRef member : members(value)) {
            removed.remove(member.value());
            added.put(member.value(), member);
          }
          break;
        case REPLACE:
          if (filter != null) {
            return Optional.empty();
          }
          removeAll = true;
          removed.clear();
          added.clear();
          for (ResourceRef member : members(value)) {
            added.put(member.value(), member);
          }
          break;
        default:
          List<String> ids;
          if (filter != null) {
            ids = memberIds(filter);
            if (ids == null) {
              return Optional.empty();
            }
          } else if (value != null && !value.isNull()) {
            JsonNode listed = PatchRun.unwrapped(membersAttribute.get().attribute(), value);
            ids = members(listed).stream().map(ResourceRef::value).toList();
          } else {
            removeAll = true;
            removed.clear();
            added.clear();
            continue;
          }
          for (String id : ids) {
            added.remove(id);
            removed.add(id);
          }
      }
    }
    return Optional.of(
        new MemberDelta(removeAll, List.copyOf(removed), List.copyOf(added.values())));
  }

  private boolean isMembers(AttributePath path) {
    return path.attribute().equalsIgnoreCase("members")
        && (path.schema() == null || schema.coreSchema().hasId(path.schema()));
  }

  private static List<ResourceRef> members(JsonNode value) {
    List<ResourceRef> members = new ArrayList<>();
    if (value == null || value.isNull()) {
      return members;
    }
    for (JsonNode element : value.isArray() ? value : List.of(value)) {
      ResourceRef member = element.isObject() ? ResourceRef.fromJson(element) : null;
      if (member == null) {
        throw ScimException.invalidValue("A member needs a 'value' holding the member's id");
      }
      members.add(member);
    }
    return members;
  }

  /** The ids of {@code value eq "id"} (or several joined with {@code or}), or null for others. */
  private static List<String> memberIds(Filter filter) {
    List<Filter> terms = filter instanceof Filter.Or or ? or.operands() : List.of(filter);
    List<String> ids = new ArrayList<>();
    for (Filter term : terms) {
      if (!(term instanceof Filter.Compare compare)
          || compare.operator() != ComparisonOperator.EQ
          || !compare.attribute().attribute().equalsIgnoreCase("value")
          || compare.attribute().hasSubAttribute()
          || !(compare.value() instanceof String id)) {
        return null;
      }
      ids.add(id);
    }
    return ids;
  }
}
