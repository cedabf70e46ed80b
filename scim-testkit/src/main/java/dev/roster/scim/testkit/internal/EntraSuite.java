package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.testkit.Suite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What Microsoft Entra ID's provisioning service and the Microsoft SCIM Validator send, in the
 * order an admin meets it: Test Connection, users, PATCH in every form (without and with the {@code
 * aadOptscim062020} flag), manager, groups, paging. References are to Microsoft Learn and the SCIM
 * Validator.
 */
final class EntraSuite {
  private static final String FLAG = " (aadOptscim062020)";
  private static final String NO_FLAG = " (no flag)";

  private EntraSuite() {}

  static List<Check> checks() {
    return new Checks(Suite.ENTRA)
        .add(
            "Test Connection: a filter for a random userName answers 200 with an empty ListResponse",
            "Microsoft Learn (Test Connection; Get User by query - Zero results): "
                + Sources.ENTRA_SCIM
                + "#get-user-by-query---zero-results",
            EntraSuite::testConnection)
        .add(
            "Test Connection: the random group probe with excludedAttributes=members answers 200",
            "Microsoft Learn (random user/group probe; excludedAttributes=members): "
                + Sources.ENTRA_SCIM
                + "#understand-the-azure-ad-scim-implementation",
            Requirement.GROUPS,
            EntraSuite::testConnectionGroups)
        .add(
            "Test Connection with a wrong secret token: 401 (or 403)",
            "RFC 7644 §3.12 (401); Microsoft Learn (Handling endpoint authentication): "
                + Sources.ENTRA_SCIM
                + "#handling-endpoint-authentication",
            EntraSuite::wrongToken)
        .add(
            "Create a new user: no match, POST 201 with id, then GET and the userName filter return"
                + " every attribute as sent",
            "Microsoft Learn (Create User; Get User by query); SCIM Validator \"Create a new User\": "
                + Sources.ENTRA_SCIM
                + "#create-user",
            EntraSuite::createUser)
        .add(
            "Create a duplicate user: 409 Conflict",
            "Microsoft SCIM Validator test \"Create a duplicate User\" (409): " + Sources.VALIDATOR,
            EntraSuite::duplicateUser)
        .add(
            "Filter for an existing user with a different case finds it",
            "Microsoft SCIM Validator test \"Filter for an existing user with a different case\": "
                + Sources.VALIDATOR,
            EntraSuite::userNameCase)
        .add(
            "Filter by externalId (the other matching attribute) finds exactly the user",
            "Microsoft Learn (users queried by userName, externalId): "
                + Sources.ENTRA_SCIM
                + "#understand-the-azure-ad-scim-implementation",
            EntraSuite::externalIdFilter)
        .add(
            "GET /Users/{id} for an id that does not exist: 404",
            "Microsoft Learn (Get User - User not found: 404): " + Sources.ENTRA_SCIM + "#get-user",
            EntraSuite::unknownUser)
        .add(
            "PATCH"
                + NO_FLAG
                + ": a capitalised Add per attribute the user has no value for yet,"
                + " value-filter paths included",
            "Microsoft Learn, SCIM flags (\"Add\" without flag): " + Sources.ENTRA_FLAGS,
            run -> addAttributes(run, "Add"))
        .add(
            "PATCH" + FLAG + ": a lowercase add per attribute the user has no value for yet",
            "Microsoft Learn, SCIM flags (\"add\", aadOptscim062020): " + Sources.ENTRA_FLAGS,
            run -> addAttributes(run, "add"))
        .add(
            "PATCH"
                + NO_FLAG
                + ": one capitalised Replace per attribute, value-filter and"
                + " extension URN paths included",
            "Microsoft Learn, SCIM flags (replace multiple, no flag): " + Sources.ENTRA_FLAGS,
            EntraSuite::replaceOnePerAttribute)
        .add(
            "PATCH"
                + FLAG
                + ": value-filter paths keep their op, the rest in one path-less"
                + " replace with dotted and URN-qualified keys",
            "Microsoft Learn, SCIM flags (replace multiple, flag on): " + Sources.ENTRA_FLAGS,
            EntraSuite::replacePathless)
        .add(
            "PATCH: rename userName with a path (Replace) and path-less (Validator)",
            "Microsoft Learn (Update User [Single-valued]; Validator \"Update User userName\"): "
                + Sources.ENTRA_SCIM
                + "#update-user-single-valued-properties",
            EntraSuite::renameUser)
        .add(
            "Disable and re-enable"
                + NO_FLAG
                + ": Replace active with the strings \"False\" and"
                + " \"True\"",
            "Microsoft Learn, SCIM flags (disable user, no flag: \"False\"): "
                + Sources.ENTRA_FLAGS,
            Requirement.writes("active"),
            run -> disable(run, "Replace", "False", "True"))
        .add(
            "Disable and re-enable"
                + FLAG
                + ": replace active with false and true; the disabled"
                + " user is still found",
            "Microsoft Learn, SCIM flags (disable, flag on); Validator \"Disable User\": "
                + Sources.ENTRA_FLAGS,
            Requirement.writes("active"),
            run -> disable(run, "replace", false, true))
        .add(
            "PATCH with several operations on the same and on different attributes applies them"
                + " in order (Validator preview)",
            "RFC 7644 §3.5.2; SCIM Validator preview \"Patch User - Multiple Operations\": "
                + Sources.VALIDATOR,
            Requirement.writes("name.givenName", "name.familyName"),
            EntraSuite::multipleOperations)
        .add(
            "Manager round trip: set, change and remove as the engine (bare id) and the Validator"
                + " ({\"value\": id}) send it; read back as {\"value\": id}",
            "RFC 7643 §4.3; Microsoft Learn (Example 5, update manager): "
                + Sources.ENTRA_SCIM
                + "#handling-provisioning-and-deprovisioning-of-users",
            Requirement.writes(Fixtures.MANAGER),
            EntraSuite::manager)
        .add(
            "Delete a user: 204, then GET 404 and a second DELETE 404",
            "Microsoft Learn (Delete User); SCIM Validator \"Delete the same User twice\": "
                + Sources.ENTRA_SCIM
                + "#delete-user",
            EntraSuite::deleteUser)
        .add(
            "Create a new group (ADSCIM schema URI, meta) and find it by displayName with"
                + " excludedAttributes=members",
            "Microsoft Learn (Create Group; Get Group by displayName): "
                + Sources.ENTRA_SCIM
                + "#create-group",
            Requirement.GROUPS,
            EntraSuite::createGroup)
        .add(
            "Create a duplicate group: 409 Conflict",
            "Microsoft SCIM Validator test \"Create a duplicate Group\" (409): "
                + Sources.VALIDATOR,
            Requirement.GROUPS,
            EntraSuite::duplicateGroup)
        .add(
            "Filter for an existing group with a different case finds it",
            "Microsoft SCIM Validator test \"Filter for an existing group with a different case\": "
                + Sources.VALIDATOR,
            Requirement.GROUPS,
            EntraSuite::groupNameCase)
        .add(
            "excludedAttributes=members: GET /Groups/{id} and the displayName filter leave out the"
                + " members of a group that has some",
            "Microsoft Learn (Get Group; Get Group by displayName); SCIM Validator \"Get group by id excluding members\": "
                + Sources.ENTRA_SCIM
                + "#get-group",
            Requirement.GROUPS,
            EntraSuite::excludedMembers)
        .add(
            "Rename a group: Replace displayName with a path, then path-less displayName and"
                + " externalId (Validator)",
            "Microsoft Learn (Update Group [Non-member attributes]; Validator path-less replace): "
                + Sources.ENTRA_SCIM
                + "#update-group-non-member-attributes",
            Requirement.GROUPS,
            EntraSuite::renameGroup)
        .add(
            "Members"
                + NO_FLAG
                + ": Add two with \"$ref\": null, then Remove with a value array"
                + " removes only the listed member",
            "Microsoft Learn (Update Group [Add Members], [Remove Members]): "
                + Sources.ENTRA_SCIM
                + "#update-group-add-members",
            Requirement.GROUPS,
            EntraSuite::membersWithoutFlag)
        .add(
            "Members" + FLAG + ": add, then remove with members[value eq \"id\"]",
            "Microsoft Learn, SCIM flags (remove member, flag on): " + Sources.ENTRA_FLAGS,
            Requirement.GROUPS,
            EntraSuite::membersWithFlag)
        .add(
            "Members as the Validator sends them: replace the list, remove by filter, add and"
                + " remove one member in one request",
            "SCIM Validator \"Patch Group - Add Member\", \"Remove Member\", multiple operations: "
                + Sources.VALIDATOR,
            Requirement.GROUPS,
            EntraSuite::validatorMembers)
        .add(
            "Delete a group: 204, then GET 404 and a second DELETE 404",
            "Microsoft Learn (Delete Group); SCIM Validator \"Delete the same Group twice\": "
                + Sources.ENTRA_SCIM
                + "#delete-group",
            Requirement.GROUPS,
            EntraSuite::deleteGroup)
        .add(
            "Paging: startIndex=1, 6, 11… with count=5 walks every user once and echoes"
                + " startIndex",
            "RFC 7644 §3.4.2.4; Microsoft Learn (\"listing users and paginating\"): "
                + Sources.ENTRA_SCIM
                + "#understand-the-azure-ad-scim-implementation",
            EntraSuite::paging)
        .build();
  }

