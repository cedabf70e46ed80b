package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.testkit.Suite;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * What Okta's provisioning client sends, in both of its modes (OIN templates PATCH, App Integration
 * Wizard apps GET then PUT), and what Okta's Runscope SPEC test asserts. Okta never deletes users;
 * the runner still removes them afterwards when the server allows. References are to Okta's
 * developer documentation and SPEC test.
 */
final class OktaSuite {

  private OktaSuite() {}

  static List<Check> checks() {
    return new Checks(Suite.OKTA)
        .add(
            "Test API Credentials: GET /Users?startIndex=1&count=2 answers a ListResponse with"
                + " integer counters and itemsPerPage equal to the page",
            "Okta SCIM 2.0 ref. (\"Retrieve Users\"): "
                + Sources.OKTA_SCIM20
                + "; count=2 connection probe: "
                + Sources.OKTA_SCIM11,
            OktaSuite::testCredentials)
        .add(
            "Saving the settings: GET /Groups?startIndex=1&count=100 answers a ListResponse",
            "Okta SCIM 2.0 ref. (\"Retrieve Groups\"): "
                + Sources.OKTA_SCIM20
                + "; save-time /Groups probe: "
                + Sources.OKTA_SCIM11,
            Requirement.GROUPS,
            OktaSuite::groupsProbe)
        .add(
            "SPEC test 1-2: GET /Users?count=1&startIndex=1 lists one user with id, name, userName,"
                + " active and an email; GET /Users/{id} the same",
            "Okta SCIM 2.0 SPEC test, steps 1-2 (\"Test Users endpoint\", \"Get Users/{{id}}\"): "
                + Sources.OKTA_SPEC,
            Requirement.writes("active", "name.givenName", "name.familyName", Fixtures.WORK_EMAIL),
            OktaSuite::specFirstUser)
        .add(
            "SPEC test 3, 5: a filter for a userName that does not exist answers 200 with"
                + " totalResults 0",
            "Okta SCIM 2.0 SPEC test, steps 3, 5 (\"Test invalid User by username\", \"Make sure random user doesn't exist\"): "
                + Sources.OKTA_SPEC,
            OktaSuite::specNoSuchUserName)
        .add(
            "SPEC test 4, 12: ids that do not exist (also not UUID-shaped) answer 404 with a SCIM"
                + " error",
            "Okta SCIM 2.0 SPEC test, steps 4, 12 (\"Test invalid User by ID\", \"Check status 404\"): "
                + Sources.OKTA_SPEC,
            OktaSuite::specUnknownIds)
        .add(
            "SPEC test 6-9: create with realistic values keeps userName's case, reads back, answers"
                + " 409 to the same POST, and the upper-cased userName finds it",
            "Okta SCIM 2.0 SPEC test, steps 6-9 (create, verify, recreate 409, \"Username Case Sensitivity Check\"): "
                + Sources.OKTA_SPEC,
            Requirement.writes("active", "name.givenName", "name.familyName", Fixtures.WORK_EMAIL),
            OktaSuite::specCreate)
        .add(
            "SPEC test 10: GET /Groups without parameters answers 200 (Okta asks for < 600 ms)",
            "Okta SCIM 2.0 SPEC test, step 10 (\"Optional Test: Verify Groups endpoint\"): "
                + Sources.OKTA_SPEC,
            Requirement.GROUPS,
            OktaSuite::specGroups)
        .add(
            "SPEC test 11: a wrong Authorization header answers 401 with a SCIM error",
            "RFC 7644 §3.12; Okta SCIM 2.0 SPEC test, step 11 (\"Check status 401\"): "
                + Sources.OKTA_SPEC,
            OktaSuite::specUnauthorized)
        .add(
            "Assign a user: the lookup finds nothing, Okta's POST (password, groups: [], externalId"
                + " 00u…) answers 201 without the password, then the lookup finds the user",
            "Okta SCIM 2.0 reference (\"Create Users\": determine if the User exists, create the User): "
                + Sources.OKTA_SCIM20,
            OktaSuite::assignUser)
        .add(
            "Profile update: GET /Users/{id}, then PUT that body with changed attributes (id, meta"
                + " and groups echoed) answers 200 and keeps the rest",
            "Okta SCIM 2.0 reference (\"Update a specific User (PUT)\"): " + Sources.OKTA_SCIM20,
            OktaSuite::getThenPut)
        .add(
            "A PUT that leaves out active keeps the user active",
            "RFC 7644 §3.5.1; Okta SCIM 2.0 reference (\"Update a specific User (PUT)\"): "
                + Sources.OKTA_SCIM20,
            Requirement.writes("active", "name.givenName", "name.familyName"),
            OktaSuite::putWithoutActive)
        .add(
            "Deactivate and reactivate (OIN): path-less replace {\"active\": false}; the user stays"
                + " readable and findable; {\"active\": true} restores the same id",
            "Okta SCIM 2.0 reference (\"Update a specific User (PATCH)\"): "
                + Sources.OKTA_SCIM20
                + "; Understanding SCIM: https://developer.okta.com/docs/concepts/scim/#delete-deprovision",
            Requirement.writes("active"),
            OktaSuite::deactivateWithPatch)
        .add(
            "Deactivate and reactivate (AIW): GET, then PUT with active false, later true",
            "Okta SCIM 2.0 ref. (\"Delete Users\": AIW uses PUT): "
                + Sources.OKTA_SCIM20
                + "; CRUD test: "
                + Sources.OKTA_TEST,
            Requirement.writes("active"),
            OktaSuite::deactivateWithPut)
        .add(
            "Import: pages of count=100 and count=2 agree on a stable order, itemsPerPage matches"
                + " each page, and a startIndex past the end is empty with the true totalResults",
            "RFC 7644 §3.4.2.4; Okta SCIM 2.0 reference (\"Retrieve Users\": count=100, stable order, integers): "
                + Sources.OKTA_SCIM20,
            OktaSuite::importPaging)
        .add(
            "Group Push: lookup finds nothing, POST with members answers 201, then the rename PATCH"
                + " {id, displayName} and the add of the same members keep them",
            "Okta SCIM 2.0 reference (\"Create Groups\", \"Update a specific Group name\"): "
                + Sources.OKTA_SCIM20,
            Requirement.GROUPS,
            OktaSuite::pushGroup)
        .add(
            "Membership update: removes by members[value eq …] and an add without type in one"
                + " PATCH; removing a non-member changes nothing",
            "RFC 7644 §3.5.2.2; Okta SCIM 2.0 reference (\"Update specific Group membership\"): "
                + Sources.OKTA_SCIM20,
            Requirement.GROUPS,
            OktaSuite::membershipDelta)
        .add(
            "Membership batch: one PATCH adds 100 members, one removes 50 with 50 operations",
            "RFC 7644 §3.5.2; Okta SCIM 2.0 reference (\"Update specific Group membership\"): "
                + Sources.OKTA_SCIM20,
            Requirement.GROUPS,
            OktaSuite::membershipBatch)
        .add(
            "Push now: replace members with the complete list, then with [] for an empty group",
            "Okta SCIM 2.0 ref. (\"Update specific Group membership\"): "
                + Sources.OKTA_SCIM20
                + "; OIN QA plan: "
                + Sources.OKTA_TEST,
            Requirement.GROUPS,
            OktaSuite::pushNow)
        .add(
            "Path-less member replace: {\"members\": […]} and {\"members\": [], \"id\": …,"
                + " \"displayName\": …}",
            "RFC 7644 §3.5.2.3; Okta SCIM 2.0 reference (\"Update a specific Group name\", path-less replace): "
                + Sources.OKTA_SCIM20,
            Requirement.GROUPS,
            OktaSuite::pathlessMembers)
        .add(
            "AIW Group Push: GET /Groups/{id}, then PUT with the full member list (id echoed,"
                + " display null)",
            "RFC 7644 §3.5.1; Okta SCIM 2.0 reference (\"Update specific Group membership\", AIW PUT): "
                + Sources.OKTA_SCIM20,
            Requirement.GROUPS,
            OktaSuite::putGroup)
        .add(
            "Unlink and delete a pushed group: DELETE answers 204, then 404; its users remain",
            "Okta SCIM 2.0 reference (\"Delete a specific Group\"): " + Sources.OKTA_SCIM20,
            Requirement.GROUPS,
            OktaSuite::deleteGroup)
        .build();
  }

