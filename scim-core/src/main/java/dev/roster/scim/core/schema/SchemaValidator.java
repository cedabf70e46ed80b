package dev.roster.scim.core.schema;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ScimResource;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks resources a client sends against their resource type's schemas and normalises them.
 *
 * <p>What it does to input (RFC 7643 §2, §7; RFC 7644 §3.3, §3.5.1):
 *
 * <ul>
 *   <li>checks every value's type, failing with 400 {@code invalidValue} naming the path, e.g.
 *       {@code emails[0].primary};
 *   <li>checks required attributes are present ({@code invalidValue}) and, where an attribute
 *       declares {@link AttributeDefinition#strictCanonicalValues() strict} canonical values, that
 *       values are among them;
 *   <li>drops readOnly attributes (the service provider sets them) and JSON {@code null} values and
 *       empty lists (they mean "no value");
 *   <li>on replace, rejects a changed immutable value with 400 {@code mutability};
 *   <li>spells attribute names and schema URNs as the schema declares them ({@code UserName}
 *       becomes {@code userName}) and lists the extensions present in {@code schemas}.
 * </ul>
 *
 * <p>Unknown attributes and unknown URNs in {@code schemas} are dropped in {@link Mode#LENIENT}
 * mode, the default, because identity providers send extras (Microsoft Entra ID lists an ADSCIM
 * schema URN on groups and {@code "roles": []} on users); {@link Mode#STRICT} rejects them with 400
 * {@code invalidSyntax}. Lenient mode also reads the strings {@code "True"} and {@code "False"}
 * (any case) as booleans, as Entra sends them.
 *
 * <p>Immutable and thread-safe.
 */
public final class SchemaValidator {

  /** How to treat input the schemas do not describe. */
  public enum Mode {
    /** Drop unknown attributes and schema URNs; read boolean strings. The default. */
    LENIENT,
    /** Reject unknown attributes and schema URNs with 400 {@code invalidSyntax}. */
    STRICT
  }

  private final ResourceSchema schema;
  private final Mode mode;
  private final Consumer<String> onDropped;

  /** A validator for resources of {@code schema} in the given mode. */
  public SchemaValidator(ResourceSchema schema, Mode mode) {
    this(schema, mode, name -> {});
  }

  private SchemaValidator(ResourceSchema schema, Mode mode, Consumer<String> onDropped) {
    this.schema = requireNonNull(schema, "schema");
    this.mode = requireNonNull(mode, "mode");
    this.onDropped = requireNonNull(onDropped, "onDropped");
  }

  /**
   * This validator, telling {@code listener} the name of each attribute (as the client spelled its
   * path, e.g. {@code roles} or {@code emails[0].label}) or schema URN that lenient mode drops, so
   * that a host can see what data it did not keep. Strict mode refuses those instead.
   */
  public SchemaValidator withDropListener(Consumer<String> listener) {
    return new SchemaValidator(schema, mode, listener);
  }

  /** A lenient validator for resources of {@code schema}. */
  public static SchemaValidator lenient(ResourceSchema schema) {
    return new SchemaValidator(schema, Mode.LENIENT);
  }

  /**
   * Tells this validator's drop listener that {@code name} was dropped, for code that drops input
   * the schema does not declare on its own, such as the PATCH engine's lenient reading of keys.
   */
  public void reportDropped(String name) {
    onDropped.accept(name);
  }

  /** The mode. */
  public Mode mode() {
    return mode;
  }

  /**
   * Validates a resource a client wants to create (POST) and returns it normalised, without {@code
   * id} or {@code meta}.
   *
   * @throws ScimException 400 {@code invalidValue} or {@code invalidSyntax} naming the offending
   *     path
   */
  public ScimResource validateCreate(ScimResource input) {
    return ScimResource.fromJson(normalise(input.toJson(), true));
  }

  /**
   * Validates a resource as the service provider holds it, such as one a repository returned:
   * readOnly attributes ({@code id}, {@code meta}, a user's {@code groups}) are checked and kept,
   * and nothing required is dropped.
   *
   * @return the resource normalised (names spelled as the schema declares them)
   * @throws ScimException 400 {@code invalidValue} or {@code invalidSyntax} naming the offending
   *     path
   */
  public ScimResource check(ScimResource resource) {
    return ScimResource.fromJson(normalise(resource.toJson(), false));
  }

  /**
   * Validates the new state of an existing resource (PUT, or the result of a PATCH) and returns it
   * normalised, with {@code id} and {@code meta} taken from {@code existing}. Immutable attributes
   * that {@code existing} has must keep their value; one the input leaves out keeps it too.
   *
   * @throws ScimException 400 {@code mutability} for a changed immutable value; 400 {@code
   *     invalidValue} or {@code invalidSyntax} as for {@link #validateCreate}
   */
  public ScimResource validateReplace(ScimResource input, ScimResource existing) {
    return replaced(input, existing, true);
  }

  /**
   * Validates the result of applying PATCH operations to {@code existing}, as {@link
   * #validateReplace} does, except that readOnly values the operations left in place (a user's
   * {@code groups}, a manager's {@code displayName}) are kept: RFC 7644 §3.5.2 leaves attributes an
   * operation does not target unaffected. The PATCH engine refuses operations that write readOnly
   * values, so any it finds here were already stored.
   *
   * @throws ScimException as {@link #validateReplace}
   */
  public ScimResource validatePatched(ScimResource patched, ScimResource existing) {
    return replaced(patched, existing, false);
  }

  private ScimResource replaced(ScimResource input, ScimResource existing, boolean fromClient) {
    ObjectNode result = normalise(input.toJson(), fromClient);
    ObjectNode previous = normalise(existing.toJson(), true);
    checkImmutable(result, previous, schema.coreSchema().attributes(), "");
    for (Schema extension : schema.extensionSchemas()) {
      JsonNode before = previous.get(extension.id());
      if (before != null) {
        ObjectNode after = (ObjectNode) result.get(extension.id());
        if (after == null) {
          after = result.putObject(extension.id());
        }
        checkImmutable(after, (ObjectNode) before, extension.attributes(), extension.id() + ":");
        if (after.isEmpty()) {
          result.remove(extension.id());
        }
      }
    }
    result.set("schemas", schemasOf(result));
    ObjectNode out = Json.object();
    out.set("schemas", result.remove("schemas"));
    if (existing.id() != null) {
      out.put("id", existing.id());
    }
    out.setAll(result);
    Meta meta = existing.meta();
    if (!meta.equals(Meta.EMPTY)) {
      out.set("meta", meta.toJson());
    }
    return ScimResource.fromJson(out);
  }

  /**
   * Validates and normalises one value a client sent for an attribute, as in a PATCH operation.
   *
   * <p>The value is checked and normalised exactly as the same attribute inside a resource would
   * be: for a multi-valued attribute a single value becomes a one-element list; readOnly
   * sub-attributes are dropped; JSON {@code null} and empty lists become "no value".
   *
   * @param definition the attribute or sub-attribute the value is for
   * @param path how to name the value in error messages, e.g. {@code emails[type eq "work"].value}
   * @return the normalised value, or null when it amounts to no value
   * @throws ScimException 400 {@code invalidValue} or {@code invalidSyntax} naming {@code path}
   */
  public JsonNode validateValue(AttributeDefinition definition, JsonNode value, String path) {
    return normaliseValue(definition, value, path, true);
  }

  /**
   * Validates and normalises a resource's JSON.
   *
   * @param fromClient whether the JSON is client input, whose readOnly values are dropped
   */
  private ObjectNode normalise(ObjectNode input, boolean fromClient) {
    ObjectNode out = Json.object();
    checkSchemas(Json.get(input, "schemas"));
    for (Map.Entry<String, JsonNode> member : input.properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      if (name.equalsIgnoreCase("schemas")) {
        continue;
      }
      if (SchemaUrns.isUrn(name)) {
        normaliseExtension(name, value, out, fromClient);
        continue;
      }
      AttributeDefinition definition =
          schema.coreSchema().attribute(name).or(() -> CommonAttributes.find(name)).orElse(null);
      if (definition == null) {
        unknown(name);
        continue;
      }
      putValue(out, definition, value, definition.name(), fromClient);
    }
    checkRequired(out, schema.coreSchema().attributes(), "");
    for (Schema extension : schema.extensionSchemas()) {
      JsonNode present = out.get(extension.id());
      if (present == null) {
        if (schema.requires(extension)) {
          throw ScimException.invalidValue(
              "Resources of type "
                  + schema.resourceType().name()
                  + " must carry the extension "
                  + extension.id());
        }
      } else {
        checkRequired((ObjectNode) present, extension.attributes(), extension.id() + ":");
      }
    }
    ObjectNode result = Json.object();
    result.set("schemas", schemasOf(out));
    result.setAll(out);
    return result;
  }

  private void normaliseExtension(String urn, JsonNode value, ObjectNode out, boolean fromClient) {
    Schema extension = schema.extension(urn).orElse(null);
    if (extension == null) {
      if (schema.coreSchema().hasId(urn)) {
        throw ScimException.invalidSyntax(
            "Core attributes belong at the top level, not under '" + urn + "'");
      }
      unknown(urn);
      return;
    }
    if (value == null || value.isNull()) {
      return;
    }
    if (!value.isObject()) {
      throw ScimException.invalidValue(
          "'" + urn + "' must be a JSON object holding the extension's attributes");
    }
    ObjectNode target = Json.object();
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      AttributeDefinition definition = extension.attribute(member.getKey()).orElse(null);
      if (definition == null) {
        unknown(urn + ":" + member.getKey());
        continue;
      }
      putValue(target, definition, member.getValue(), urn + ":" + definition.name(), fromClient);
    }
    if (!target.isEmpty()) {
      out.set(extension.id(), target);
    }
  }

  private void checkSchemas(JsonNode schemas) {
    if (schemas == null || schemas.isNull()) {
      if (mode == Mode.STRICT) {
        throw ScimException.invalidSyntax("The resource has no 'schemas' (RFC 7644 §3.3)");
      }
      return;
    }
    if (!schemas.isArray()) {
      throw ScimException.invalidSyntax("'schemas' must be an array of schema URNs");
    }
    boolean core = false;
    for (JsonNode urn : schemas) {
      if (!urn.isTextual()) {
        throw ScimException.invalidSyntax("'schemas' must be an array of schema URNs");
      }
      if (schema.coreSchema().hasId(urn.textValue())) {
        core = true;
      } else if (schema.extension(urn.textValue()).isEmpty()) {
        unknownUrn(urn.textValue());
      }
    }
    if (!core && mode == Mode.STRICT) {
      throw ScimException.invalidSyntax(
          "'schemas' must list "
              + schema.coreSchema().id()
              + " for a "
              + schema.resourceType().name());
    }
  }

  private ArrayNode schemasOf(ObjectNode resource) {
    ArrayNode urns = Json.array().add(schema.coreSchema().id());
    for (Schema extension : schema.extensionSchemas()) {
      if (resource.has(extension.id())) {
        urns.add(extension.id());
      }
    }
    return urns;
  }

  private void unknown(String what) {
    if (mode == Mode.STRICT) {
      throw ScimException.invalidSyntax(
          "'"
              + what
              + "' is not defined by the schemas of resource type "
              + schema.resourceType().name());
    }
    onDropped.accept(what);
  }

  private void unknownUrn(String urn) {
    if (mode == Mode.STRICT) {
      throw ScimException.invalidSyntax(
          "'schemas entry "
              + urn
              + "' is not defined by the schemas of resource type "
              + schema.resourceType().name());
    }
    onDropped.accept(urn);
  }

  /** Puts a validated, normalised value under the definition's name, or nothing for no value. */
  private void putValue(
      ObjectNode out,
      AttributeDefinition definition,
      JsonNode value,
      String path,
      boolean fromClient) {
    if (fromClient && definition.mutability() == Mutability.READ_ONLY) {
      return;
    }
    JsonNode normal = normaliseValue(definition, value, path, fromClient);
    if (normal != null) {
      out.set(definition.name(), normal);
    }
  }

  private JsonNode normaliseValue(
      AttributeDefinition definition, JsonNode value, String path, boolean fromClient) {
    if (value == null || value.isNull() || value.isMissingNode()) {
      return null;
    }
    if (!definition.multiValued()) {
      if (value.isArray()) {
        throw ScimException.invalidValue(
            "'" + path + "' holds a single value, but the request gives a list");
      }
      return normaliseSingle(definition, value, path, fromClient);
    }
    JsonNode list = value.isArray() ? value : Json.array().add(value);
    ArrayNode out = Json.array();
    int primary = -1;
    for (int i = 0; i < list.size(); i++) {
      JsonNode element = normaliseSingle(definition, list.get(i), path + "[" + i + "]", fromClient);
      if (element == null) {
        continue;
      }
      if (element.isObject() && element.path("primary").asBoolean(false)) {
        if (primary >= 0) {
          if (mode == Mode.STRICT) {
            throw ScimException.invalidValue(
                "'" + path + "' has more than one value with primary true (RFC 7643 §2.4)");
          }
          ((ObjectNode) element).put("primary", false);
        } else {
          primary = i;
        }
      }
      out.add(element);
    }
    return out.isEmpty() ? null : out;
  }

  private JsonNode normaliseSingle(
      AttributeDefinition definition, JsonNode value, String path, boolean fromClient) {
    if (value == null || value.isNull()) {
      return null;
    }
    switch (definition.type()) {
      case COMPLEX:
        return normaliseComplex(definition, value, path, fromClient);
      case STRING:
        return checkCanonical(definition, text(value, path, "a string"), path);
      case BOOLEAN:
        return bool(value, path);
      case INTEGER:
        if (!value.isIntegralNumber()) {
          throw wrongType(path, "an integer", value);
        }
        return value;
      case DECIMAL:
        if (!value.isNumber()) {
          throw wrongType(path, "a number", value);
        }
        return value.isBigDecimal() ? value : Json.NODES.numberNode(new BigDecimal(value.asText()));
      case DATE_TIME:
        Meta.parseDateTime(text(value, path, "a dateTime").textValue());
        return value;
      case BINARY:
        try {
          Base64.getDecoder().decode(text(value, path, "base64 text").textValue());
        } catch (IllegalArgumentException e) {
          throw ScimException.invalidValue("'" + path + "' is not valid base64 (RFC 7643 §2.3.6)");
        }
        return value;
      case REFERENCE:
        try {
          new URI(text(value, path, "a URI reference").textValue());
        } catch (URISyntaxException e) {
          throw ScimException.invalidValue(
              "'" + path + "' is not a URI reference (RFC 7643 §2.3.7)");
        }
        return value;
      default:
        throw new IllegalStateException("Unhandled attribute type " + definition.type());
    }
  }

  private JsonNode normaliseComplex(
      AttributeDefinition definition, JsonNode value, String path, boolean fromClient) {
    if (!value.isObject()) {
      throw wrongType(path, "a JSON object", value);
    }
    ObjectNode out = Json.object();
    for (Map.Entry<String, JsonNode> member : value.properties()) {
      AttributeDefinition sub = definition.subAttribute(member.getKey()).orElse(null);
      if (sub == null) {
        unknown(path + "." + member.getKey());
        continue;
      }
      putValue(out, sub, member.getValue(), path + "." + sub.name(), fromClient);
    }
    checkRequired(out, definition.subAttributes(), path + ".");
    return out.isEmpty() ? null : out;
  }

  private JsonNode text(JsonNode value, String path, String expected) {
    if (!value.isTextual()) {
      throw wrongType(path, expected, value);
    }
    return value;
  }

  private JsonNode bool(JsonNode value, String path) {
    if (value.isBoolean()) {
      return value;
    }
    if (mode == Mode.LENIENT && value.isTextual()) {
      String text = value.textValue().trim();
      if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
        return Json.NODES.booleanNode(text.equalsIgnoreCase("true"));
      }
    }
    throw wrongType(path, "true or false", value);
  }

  private JsonNode checkCanonical(AttributeDefinition definition, JsonNode value, String path) {
    if (!definition.strictCanonicalValues() || definition.canonicalValues().isEmpty()) {
      return value;
    }
    for (String canonical : definition.canonicalValues()) {
      boolean same =
          definition.caseExact()
              ? canonical.equals(value.textValue())
              : canonical.equalsIgnoreCase(value.textValue());
      if (same) {
        return Json.NODES.textNode(canonical);
      }
    }
    throw ScimException.invalidValue(
        "'"
            + path
            + "' is '"
            + value.textValue()
            + "'; expected one of "
            + definition.canonicalValues());
  }

  private static void checkRequired(
      ObjectNode values, List<AttributeDefinition> definitions, String prefix) {
    for (AttributeDefinition definition : definitions) {
      if (definition.required()
          && definition.mutability() != Mutability.READ_ONLY
          && !values.has(definition.name())) {
        throw ScimException.invalidValue(
            "Required attribute '" + prefix + definition.name() + "' is missing");
      }
    }
  }

  private void checkImmutable(
      ObjectNode after, ObjectNode before, List<AttributeDefinition> definitions, String prefix) {
    for (AttributeDefinition definition : definitions) {
      JsonNode old = before.get(definition.name());
      if (old == null) {
        continue;
      }
      JsonNode now = after.get(definition.name());
      if (definition.mutability() == Mutability.IMMUTABLE) {
        if (now == null) {
          after.set(definition.name(), old);
        } else if (!sameValue(definition, old, now)) {
          throw ScimException.mutability(
              "'" + prefix + definition.name() + "' is immutable and already has a value");
        }
      } else if (definition.isComplex() && !definition.multiValued() && now != null) {
        checkImmutable(
            (ObjectNode) now,
            (ObjectNode) old,
            definition.subAttributes(),
            prefix + definition.name() + ".");
      }
    }
  }

  private static boolean sameValue(AttributeDefinition definition, JsonNode a, JsonNode b) {
    if (a.isTextual() && b.isTextual() && !definition.caseExact()) {
      return a.textValue().equalsIgnoreCase(b.textValue());
    }
    return a.equals(b);
  }

  private static ScimException wrongType(String path, String expected, JsonNode found) {
    return ScimException.invalidValue(
        "'" + path + "' must be " + expected + ", not " + describe(found));
  }

  private static String describe(JsonNode value) {
    if (value.isTextual()) {
      String text = value.textValue();
      return "the string \"" + (text.length() > 40 ? text.substring(0, 40) + "..." : text) + "\"";
    }
    if (value.isObject()) {
      return "an object";
    }
    if (value.isArray()) {
      return "a list";
    }
    return value.getNodeType().name().toLowerCase(Locale.ROOT) + " " + value;
  }
}