  // --- Test Connection --------------------------------------------------------------------------

  private static void testConnection(CheckRun run) {
    String guid = UUID.randomUUID().toString();
    Response response = run.entra().get(byUserName(guid));
    response.expectStatus(
        "a filter that matches nothing is no error; a 404 puts the provisioning job in"
            + " quarantine",
        200);
    response.listing().expectTotal(0, "no user has a random GUID as userName");
    noteContentType(run, response);
  }

  private static void testConnectionGroups(CheckRun run) {
    String random = UUID.randomUUID().toString().substring(0, 12).toUpperCase(Locale.ROOT);
    Response response =
        run.entra()
            .get(
                "/Groups?excludedAttributes=members&filter="
                    + Query.form("displayName eq " + Query.literal(random)));
    response.expectStatus(
        "the probe for a random group with excludedAttributes=members matches nothing, which is"
            + " no error: an empty ListResponse",
        200);
    response.listing().expectTotal(0, "no group has a random displayName");
  }

  private static void wrongToken(CheckRun run) {
    Response response =
        run.entra()
            .withAuthorization("Bearer not-the-token-" + UUID.randomUUID())
            .get(byUserName(UUID.randomUUID().toString()));
    response.expectStatus(
        "credentials are refused, so Test Connection fails and says so (\"Invalid"
            + " credentials\")",
        401,
        403);
  }