  // --- connection and SPEC test ------------------------------------------------------------------

  private static void testCredentials(CheckRun run) {
    Listing page = run.okta().get("/Users?startIndex=1&count=2").listing();
    expectCounters(page);
    page.expectItemsPerPageMatches();
    if (page.resources().size() > 2) {
      throw page.response().fail("at most 2 users (count=2)", page.resources().size() + " users");
    }
  }

  private static void groupsProbe(CheckRun run) {
    Response response = run.okta().get("/Groups?startIndex=1&count=100");
    response.expectStatus("the groups, which Okta lists when the settings are saved", 200);
    Listing page = response.listing();
    expectCounters(page);
    page.expectItemsPerPageMatches();
  }

  private static void specFirstUser(CheckRun run) {
    String ours = createUser(run, "First");
    Response response =
        run.okta()
            .request("GET", "/Users?count=1&startIndex=1")
            .header("User-Agent", "OKTA SCIM Integration")
            .header("Content-Type", "application/scim+json; charset=utf-8")
            .send();
    Listing page = response.listing();
    expectCounters(page);
    if (page.resources().size() != 1) {
      throw response.fail(
          "exactly one user in \"Resources\" (count=1, and the server holds at least one)",
          page.resources().size() + " resources");
    }
    page.expectItemsPerPageMatches();
    JsonNode first = page.resources().get(0);
    if (!first.path("id").asText().equals(ours)) {
      // The server holds users this run did not create: judge the listing of the one it did.
      run.note("the first user listed was not created by the testkit; checked the testkit's own");
      page = run.okta().get(lookup(run.userName("First"))).listing();
      response = page.response();
      first = page.single("the user the testkit created");
    }
    expectSpecFields(response, first, "the user as listed (Okta's SPEC test reads it)");
    Response got = run.read(run.okta(), "/Users/" + ours);
    expectSpecFields(got, got.json(), "GET /Users/{id}");
    got.expectValue("id", ours);
  }

