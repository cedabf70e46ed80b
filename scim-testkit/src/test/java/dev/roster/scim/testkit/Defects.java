package dev.roster.scim.testkit;

import static dev.roster.scim.testkit.Suite.ENTRA;
import static dev.roster.scim.testkit.Suite.OKTA;
import static dev.roster.scim.testkit.Suite.RFC;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Proxy.Backend;
import dev.roster.scim.testkit.Proxy.Call;
import dev.roster.scim.testkit.Proxy.Interceptor;
import dev.roster.scim.testkit.Proxy.Reply;
import dev.roster.scim.testkit.internal.Runner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;

/**
 * Realistic SCIM server bugs, each injected into an otherwise correct Roster server by the {@link
 * Proxy}, with the checks each must fail and the words their failure messages must contain; and
 * what the tests of defects share: one test per failure, the check it names, the verdict.
 */
final class Defects {
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
  private static final Pattern UUID =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
  private static final Pattern EQUALS =
      Pattern.compile("(?i)^\\s*(userName|displayName)\\s+eq\\s+\"((?:[^\"\\\\]|\\\\.)*)\"\\s*$");
  private static final Pattern BULK_ID = Pattern.compile("bulkId:([^/\\s\"]+)");
  private static final Pattern MEMBER_FILTER =
      Pattern.compile("(?i)^members\\[\\s*value\\s+eq\\s+\"([^\"]*)\"\\s*]$");

  private Defects() {}

  /** A check a defect must fail, named by its suite and the start of its name. */
  record Failure(Suite suite, String check, List<String> words) {}