  // --- users -------------------------------------------------------------------------------------

  private static void createUser(CheckRun run) {
    String userName = run.userName("Ada");
    Map<String, Object> user = run.fixtures().user(userName);
    run.entra()
        .get(byUserName(userName))
        .listing()
        .expectTotal(0, "the pre-create query finds no match");
    Response created = run.entra().post("/Users", run.fixtures().entraUser(user));
    created.expectStatus("Entra needs 201 Created with the new user's id", 201);
    String id = created.text("id");
    created.expectValue("userName", userName);
    Response got = run.read(run.entra(), "/Users/" + id);
    got.expectValue("id", id);
    run.verify(got, got.json(), user, "GET /Users/{id}");
    Listing found = run.entra().get(byUserName(userName)).listing();
    JsonNode match = found.single("the userName filter finds the new user");
    run.verify(found.response(), match, user, "in the userName filter's result");
    if (!match.path("id").asText().equals(id)) {
      throw found.response().fail("the user with id " + id, "id " + match.path("id"));
    }
  }

  private static void duplicateUser(CheckRun run) {
    ObjectNode body = run.fixtures().entraUser(run.fixtures().user(run.userName("Dup")));
    run.create(run.entra(), "/Users", body);
    Response again = run.entra().post("/Users", body);
    again.expectStatus("the userName is taken", 409);
    if (!again.isJson() || !"uniqueness".equals(Json.get(again.json(), "scimType").asText())) {
      run.note(
          "The 409 carries no \"scimType\": \"uniqueness\" (the Validator's passing answer does)");
    }
  }

  private static void userNameCase(CheckRun run) {
    String userName = run.userName("CaseTest");
    String id =
        run.create(run.entra(), "/Users", run.fixtures().entraUser(run.fixtures().user(userName)));
    for (String variant :
        List.of(userName.toUpperCase(Locale.ROOT), userName.toLowerCase(Locale.ROOT))) {
      Listing found = run.entra().get(byUserName(variant)).listing();
      JsonNode match = found.single("userName is caseExact false: \"" + variant + "\" matches");
      if (!match.path("id").asText().equals(id)) {
        throw found.response().fail("the user with id " + id, "id " + match.path("id"));
      }
    }
  }