  private static void specNoSuchUserName(CheckRun run) {
    for (String userName : List.of("abcdefgh@atko.com", run.userName("Nobody"))) {
      Response response = run.okta().get(lookup(userName));
      response.expectStatus(
          "a filter that matches nothing is no error: 200 with totalResults 0", 200);
      response.listing().expectTotal(0, "no user is named " + userName);
    }
  }

  private static void specUnknownIds(CheckRun run) {
    for (String id : List.of("010101001010101011001010101011", "00919288221112222")) {
      Response response = run.okta().get("/Users/" + id);
      response.expectStatus("no such user, and no 400 for an id that is not a UUID", 404);
      expectOktaError(response, 404);
    }
  }

  private static void specCreate(CheckRun run) {
    String userName = run.userName("Runscope300Hfluaklab151");
    ObjectNode body = Json.object();
    body.set("schemas", Json.array(Json.USER));
    body.put("userName", userName);
    body.set("name", Json.object("givenName", "Runscope300", "familyName", "Hfluaklab151"));
    body.set("emails", Json.array(Json.object("primary", true, "value", userName, "type", "work")));
    body.put("displayName", "Runscope300 Hfluaklab151");
    body.put("active", true);
    Response created =
        run.okta()
            .request("POST", "/Users")
            .body(body)
            .contentType("application/json")
            .header("Accept", "application/scim+json; charset=utf-8")
            .send();
    created.expectStatus("the user is created", 201);
    String id = created.text("id");
    created.expectValue("active", true);
    created.expectValue("userName", userName);
    created.expectValue("name.givenName", "Runscope300");
    created.expectValue("name.familyName", "Hfluaklab151");
    if (!Response.containsText(Json.get(created.json(), "schemas"), Json.USER)) {
      throw created.fail("\"schemas\" containing " + Json.USER, Json.show(created.at("schemas")));
    }
    Response got = run.read(run.okta(), "/Users/" + id);
    got.expectValue("userName", userName)
        .expectValue("name.givenName", "Runscope300")
        .expectValue("name.familyName", "Hfluaklab151");
    run.okta()
        .request("POST", "/Users")
        .body(body)
        .contentType("application/json")
        .send()
        .expectStatus("the same user again is a conflict", 409);
    Listing upper = run.okta().get(lookup(userName.toUpperCase(Locale.ROOT))).listing();
    JsonNode match =
        upper.single(
            "the upper-cased userName matches (Okta only asserts 200, but reassigning a user relies"
                + " on the match)");
    if (!match.path("id").asText().equals(id)) {
      throw upper.response().fail("the user with id " + id, "id " + match.path("id"));
    }
  }