  /** One server bug: what it is, how the proxy injects it, and the checks it must fail. */
  record Defect(String name, Interceptor interceptor, List<Failure> failures) {
    Defect fails(Suite suite, String check, String... words) {
      List<Failure> more = new ArrayList<>(failures);
      more.add(new Failure(suite, check, List.of(words)));
      return new Defect(name, interceptor, List.copyOf(more));
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Defect defect(String name, Interceptor interceptor) {
    return new Defect(name, interceptor, List.of());
  }

  /** Runs the failure of a defect: starts what it needs, runs the check, judges the result. */
  @FunctionalInterface
  interface FailureTest {
    void run(Defect defect, Failure failure) throws Exception;
  }

  /** One test per failure of each of {@code defects}, named after both. */
  static Stream<DynamicTest> tests(List<Defect> defects, FailureTest test) {
    return defects.stream()
        .flatMap(
            defect ->
                defect.failures().stream()
                    .map(
                        failure ->
                            DynamicTest.dynamicTest(
                                defect.name() + " → '" + failure.check() + "' fails",
                                () -> test.run(defect, failure))));
  }

  /**
   * Runs the one check {@code options} select against a server with {@code defect}, and asserts
   * that it failed with a message naming the defect.
   */
  static void expectFailure(Defect defect, Failure failure, TestkitOptions options) {
    TestkitRun run = Testkit.of(options).run();

    assertThat(run.results()).hasSize(1);
    CheckResult result = run.results().get(0);
    assertThat(result.outcome())
        .as("%s against a server where %s%n%s", result.name(), defect.name(), result.details())
        .isEqualTo(Outcome.FAILED);
    assertThat(result.message())
        .as("the failure message of %s", result.name())
        .doesNotStartWith("The check could not complete")
        .contains(failure.words());
  }

  /** Every check of {@code suites}, as {@code suite:number} to its name. */
  static Map<String, String> checks(List<Suite> suites) {
    Runner runner = new Runner(TestkitOptions.builder("http://127.0.0.1:9/scim/v2").build());
    Map<String, String> checks = new LinkedHashMap<>();
    for (Suite suite : suites) {
      for (int i = 0; i < runner.count(suite); i++) {
        checks.put(suite.id() + ":" + (i + 1), runner.name(suite, i));
      }
    }
    return checks;
  }

  /** The {@code suite:number}, among {@code checks}, of the one check {@code failure} names. */
  static String selector(Map<String, String> checks, Failure failure) {
    List<String> matches = new ArrayList<>();
    checks.forEach(
        (selector, name) -> {
          if (selector.startsWith(failure.suite().id() + ":") && name.startsWith(failure.check())) {
            matches.add(selector);
          }
        });
    assertThat(matches)
        .as("the %s checks whose names start with '%s'", failure.suite().id(), failure.check())
        .hasSize(1);
    return matches.get(0);
  }

  /** The selectors of the checks that some failure of {@code defects} names. */
  static Set<String> covered(List<Defect> defects, Map<String, String> checks) {
    Set<String> covered = new LinkedHashSet<>();
    for (Defect defect : defects) {
      for (Failure failure : defect.failures()) {
        covered.add(selector(checks, failure));
      }
    }
    return covered;
  }

  /** Every defect. */
  static List<Defect> all() {
    return List.of(
        // --- Test Connection, lookups, users -----------------------------------------------------
        defect(
                "404 on an empty filter result",
                responses(
                    call -> call.is("GET", "/") && call.param("filter") != null,
                    (call, reply) -> {
                      JsonNode body = reply.json();
                      if (reply.status == 200
                          && body != null
                          && body.path("totalResults").asInt() == 0) {
                        replace(reply, Reply.error(404, null, "No resource matches the filter"));
                      }
                    }))
            .fails(
                ENTRA,
                "Test Connection: a filter for a random userName",
                "quarantine",
                "found HTTP 404")
            .fails(
                ENTRA,
                "Test Connection: the random group probe",
                "matches nothing",
                "found HTTP 404")
            .fails(
                OKTA,
                "SPEC test 3, 5",
                "a filter that matches nothing is no error",
                "found HTTP 404"),
        defect(
                "excludedAttributes rejected with 400",
                answers(
                    call -> call.is("GET", "/Groups") && call.param("excludedAttributes") != null,
                    call ->
                        Reply.error(
                            400,
                            "invalidValue",
                            "The parameter excludedAttributes is not supported")))
            .fails(
                ENTRA,
                "Test Connection: the random group probe",
                "excludedAttributes=members",
                "found HTTP 400"),
        defect(
                "any bearer token accepted",
                requests(
                    call -> true,
                    call ->
                        call.headers.put(
                            "Authorization",
                            new ArrayList<>(List.of("Bearer " + RosterServer.TOKEN)))))
            .fails(
                ENTRA,
                "Test Connection with a wrong secret token",
                "credentials are refused",
                "found HTTP 200")
            .fails(OKTA, "SPEC test 11", "wrong credentials are refused", "found HTTP 200"),
        defect(
                "filter results carry only id and userName",
                responses(
                    call -> call.is("GET", "/Users") && call.param("filter") != null,
                    (call, reply) ->
                        eachResource(
                            reply, user -> user.retain("schemas", "id", "userName", "meta"))))
            .fails(
                ENTRA,
                "Create a new user",
                "in the userName filter's result",
                "= (absent) instead of"),
        defect(
                "a duplicate userName answers 500",
                responses(
                    call -> call.is("POST", "/Users"),
                    (call, reply) -> {
                      if (reply.status == 409) {
                        replace(
                            reply,
                            Reply.text(
                                500,
                                "text/plain",
                                "ERROR: duplicate key value violates unique constraint \"users_username_key\""));
                      }
                    }))
            .fails(
                ENTRA,
                "Create a duplicate user",
                "HTTP 409 Conflict (the userName is taken)",
                "found HTTP 500")
            .fails(OKTA, "SPEC test 6-9", "HTTP 409 Conflict", "found HTTP 500"),
        defect("userName filter is case-sensitive", caseSensitive("/Users", "userName"))
            .fails(
                ENTRA,
                "Filter for an existing user with a different case",
                "userName is caseExact false",
                "found totalResults 0")
            .fails(
                OKTA, "SPEC test 6-9", "the upper-cased userName matches", "found totalResults 0"),
        defect(
                "filters on attributes other than userName are ignored",
                requests(
                    call -> {
                      String filter = call.is("GET", "/Users") ? call.param("filter") : null;
                      return filter != null
                          && !filter.strip().toLowerCase(Locale.ROOT).startsWith("username");
                    },
                    call -> call.param("filter", null)))
            .fails(
                ENTRA,
                "Filter by externalId",
                "exactly the user with that externalId",
                "found totalResults"),
        defect(
                "an unknown user id answers 400",
                responses(
                    call -> call.is("GET", "/Users/"),
                    (call, reply) -> {
                      if (reply.status == 404) {
                        replace(reply, Reply.error(400, "invalidValue", "Invalid user id"));
                      }
                    }))
            .fails(
                ENTRA,
                "GET /Users/{id} for an id that does not exist",
                "HTTP 404 Not Found (no such user",
                "found HTTP 400"),
        // --- PATCH users -------------------------------------------------------------------------
        defect("capitalised Add rejected", rejectOp("Add"))
            .fails(
                ENTRA,
                "PATCH (no flag): a capitalised Add",
                "the PATCH with Add operations",
                "found HTTP 400"),
        defect(
                "add to a value-filter path whose element does not exist yet is ignored",
                operations(
                    call -> call.is("PATCH", "/Users/"),
                    ops ->
                        keep(
                            ops,
                            op -> !(isOp(op, "add") && op.path("path").asText().contains("[")))))
            .fails(
                ENTRA,
                "PATCH (aadOptscim062020): a lowercase add",
                "(absent) instead of",
                "in the 200 response add operations"),
        defect("capitalised Replace rejected", rejectOp("Replace"))
            .fails(
                ENTRA,
                "PATCH (no flag): one capitalised Replace",
                "the PATCH with one Replace per attribute",
                "found HTTP 400")
            .fails(
                ENTRA,
                "Disable and re-enable (no flag)",
                "the PATCH with Replace active \"False\"",
                "found HTTP 400"),
        defect(
                "path-less replace ignores dotted and URN-qualified keys",
                operations(
                    call -> call.is("PATCH", "/Users/"),
                    ops -> {
                      for (ObjectNode op : ops) {
                        if (!op.has("path") && op.path("value").isObject()) {
                          ObjectNode value = (ObjectNode) op.get("value");
                          List<String> names = new ArrayList<>();
                          value.fieldNames().forEachRemaining(names::add);
                          for (String name : names) {
                            if (name.contains(".")
                                || name.toLowerCase(Locale.ROOT).startsWith("urn:")) {
                              value.remove(name);
                            }
                          }
                        }
                      }
                      return ops;
                    }))
            .fails(
                ENTRA,
                "PATCH (aadOptscim062020): value-filter paths keep their op",
                "name.givenName = \"Ada\" instead of \"Augusta\"",
                "a path-less replace whose keys are attribute paths"),
        defect(
                "userName is immutable",
                answers(
                    call ->
                        call.is("PATCH", "/Users/")
                            && ops(call).stream()
                                .anyMatch(
                                    op ->
                                        op.path("path").asText().equalsIgnoreCase("userName")
                                            || op.path("value").has("userName")),
                    call -> Reply.error(400, "mutability", "Attribute 'userName' is immutable")))
            .fails(
                ENTRA,
                "PATCH: rename userName",
                "the PATCH with Replace userName",
                "found HTTP 400"),
        defect(
                "the string \"False\" is read as true",
                operations(
                    call -> call.is("PATCH", "/Users/"),
                    ops -> {
                      for (ObjectNode op : ops) {
                        if (op.path("path").asText().equalsIgnoreCase("active")
                            && op.path("value").isTextual()) {
                          op.set(
                              "value", BooleanNode.valueOf(!op.path("value").asText().isEmpty()));
                        }
                      }
                      return ops;
                    }))
            .fails(
                ENTRA,
                "Disable and re-enable (no flag)",
                "active = true instead of false",
                "Replace active \"False\""),
        defect(
                "disabled users are left out of filter results",
                responses(
                    call -> call.is("GET", "/Users") && call.param("filter") != null,
                    (call, reply) ->
                        keepResources(
                            reply, user -> !user.path("active").equals(BooleanNode.FALSE))))
            .fails(
                ENTRA,
                "Disable and re-enable (aadOptscim062020)",
                "totalResults 0",
                "a disabled user is still returned")
            .fails(
                OKTA,
                "Deactivate and reactivate (OIN)",
                "totalResults 0",
                "the deactivated user is still found by userName"),
        defect(
                "PATCH applies removes after the other operations",
                operations(
                    call -> call.is("PATCH", "/Users/"),
                    ops -> {
                      List<ObjectNode> reordered = keep(ops, op -> !isOp(op, "remove"));
                      reordered.addAll(keep(ops, op -> isOp(op, "remove")));
                      return reordered;
                    }))
            .fails(
                ENTRA,
                "PATCH with several operations",
                "externalId = (absent)",
                "five operations in order"),
        defect(
                "manager stored as a string",
                responses(
                    call -> call.resource.regionMatches(true, 0, "/Users", 0, 6),
                    (call, reply) ->
                        eachResource(
                            reply,
                            user -> {
                              JsonNode extension = user.get(ENTERPRISE);
                              if (extension instanceof ObjectNode enterprise
                                  && enterprise.path("manager").isObject()) {
                                enterprise.put(
                                    "manager", enterprise.path("manager").path("value").asText());
                              }
                            })))
            .fails(ENTRA, "Manager round trip", "read back as {\"value\"", "a bare string"),
        defect(
                "DELETE only deactivates the user",
                (call, backend) -> {
                  if (!call.is("DELETE", "/Users/")) {
                    return backend.send(call);
                  }
                  call.method = "PATCH";
                  call.headers.put(
                      "Content-Type", new ArrayList<>(List.of("application/scim+json")));
                  ObjectNode body = JsonNodeFactory.instance.objectNode();
                  body.putArray("schemas").add(PATCH_OP);
                  body.putArray("Operations")
                      .addObject()
                      .put("op", "replace")
                      .put("path", "active")
                      .put("value", false);
                  call.json(body);
                  Reply reply = backend.send(call);
                  return reply.status < 300 ? new Reply(204, new byte[0]) : reply;
                })
            .fails(ENTRA, "Delete a user", "a deleted user is gone", "found HTTP 200"),
        // --- groups ------------------------------------------------------------------------------
        defect(
                "schema URIs other than SCIM's are rejected",
                answers(
                    call ->
                        call.is("POST", "/")
                            && call.json() != null
                            && elements(call.json().path("schemas")).stream()
                                .anyMatch(s -> !s.asText().startsWith("urn:ietf:params:scim:")),
                    call -> Reply.error(400, "invalidValue", "Unknown schema in \"schemas\"")))
            .fails(ENTRA, "Create a new group", "ADSCIM schema URI", "found HTTP 400"),
        defect(
                "a duplicate group answers 400 instead of 409",
                responses(
                    call -> call.is("POST", "/Groups"),
                    (call, reply) -> {
                      if (reply.status == 409) {
                        replace(
                            reply, Reply.error(400, "uniqueness", "displayName is already taken"));
                      }
                    }))
            .fails(
                ENTRA,
                "Create a duplicate group",
                "found HTTP 400",
                "HTTP 409 Conflict (displayName must be unique"),
        defect("displayName filter is case-sensitive", caseSensitive("/Groups", "displayName"))
            .fails(
                ENTRA,
                "Filter for an existing group with a different case",
                "totalResults 0",
                "displayName matching ignores case"),
        defect(
                "members returned despite excludedAttributes=members",
                requests(
                    call -> call.is("GET", "/Groups"),
                    call -> call.param("excludedAttributes", null)))
            .fails(
                ENTRA,
                "excludedAttributes=members",
                "excludedAttributes=members",
                "found \"members\""),
        defect(
                "path-less PATCH on groups rejected",
                answers(
                    call ->
                        call.is("PATCH", "/Groups/")
                            && ops(call).stream().anyMatch(op -> !op.has("path")),
                    call -> Reply.error(400, "noTarget", "Every operation needs a path")))
            .fails(ENTRA, "Rename a group", "path-less replace", "found HTTP 400")
            .fails(
                OKTA,
                "Path-less member replace",
                "found HTTP 400",
                "path-less replace {\"members\": […]}"),
        defect(
                "Remove with a value array removes every member",
                operations(
                    call -> call.is("PATCH", "/Groups/"),
                    ops -> {
                      for (ObjectNode op : ops) {
                        if (isOp(op, "remove")
                            && op.path("path").asText().equalsIgnoreCase("members")) {
                          op.remove("value");
                        }
                      }
                      return ops;
                    }))
            .fails(
                ENTRA,
                "Members (no flag)",
                "found members [] (none)",
                "after Remove of one listed member (not of all members)"),
        defect(
                "remove by members[value eq …] is ignored",
                operations(
                    call -> call.is("PATCH", "/Groups/"),
                    ops ->
                        keep(
                            ops,
                            op -> !(isOp(op, "remove") && op.path("path").asText().contains("[")))))
            .fails(ENTRA, "Members (aadOptscim062020)", "after remove by filter", "found members [")
            .fails(
                ENTRA,
                "Members as the Validator sends them",
                "after remove by filter",
                "found members [")
            .fails(OKTA, "Membership update", "after two removes and an add", "found members [")
            .fails(
                RFC,
                "Group members",
                "after removing one member by value filter",
                "found members ["),
        defect(
                "member removes applied before adds",
                operations(
                    call -> call.is("PATCH", "/Groups/"),
                    ops -> {
                      List<ObjectNode> reordered = keep(ops, op -> isOp(op, "remove"));
                      reordered.addAll(keep(ops, op -> !isOp(op, "remove")));
                      return reordered;
                    }))
            .fails(
                ENTRA,
                "Members as the Validator sends them",
                "after adding and removing one member",
                "found members ["),
        defect(
                "deleting a deleted group answers 204",
                responses(
                    call -> call.is("DELETE", "/Groups/"),
                    (call, reply) -> {
                      if (reply.status == 404) {
                        replace(reply, new Reply(204, new byte[0]));
                      }
                    }))
            .fails(ENTRA, "Delete a group", "deleting it again finds nothing", "found HTTP 204"),
        defect(
                "startIndex always answered as 1",
                responses(
                    call -> call.is("GET", "/"),
                    (call, reply) -> {
                      JsonNode body = reply.json();
                      if (body instanceof ObjectNode list && list.has("Resources")) {
                        list.put("startIndex", 1);
                        reply.json(list);
                      }
                    }))
            .fails(ENTRA, "Paging: startIndex=1, 6, 11", "\"startIndex\": 6", "found 1")
            .fails(
                RFC,
                "Paging: startIndex and count",
                "for startIndex=3&count=2, \"startIndex\": 3",
                "found \"startIndex\": 1"),
        // --- Okta --------------------------------------------------------------------------------
        defect(
                "list counters as strings",
                responses(
                    call -> call.is("GET", "/"),
                    (call, reply) -> {
                      JsonNode body = reply.json();
                      if (body instanceof ObjectNode list && list.has("Resources")) {
                        for (String counter :
                            List.of("totalResults", "startIndex", "itemsPerPage")) {
                          if (list.has(counter)) {
                            list.put(counter, list.get(counter).asText());
                          }
                        }
                        reply.json(list);
                      }
                    }))
            .fails(OKTA, "Test API Credentials", "\"totalResults\" as a JSON integer", "found \""),
        defect(
                "ListResponse without startIndex and itemsPerPage",
                responses(
                    call -> call.is("GET", "/"),
                    (call, reply) -> {
                      JsonNode body = reply.json();
                      if (body instanceof ObjectNode list && list.has("Resources")) {
                        list.remove(List.of("startIndex", "itemsPerPage"));
                        reply.json(list);
                      }
                    }))
            .fails(OKTA, "Test API Credentials", "\"startIndex\"", "\"itemsPerPage\"")
            .fails(OKTA, "Saving the settings", "\"startIndex\"", "\"itemsPerPage\""),
        defect(
                "active left out of users",
                responses(
                    call -> call.resource.regionMatches(true, 0, "/Users", 0, 6),
                    (call, reply) -> eachResource(reply, user -> user.remove("active"))))
            .fails(
                OKTA,
                "SPEC test 1-2",
                "no active",
                "with non-empty id, name.familyName, name.givenName, userName, active"),
        defect(
                "ids that are not UUIDs answer 400",
                answers(
                    call ->
                        call.is("GET", "/Users/")
                            && !UUID.matcher(call.resource.substring("/Users/".length())).matches(),
                    call -> Reply.error(400, "invalidValue", "The id is not a UUID")))
            .fails(
                OKTA, "SPEC test 4, 12", "no 400 for an id that is not a UUID", "found HTTP 400"),
        defect(
                "404 answered with an HTML page",
                responses(
                    call -> true,
                    (call, reply) -> {
                      if (reply.status == 404) {
                        replace(
                            reply, Reply.text(404, "text/html", "<html><h1>Not Found</h1></html>"));
                      }
                    }))
            .fails(
                OKTA, "SPEC test 4, 12", "a SCIM error body with the 404", "not JSON (text/html)")
            .fails(
                RFC,
                "Errors are SCIM error bodies",
                "a SCIM error body (RFC 7644 §3.12) with the 404",
                "not JSON (text/html)"),
        defect(
                "userName lower-cased when stored",
                requests(
                    call -> call.is("POST", "/Users"),
                    call -> {
                      ObjectNode body = (ObjectNode) call.json();
                      body.put("userName", body.path("userName").asText().toLowerCase(Locale.ROOT));
                      call.json(body);
                    }))
            .fails(OKTA, "SPEC test 6-9", "case changed", "\"userName\" = ")
            .fails(ENTRA, "Create a new user", "case changed", "\"userName\" = "),
        defect(
                "GET /Groups without a filter answers 400",
                answers(
                    call ->
                        call.is("GET", "/Groups")
                            && call.resource.length() <= "/Groups/".length()
                            && call.param("filter") == null,
                    call -> Reply.error(400, "invalidFilter", "A filter is required")))
            .fails(
                OKTA,
                "SPEC test 10",
                "GET /Groups without parameters lists the groups",
                "found HTTP 400")
            .fails(
                OKTA,
                "Saving the settings",
                "which Okta lists when the settings are saved",
                "found HTTP 400"),
        defect(
                "401 with a plain-text body",
                responses(
                    call -> true,
                    (call, reply) -> {
                      if (reply.status == 401) {
                        replace(reply, Reply.text(401, "text/plain", "Unauthorized"));
                      }
                    }))
            .fails(
                OKTA,
                "SPEC test 11",
                "a SCIM error body with the 401",
                "not JSON (text/plain): Unauthorized")
            .fails(
                RFC,
                "Errors are SCIM error bodies",
                "a SCIM error body (RFC 7644 §3.12) with the 401",
                "not JSON (text/plain)"),
        defect(
                "the password is returned",
                responses(
                    call -> call.is("POST", "/Users"),
                    (call, reply) -> {
                      JsonNode sent = call.json();
                      if (reply.json() instanceof ObjectNode user
                          && sent != null
                          && sent.has("password")) {
                        user.set("password", sent.get("password"));
                        reply.json(user);
                      }
                    }))
            .fails(OKTA, "Assign a user", "no \"password\"", "found \"password\""),
        defect(
                "PUT rejects the read-only attributes a GET returned",
                answers(
                    call ->
                        call.is("PUT", "/Users/")
                            && call.json() != null
                            && (call.json().has("meta") || call.json().has("groups")),
                    call -> Reply.error(400, "mutability", "meta and groups are readOnly")))
            .fails(
                OKTA,
                "Profile update",
                "id, meta and groups, which a server ignores",
                "found HTTP 400")
            .fails(
                OKTA,
                "Deactivate and reactivate (AIW)",
                "a PUT of the GET's body",
                "found HTTP 400"),
        defect(
                "a PUT without active deactivates the user",
                requests(
                    call -> call.is("PUT", "/Users/"),
                    call -> {
                      ObjectNode body = (ObjectNode) call.json();
                      if (!body.has("active")) {
                        body.put("active", false);
                        call.json(body);
                      }
                    }))
            .fails(
                OKTA,
                "A PUT that leaves out active",
                "must not deactivate",
                "found \"active\": false"),
        defect(
                "deactivation deletes the user",
                (call, backend) -> {
                  if (call.is("PATCH", "/Users/")
                      && ops(call).stream().anyMatch(Defects::deactivates)) {
                    call.method = "DELETE";
                    call.body = new byte[0];
                    call.headers.remove("Content-Type");
                    return backend.send(call);
                  }
                  return backend.send(call);
                })
            .fails(
                OKTA,
                "Deactivate and reactivate (OIN)",
                "after deactivation (Okta never deletes users), the user is still there",
                "found HTTP 404"),
        defect(
                "PUT ignores active",
                requests(
                    call -> call.is("PUT", "/Users/"),
                    call -> {
                      ObjectNode body = (ObjectNode) call.json();
                      body.remove("active");
                      call.json(body);
                    }))
            .fails(
                OKTA,
                "Deactivate and reactivate (AIW)",
                "the deactivating PUT's response with \"active\": false",
                "found \"active\": true"),
        defect(
                "past the last page, totalResults 0",
                responses(
                    call -> call.is("GET", "/"),
                    (call, reply) -> {
                      JsonNode body = reply.json();
                      if (body instanceof ObjectNode list
                          && list.path("Resources").isEmpty()
                          && list.path("startIndex").asInt(1) > 1) {
                        list.put("totalResults", 0);
                        reply.json(list);
                      }
                    }))
            .fails(
                OKTA, "Import: pages", "past the end", "still says totalResults", "totalResults 0")
            .fails(
                RFC,
                "Paging: startIndex and count",
                "for startIndex=6&count=2 (past the end)",
                "found totalResults 0"),
        defect(
                "a path-less replace carrying the read-only id is rejected",
                answers(
                    call ->
                        call.is("PATCH", "/")
                            && ops(call).stream()
                                .anyMatch(op -> !op.has("path") && op.path("value").has("id")),
                    call -> Reply.error(400, "mutability", "Attribute 'id' is readOnly")))
            .fails(OKTA, "Group Push", "a 400 stops Group Push", "found HTTP 400"),
        defect(
                "removing a non-member answers 400",
                (call, backend) -> {
                  if (call.is("PATCH", "/Groups/")) {
                    Set<String> members = null;
                    for (ObjectNode op : ops(call)) {
                      Matcher m = MEMBER_FILTER.matcher(op.path("path").asText());
                      if (isOp(op, "remove") && m.matches()) {
                        if (members == null) {
                          members = memberIds(get(backend, call, call.resource));
                        }
                        if (!members.contains(m.group(1))) {
                          return Reply.error(400, "noTarget", "No member " + m.group(1));
                        }
                      }
                    }
                  }
                  return backend.send(call);
                })
            .fails(
                OKTA, "Membership update", "removing a user who is not a member", "found HTTP 400"),
        defect(
                "more than 20 operations in one PATCH rejected",
                answers(
                    call -> call.is("PATCH", "/") && ops(call).size() > 20,
                    call -> Reply.error(400, "tooMany", "At most 20 operations per PATCH")))
            .fails(OKTA, "Membership batch", "found HTTP 400", "50 remove operations"),
        defect(
                "replace members with [] is ignored",
                operations(
                    call -> call.is("PATCH", "/Groups/"),
                    ops ->
                        keep(
                            ops,
                            op ->
                                !(isOp(op, "replace")
                                    && op.path("path").asText().equalsIgnoreCase("members")
                                    && op.path("value").isArray()
                                    && op.path("value").isEmpty()))))
            .fails(OKTA, "Push now", "after replacing with []", "members [] (none)"),
        defect(
                "path-less replace of members adds them",
                operations(
                    call -> call.is("PATCH", "/Groups/"),
                    ops -> {
                      List<ObjectNode> changed = new ArrayList<>();
                      for (ObjectNode op : ops) {
                        if (isOp(op, "replace")
                            && !op.has("path")
                            && op.path("value").has("members")) {
                          ObjectNode value = (ObjectNode) op.get("value");
                          changed.add(
                              JsonNodeFactory.instance
                                  .objectNode()
                                  .put("op", "add")
                                  .put("path", "members")
                                  .set("value", value.remove("members")));
                          if (!value.isEmpty()) {
                            changed.add(op);
                          }
                        } else {
                          changed.add(op);
                        }
                      }
                      return changed;
                    }))
            .fails(
                OKTA,
                "Path-less member replace",
                "after the path-less replace",
                "after the path-less replace, members"),
        defect(
                "members with \"display\": null rejected",
                answers(
                    call ->
                        call.is("PUT", "/Groups/")
                            && call.json() != null
                            && elements(call.json().path("members")).stream()
                                .anyMatch(m -> m.path("display").isNull()),
                    call -> Reply.error(400, "invalidValue", "members.display must be a string")))
            .fails(OKTA, "AIW Group Push", "found HTTP 400", "\"display\": null"),
        defect(
                "deleting a group deletes its members",
                (call, backend) -> {
                  if (call.is("DELETE", "/Groups/")) {
                    for (String member : memberIds(get(backend, call, call.resource))) {
                      Call delete = new Call("DELETE", "/Users/" + member, null, new byte[0]);
                      delete.headers.putAll(call.headers);
                      backend.send(delete);
                    }
                  }
                  return backend.send(call);
                })
            .fails(
                OKTA,
                "Unlink and delete a pushed group",
                "deleting a group deletes no user",
                "found HTTP 404"),
        // --- RFC ---------------------------------------------------------------------------------
        defect(
                "/ServiceProviderConfig states supported as strings",
                responses(
                    call -> call.is("GET", "/ServiceProviderConfig"),
                    (call, reply) -> {
                      ObjectNode config = (ObjectNode) reply.json();
                      config
                          .properties()
                          .forEach(
                              field -> {
                                if (field.getValue() instanceof ObjectNode feature
                                    && feature.path("supported").isBoolean()) {
                                  feature.put("supported", feature.path("supported").asText());
                                }
                              });
                      reply.json(config);
                    }))
            .fails(
                RFC,
                "/ServiceProviderConfig states each feature",
                "patch.supported is not a boolean",
                "every REQUIRED attribute of RFC 7643 §5 with its type"),
        defect(
                "resource types without schema",
                responses(
                    call -> call.is("GET", "/ResourceTypes"),
                    (call, reply) -> eachResource(reply, type -> type.remove("schema"))))
            .fails(RFC, "/ResourceTypes lists each type", "name, endpoint and schema", "no schema"),
        defect(
                "/Schemas leaves out the enterprise extension",
                responses(
                    call -> call.is("GET", "/Schemas"),
                    (call, reply) ->
                        keepResources(
                            reply, schema -> !schema.path("id").asText().equals(ENTERPRISE))))
            .fails(RFC, "/Schemas holds every schema", ENTERPRISE, "no such schema")
            .fails(
                RFC,
                "/Schemas declares what the server stores",
                "returned although undeclared",
                "department (/Schemas has no schema " + ENTERPRISE + ")"),
        defect(
                "/Schemas does not declare phoneNumbers",
                responses(
                    call -> call.is("GET", "/Schemas"),
                    (call, reply) ->
                        eachResource(
                            reply,
                            schema -> {
                              if (schema.path("attributes") instanceof ArrayNode attributes) {
                                for (int i = attributes.size() - 1; i >= 0; i--) {
                                  if (attributes
                                      .get(i)
                                      .path("name")
                                      .asText()
                                      .equals("phoneNumbers")) {
                                    attributes.remove(i);
                                  }
                                }
                              }
                            })))
            .fails(
                RFC,
                "/Schemas declares what the server stores",
                "returned although undeclared",
                "the server's User schema declares no attribute phoneNumbers"),
        defect(
                "ETag advertised but never sent",
                responses(call -> true, (call, reply) -> reply.headers.remove("ETag")))
            .fails(
                RFC,
                "What /ServiceProviderConfig advertises",
                "an ETag header (etag.supported is true)",
                "found none")
            .fails(RFC, "ETags", "an ETag header", "found none"),
        defect(
                "Unicode filter literals decoded as ISO-8859-1",
                requests(
                    call -> call.param("filter") != null,
                    call ->
                        call.param(
                            "filter",
                            new String(
                                call.param("filter").getBytes(StandardCharsets.UTF_8),
                                StandardCharsets.ISO_8859_1))))
            .fails(
                RFC,
                "Filter operators eq, ne",
                "name.familyName eq \"Łukasiewicz\"",
                "selected none"),
        defect(
                "ge compared as gt",
                requests(
                    call -> call.param("filter") != null,
                    call ->
                        call.param("filter", call.param("filter").replaceAll("(?i) ge ", " gt "))))
            .fails(RFC, "Filter operators gt, ge", " ge ", "to select A", "it selected B"),
        defect(
                "and and or have equal precedence",
                requests(
                    call -> call.param("filter") != null,
                    call -> call.param("filter", leftToRight(call.param("filter")))))
            .fails(RFC, "Logical operators", "\"and\" binds tighter than \"or\"", "it selected C"),
        defect(
                "upper-case operators rejected",
                answers(
                    call ->
                        call.param("filter") != null
                            && Pattern.compile(
                                    "\\s(EQ|NE|CO|SW|EW|PR|GT|GE|LT|LE|AND|OR|NOT)(\\s|$)")
                                .matcher(call.param("filter"))
                                .find(),
                    call -> Reply.error(400, "invalidFilter", "Unknown operator")))
            .fails(
                RFC, "Complex attribute filters", "the valid filter USERNAME SW", "found HTTP 400"),
        defect(
                "a malformed filter answers 500",
                responses(
                    call -> true,
                    (call, reply) -> {
                      JsonNode body = reply.json();
                      if (reply.status == 400
                          && body != null
                          && body.path("scimType").asText().equals("invalidFilter")) {
                        replace(
                            reply,
                            Reply.text(
                                500, "text/plain", "java.lang.IllegalStateException: parse error"));
                      }
                    }))
            .fails(RFC, "Malformed filters", "found HTTP 500", "HTTP 400 Bad Request (the filter"),
        defect(
                "sortOrder ignored",
                requests(
                    call -> call.param("sortOrder") != null, call -> call.param("sortOrder", null)))
            .fails(
                RFC, "Sorting by userName", "sortOrder=descending to list C", "found the order A"),
        defect(
                "count=0 means no limit",
                requests(
                    call -> "0".equals(call.param("count")), call -> call.param("count", null)))
            .fails(
                RFC,
                "Paging: startIndex and count",
                "for count=0, totalResults 5 and 0 resources",
                "and 5 resources"),
        defect(
                "attributes ignored",
                requests(
                    call -> call.param("attributes") != null,
                    call -> call.param("attributes", null)))
            .fails(
                RFC,
                "attributes and excludedAttributes",
                "only userName was asked for",
                "no \"name\"",
                "found \"name\""),
        defect("If-Match ignored", requests(call -> true, call -> call.headers.remove("If-Match")))
            .fails(RFC, "ETags", "If-Match names an old version", "found HTTP 200"),
        defect(
                "error status as a JSON number",
                responses(
                    call -> true,
                    (call, reply) -> {
                      if (reply.json() instanceof ObjectNode error
                          && error.path("status").isTextual()) {
                        error.put("status", Integer.parseInt(error.path("status").asText()));
                        reply.json(error);
                      }
                    }))
            .fails(
                RFC,
                "Errors are SCIM error bodies",
                "the number 404",
                "\"status\" as the string \"404\""),
        defect(
                "responses typed application/json",
                responses(
                    call -> true,
                    (call, reply) -> {
                      if (reply.header("Content-Type") != null
                          && reply.header("Content-Type").startsWith("application/scim+json")) {
                        reply.headers.put(
                            "Content-Type", new ArrayList<>(List.of("application/json")));
                      }
                    }))
            .fails(
                RFC,
                "Content type application/scim+json",
                "found Content-Type: application/json",
                "Content-Type: application/scim+json")
            .fails(
                RFC,
                "/ServiceProviderConfig states each feature",
                "found Content-Type: application/json",
                "Content-Type: application/scim+json"),
        defect(
                "PUT to an unknown id creates the user",
                (call, backend) -> {
                  Reply reply = backend.send(call);
                  if (reply.status == 404 && call.is("PUT", "/Users/")) {
                    call.method = "POST";
                    call.resource = "/Users";
                    return backend.send(call);
                  }
                  return reply;
                })
            .fails(RFC, "PUT replaces the user", "PUT does not create", "found HTTP 201"),
        defect(
                "remove by value filter removes the whole attribute",
                operations(
                    call -> call.is("PATCH", "/Users/"),
                    ops -> {
                      for (ObjectNode op : ops) {
                        String path = op.path("path").asText();
                        if (isOp(op, "remove") && path.endsWith("]")) {
                          op.put("path", path.substring(0, path.indexOf('[')));
                        }
                      }
                      return ops;
                    }))
            .fails(
                RFC,
                "PATCH as RFC 7644 writes it",
                "after removing emails[type eq \"home\"], only the work email left",
                "emails (absent)"),
        defect(
                "search ignores the filter in its body",
                requests(
                    call -> call.is("POST", "/Users/.search"),
                    call -> {
                      ObjectNode body = (ObjectNode) call.json();
                      body.remove("filter");
                      call.json(body);
                    }))
            .fails(
                RFC,
                "POST /Users/.search",
                "the user named in the search's filter",
                "found totalResults"),
        defect(
                "POST /Groups ignores members",
                requests(
                    call -> call.is("POST", "/Groups"),
                    call -> {
                      ObjectNode body = (ObjectNode) call.json();
                      body.remove("members");
                      call.json(body);
                    }))
            .fails(
                RFC, "Group members", "after the POST with two members", "found members [] (none)")
            .fails(OKTA, "Group Push", "after the POST with members", "found members [] (none)"),
        // --- RFC: Bulk, /Me ----------------------------------------------------------------------
        defect(
                "bulk results without location",
                responses(
                    call -> call.is("POST", "/Bulk"),
                    (call, reply) -> eachBulkResult(reply, result -> result.remove("location"))))
            .fails(
                RFC,
                "Bulk: bulkId references",
                "a \"location\" (REQUIRED in each result",
                "found none in")
            .fails(
                RFC,
                "Bulk: a reference to an unknown bulkId",
                "a \"location\" (REQUIRED in each result",
                "found none in"),
        defect(
                "bulkId references resolved only to earlier operations",
                requests(call -> call.is("POST", "/Bulk"), Defects::onlyEarlierReferences))
            .fails(
                RFC,
                "Bulk: bulkId references",
                "whose members reference a later operation, \"status\": \"201\"",
                "found \"status\": \"409\""),
        defect(
                "failOnErrors ignored",
                requests(
                    call -> call.is("POST", "/Bulk"),
                    call -> {
                      ObjectNode body = (ObjectNode) call.json();
                      body.remove("failOnErrors");
                      call.json(body);
                    }))
            .fails(
                RFC,
                "Bulk: with failOnErrors 1",
                "failOnErrors is 1 and the first failed",
                "\"bulkId\":\"after\""),
        defect(
                "unknown bulkId references answered 200",
                responses(
                    call -> call.is("POST", "/Bulk"),
                    (call, reply) ->
                        eachBulkResult(
                            reply,
                            result -> {
                              if (result.path("status").asText().equals("409")) {
                                result.put("status", "200");
                                result.remove("response");
                              }
                            })))
            .fails(
                RFC,
                "Bulk: a reference to an unknown bulkId",
                "a \"status\" of 4xx",
                "found \"status\": \"200\""),
        defect(
                "/Me lists every user",
                requests(call -> call.is("GET", "/Me"), call -> call.resource = "/Users"))
            .fails(
                RFC, "/Me is the caller's User", "the caller's User: \"schemas\"", "ListResponse"),
        defect(
                "/Me answers an id that /Users does not know",
                responses(
                    call -> call.is("GET", "/Me"),
                    (call, reply) ->
                        eachResource(
                            reply, user -> user.put("id", java.util.UUID.randomUUID().toString()))))
            .fails(RFC, "/Me is the caller's User", "HTTP 200 OK (the resource)", "found HTTP 404"),
        defect(
                "/Me's Location is /Me",
                responses(
                    call -> call.is("GET", "/Me"),
                    (call, reply) -> {
                      String location = reply.header("Location");
                      if (location != null && location.contains("/Users/")) {
                        reply.headers.put(
                            "Location",
                            new ArrayList<>(
                                List.of(
                                    location.substring(0, location.indexOf("/Users/")) + "/Me")));
                      }
                    }))
            .fails(
                RFC, "/Me is the caller's User", "a Location ending in /Users/", "the User's own"),
        defect(
                "cursor pages without nextCursor",
                responses(
                    call -> call.is("GET", "/Users") && call.params().containsKey("cursor"),
                    (call, reply) -> {
                      if (reply.json() instanceof ObjectNode list && list.has("nextCursor")) {
                        list.remove("nextCursor");
                        reply.json(list);
                      }
                    }))
            .fails(RFC, "Cursor paging", "the walk to see the 5 users created", "2 distinct users"),
        defect(
                "cursors taken as they come",
                requests(
                    call -> call.is("GET", "/Users") && call.params().containsKey("cursor"),
                    call -> call.query = call.query.replaceAll("cursor=[^&]*", "cursor=")))
            .fails(RFC, "Cursor paging", "each user on one page only", "again"));
  }

  // --- how defects are injected ------------------------------------------------------------------

  @FunctionalInterface
  interface Change<T> {
    void apply(T value) throws IOException;
  }

  @FunctionalInterface
  interface ReplyChange {
    void apply(Call call, Reply reply) throws IOException;
  }

  @FunctionalInterface
  interface Answer {
    Reply to(Call call) throws IOException;
  }

  /** Changes the matching requests before they are forwarded. */
  static Interceptor requests(Predicate<Call> when, Change<Call> change) {
    return (call, backend) -> {
      if (when.test(call)) {
        change.apply(call);
      }
      return backend.send(call);
    };
  }

  /** Changes the responses to the matching requests. */
  static Interceptor responses(Predicate<Call> when, ReplyChange change) {
    return (call, backend) -> {
      Reply reply = backend.send(call);
      if (when.test(call)) {
        change.apply(call, reply);
      }
      return reply;
    };
  }

  /** Answers the matching requests without forwarding them. */
  static Interceptor answers(Predicate<Call> when, Answer answer) {
    return (call, backend) -> when.test(call) ? answer.to(call) : backend.send(call);
  }

  /** Rewrites the operations of matching PATCH requests; answers 204 when none is left. */
  static Interceptor operations(Predicate<Call> when, UnaryOperator<List<ObjectNode>> change) {
    return (call, backend) -> {
      if (!when.test(call) || !(call.json() instanceof ObjectNode body)) {
        return backend.send(call);
      }
      List<ObjectNode> changed = change.apply(ops(call));
      if (changed.isEmpty()) {
        return new Reply(204, new byte[0]);
      }
      ArrayNode operations = body.putArray("Operations");
      changed.forEach(operations::add);
      call.json(body);
      return backend.send(call);
    };
  }

  /** Rejects PATCH requests with an {@code op} spelled exactly {@code spelling}. */
  static Interceptor rejectOp(String spelling) {
    return answers(
        call ->
            call.is("PATCH", "/")
                && ops(call).stream().anyMatch(op -> op.path("op").asText().equals(spelling)),
        call ->
            Reply.error(
                400,
                "invalidSyntax",
                "Unknown operation '" + spelling + "'; expected add, remove or replace"));
  }

  /** {@code attribute eq "value"} filters on {@code endpoint} match only the exact case. */
  static Interceptor caseSensitive(String endpoint, String attribute) {
    return responses(
        call -> call.is("GET", endpoint) && call.param("filter") != null,
        (call, reply) -> {
          Matcher m = EQUALS.matcher(call.param("filter"));
          if (m.matches() && m.group(1).equalsIgnoreCase(attribute)) {
            String value = m.group(2);
            keepResources(reply, resource -> resource.path(attribute).asText().equals(value));
          }
        });
  }

  static List<ObjectNode> ops(Call call) {
    List<ObjectNode> ops = new ArrayList<>();
    JsonNode body = call.json();
    if (body != null) {
      for (JsonNode op : body.path("Operations")) {
        if (op instanceof ObjectNode object) {
          ops.add(object);
        }
      }
    }
    return ops;
  }

  static boolean isOp(JsonNode op, String name) {
    return op.path("op").asText().equalsIgnoreCase(name);
  }

  static List<ObjectNode> keep(List<ObjectNode> ops, Predicate<ObjectNode> keep) {
    List<ObjectNode> kept = new ArrayList<>();
    for (ObjectNode op : ops) {
      if (keep.test(op)) {
        kept.add(op);
      }
    }
    return kept;
  }

  /** Whether an operation sets {@code active} to false, with a path or path-less. */
  static boolean deactivates(ObjectNode op) {
    JsonNode value =
        op.has("path")
            ? op.path("path").asText().equalsIgnoreCase("active") ? op.path("value") : null
            : op.path("value").path("active");
    return value != null && value.asText().equalsIgnoreCase("false");
  }

  /** The elements of a JSON array; none when it is not one. */
  static List<JsonNode> elements(JsonNode array) {
    List<JsonNode> list = new ArrayList<>();
    array.forEach(list::add);
    return list;
  }

  /** Each resource of a ListResponse, or the resource the body is. */
  static void eachResource(Reply reply, Change<ObjectNode> change) throws IOException {
    JsonNode body = reply.json();
    if (!(body instanceof ObjectNode object)) {
      return;
    }
    if (object.has("Resources")) {
      for (JsonNode resource : object.path("Resources")) {
        if (resource instanceof ObjectNode item) {
          change.apply(item);
        }
      }
    } else {
      change.apply(object);
    }
    reply.json(object);
  }

  /** Each result of a BulkResponse. */
  static void eachBulkResult(Reply reply, Change<ObjectNode> change) throws IOException {
    if (!(reply.json() instanceof ObjectNode body)) {
      return;
    }
    for (JsonNode result : body.path("Operations")) {
      if (result instanceof ObjectNode object) {
        change.apply(object);
      }
    }
    reply.json(body);
  }

  /**
   * Makes a bulk request's references to POST operations further down unresolvable, as a server
   * that runs the operations in order and resolves a bulkId only to a resource already created
   * does.
   */
  static void onlyEarlierReferences(Call call) {
    if (!(call.json() instanceof ObjectNode body)) {
      return;
    }
    Set<String> created = new HashSet<>();
    for (JsonNode operation : body.path("Operations")) {
      if (operation instanceof ObjectNode op) {
        op.set("path", unresolved(op.path("path"), created));
        if (op.has("data")) {
          op.set("data", unresolved(op.get("data"), created));
        }
        if (op.path("method").asText().equalsIgnoreCase("POST")) {
          created.add(op.path("bulkId").asText());
        }
      }
    }
    call.json(body);
  }

  /**
   * {@code value} with each {@code bulkId:x} not in {@code created} made {@code bulkId:x-later}.
   */
  private static JsonNode unresolved(JsonNode value, Set<String> created) {
    if (value.isTextual()) {
      Matcher m = BULK_ID.matcher(value.textValue());
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        String id = m.group(1);
        m.appendReplacement(
            out, Matcher.quoteReplacement(created.contains(id) ? m.group() : m.group() + "-later"));
      }
      m.appendTail(out);
      return TextNode.valueOf(out.toString());
    }
    if (value instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        array.set(i, unresolved(array.get(i), created));
      }
    } else if (value instanceof ObjectNode object) {
      for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
        object.set(field.getKey(), unresolved(field.getValue(), created));
      }
    }
    return value;
  }

  /** Leaves out the resources of a ListResponse that {@code keep} rejects, and counts again. */
  static void keepResources(Reply reply, Predicate<JsonNode> keep) {
    if (!(reply.json() instanceof ObjectNode list)
        || !(list.get("Resources") instanceof ArrayNode resources)) {
      return;
    }
    int removed = 0;
    for (int i = resources.size() - 1; i >= 0; i--) {
      if (!keep.test(resources.get(i))) {
        resources.remove(i);
        removed++;
      }
    }
    list.put("totalResults", list.path("totalResults").asInt() - removed);
    if (list.has("itemsPerPage")) {
      list.set("itemsPerPage", IntNode.valueOf(resources.size()));
    }
    reply.json(list);
  }

  static void replace(Reply reply, Reply with) {
    reply.status = with.status;
    reply.headers.clear();
    reply.headers.putAll(with.headers);
    reply.body = with.body;
  }

  /** GETs {@code resource} from the backend with the request's credentials. */
  static JsonNode get(Backend backend, Call call, String resource) throws IOException {
    Call get = new Call("GET", resource, null, new byte[0]);
    get.headers.put("Authorization", call.headers.getOrDefault("Authorization", List.of()));
    JsonNode body = backend.send(get).json();
    return body == null ? JsonNodeFactory.instance.objectNode() : body;
  }

  static Set<String> memberIds(JsonNode group) {
    Set<String> ids = new HashSet<>();
    group.path("members").forEach(member -> ids.add(member.path("value").asText()));
    return ids;
  }

  /**
   * The filter with {@code and} and {@code or} of equal precedence, grouped left to right as a
   * naive parser does: {@code a or b and c} becomes {@code ((a or b) and c)}.
   */
  static String leftToRight(String filter) {
    List<String> operands = new ArrayList<>();
    List<String> operators = new ArrayList<>();
    int depth = 0;
    boolean quoted = false;
    int start = 0;
    for (int i = 0; i < filter.length(); i++) {
      char c = filter.charAt(i);
      if (quoted) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == '(' || c == '[') {
        depth++;
      } else if (c == ')' || c == ']') {
        depth--;
      } else if (depth == 0 && c == ' ') {
        Matcher m = Pattern.compile("(?i) (and|or) ").matcher(filter).region(i, filter.length());
        if (m.lookingAt()) {
          operands.add(filter.substring(start, i));
          operators.add(m.group(1));
          i = m.end() - 1;
          start = m.end();
        }
      }
    }
    operands.add(filter.substring(start));
    String grouped = operand(operands.get(0));
    for (int i = 1; i < operands.size(); i++) {
      grouped = "(" + grouped + " " + operators.get(i - 1) + " " + operand(operands.get(i)) + ")";
    }
    return grouped;
  }

  private static String operand(String text) {
    String trimmed = text.strip();
    String not = "";
    if (trimmed.toLowerCase(Locale.ROOT).startsWith("not ")) {
      not = "not ";
      trimmed = trimmed.substring(4).strip();
    }
    if (trimmed.startsWith("(") && trimmed.endsWith(")")) {
      return not + "(" + leftToRight(trimmed.substring(1, trimmed.length() - 1)) + ")";
    }
    return not + trimmed;
  }
}