  private static void externalIdFilter(CheckRun run) {
    Map<String, Object> user = run.fixtures().user(run.userName("Ext"));
    String id = run.create(run.entra(), "/Users", run.fixtures().entraUser(user));
    // A second user, so that a server ignoring the filter cannot pass by holding one user only.
    run.create(
        run.entra(),
        "/Users",
        run.fixtures().entraUser(run.fixtures().user(run.userName("Other"))));
    String externalId = (String) user.get("externalId");
    Listing found =
        run.entra()
            .get("/Users?filter=" + Query.form("externalId eq " + Query.literal(externalId)))
            .listing();
    JsonNode match = found.single("exactly the user with that externalId");
    if (!match.path("id").asText().equals(id)) {
      throw found.response().fail("the user with id " + id, "id " + match.path("id"));
    }
  }

  private static void unknownUser(CheckRun run) {
    run.entra()
        .get("/Users/" + UUID.randomUUID())
        .expectStatus("no such user; Entra reads a missing cached id as InvalidAnchor", 404);
  }

  // --- PATCH users -------------------------------------------------------------------------------

  private static void addAttributes(CheckRun run, String op) {
    String userName = run.userName("Adds");
    Map<String, Object> bare = new LinkedHashMap<>();
    bare.put("userName", userName);
    if (run.fixtures().writes("active")) {
      bare.put("active", true);
    }
    String id = run.create(run.entra(), "/Users", run.fixtures().entraUser(bare));
    Map<String, Object> changes = run.fixtures().changes(userName);
    List<ObjectNode> ops = new ArrayList<>();
    changes.forEach((path, value) -> ops.add(Json.op(op, path, value)));
    Map<String, Object> expected = new LinkedHashMap<>(bare);
    expected.putAll(changes);
    run.patchAndVerify(run.entra(), "/Users/" + id, Json.patch(ops), expected, op + " operations");
  }

  private static void replaceOnePerAttribute(CheckRun run) {
    String userName = run.userName("Replaces");
    Map<String, Object> user = run.fixtures().user(userName);
    String id = run.create(run.entra(), "/Users", run.fixtures().entraUser(user));
    Map<String, Object> changes = run.fixtures().changes(userName);
    List<ObjectNode> ops = new ArrayList<>();
    changes.forEach((path, value) -> ops.add(Json.op("Replace", path, value)));
    Map<String, Object> expected = new LinkedHashMap<>(user);
    expected.putAll(changes);
    run.patchAndVerify(
        run.entra(), "/Users/" + id, Json.patch(ops), expected, "one Replace per attribute");
  }

  private static void replacePathless(CheckRun run) {
    String userName = run.userName("Pathless");
    Map<String, Object> user = run.fixtures().user(userName);
    String id = run.create(run.entra(), "/Users", run.fixtures().entraUser(user));
    Map<String, Object> changes = run.fixtures().changes(userName);
    List<ObjectNode> ops = new ArrayList<>();
    ObjectNode folded = Json.object();
    changes.forEach(
        (path, value) -> {
          if (path.contains("[")) {
            ops.add(Json.op("replace", path, value));
          } else {
            folded.set(path, Json.value(value));
          }
        });
    ops.add(Json.op("replace", null, folded));
    Map<String, Object> expected = new LinkedHashMap<>(user);
    expected.putAll(changes);
    run.patchAndVerify(
        run.entra(),
        "/Users/" + id,
        Json.patch(ops),
        expected,
        "a path-less replace whose keys are attribute paths");
  }

  private static void renameUser(CheckRun run) {
    String oldName = run.userName("Before");
    String id =
        run.create(run.entra(), "/Users", run.fixtures().entraUser(run.fixtures().user(oldName)));
    String newName = run.userName("After");
    run.patchAndVerify(
        run.entra(),
        "/Users/" + id,
        Json.patch(Json.op("Replace", "userName", newName)),
        Map.of("userName", newName),
        "Replace userName");
    expectFoundBy(run, newName, id);
    run.entra().get(byUserName(oldName)).listing().expectTotal(0, "the old userName is gone");
    String newest = run.userName("Again");
    run.patchAndVerify(
        run.entra(),
        "/Users/" + id,
        Json.patch(Json.op("replace", null, Json.object("userName", newest))),
        Map.of("userName", newest),
        "path-less replace {\"userName\": …}");
    expectFoundBy(run, newest, id);
  }