  private static void specGroups(CheckRun run) {
    Response response =
        run.okta()
            .request("GET", "/Groups")
            .header("User-Agent", "OKTA SCIM Integration")
            .header("Content-Type", "application/scim+json; charset=utf-8")
            .send();
    response.expectStatus("GET /Groups without parameters lists the groups", 200);
    response.listing();
    if (response.exchange().millis() >= 600) {
      run.note(
          "GET /Groups took "
              + response.exchange().millis()
              + " ms; Okta's SPEC test asks for"
              + " less than 600 ms");
    }
  }

  private static void specUnauthorized(CheckRun run) {
    Response response =
        run.okta()
            .withAuthorization("non-token")
            .get(lookup(run.userName("Anyone").toUpperCase(Locale.ROOT)));
    response.expectStatus("wrong credentials are refused", 401);
    expectOktaError(response, 401);
  }

  // --- users -------------------------------------------------------------------------------------

  private static void assignUser(CheckRun run) {
    String userName = run.userName("Assigned");
    run.okta().get(lookup(userName)).listing().expectTotal(0, "the user is not there yet");
    Map<String, Object> user = run.fixtures().user(userName);
    user.put("externalId", Fixtures.oktaUserId());
    Response created = run.okta().post("/Users", run.fixtures().oktaUser(user));
    created.expectStatus("Okta needs 201 with the user (an empty body fails the assignment)", 201);
    String id = created.text("id");
    created.expectAbsent("password", "a password is never returned");
    Listing found = run.okta().get(lookup(userName)).listing();
    JsonNode match = found.single("the lookup now finds the user");
    if (!match.path("id").asText().equals(id)) {
      throw found.response().fail("the user with id " + id, "id " + match.path("id"));
    }
    Response got = run.read(run.okta(), "/Users/" + id);
    got.expectAbsent("password", "a password is never returned");
    run.verify(got, got.json(), user, "GET /Users/{id}");
  }

  private static void getThenPut(CheckRun run) {
    String userName = run.userName("Profile");
    Map<String, Object> user = run.fixtures().user(userName);
    String id = createUser(run, user);
    Response got = run.read(run.okta(), "/Users/" + id);
    ObjectNode body = got.json().deepCopy();
    Map<String, Object> changes = run.fixtures().changes(userName);
    Fixtures.write(body, changes);
    Response put = run.okta().put("/Users/" + id, body);
    put.expectStatus(
        "Okta needs 200 with the updated user; the body is the GET's, with id, meta and groups,"
            + " which a server ignores",
        200);
    Map<String, Object> expected = new LinkedHashMap<>(user);
    expected.putAll(changes);
    run.verify(put, put.json(), expected, "in the PUT response");
    Response again = run.read(run.okta(), "/Users/" + id);
    run.verify(again, again.json(), expected, "GET after the PUT");
  }

