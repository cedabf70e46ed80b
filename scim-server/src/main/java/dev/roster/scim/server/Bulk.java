package dev.roster.scim.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.RequestContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code /Bulk} endpoint (RFC 7644 §3.7). Each operation becomes the request it stands for (its
 * method, path and data as the body, its {@code version} as {@code If-Match}) and is served by the
 * same dispatch as a request of its own, for the caller the bulk request authenticated: the same
 * validation, limits, tenant, entity tags and change events. Immutable.
 *
 * <ul>
 *   <li>A string {@code "bulkId:<id>"} anywhere in an operation's data, or as a segment of its
 *       path, is replaced by the id of the resource the POST operation with that bulkId created
 *       ({@link BulkReferences}). An operation that references one not created yet waits until it
 *       is, whatever their order in the request.
 *   <li>When every operation left waits on another, the references are circular (§3.7.1): one POST
 *       of the cycle is created without the values that reference resources not created yet, and a
 *       PATCH adds them once those exist. Its result is the POST's: 201, or the PATCH's failure
 *       with the location of the resource it created.
 *   <li>A reference that cannot be resolved, because no POST operation has that bulkId or because
 *       that operation failed, fails its operation with 409 {@code invalidValue} before anything of
 *       it is written; 409 is RFC 7644 §3.7.1's answer for references the service provider cannot
 *       resolve.
 *   <li>After {@code failOnErrors} failed operations no other operation starts; the response has
 *       the results of those that ran. A circular POST already created is still completed.
 *   <li>Operations are independent: one that fails leaves the changes of the others stored, as RFC
 *       7644 promises no atomicity. They all run in {@link Run#all()}, the one place a repository
 *       transaction around a whole bulk request would go.
 * </ul>
 *
 * <p>The request is 400 {@code invalidSyntax} when it is not a BulkRequest, 400 {@code
 * invalidValue} when two POST operations share a bulkId, and 413 over {@link
 * ScimLimits#maxBulkOperations()} operations or {@link ScimLimits#maxBulkPayloadBytes()} bytes;
 * none of these runs any operation. An operation that is not well-formed fails alone with 400
 * ({@link BulkOperation}); one whose path names no resource type with the 404 its request gets.
 */
final class Bulk {
  private final RequestBodies bodies;
  private final ScimLimits limits;
  private final Function<RequestContext, SchemaValidator.Mode> validation;
  private final BulkScope scope;

  Bulk(
      RequestBodies bodies,
      ScimLimits limits,
      Function<RequestContext, SchemaValidator.Mode> validation,
      BulkScope scope) {
    this.bodies = bodies;
    this.limits = limits;
    this.validation = validation;
    this.scope = scope;
  }

  /**
   * Answers {@code POST /Bulk}: 200 with a BulkResponse holding one result per operation that ran,
   * in the order of the request.
   *
   * @param dispatch serves one operation's request as a request of its own would be served, for the
   *     bulk request's caller and base URL, and never throws
   */
  ScimResponse respond(
      RequestContext context,
      ScimRequest request,
      String base,
      Function<ScimRequest, ScimResponse> dispatch) {
    JsonNode body =
        bodies.read(request, limits.maxBulkPayloadBytes(), "ScimLimits.maxBulkPayloadBytes");
    if (!(body instanceof ObjectNode json)) {
      throw ScimException.invalidSyntax("A bulk request body must be a JSON object");
    }
    if (validation.apply(context) == SchemaValidator.Mode.STRICT
        && !Json.strings(Json.get(json, "schemas")).contains(SchemaUrns.BULK_REQUEST)) {
      throw ScimException.invalidSyntax("'schemas' must list " + SchemaUrns.BULK_REQUEST);
    }
    JsonNode list = Json.get(json, "Operations");
    if (list == null || !list.isArray()) {
      throw ScimException.invalidSyntax("A bulk request needs an 'Operations' array");
    }
    if (list.size() > limits.maxBulkOperations()) {
      throw ScimException.payloadTooLarge(
          "The bulk request has "
              + list.size()
              + " operations; maxOperations is "
              + limits.maxBulkOperations()
              + " (ScimLimits.maxBulkOperations)");
    }
    List<BulkOperation> operations = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      if (!(list.get(i) instanceof ObjectNode operation)) {
        throw ScimException.invalidSyntax("Operations[" + i + "] must be a JSON object");
      }
      operations.add(BulkOperation.read(i, operation));
    }
    Run run = new Run(operations, failOnErrors(json), request, base, dispatch);
    scope.run(context, run::all);
    ObjectNode response = Json.object();
    response.putArray("schemas").add(SchemaUrns.BULK_RESPONSE);
    ArrayNode results = response.putArray("Operations");
    for (ObjectNode result : run.results) {
      if (result != null) {
        results.add(result);
      }
    }
    return ScimResponse.of(200, response);
  }

  private static int failOnErrors(ObjectNode json) {
    JsonNode value = Json.get(json, "failOnErrors");
    if (value == null || value.isNull()) {
      return Integer.MAX_VALUE;
    }
    if (!value.isIntegralNumber() || !value.canConvertToInt()) {
      throw ScimException.invalidSyntax("'failOnErrors' must be a whole number");
    }
    if (value.intValue() < 1) {
      throw ScimException.invalidValue(
          "'failOnErrors' is the number of errors after which no other operation runs; it must"
              + " be at least 1");
    }
    return value.intValue();
  }

  /** What is left to do: an operation to run, or a circular POST to complete. */
  private sealed interface Step permits Start, Complete {}

  private record Start(BulkOperation operation) implements Step {}

  /**
   * A POST created without the values that reference {@code deferred} bulkIds, whose PATCH {@code
   * additions} add them.
   */
  private record Complete(
      BulkOperation operation,
      String id,
      String location,
      Set<String> deferred,
      ArrayNode additions)
      implements Step {}

  /** One bulk request's operations, run. Not thread-safe. */
  private static final class Run {
    private final ScimRequest request;
    private final String base;
    private final Function<ScimRequest, ScimResponse> dispatch;
    private final int failOnErrors;
    private final List<Step> pending = new ArrayList<>();
    private final Map<String, BulkOperation> posts = new HashMap<>();
    private final Map<String, String> created = new HashMap<>();
    private final Set<String> failed = new HashSet<>();
    private final ObjectNode[] results;
    private int errors;

    Run(
        List<BulkOperation> operations,
        int failOnErrors,
        ScimRequest request,
        String base,
        Function<ScimRequest, ScimResponse> dispatch) {
      this.request = request;
      this.base = base;
      this.dispatch = dispatch;
      this.failOnErrors = failOnErrors;
      this.results = new ObjectNode[operations.size()];
      for (BulkOperation operation : operations) {
        if (operation.isPost() && operation.bulkId() != null) {
          BulkOperation other = posts.putIfAbsent(operation.bulkId(), operation);
          if (other != null) {
            throw ScimException.invalidValue(
                "Operations["
                    + other.index()
                    + "] and Operations["
                    + operation.index()
                    + "] are POST operations with the same bulkId '"
                    + operation.bulkId()
                    + "'; a bulkId names one resource");
          }
        }
        pending.add(new Start(operation));
      }
    }

    /** Runs every operation, each once the resources it references exist. */
    void all() {
      while (!pending.isEmpty()) {
        if (errors >= failOnErrors) {
          for (Step step : List.copyOf(pending)) {
            if (step instanceof Complete begun) {
              complete(begun);
            }
          }
          return;
        }
        Step next = pending.stream().filter(s -> !waits(s)).findFirst().orElse(null);
        if (next == null) {
          BulkOperation cyclic = cyclic();
          int at = pending.indexOf(new Start(cyclic));
          pending.remove(at);
          startCircular(cyclic, at);
        } else {
          pending.remove(next);
          if (next instanceof Start start) {
            start(start.operation());
          } else {
            complete((Complete) next);
          }
        }
      }
    }

    /** The bulkIds {@code step} references whose POST has not run yet. */
    private Set<String> waitsOn(Step step) {
      Set<String> waiting = new LinkedHashSet<>();
      references(step).stream().filter(this::notRunYet).forEach(waiting::add);
      return waiting;
    }

    /** Whether {@code step} references a bulkId whose POST has not run yet. */
    private boolean waits(Step step) {
      return references(step).stream().anyMatch(this::notRunYet);
    }

    private static Set<String> references(Step step) {
      return step instanceof Start start
          ? start.operation().references()
          : ((Complete) step).deferred();
    }

    private boolean notRunYet(String bulkId) {
      return posts.containsKey(bulkId) && !created.containsKey(bulkId) && !failed.contains(bulkId);
    }

    /**
     * The first POST, in the request's order, of a cycle of references, when every step waits:
     * following from the first step what each waits on comes back to a POST already passed, which
     * is on a cycle.
     */
    private BulkOperation cyclic() {
      Set<BulkOperation> passed = new HashSet<>();
      BulkOperation operation = waitedOn(pending.get(0));
      while (passed.add(operation)) {
        operation = waitedOn(new Start(operation));
      }
      BulkOperation first = operation;
      for (BulkOperation on = waitedOn(new Start(operation));
          on != operation;
          on = waitedOn(new Start(on))) {
        first = on.index() < first.index() ? on : first;
      }
      return first;
    }

    private BulkOperation waitedOn(Step step) {
      return posts.get(waitsOn(step).iterator().next());
    }

    private void start(BulkOperation operation) {
      if (operation.invalid() != null) {
        record(operation, null, Responses.error(operation.invalid()));
        return;
      }
      String path;
      try {
        path = BulkReferences.resolvePath(operation.path(), this::idOf);
      } catch (ScimException e) {
        record(operation, null, Responses.error(e));
        return;
      }
      String location = operation.isPost() ? null : locationOf(path);
      JsonNode data;
      try {
        data =
            operation.method().equals("DELETE")
                ? null
                : BulkReferences.resolve(operation.data(), this::idOf);
      } catch (ScimException e) {
        record(operation, location, Responses.error(e));
        return;
      }
      record(operation, location, send(operation.method(), path, data, operation.version()));
    }

    /** Creates a circular POST without what references resources not created yet. */
    private void startCircular(BulkOperation operation, int at) {
      Set<String> deferred = waitsOn(new Start(operation));
      BulkReferences.Split split = BulkReferences.split((ObjectNode) operation.data(), deferred);
      String path;
      JsonNode now;
      try {
        path = BulkReferences.resolvePath(operation.path(), this::idOf);
        now = BulkReferences.resolve(split.now(), this::idOf);
        // What the PATCH will add must not reference what already failed, or nothing at all.
        Set<String> later = new LinkedHashSet<>();
        BulkReferences.collect(split.later(), later);
        later.removeAll(deferred);
        later.forEach(this::idOf);
      } catch (ScimException e) {
        record(operation, null, Responses.error(e));
        return;
      }
      ScimResponse response = send("POST", path, now, null);
      if (response.status() >= 400) {
        record(operation, null, response);
        return;
      }
      String id = createdId(response);
      created.put(operation.bulkId(), id);
      pending.add(
          at,
          new Complete(operation, id, response.headers().get("Location"), deferred, split.later()));
    }

    /** Adds what a circular POST left out, now that what it references exists (or cannot). */
    private void complete(Complete step) {
      BulkOperation operation = step.operation();
      JsonNode additions;
      try {
        additions = BulkReferences.resolve(step.additions(), this::idOf);
      } catch (ScimException e) {
        record(
            operation,
            step.location(),
            Responses.error(
                new ScimException(
                    409,
                    ScimType.INVALID_VALUE,
                    "The resource was created without the values that reference other"
                        + " operations' resources, which could not be added: "
                        + e.detail())));
        return;
      }
      ObjectNode patch = Json.object();
      patch.putArray("schemas").add(SchemaUrns.PATCH_OP);
      patch.set("Operations", additions);
      String type = ScimServer.segments(operation.path()).get(0);
      ScimResponse patched = send("PATCH", "/" + type + "/" + step.id(), patch, null);
      if (patched.status() >= 400) {
        record(operation, step.location(), patched);
        return;
      }
      ScimResponse createdNow = ScimResponse.of(201, null).withHeader("Location", step.location());
      String version = patched.headers().get("ETag");
      record(
          operation, null, version == null ? createdNow : createdNow.withHeader("ETag", version));
    }

    /** The id of the resource the POST with {@code bulkId} created; 409 when there is none. */
    private String idOf(String bulkId) {
      String id = created.get(bulkId);
      if (id != null) {
        return id;
      }
      String reference = "'" + BulkReferences.PREFIX + bulkId + "'";
      String why;
      if (failed.contains(bulkId)) {
        why = "the POST operation with that bulkId failed";
      } else if (posts.containsKey(bulkId)) {
        why = "the POST operation with that bulkId did not run (failOnErrors)";
      } else {
        why = "no POST operation of this bulk request has that bulkId";
      }
      throw new ScimException(
          409, ScimType.INVALID_VALUE, "Cannot resolve " + reference + ": " + why);
    }

    private ScimResponse send(String method, String path, JsonNode data, String version) {
      Map<String, List<String>> headers = new HashMap<>();
      byte[] body = null;
      if (data != null) {
        headers.put("Content-Type", List.of(ScimResponse.MEDIA_TYPE));
        try {
          body = Json.MAPPER.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e); // a tree of Jackson nodes always serialises
        }
      }
      if (version != null && !method.equals("POST")) {
        headers.put("If-Match", List.of(version));
      }
      return dispatch.apply(
          new ScimRequest(
              method, path, Map.of(), headers, body, request.baseUrl(), request.remoteAddress()));
    }

    /**
     * Keeps an operation's result as RFC 7644 §3.7.3 lays it out: {@code location} (unless a POST
     * failed), {@code method}, {@code bulkId}, {@code version}, {@code status} as a string, and for
     * a failure the error as {@code response}.
     *
     * @param location where the resource is, when the response does not say
     */
    private void record(BulkOperation operation, String location, ScimResponse response) {
      ObjectNode result = Json.object();
      String where = response.headers().getOrDefault("Location", location);
      if (where != null) {
        result.put("location", where);
      }
      if (operation.method() != null) {
        result.put("method", operation.method());
      }
      if (operation.bulkId() != null) {
        result.put("bulkId", operation.bulkId());
      }
      String version = response.headers().get("ETag");
      if (version != null) {
        result.put("version", version);
      }
      result.put("status", Integer.toString(response.status()));
      boolean failure = response.status() >= 400;
      if (failure) {
        errors++;
        if (response.body() != null) {
          result.set("response", response.body());
        }
      }
      if (operation.isPost()
          && operation.bulkId() != null
          && !created.containsKey(operation.bulkId())) {
        if (failure) {
          failed.add(operation.bulkId());
        } else {
          created.put(operation.bulkId(), createdId(response));
        }
      }
      results[operation.index()] = result;
    }

    private String locationOf(String path) {
      return base + "/" + String.join("/", ScimServer.segments(path));
    }

    private static String createdId(ScimResponse response) {
      String id = response.body() == null ? "" : response.body().path("id").asText("");
      if (!id.isEmpty()) {
        return id;
      }
      String location = response.headers().getOrDefault("Location", "");
      return location.substring(location.lastIndexOf('/') + 1);
    }
  }
}