  private static void disable(CheckRun run, String op, Object off, Object on) {
    String userName = run.userName("Leaver");
    String id =
        run.create(run.entra(), "/Users", run.fixtures().entraUser(run.fixtures().user(userName)));
    run.patchAndVerify(
        run.entra(),
        "/Users/" + id,
        Json.patch(Json.op(op, "active", off)),
        Map.of("active", false),
        op + " active " + Json.show(Json.value(off)));
    Listing found = run.entra().get(byUserName(userName)).listing();
    JsonNode match =
        found.single("a disabled user is still returned (only hard-deleted users disappear)");
    if (!match.path("active").equals(Json.value(false))) {
      throw found
          .response()
          .fail("the filter result with \"active\": false", Json.show(match.path("active")));
    }
    run.patchAndVerify(
        run.entra(),
        "/Users/" + id,
        Json.patch(Json.op(op, "active", on)),
        Map.of("active", true),
        op + " active " + Json.show(Json.value(on)));
  }

  private static void multipleOperations(CheckRun run) {
    String userName = run.userName("Multi");
    Map<String, Object> user = run.fixtures().user(userName);
    String id = run.create(run.entra(), "/Users", run.fixtures().entraUser(user));
    String first = UUID.randomUUID().toString();
    String last = UUID.randomUUID().toString();
    ObjectNode body =
        Json.patch(
            Json.op("remove", "externalId", Json.NO_VALUE),
            Json.op("add", null, Json.object("externalId", first)),
            Json.op("replace", null, Json.object("externalId", last)),
            Json.op("add", "name.givenName", "Grace"),
            Json.op("replace", "name.familyName", "Hopper"));
    Map<String, Object> expected = new LinkedHashMap<>(user);
    expected.put("externalId", last);
    expected.put("name.givenName", "Grace");
    expected.put("name.familyName", "Hopper");
    run.patchAndVerify(run.entra(), "/Users/" + id, body, expected, "five operations in order");
  }

  private static void manager(CheckRun run) {
    Fixtures fixtures = run.fixtures();
    String boss =
        run.create(run.entra(), "/Users", fixtures.entraUser(fixtures.user(run.userName("Boss"))));
    String other =
        run.create(run.entra(), "/Users", fixtures.entraUser(fixtures.user(run.userName("Other"))));
    String employee =
        run.create(
            run.entra(), "/Users", fixtures.entraUser(fixtures.user(run.userName("Employee"))));
    String path = "/Users/" + employee;
    String manager = Fixtures.MANAGER;
    // The provisioning engine: a bare id string, read back as {"value": id}.
    setManager(run, path, Json.op("Add", manager, boss), boss, "Add manager with a bare id");
    setManager(run, path, Json.op("replace", manager, other), other, "replace manager (bare id)");
    setManager(run, path, Json.op("replace", manager, ""), null, "replace manager with \"\"");
    // The SCIM Validator: complex values.
    setManager(
        run,
        path,
        Json.op("add", manager, Json.object("value", boss)),
        boss,
        "add manager {\"value\": id}");
    setManager(
        run,
        path,
        Json.op("replace", manager, Json.object("value", other)),
        other,
        "replace manager {\"value\": id}");
    setManager(
        run,
        path,
        Json.op("replace", manager, Json.object("value", "")),
        null,
        "replace manager {\"value\": \"\"}");
  }