  private static void putWithoutActive(CheckRun run) {
    String id = createUser(run, "KeepActive");
    ObjectNode body = run.read(run.okta(), "/Users/" + id).json().deepCopy();
    body.remove("active");
    body.set("name", Json.object("givenName", "Ada", "familyName", "Byron"));
    run.okta().put("/Users/" + id, body).expectStatus("the update is applied", 200);
    Response got = run.read(run.okta(), "/Users/" + id);
    got.expectValue("name.familyName", "Byron");
    if (!got.at("active").equals(Json.value(true))) {
      throw got.fail(
          "\"active\": true still (a PUT that omits active must not deactivate the user)",
          "\"active\": " + Json.show(got.at("active")));
    }
  }

  private static void deactivateWithPatch(CheckRun run) {
    String userName = run.userName("Leaver");
    String id = createUser(run, run.fixtures().user(userName));
    String path = "/Users/" + id;
    Response off =
        run.okta().patch(path, Json.patch(Json.op("replace", null, Json.object("active", false))));
    off.expectStatus("the user is deactivated: 200 with the user or 204", 200, 204);
    expectActive(run, id, false, "after deactivation (Okta never deletes users)");
    Listing found = run.okta().get(lookup(userName)).listing();
    JsonNode match =
        found.single(
            "the deactivated user is still found by userName, or Okta's reassignment POSTs and"
                + " meets 409");
    if (!match.path("id").asText().equals(id)) {
      throw found.response().fail("the user with id " + id, "id " + match.path("id"));
    }
    Response on =
        run.okta().patch(path, Json.patch(Json.op("replace", null, Json.object("active", true))));
    on.expectStatus("the user is reactivated: 200 with the user or 204", 200, 204);
    expectActive(run, id, true, "after reactivation, with the same id");
  }

  private static void deactivateWithPut(CheckRun run) {
    String id = createUser(run, "AiwLeaver");
    String path = "/Users/" + id;
    ObjectNode body = run.read(run.okta(), path).json().deepCopy();
    body.put("active", false);
    Response off = run.okta().put(path, body);
    off.expectStatus(
        "the user is deactivated by a PUT of the GET's body (id, meta) with active false", 200);
    expectActive(off, false, "the deactivating PUT's response");
    expectActive(run, id, false, "after the deactivating PUT");
    ObjectNode back = run.read(run.okta(), path).json().deepCopy();
    back.put("active", true);
    Response on = run.okta().put(path, back);
    on.expectStatus("the user is reactivated", 200);
    expectActive(on, true, "the reactivating PUT's response");
    expectActive(run, id, true, "after the reactivating PUT");
  }

  private static void importPaging(CheckRun run) {
    for (int i = 0; i < 3; i++) {
      createUser(run, "Import" + i);
    }
    Listing first = run.okta().get("/Users?startIndex=1&count=100").listing();
    expectCounters(first);
    first.expectItemsPerPageMatches();
    long total = first.total();
    if (total > 1000) {
      run.note("The server holds " + total + " users; only the first pages are compared");
    }
    long limit = Math.min(total, 1000);
    List<String> byHundred = walk(run, 100, limit);
    List<String> byTwo = walk(run, 2, Math.min(limit, 40));
    if (!byHundred.subList(0, byTwo.size()).equals(byTwo)) {
      throw run.fail(
          "the same order whatever the page size (Okta pages by startIndex)",
          "count=100 lists " + byHundred.subList(0, byTwo.size()) + ", count=2 lists " + byTwo);
    }
    Listing past = run.okta().get("/Users?startIndex=" + (total + 1) + "&count=100").listing();
    if (!past.resources().isEmpty() || past.total() != total) {
      throw past.response()
          .fail(
              "past the end (startIndex="
                  + (total + 1)
                  + "), an empty page that still says totalResults "
                  + total,
              past.resources().size() + " resources, totalResults " + past.total());
    }
    past.expectItemsPerPageMatches();
  }

  private static List<String> walk(CheckRun run, int count, long limit) {
    List<String> ids = new ArrayList<>();
    long start = 1;
    while (start <= limit) {
      Listing page = run.okta().get("/Users?startIndex=" + start + "&count=" + count).listing();
      expectCounters(page);
      page.expectItemsPerPageMatches();
      if (page.resources().size() > count) {
        throw page.response()
            .fail("at most " + count + " users", page.resources().size() + " users");
      }
      if (page.resources().isEmpty()) {
        throw page.response()
            .fail(
                "users up to totalResults " + page.total(), "an empty page at startIndex " + start);
      }
      ids.addAll(page.ids());
      start += page.resources().size();
    }
    return ids.size() > limit ? ids.subList(0, (int) limit) : ids;
  }

  // --- groups ------------------------------------------------------------------------------------

  private static void pushGroup(CheckRun run) {
    String a = createUser(run, "PushA");
    String b = createUser(run, "PushB");
    String name = run.groupName("Engineering");
    run.okta()
        .get(
            "/Groups?filter="
                + Query.percent("displayName eq " + Query.literal(name))
                + "&startIndex=1&count=100")
        .listing()
        .expectTotal(0, "no group of that name yet");
    ObjectNode body = Json.object();
    body.set("schemas", Json.array(Json.GROUP));
    body.put("displayName", name);
    body.set(
        "members",
        Json.array(
            Json.member(a, "display", run.userName("PushA")),
            Json.member(b, "display", run.userName("PushB"))));
    Response created = run.okta().post("/Groups", body);
    created.expectStatus("the group is created", 201);
    String id = created.text("id");
    created.expectValue("displayName", name);
    run.expectMembers(run.okta(), id, Set.of(a, b), "after the POST with members");
    Response renamed =
        run.okta()
            .patch(
                "/Groups/" + id,
                Json.patch(Json.op("replace", null, Json.object("id", id, "displayName", name))));
    renamed.expectStatus(
        "the rename carrying the read-only id is accepted (a 400 stops Group Push)", 200, 204);
    run.expectMembers(run.okta(), id, Set.of(a, b), "after the rename");
    Response added =
        run.okta()
            .patch(
                "/Groups/" + id,
                Json.patch(
                    Json.op(
                        "add",
                        "members",
                        Json.array(
                            Json.member(a, "display", run.userName("PushA")),
                            Json.member(b, "display", run.userName("PushB"))))));
    added.expectStatus("adding members already there is accepted", 200, 204);
    Response group = run.read(run.okta(), "/Groups/" + id);
    List<JsonNode> members = Json.elements(Json.get(group.json(), "members"));
    if (members.size() != 2) {
      throw group.fail(
          "the two members once each (adding existing members changes nothing)",
          members.size() + " member entries: " + Json.show(Json.get(group.json(), "members")));
    }
    group.expectValue("displayName", name);
  }

  private static void membershipDelta(CheckRun run) {
    List<String> u = createUsers(run, "Delta", 4);
    String id = createGroup(run, "Delta", u.get(0), u.get(1));
    ObjectNode body =
        Json.patch(
            Json.op("remove", member(u.get(0)), Json.NO_VALUE),
            Json.op("remove", member(u.get(1)), Json.NO_VALUE),
            Json.op(
                "add",
                "members",
                Json.array(
                    Json.member(u.get(2), "display", "third@example.com"),
                    Json.member(u.get(3), "display", "fourth@example.com"))));
    patchGroup(run, id, body, "two removes and an add");
    run.expectMembers(run.okta(), id, Set.of(u.get(2), u.get(3)), "after two removes and an add");
    patchGroup(
        run,
        id,
        Json.patch(Json.op("remove", member(UUID.randomUUID().toString()), Json.NO_VALUE)),
        "removing a user who is not a member");
    run.expectMembers(run.okta(), id, Set.of(u.get(2), u.get(3)), "after removing a non-member");
  }