  private static void setManager(
      CheckRun run, String path, ObjectNode op, String expectedId, String what) {
    Response patched = run.entra().patch(path, Json.patch(op));
    patched.expectStatus(what + " is applied: 200 or 204", 200, 204);
    Response got = run.read(run.entra(), path);
    JsonNode manager = got.at(Fixtures.MANAGER);
    if (expectedId == null) {
      boolean cleared = Json.isEmpty(manager) || Json.isEmpty(Json.get(manager, "value"));
      if (!cleared) {
        throw got.fail(
            "after " + what + ", no manager (absent, null or an empty value)",
            "manager " + Json.show(manager));
      }
      return;
    }
    if (!manager.isObject()) {
      throw got.fail(
          "after "
              + what
              + ", manager read back as {\"value\": \""
              + expectedId
              + "\"} (a bare string fails Entra with ServiceIncompatible)",
          "manager " + Json.show(manager));
    }
    String value = Json.get(manager, "value").asText();
    if (!value.equals(expectedId)) {
      throw got.fail(
          "after " + what + ", manager.value \"" + expectedId + "\"",
          "manager " + Json.show(manager));
    }
  }

  private static void deleteUser(CheckRun run) {
    String id =
        run.create(
            run.entra(),
            "/Users",
            run.fixtures().entraUser(run.fixtures().user(run.userName("Gone"))));
    run.entra().delete("/Users/" + id).expectStatus("the user is deleted", 204);
    run.entra().get("/Users/" + id).expectStatus("a deleted user is gone", 404);
    run.entra().delete("/Users/" + id).expectStatus("deleting it again finds nothing", 404);
  }

  // --- groups ------------------------------------------------------------------------------------

  private static void createGroup(CheckRun run) {
    String name = run.groupName("Readers");
    run.entra().get(byDisplayName(name)).listing().expectTotal(0, "no group of that name yet");
    ObjectNode body = run.fixtures().entraGroup(name);
    Response created = run.entra().post("/Groups", body);
    created.expectStatus(
        "Entra needs 201 Created with the new group's id; the ADSCIM schema URI and meta in the"
            + " body are ignored",
        201);
    String id = created.text("id");
    created.expectValue("displayName", name);
    Listing found = run.entra().get(byDisplayName(name)).listing();
    JsonNode match = found.single("the displayName filter finds the new group");
    if (!match.path("id").asText().equals(id)) {
      throw found.response().fail("the group with id " + id, "id " + match.path("id"));
    }
    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("displayName", name);
    expected.put("externalId", body.get("externalId").textValue());
    run.verify(found.response(), match, expected, "in the displayName filter's result");
  }

  private static void duplicateGroup(CheckRun run) {
    ObjectNode body = run.fixtures().entraGroup(run.groupName("Twice"));
    run.create(run.entra(), "/Groups", body);
    run.entra()
        .post("/Groups", body)
        .expectStatus("displayName must be unique for Entra to match groups", 409);
  }

  private static void groupNameCase(CheckRun run) {
    String name = run.groupName("MixedCase");
    String id = run.create(run.entra(), "/Groups", run.fixtures().entraGroup(name));
    for (String variant : List.of(name.toLowerCase(Locale.ROOT), name.toUpperCase(Locale.ROOT))) {
      Listing found = run.entra().get(byDisplayName(variant)).listing();
      JsonNode match = found.single("displayName matching ignores case: \"" + variant + "\"");
      if (!match.path("id").asText().equals(id)) {
        throw found.response().fail("the group with id " + id, "id " + match.path("id"));
      }
    }
  }

  private static void excludedMembers(CheckRun run) {
    String member =
        run.create(
            run.entra(),
            "/Users",
            run.fixtures().entraUser(run.fixtures().user(run.userName("Member"))));
    String name = run.groupName("Excluded");
    String group = run.create(run.entra(), "/Groups", run.fixtures().entraGroup(name));
    addMembers(run, group, "Add", member);
    run.expectMembers(run.entra(), group, Set.of(member), "after adding one member");
    Response byId = run.read(run.entra(), "/Groups/" + group + "?excludedAttributes=members");
    byId.expectAbsent("members", "excludedAttributes=members; returning them breaks Entra");
    byId.expectValue("displayName", name);
    JsonNode match =
        run.entra().get(byDisplayName(name)).listing().single("the group by displayName");
    if (!Json.get(match, "members").isMissingNode()) {
      throw run.fail(
          "no \"members\" in the filter result (excludedAttributes=members)",
          "\"members\": " + Json.show(Json.get(match, "members")));
    }
  }