  private static void membershipBatch(CheckRun run) {
    List<String> users = createUsers(run, "Batch", 100);
    String id = createGroup(run, "Batch");
    ArrayNode members = Json.array();
    users.forEach(user -> members.add(Json.member(user)));
    patchGroup(run, id, Json.patch(Json.op("add", "members", members)), "adding 100 members");
    run.expectMembers(run.okta(), id, new HashSet<>(users), "after adding 100 members");
    List<ObjectNode> removes = new ArrayList<>();
    for (String user : users.subList(0, 50)) {
      removes.add(Json.op("remove", member(user), Json.NO_VALUE));
    }
    patchGroup(run, id, Json.patch(removes), "50 remove operations");
    run.expectMembers(
        run.okta(), id, new HashSet<>(users.subList(50, 100)), "after removing 50 members");
  }

  private static void pushNow(CheckRun run) {
    List<String> u = createUsers(run, "Full", 3);
    String id = createGroup(run, "PushNow", u.get(0), u.get(1));
    patchGroup(
        run,
        id,
        Json.patch(
            Json.op(
                "replace",
                "members",
                Json.array(
                    Json.member(u.get(1), "display", "b@example.com"),
                    Json.member(u.get(2), "display", "c@example.com")))),
        "replace with the complete list");
    run.expectMembers(run.okta(), id, Set.of(u.get(1), u.get(2)), "after the full replace");
    patchGroup(
        run,
        id,
        Json.patch(Json.op("replace", "members", Json.array())),
        "replace with [] (an empty group)");
    run.expectMembers(run.okta(), id, Set.of(), "after replacing with []");
  }

  private static void pathlessMembers(CheckRun run) {
    List<String> u = createUsers(run, "Pathless", 2);
    String name = run.groupName("Pathless");
    String id = createGroup(run, "Pathless", u.get(0));
    patchGroup(
        run,
        id,
        Json.patch(
            Json.op("replace", null, Json.object("members", Json.array(Json.member(u.get(1)))))),
        "path-less replace {\"members\": […]}");
    run.expectMembers(run.okta(), id, Set.of(u.get(1)), "after the path-less replace");
    patchGroup(
        run,
        id,
        Json.patch(
            Json.op(
                "replace",
                null,
                Json.object("members", Json.array(), "id", id, "displayName", name))),
        "path-less replace {\"members\": [], \"id\", \"displayName\"}");
    run.expectMembers(run.okta(), id, Set.of(), "after the path-less replace with []");
    run.read(run.okta(), "/Groups/" + id).expectValue("displayName", name);
  }

  private static void putGroup(CheckRun run) {
    List<String> u = createUsers(run, "Aiw", 2);
    String name = run.groupName("Aiw");
    String id = createGroup(run, "Aiw", u.get(0));
    run.read(run.okta(), "/Groups/" + id);
    ObjectNode body = Json.object();
    body.set("schemas", Json.array(Json.GROUP));
    body.put("id", id);
    body.put("displayName", name);
    body.set(
        "members",
        Json.array(Json.member(u.get(0), "display", null), Json.member(u.get(1), "display", null)));
    Response put = run.okta().put("/Groups/" + id, body);
    put.expectStatus(
        "Okta needs 200 with the group; its body echoes the id and has members with \"display\":"
            + " null",
        200);
    put.expectValue("displayName", name);
    run.expectMembers(run.okta(), id, new LinkedHashSet<>(u), "after the PUT with two members");
    body.set("members", Json.array(Json.member(u.get(1), "display", null)));
    run.okta().put("/Groups/" + id, body).expectStatus("the group is replaced", 200);
    run.expectMembers(run.okta(), id, Set.of(u.get(1)), "after the PUT with one member");
  }