  private static void renameGroup(CheckRun run) {
    String id = run.create(run.entra(), "/Groups", run.fixtures().entraGroup(run.groupName("Old")));
    String renamed = run.groupName("Renamed");
    patchGroup(
        run, id, Json.patch(Json.op("Replace", "displayName", renamed)), "Replace displayName");
    Response got = run.read(run.entra(), "/Groups/" + id + "?excludedAttributes=members");
    got.expectValue("displayName", renamed);
    String again = run.groupName("Again");
    patchGroup(
        run,
        id,
        Json.patch(Json.op("replace", null, Json.object("displayName", again))),
        "path-less replace {\"displayName\": …}");
    run.read(run.entra(), "/Groups/" + id + "?excludedAttributes=members")
        .expectValue("displayName", again);
    String externalId = UUID.randomUUID().toString();
    patchGroup(
        run,
        id,
        Json.patch(Json.op("replace", null, Json.object("externalId", externalId))),
        "path-less replace {\"externalId\": …}");
    run.read(run.entra(), "/Groups/" + id + "?excludedAttributes=members")
        .expectValue("externalId", externalId)
        .expectValue("displayName", again);
  }

  private static void membersWithoutFlag(CheckRun run) {
    List<String> users = users(run, 3);
    String group =
        run.create(run.entra(), "/Groups", run.fixtures().entraGroup(run.groupName("NoFlag")));
    ObjectNode add =
        Json.patch(
            Json.op(
                "Add",
                "members",
                Json.array(
                    Json.member(users.get(0), "$ref", null),
                    Json.member(users.get(1), "$ref", null))));
    patchGroup(run, group, add, "Add two members");
    run.expectMembers(run.entra(), group, Set.of(users.get(0), users.get(1)), "after Add");
    addMembers(run, group, "Add", users.get(2));
    run.expectMembers(run.entra(), group, new HashSet<>(users), "after a second Add");
    ObjectNode remove =
        Json.patch(Json.op("Remove", "members", Json.array(Json.member(users.get(1)))));
    patchGroup(run, group, remove, "Remove with a value array");
    run.expectMembers(
        run.entra(),
        group,
        Set.of(users.get(0), users.get(2)),
        "after Remove of one listed member (not of all members)");
  }

  private static void membersWithFlag(CheckRun run) {
    List<String> users = users(run, 2);
    String group =
        run.create(run.entra(), "/Groups", run.fixtures().entraGroup(run.groupName("Flag")));
    addMembers(run, group, "add", users.get(0), users.get(1));
    run.expectMembers(run.entra(), group, new HashSet<>(users), "after add");
    patchGroup(
        run,
        group,
        Json.patch(Json.op("remove", memberFilter(users.get(0)), Json.NO_VALUE)),
        "remove members[value eq …]");
    run.expectMembers(run.entra(), group, Set.of(users.get(1)), "after remove by filter");
  }

  private static void validatorMembers(CheckRun run) {
    List<String> users = users(run, 3);
    String group =
        run.create(run.entra(), "/Groups", run.fixtures().entraGroup(run.groupName("Validator")));
    patchGroup(
        run,
        group,
        Json.patch(Json.op("replace", "members", Json.array(Json.member(users.get(0))))),
        "replace members");
    run.expectMembers(run.entra(), group, Set.of(users.get(0)), "after replace with one member");
    patchGroup(
        run,
        group,
        Json.patch(
            Json.op(
                "replace",
                "members",
                Json.array(Json.member(users.get(0)), Json.member(users.get(1))))),
        "replace members with two");
    run.expectMembers(run.entra(), group, Set.of(users.get(0), users.get(1)), "after replace");
    patchGroup(
        run,
        group,
        Json.patch(Json.op("remove", memberFilter(users.get(1)), Json.NO_VALUE)),
        "remove by filter");
    run.expectMembers(run.entra(), group, Set.of(users.get(0)), "after remove by filter");
    patchGroup(
        run,
        group,
        Json.patch(
            Json.op("add", "members", Json.array(Json.member(users.get(2)))),
            Json.op("remove", memberFilter(users.get(2)), Json.NO_VALUE)),
        "add and remove the same member in one request");
    run.expectMembers(
        run.entra(), group, Set.of(users.get(0)), "after adding and removing one member");
  }

  private static void deleteGroup(CheckRun run) {
    String id =
        run.create(run.entra(), "/Groups", run.fixtures().entraGroup(run.groupName("Deleted")));
    run.entra().delete("/Groups/" + id).expectStatus("the group is deleted", 204);
    run.entra().get("/Groups/" + id).expectStatus("a deleted group is gone", 404);
    run.entra().delete("/Groups/" + id).expectStatus("deleting it again finds nothing", 404);
  }

  // --- paging ------------------------------------------------------------------------------------

  private static void paging(CheckRun run) {
    String externalId = run.prefix() + "-paging";
    Set<String> ours = new HashSet<>();
    for (int i = 0; i < 11; i++) {
      Map<String, Object> user = run.fixtures().user(run.userName("Page" + i));
      user.put("externalId", externalId);
      ours.add(run.create(run.entra(), "/Users", run.fixtures().entraUser(user)));
    }
    String filter = "";
    Listing first = run.entra().get("/Users?startIndex=1&count=5").listing();
    if (first.total() > 2000) {
      filter = "&filter=" + Query.form("externalId eq " + Query.literal(externalId));
      run.note(
          "The server holds "
              + first.total()
              + " users, so the walk is limited to this check's 11 users (externalId eq)");
    }
    List<String> seen = new ArrayList<>();
    long start = 1;
    long total = Long.MAX_VALUE;
    for (int page = 0; page < 500 && start <= total; page++) {
      Listing listing =
          run.entra().get("/Users?startIndex=" + start + "&count=5" + filter).listing();
      total = listing.total();
      if (listing.startIndex() == null || listing.startIndex() != start) {
        throw listing
            .response()
            .fail(
                "\"startIndex\": " + start + " (the one requested)",
                String.valueOf(listing.startIndex()));
      }
      if (listing.resources().size() > 5) {
        throw listing
            .response()
            .fail("at most 5 resources (count=5)", listing.resources().size() + " resources");
      }
      listing.expectItemsPerPageMatches();
      if (listing.resources().isEmpty()) {
        if (start <= total) {
          throw listing
              .response()
              .fail(
                  "resources up to totalResults " + total, "an empty page at startIndex " + start);
        }
        break;
      }
      seen.addAll(listing.ids());
      start += listing.resources().size();
    }
    List<String> ourSeen = new ArrayList<>(seen);
    ourSeen.retainAll(ours);
    if (ourSeen.size() != ours.size() || !new HashSet<>(ourSeen).equals(ours)) {
      throw run.fail(
          "each of this check's 11 users exactly once over the pages",
          ourSeen.size() + " sightings of " + new HashSet<>(ourSeen).size() + " of them");
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  static String byUserName(String userName) {
    return "/Users?filter=" + Query.form("userName eq " + Query.literal(userName));
  }

  private static String byDisplayName(String name) {
    return "/Groups?excludedAttributes=members&filter="
        + Query.form("displayName eq " + Query.literal(name));
  }

  private static String memberFilter(String id) {
    return "members[value eq " + Query.literal(id) + "]";
  }

  private static void expectFoundBy(CheckRun run, String userName, String id) {
    Listing found = run.entra().get(byUserName(userName)).listing();
    JsonNode match = found.single("the filter on the new userName finds the user");
    if (!match.path("id").asText().equals(id)) {
      throw found.response().fail("the user with id " + id, "id " + match.path("id"));
    }
  }

  private static List<String> users(CheckRun run, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add(
          run.create(
              run.entra(),
              "/Users",
              run.fixtures().entraUser(run.fixtures().user(run.userName("Member" + i)))));
    }
    return ids;
  }

  private static void addMembers(CheckRun run, String group, String op, String... ids) {
    List<Object> members = new ArrayList<>();
    for (String id : ids) {
      members.add(Json.member(id));
    }
    patchGroup(
        run,
        group,
        Json.patch(Json.op(op, "members", Json.array(members.toArray()))),
        op + " members");
  }

  private static void patchGroup(CheckRun run, String group, ObjectNode body, String what) {
    run.entra()
        .patch("/Groups/" + group, body)
        .expectStatus(what + " is applied: 204 (preferred) or 200", 204, 200);
  }

  private static void noteContentType(CheckRun run, Response response) {
    String type = response.header("Content-Type");
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/scim+json")) {
      run.note(
          "Responses should be Content-Type: application/scim+json (Microsoft Learn: "
              + Sources.ENTRA_SCIM
              + "); this"
              + " one is "
              + type);
    }
  }
}