  private static void deleteGroup(CheckRun run) {
    String user = createUser(run, "Stays");
    String id = createGroup(run, "Unlinked", user);
    run.okta()
        .request("DELETE", "/Groups/" + id)
        .header("Content-Type", "application/scim+json; charset=utf-8")
        .send()
        .expectStatus("the group is deleted", 204);
    run.okta().get("/Groups/" + id).expectStatus("the deleted group is gone", 404);
    run.okta()
        .get("/Users/" + user)
        .expectStatus("the group's member is still there: deleting a group deletes no user", 200);
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** Okta's lookup: {@code filter=userName%20eq%20"…"&startIndex=1&count=100}. */
  static String lookup(String userName) {
    return "/Users?filter="
        + Query.percent("userName eq " + Query.literal(userName))
        + "&startIndex=1&count=100";
  }

  private static String member(String id) {
    return "members[value eq " + Query.literal(id) + "]";
  }

  private static String createUser(CheckRun run, String label) {
    return createUser(run, run.fixtures().user(run.userName(label)));
  }

  private static String createUser(CheckRun run, Map<String, Object> user) {
    return run.create(run.okta(), "/Users", run.fixtures().oktaUser(user));
  }

  private static List<String> createUsers(CheckRun run, String label, int count) {
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= count; i++) {
      ids.add(createUser(run, label + i));
    }
    return ids;
  }

  private static String createGroup(CheckRun run, String label, String... members) {
    return run.create(
        run.okta(), "/Groups", run.fixtures().group(run.groupName(label), List.of(members)));
  }

  private static void patchGroup(CheckRun run, String id, ObjectNode body, String what) {
    run.okta()
        .patch("/Groups/" + id, body)
        .expectStatus(what + " is applied: 200 with the group or 204", 200, 204);
  }

  private static void expectActive(CheckRun run, String id, boolean active, String when) {
    Response got = run.okta().get("/Users/" + id);
    got.expectStatus(when + ", the user is still there", 200);
    if (!got.at("active").equals(Json.value(active))) {
      throw got.fail(
          when + ", GET /Users/{id} answers 200 with \"active\": " + active,
          "\"active\": " + Json.show(got.at("active")));
    }
  }

  private static void expectActive(Response response, boolean active, String what) {
    if (!response.at("active").equals(Json.value(active))) {
      throw response.fail(
          what + " with \"active\": " + active, "\"active\": " + Json.show(response.at("active")));
    }
  }

  /** Okta's SPEC test asserts the three counters are numbers. */
  private static void expectCounters(Listing page) {
    if (page.startIndex() == null || page.itemsPerPage() == null) {
      throw page.response()
          .fail(
              "\"totalResults\", \"startIndex\" and \"itemsPerPage\" as JSON integers",
              "startIndex " + page.startIndex() + ", itemsPerPage " + page.itemsPerPage());
    }
  }

  private static void expectSpecFields(Response response, JsonNode user, String what) {
    List<String> missing = new ArrayList<>();
    for (String path : List.of("id", "name.familyName", "name.givenName", "userName", "active")) {
      if (Json.isEmpty(Paths.read(user, path))) {
        missing.add(path);
      }
    }
    JsonNode emails = Json.get(user, "emails");
    if (!emails.isArray() || emails.isEmpty() || Json.isEmpty(Json.get(emails.get(0), "value"))) {
      missing.add("emails[0].value");
    }
    if (!missing.isEmpty()) {
      throw response.fail(
          what
              + " with non-empty id, name.familyName, name.givenName, userName, active and"
              + " emails[0].value",
          "no " + String.join(", ", missing) + " in " + Json.show(user));
    }
  }

  /** Okta checks the error schema, a detail, and the status (compared as text). */
  private static void expectOktaError(Response response, int status) {
    JsonNode body =
        response.json(
            "a SCIM error body with the "
                + status
                + " (Okta's SPEC test reads its \"schemas\", \"detail\" and \"status\")");
    if (!Response.containsText(Json.get(body, "schemas"), Json.ERROR)
        || Json.isEmpty(Json.get(body, "detail"))
        || !Json.get(body, "status").asText().equals(Integer.toString(status))) {
      throw response.fail(
          "a SCIM error body: \"schemas\": [\""
              + Json.ERROR
              + "\"], a non-empty \"detail\" and"
              + " \"status\": \""
              + status
              + "\"",
          Json.show(body));
    }
  }
}
