package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.testkit.Profile;
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
 * RFC 7643 and RFC 7644 as a conformant client relies on them: discovery documents that match the
 * behaviour, every filter operator and their precedence, sorting, paging, projection, ETags,
 * errors, content type, PUT, PATCH, search, group members, Bulk (when advertised) and {@code /Me}
 * (when served).
 */
final class RfcSuite {
  private static final String SPC_URN =
      "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";

  /** What the filter, projection and PATCH checks write and select users by. */
  private static final Requirement NAME_ACTIVE_EMAIL =
      Requirement.writes("active", "name.givenName", "name.familyName", Fixtures.WORK_EMAIL);

  /** An extension attribute that no server declares. */
  private static final String UNDECLARED_PROBE =
      "urn:ietf:params:scim:schemas:extension:RosterTestkit:2.0:User:undeclared";

  private RfcSuite() {}

  static List<Check> checks() {
    return new Checks(Suite.RFC)
        .add(
            "/ServiceProviderConfig states each feature with a boolean, filter.maxResults, bulk"
                + " limits and the authentication schemes",
            "RFC 7643 §5, RFC 7644 §4: " + Sources.RFC7643 + "5",
            RfcSuite::serviceProviderConfig)
        .add(
            "/ResourceTypes lists each type with name, endpoint and schema; /ResourceTypes/{id}"
                + " and each endpoint answer",
            "RFC 7643 §6, RFC 7644 §4: " + Sources.RFC7643 + "6",
            RfcSuite::resourceTypes)
        .add(
            "/Schemas holds every schema the resource types name, with their attributes;"
                + " /Schemas/{id} answers each",
            "RFC 7643 §7, §8.7.1, RFC 7644 §4: " + Sources.RFC7643 + "7",
            RfcSuite::schemas)
        .add(
            "/Schemas declares what the server stores: attributes it does not declare are not"
                + " returned as stored",
            "RFC 7643 §7; Microsoft Learn (Schema discovery): "
                + Sources.ENTRA_SCIM
                + "#schema-discovery",
            RfcSuite::schemasMatchStorage)
        .add(
            "What /ServiceProviderConfig advertises is what the server does (patch, etag, sort,"
                + " filter.maxResults, bulk)",
            "RFC 7644 §4, RFC 7643 §5: " + Sources.RFC7644 + "4",
            Requirement.writes("name.givenName"),
            RfcSuite::configMatchesBehaviour)
        .add(
            "Filter operators eq, ne, co, sw, ew and pr; caseExact=false values match in any case;"
                + " Unicode literals",
            "RFC 7644 §3.4.2.2: " + Sources.RFC7644 + "3.4.2.2",
            NAME_ACTIVE_EMAIL,
            RfcSuite::filterComparisons)
        .add(
            "Filter operators gt, ge, lt and le on strings and on dateTime meta attributes",
            "RFC 7644 §3.4.2.2: " + Sources.RFC7644 + "3.4.2.2",
            RfcSuite::filterOrdering)
        .add(
            "Logical operators: and, or, not (…), grouping, and \"and\" binding tighter than"
                + " \"or\"",
            "RFC 7644 §3.4.2.2 (Table 3, precedence): " + Sources.RFC7644 + "3.4.2.2",
            NAME_ACTIVE_EMAIL,
            RfcSuite::filterLogic)
        .add(
            "Complex attribute filters (emails[type eq \"work\" and value co …]), sub-attribute"
                + " paths, and attribute names and operators in any case",
            "RFC 7644 §3.4.2.2: " + Sources.RFC7644 + "3.4.2.2",
            NAME_ACTIVE_EMAIL,
            RfcSuite::filterComplex)
        .add(
            "Malformed filters answer 400 with scimType invalidFilter",
            "RFC 7644 §3.4.2.2, §3.12 (Table 9): " + Sources.RFC7644 + "3.12",
            RfcSuite::invalidFilters)
        .add(
            "Sorting by userName, ascending by default and descending on request",
            "RFC 7644 §3.4.2.3: " + Sources.RFC7644 + "3.4.2.3",
            Requirement.feature("sort"),
            RfcSuite::sorting)
        .add(
            "Paging: startIndex and count, count=0 and negative, startIndex below 1 and past the"
                + " end, itemsPerPage",
            "RFC 7644 §3.4.2.4: " + Sources.RFC7644 + "3.4.2.4",
            RfcSuite::paging)
        .add(
            "attributes and excludedAttributes on GET, on a list and on POST; \"returned: always\""
                + " attributes stay",
            "RFC 7644 §3.4.2.5, §3.9; RFC 7643 §7 (returned): " + Sources.RFC7644 + "3.4.2.5",
            NAME_ACTIVE_EMAIL,
            RfcSuite::projection)
        .add(
            "ETags: ETag equals meta.version; If-None-Match gives 304; If-Match with an old version"
                + " gives 412, with the current one the change applies",
            "RFC 7644 §3.14, RFC 7643 §3.1: " + Sources.RFC7644 + "3.14",
            Requirement.feature("etag").and(Requirement.writes("name.givenName")),
            RfcSuite::etags)
        .add(
            "Errors are SCIM error bodies with the right status and scimType (404, invalidValue,"
                + " invalidSyntax, uniqueness, noTarget, invalidPath, 401)",
            "RFC 7644 §3.12 (Tables 8, 9): " + Sources.RFC7644 + "3.12",
            RfcSuite::errors)
        .add(
            "Content type application/scim+json; 201 with a Location header equal to"
                + " meta.location",
            "RFC 7644 §3.1, §3.3, §3.8, §8.1; RFC 7643 §3.1: " + Sources.RFC7644 + "3.8",
            RfcSuite::contentType)
        .add(
            "PUT replaces the user: new values come back, id and meta in the body are ignored, an"
                + " unknown id is 404",
            "RFC 7644 §3.5.1: " + Sources.RFC7644 + "3.5.1",
            RfcSuite::put)
        .add(
            "PATCH as RFC 7644 writes it: add to emails, remove by value filter, replace and"
                + " remove sub-attributes, a path-less add of a complex value",
            "RFC 7644 §3.5.2.1-§3.5.2.3: " + Sources.RFC7644 + "3.5.2",
            NAME_ACTIVE_EMAIL,
            RfcSuite::patch)
        .add(
            "POST /Users/.search answers like GET with the same filter",
            "RFC 7644 §3.4.3: " + Sources.RFC7644 + "3.4.3",
            RfcSuite::search)
        .add(
            "Group members: POST with members, read back, filter by members.value, remove by"
                + " value filter, add",
            "RFC 7643 §4.2, RFC 7644 §3.4.2.2, §3.5.2.2: " + Sources.RFC7643 + "4.2",
            Requirement.GROUPS,
            RfcSuite::groupMembers)
        .add(
            "Bulk: bulkId references resolve in any order (group members before the user's POST,"
                + " PATCH and DELETE paths); each result has its status and location",
            "RFC 7644 §3.7.2, §3.7.3: " + Sources.RFC7644 + "3.7.2",
            Requirement.feature("bulk")
                .and(Requirement.GROUPS)
                .and(Requirement.writes("name.givenName")),
            RfcSuite::bulkReferences)
        .add(
            "Bulk: with failOnErrors 1 no operation runs after the first that fails, whose result"
                + " carries the SCIM error",
            "RFC 7644 §3.7, §3.7.3: " + Sources.RFC7644 + "3.7.3",
            Requirement.feature("bulk"),
            RfcSuite::bulkFailOnErrors)
        .add(
            "Bulk: a reference to an unknown bulkId fails its operation with a 4xx, and the other"
                + " operations run",
            "RFC 7644 §3.7.1-§3.7.3: " + Sources.RFC7644 + "3.7.1",
            Requirement.feature("bulk"),
            RfcSuite::bulkUnknownReference)
        .add(
            "/Me is the caller's User: a User resource that /Users/{id} serves too",
            "RFC 7644 §3.11: " + Sources.RFC7644 + "3.11",
            RfcSuite::me)
        .add(
            "Cursor paging: following nextCursor from an empty cursor sees every match once; an"
                + " altered cursor is 400 invalidCursor",
            "RFC 9865 §2, §3: " + Sources.RFC9865,
            env ->
                Paths.read(env.server().serviceProviderConfig(), "pagination.cursor")
                        .asBoolean(false)
                    ? null
                    : "/ServiceProviderConfig does not say pagination.cursor is true (RFC 9865)",
            RfcSuite::cursorPaging)
        .build();
  }

  // --- discovery ---------------------------------------------------------------------------------

  private static void serviceProviderConfig(CheckRun run) {
    Response response = run.read(run.rfc(), "/ServiceProviderConfig");
    response.expectScimContentType();
    JsonNode spc = response.json();
    if (!Response.containsText(Json.get(spc, "schemas"), SPC_URN)) {
      throw response.fail(
          "\"schemas\": [\"" + SPC_URN + "\"]", Json.show(Json.get(spc, "schemas")));
    }
    List<String> wrong = new ArrayList<>();
    for (String feature : List.of("patch", "bulk", "filter", "changePassword", "sort", "etag")) {
      if (!Json.get(Json.get(spc, feature), "supported").isBoolean()) {
        wrong.add(feature + ".supported is not a boolean");
      }
    }
    for (String limit : List.of("bulk.maxOperations", "bulk.maxPayloadSize", "filter.maxResults")) {
      if (!Paths.read(spc, limit).isIntegralNumber()) {
        wrong.add(limit + " is not an integer");
      }
    }
    List<JsonNode> schemes = Json.elements(Json.get(spc, "authenticationSchemes"));
    if (schemes.isEmpty()) {
      wrong.add("authenticationSchemes is empty or absent");
    }
    for (JsonNode scheme : schemes) {
      if (Json.isEmpty(Json.get(scheme, "type")) || Json.isEmpty(Json.get(scheme, "name"))) {
        wrong.add("an authentication scheme lacks type or name: " + Json.show(scheme));
      }
    }
    if (!wrong.isEmpty()) {
      throw response.fail(
          "every REQUIRED attribute of RFC 7643 §5 with its type", String.join("\n", wrong));
    }
  }

  private static void resourceTypes(CheckRun run) {
    Listing list = run.rfc().get("/ResourceTypes").listing();
    list.response().expectScimContentType();
    JsonNode user = null;
    for (JsonNode type : list.resources()) {
      List<String> missing = new ArrayList<>();
      for (String field : List.of("name", "endpoint", "schema")) {
        if (Json.isEmpty(Json.get(type, field))) {
          missing.add(field);
        }
      }
      if (!missing.isEmpty()) {
        throw list.response()
            .fail(
                "each resource type with name, endpoint and schema",
                "no " + String.join(", ", missing) + " in " + Json.show(type));
      }
      for (JsonNode extension : Json.elements(Json.get(type, "schemaExtensions"))) {
        if (Json.isEmpty(Json.get(extension, "schema"))
            || !Json.get(extension, "required").isBoolean()) {
          throw list.response()
              .fail(
                  "each schema extension with schema and a boolean required", Json.show(extension));
        }
      }
      if (Json.get(type, "endpoint").asText().equalsIgnoreCase("/Users")) {
        user = type;
      }
    }
    if (user == null || !Json.get(user, "schema").asText().equalsIgnoreCase(Json.USER)) {
      throw list.response()
          .fail(
              "a resource type with endpoint /Users and schema " + Json.USER,
              user == null ? "none" : Json.show(user));
    }
    for (JsonNode type : list.resources()) {
      String key =
          Json.isEmpty(Json.get(type, "id"))
              ? Json.get(type, "name").asText()
              : Json.get(type, "id").asText();
      Response one = run.read(run.rfc(), "/ResourceTypes/" + key);
      one.expectValue("endpoint", Json.get(type, "endpoint").asText());
      run.rfc()
          .get(Json.get(type, "endpoint").asText() + "?count=1")
          .expectStatus("the endpoint /ResourceTypes names answers a list", 200);
    }
  }

  private static void schemas(CheckRun run) {
    Listing list = run.rfc().get("/Schemas").listing();
    Map<String, JsonNode> byId = new LinkedHashMap<>();
    for (JsonNode schema : list.resources()) {
      String id = Json.get(schema, "id").asText();
      List<JsonNode> attributes = Json.elements(Json.get(schema, "attributes"));
      if (id.isEmpty() || attributes.isEmpty()) {
        throw list.response().fail("each schema with an id and its attributes", Json.show(schema));
      }
      for (JsonNode attribute : attributes) {
        if (Json.isEmpty(Json.get(attribute, "name"))
            || Json.isEmpty(Json.get(attribute, "type"))) {
          throw list.response()
              .fail("each attribute with name and type (RFC 7643 §7)", Json.show(attribute));
        }
      }
      byId.put(id.toLowerCase(Locale.ROOT), schema);
    }
    Set<String> named = new LinkedHashSet<>();
    for (JsonNode type : run.rfc().get("/ResourceTypes").listing().resources()) {
      named.add(Json.get(type, "schema").asText());
      for (JsonNode extension : Json.elements(Json.get(type, "schemaExtensions"))) {
        named.add(Json.get(extension, "schema").asText());
      }
    }
    for (String urn : named) {
      if (!byId.containsKey(urn.toLowerCase(Locale.ROOT))) {
        throw list.response()
            .fail("the schema " + urn + " (named by /ResourceTypes)", "no such schema");
      }
      run.read(run.rfc(), "/Schemas/" + urn)
          .expectValue("id", Json.get(byId.get(urn.toLowerCase(Locale.ROOT)), "id").asText());
    }
    JsonNode userName = attribute(byId.get(Json.USER.toLowerCase(Locale.ROOT)), "userName");
    if (userName == null || !Json.get(userName, "required").asBoolean(false)) {
      throw list.response()
          .fail(
              "userName declared with \"required\": true (RFC 7643 §4.1.1)",
              userName == null ? "no userName attribute" : Json.show(userName));
    }
  }

  private static void schemasMatchStorage(CheckRun run) {
    if (!run.server().declaresSchemas()) {
      Response schemas = run.rfc().get("/Schemas");
      if (schemas.status() == 401 || schemas.status() == 403) {
        schemas.expectStatus("the schemas the server declares", 200);
      }
      throw run.skip("the server serves no readable /Schemas and /ResourceTypes");
    }
    Map<String, Object> user = run.fixtures().profileUser(run.userName("Undeclared"));
    Map<String, String> undeclared = new LinkedHashMap<>();
    for (String path : user.keySet()) {
      String reason = run.server().undeclared(Json.USER, path);
      if (reason != null && !path.equals("userName")) {
        undeclared.put(path, reason);
      }
    }
    // An extension no server declares, as an identity provider with a stale mapping sends it.
    user.put(UNDECLARED_PROBE, "probe");
    undeclared.put(UNDECLARED_PROBE, "an extension only the testkit knows");
    undeclared.forEach(
        (path, reason) -> {
          if (!path.equals(UNDECLARED_PROBE)) {
            run.note("the other checks do not write " + path + ": " + reason);
          }
        });
    Response created = run.entra().post("/Users", run.fixtures().entraUser(user));
    if (created.status() == 400) {
      run.note("the server refuses undeclared attributes with 400 (strict validation)");
      return;
    }
    created.expectStatus("the user is created and the undeclared attributes dropped", 201);
    Response got = run.read(run.entra(), "/Users/" + created.text("id"));
    List<String> echoed = new ArrayList<>();
    undeclared.forEach(
        (path, reason) -> {
          if (Paths.read(got.json(), path).equals(Json.value(user.get(path)))) {
            echoed.add(path + " (" + reason + ")");
          }
        });
    if (!echoed.isEmpty()) {
      throw got.fail(
          "attributes that /Schemas and /ResourceTypes do not declare dropped, not returned as"
              + " stored (identity providers map only declared attributes)",
          "returned although undeclared: " + String.join(", ", echoed));
    }
  }

  private static void configMatchesBehaviour(CheckRun run) {
    JsonNode spc = run.read(run.rfc(), "/ServiceProviderConfig").json();
    String id =
        run.create(
            run.rfc(),
            "/Users",
            run.fixtures().scimUser(run.fixtures().user(run.userName("Features"))));
    String path = "/Users/" + id;
    Response patched =
        run.rfc().patch(path, Json.patch(Json.op("replace", "name.givenName", "Features")));
    if (Paths.read(spc, "patch.supported").asBoolean(false)) {
      patched.expectStatus("patch.supported is true, so PATCH works", 200, 204);
    } else {
      patched.expectStatus("patch.supported is false, so PATCH is not implemented", 501);
    }
    Response got = run.read(run.rfc(), path);
    if (Paths.read(spc, "etag.supported").asBoolean(false) && got.header("ETag") == null) {
      throw got.fail("an ETag header (etag.supported is true)", "none");
    }
    Response sorted = run.rfc().get("/Users?filter=" + Query.form(scope(run)) + "&sortBy=userName");
    if (Paths.read(spc, "sort.supported").asBoolean(false)) {
      sorted.expectStatus("sort.supported is true, so sortBy is accepted", 200);
    }
    JsonNode maxResults = Paths.read(spc, "filter.maxResults");
    if (maxResults.isIntegralNumber() && maxResults.asLong() > 0) {
      long max = maxResults.asLong();
      Listing page = run.rfc().get("/Users?count=" + (max + 1)).listing();
      if (page.resources().size() > max) {
        throw page.response()
            .fail(
                "at most filter.maxResults (" + max + ") resources",
                page.resources().size() + " resources");
      }
    }
    if (!Paths.read(spc, "bulk.supported").asBoolean(true)) {
      ObjectNode bulk = Json.object();
      bulk.set("schemas", Json.array(Json.BULK_REQUEST));
      bulk.set("Operations", Json.array());
      Response response = run.rfc().post("/Bulk", bulk);
      if (response.status() >= 200 && response.status() < 300) {
        throw response.fail("no bulk processing (bulk.supported is false)", response.summary());
      }
    }
  }

  // --- filters -----------------------------------------------------------------------------------

  /** Three users whose attributes the filter checks select from. */
  private record Trio(String a, String b, String c, JsonNode aJson, JsonNode cJson) {
    /** The three ids in order, so that messages call them A, B and C rightly. */
    Set<String> all() {
      return new LinkedHashSet<>(List.of(a, b, c));
    }
  }

  private static Trio trio(CheckRun run) {
    Map<String, Object> a = run.fixtures().user(run.userName("Alpha"));
    Map<String, Object> b = run.fixtures().user(run.userName("Bravo"));
    b.put("name.givenName", "Grace");
    b.put("name.familyName", "Hopper");
    b.put("active", false);
    Map<String, Object> c = run.fixtures().user(run.userName("Charlie"));
    c.remove("name.givenName");
    c.put("name.familyName", "Łukasiewicz");
    b.put("name.formatted", "Grace Hopper");
    c.put("name.formatted", "Łukasiewicz");
    for (Map<String, Object> user : List.of(b, c)) {
      user.keySet().removeIf(path -> !path.equals("userName") && !run.fixtures().writes(path));
    }
    Response first = run.rfc().post("/Users", run.fixtures().scimUser(a));
    first.expectStatus("the user is created", 201);
    String bId = run.create(run.rfc(), "/Users", run.fixtures().scimUser(b));
    Response third = run.rfc().post("/Users", run.fixtures().scimUser(c));
    third.expectStatus("the user is created", 201);
    return new Trio(first.text("id"), bId, third.text("id"), first.json(), third.json());
  }

  private static String scope(CheckRun run) {
    return "userName sw " + Query.literal(run.prefix().toLowerCase(Locale.ROOT));
  }

  /** Fails unless {@code filter} selects exactly {@code expected} among {@code ours}. */
  private static void expectSelects(
      CheckRun run, String filter, Set<String> ours, Set<String> expected) {
    expectSelects(run, filter, ours, expected, null);
  }

  /** The same, saying {@code why} (or nothing, when null) the filter selects those. */
  private static void expectSelects(
      CheckRun run, String filter, Set<String> ours, Set<String> expected, String why) {
    Response response = run.rfc().get("/Users?filter=" + Query.form(filter));
    response.expectStatus("a ListResponse for the valid filter " + filter, 200);
    Listing listing = response.listing();
    Set<String> selected = new LinkedHashSet<>(listing.idsAmong(ours));
    if (!selected.equals(expected)) {
      throw listing
          .response()
          .fail(
              "the filter "
                  + filter
                  + " to select "
                  + names(ours, expected)
                  + (why == null ? "" : " (" + why + ")"),
              "it selected " + names(ours, selected));
    }
  }

  private static void filterComparisons(CheckRun run) {
    Trio t = trio(run);
    String s = scope(run) + " and ";
    String b = run.userName("Bravo");
    expectSelects(run, scope(run), t.all(), t.all());
    expectSelects(
        run, "userName eq " + Query.literal(b.toUpperCase(Locale.ROOT)), t.all(), Set.of(t.b()));
    expectSelects(run, s + "userName ne " + Query.literal(b), t.all(), Set.of(t.a(), t.c()));
    expectSelects(run, s + "userName co \"ALPHA@\"", t.all(), Set.of(t.a()));
    expectSelects(run, s + "userName ew \"charlie@testkit.example\"", t.all(), Set.of(t.c()));
    expectSelects(run, s + "name.givenName pr", t.all(), Set.of(t.a(), t.b()));
    expectSelects(run, s + "name.familyName eq \"Łukasiewicz\"", t.all(), Set.of(t.c()));
    expectSelects(run, s + "active eq false", t.all(), Set.of(t.b()));
  }

  private static void filterOrdering(CheckRun run) {
    Trio t = trio(run);
    String s = scope(run) + " and ";
    String a = Query.literal(run.userName("Alpha"));
    String c = Query.literal(run.userName("Charlie"));
    expectSelects(run, s + "userName gt " + a, t.all(), Set.of(t.b(), t.c()));
    expectSelects(run, s + "userName ge " + a, t.all(), t.all());
    expectSelects(run, s + "userName lt " + c, t.all(), Set.of(t.a(), t.b()));
    expectSelects(run, s + "userName le " + c, t.all(), t.all());
    JsonNode created = Paths.read(t.aJson(), "meta.created");
    JsonNode lastCreated = Paths.read(t.cJson(), "meta.created");
    if (!created.isTextual() || !lastCreated.isTextual()) {
      run.note("The 201 responses carry no meta.created, so dateTime comparisons were not tried");
      return;
    }
    String first = Query.literal(created.textValue());
    String last = Query.literal(lastCreated.textValue());
    expectSelects(run, s + "meta.created ge " + first, t.all(), t.all());
    expectSelects(run, s + "meta.created lt " + first, t.all(), Set.of());
    expectSelects(run, s + "meta.created gt " + last, t.all(), Set.of());
    expectSelects(run, s + "meta.lastModified le " + last, t.all(), t.all());
  }

  private static void filterLogic(CheckRun run) {
    Trio t = trio(run);
    String s = scope(run) + " and ";
    String a = Query.literal(run.userName("Alpha"));
    String b = Query.literal(run.userName("Bravo"));
    String c = Query.literal(run.userName("Charlie"));
    expectSelects(
        run,
        s + "(name.givenName eq \"Ada\" or name.givenName eq \"Grace\")",
        t.all(),
        Set.of(t.a(), t.b()));
    expectSelects(run, s + "not (active eq false)", t.all(), Set.of(t.a(), t.c()));
    expectSelects(
        run,
        s
            + "(name.givenName eq \"Grace\" or name.familyName eq \"Łukasiewicz\" and active eq true)",
        t.all(),
        Set.of(t.b(), t.c()),
        "\"and\" binds tighter than \"or\": B, or C and active");
    expectSelects(
        run,
        "active eq false and userName eq " + b + " or userName eq " + c,
        t.all(),
        Set.of(t.b(), t.c()));
    expectSelects(
        run,
        "(userName eq " + a + " or userName eq " + b + ") and active eq true",
        t.all(),
        Set.of(t.a()));
  }

  private static void filterComplex(CheckRun run) {
    Trio t = trio(run);
    String s = scope(run) + " and ";
    String bravoMail =
        run.userName("Bravo").split("@")[0].toLowerCase(Locale.ROOT) + "@work.example";
    expectSelects(
        run, s + "emails[type eq \"work\" and value co \"bravo\"]", t.all(), Set.of(t.b()));
    expectSelects(run, s + "emails.value eq " + Query.literal(bravoMail), t.all(), Set.of(t.b()));
    expectSelects(run, s + "emails.type eq \"work\"", t.all(), t.all());
    expectSelects(
        run,
        "USERNAME SW " + Query.literal(run.prefix()) + " AND Name.GivenName EQ \"ada\"",
        t.all(),
        Set.of(t.a()));
  }

  private static void invalidFilters(CheckRun run) {
    for (String filter :
        List.of(
            "userName eqq \"x\"",
            "(userName eq \"x\"",
            "userName eq",
            "name.givenName pr and",
            "userName eq \"unterminated")) {
      run.rfc()
          .get("/Users?filter=" + Query.form(filter))
          .expectError(400, "invalidFilter", "the filter '" + filter + "' is malformed");
    }
  }

  // --- sorting, paging, projection ---------------------------------------------------------------

  private static void sorting(CheckRun run) {
    Trio t = trio(run);
    String base = "/Users?filter=" + Query.form(scope(run)) + "&sortBy=userName";
    List<String> ascending = List.of(t.a(), t.b(), t.c());
    List<String> descending = List.of(t.c(), t.b(), t.a());
    expectOrder(run, base, t, ascending, "sortBy=userName (ascending by default)");
    expectOrder(run, base + "&sortOrder=ascending", t, ascending, "sortOrder=ascending");
    expectOrder(run, base + "&sortOrder=descending", t, descending, "sortOrder=descending");
  }

  private static void expectOrder(
      CheckRun run, String path, Trio t, List<String> expected, String what) {
    Listing listing = run.rfc().get(path).listing();
    List<String> order = listing.idsAmong(t.all());
    if (!order.equals(expected)) {
      throw listing
          .response()
          .fail(
              what + " to list " + names(t.all(), expected), "the order " + names(t.all(), order));
    }
  }

  private static void paging(CheckRun run) {
    Set<String> ours = new LinkedHashSet<>();
    for (int i = 1; i <= 5; i++) {
      ours.add(
          run.create(
              run.rfc(),
              "/Users",
              run.fixtures().scimUser(run.fixtures().user(run.userName("Page" + i)))));
    }
    String base = "/Users?filter=" + Query.form(scope(run));
    Listing first = run.rfc().get(base + "&startIndex=1&count=2").listing();
    expectPage(first, "startIndex=1&count=2", 5, 1L, 2);
    Set<String> seen = new LinkedHashSet<>(first.ids());
    for (long start = 3; start <= 5; start += 2) {
      Listing page = run.rfc().get(base + "&startIndex=" + start + "&count=2").listing();
      expectPage(page, "startIndex=" + start + "&count=2", 5, start, Math.min(2, 5 - start + 1));
      for (String id : page.ids()) {
        if (!seen.add(id)) {
          throw page.response().fail("each user on one page only", id + " again on this page");
        }
      }
    }
    if (!seen.equals(ours)) {
      throw run.fail("the pages to hold the 5 users created", seen.size() + " distinct users");
    }
    Listing zero = run.rfc().get(base + "&count=0").listing();
    expectPage(zero, "count=0", 5, null, 0);
    Listing negative = run.rfc().get(base + "&count=-1").listing();
    expectPage(negative, "count=-1 (read as 0)", 5, null, 0);
    Listing below = run.rfc().get(base + "&startIndex=0&count=2").listing();
    expectPage(below, "startIndex=0&count=2 (read as startIndex=1)", 5, 1L, 2);
    if (!below.ids().equals(first.ids())) {
      throw below
          .response()
          .fail(
              "startIndex=0 read as 1: the same page as startIndex=1",
              "other resources " + below.ids());
    }
    Listing past = run.rfc().get(base + "&startIndex=6&count=2").listing();
    expectPage(past, "startIndex=6&count=2 (past the end)", 5, 6L, 0);
  }

  private static void cursorPaging(CheckRun run) {
    Set<String> ours = new LinkedHashSet<>();
    for (int i = 1; i <= 5; i++) {
      ours.add(
          run.create(
              run.rfc(),
              "/Users",
              run.fixtures().scimUser(run.fixtures().user(run.userName("Cursor" + i)))));
    }
    String base = "/Users?count=2&filter=" + Query.form(scope(run));
    Set<String> seen = new LinkedHashSet<>();
    String cursor = "";
    String firstNext = null;
    for (int page = 1; cursor != null; page++) {
      if (page > 5) {
        throw run.fail("3 pages of at most 2 for 5 users", "more than 5 pages");
      }
      Listing listing = run.rfc().get(base + "&cursor=" + Query.form(cursor)).listing();
      if (listing.resources().size() > 2) {
        throw listing.response().fail("at most count=2 resources a page", listing.ids().toString());
      }
      for (String id : listing.ids()) {
        if (!seen.add(id)) {
          throw listing.response().fail("each user on one page only", id + " again");
        }
      }
      JsonNode next = Json.get(listing.response().json(), "nextCursor");
      cursor =
          next != null && next.isTextual() && !next.textValue().isEmpty() ? next.textValue() : null;
      if (page == 1) {
        firstNext = cursor;
      }
    }
    if (!seen.equals(ours)) {
      throw run.fail("the walk to see the 5 users created", seen.size() + " distinct users");
    }
    if (firstNext == null) {
      throw run.fail("a nextCursor after the first page of 2 of 5", "none");
    }
    // A character in the middle: the last one of base64 may carry only padding bits.
    int middle = firstNext.length() / 2;
    char was = firstNext.charAt(middle);
    String altered =
        firstNext.substring(0, middle) + (was == 'A' ? 'B' : 'A') + firstNext.substring(middle + 1);
    run.rfc()
        .get(base + "&cursor=" + Query.form(altered))
        .expectError(400, "invalidCursor", "an altered cursor refused (RFC 9865 §3)");
  }

  private static void expectPage(
      Listing page, String request, long total, Long startIndex, long size) {
    if (page.total() != total || page.resources().size() != size) {
      throw page.response()
          .fail(
              "for " + request + ", totalResults " + total + " and " + size + " resources",
              "totalResults " + page.total() + " and " + page.resources().size() + " resources");
    }
    if (startIndex != null && page.startIndex() != null && !page.startIndex().equals(startIndex)) {
      throw page.response()
          .fail(
              "for " + request + ", \"startIndex\": " + startIndex,
              "\"startIndex\": " + page.startIndex());
    }
    if (page.itemsPerPage() != null && page.itemsPerPage() != size) {
      throw page.response()
          .fail(
              "for " + request + ", \"itemsPerPage\": " + size + " (the resources returned)",
              "\"itemsPerPage\": " + page.itemsPerPage());
    }
  }

  private static void projection(CheckRun run) {
    String userName = run.userName("Projected");
    String id =
        run.create(run.rfc(), "/Users", run.fixtures().scimUser(run.fixtures().user(userName)));
    String path = "/Users/" + id;
    run.read(run.rfc(), path + "?attributes=userName")
        .expectValue("id", id)
        .expectValue("userName", userName)
        .expectAbsent("name", "only userName was asked for")
        .expectAbsent("emails", "only userName was asked for");
    Response given = run.read(run.rfc(), path + "?attributes=name.givenName");
    given.expectValue("name.givenName", "Ada").expectValue("id", id);
    given.expectAbsent("name.familyName", "only name.givenName was asked for");
    given.expectAbsent("userName", "only name.givenName was asked for");
    run.read(run.rfc(), path + "?excludedAttributes=emails,name")
        .expectValue("userName", userName)
        .expectAbsent("emails", "emails was excluded")
        .expectAbsent("name", "name was excluded");
    run.read(run.rfc(), path + "?excludedAttributes=id").expectValue("id", id);
    JsonNode listed =
        run.rfc()
            .get(
                "/Users?filter="
                    + Query.form("userName eq " + Query.literal(userName))
                    + "&attributes=userName")
            .listing()
            .single("the user, projected");
    if (!listed.path("id").asText().equals(id) || listed.has("emails") || listed.has("name")) {
      throw run.fail("the listed user with only id and userName", Json.show(listed));
    }
    Response created =
        run.rfc()
            .post(
                "/Users?attributes=userName",
                run.fixtures().scimUser(run.fixtures().user(run.userName("ProjectedPost"))));
    created.expectStatus("the user is created", 201);
    created.text("id");
    created.expectAbsent("emails", "the POST asked for attributes=userName");
  }

  // --- versions, errors, media type --------------------------------------------------------------

  private static void etags(CheckRun run) {
    String id =
        run.create(
            run.rfc(),
            "/Users",
            run.fixtures().scimUser(run.fixtures().user(run.userName("Versioned"))));
    String path = "/Users/" + id;
    Response got = run.read(run.rfc(), path);
    String etag = got.header("ETag");
    if (etag == null) {
      throw got.fail("an ETag header (etag.supported is true)", "none");
    }
    JsonNode version = got.at("meta.version");
    if (!version.isTextual() || !version.textValue().equals(etag)) {
      throw got.fail("meta.version equal to the ETag " + etag, Json.show(version));
    }
    Response notModified = run.rfc().request("GET", path).header("If-None-Match", etag).send();
    notModified.expectStatus("If-None-Match names the current version", 304);
    Response changed =
        run.rfc()
            .request("PATCH", path)
            .header("If-Match", etag)
            .body(Json.patch(Json.op("replace", "name.givenName", "Versioned")))
            .send();
    changed.expectStatus("If-Match names the current version, so the change applies", 200, 204);
    String newer = changed.header("ETag");
    if (newer == null || newer.equals(etag)) {
      throw changed.fail(
          "a new ETag after the change", newer == null ? "none" : "the same " + etag);
    }
    run.rfc()
        .request("GET", path)
        .header("If-None-Match", etag)
        .send()
        .expectStatus("If-None-Match names an old version", 200);
    ObjectNode replacement = run.read(run.rfc(), path).json().deepCopy();
    run.rfc()
        .request("PUT", path)
        .header("If-Match", etag)
        .body(replacement)
        .send()
        .expectError(412, null, "If-Match names an old version");
    run.rfc()
        .request("DELETE", path)
        .header("If-Match", etag)
        .send()
        .expectStatus("If-Match names an old version", 412);
    run.read(run.rfc(), path).expectValue("name.givenName", "Versioned");
  }

  private static void errors(CheckRun run) {
    run.rfc()
        .get("/Users/" + UUID.randomUUID())
        .expectError(404, null, "no such user")
        .expectScimContentType();
    ObjectNode noUserName = run.fixtures().scimUser(run.fixtures().user(run.userName("NoName")));
    noUserName.remove("userName");
    run.rfc().post("/Users", noUserName).expectError(400, "invalidValue", "userName is required");
    run.rfc()
        .request("POST", "/Users")
        .rawBody("{\"schemas\": [\"" + Json.USER + "\"], \"userName\": ")
        .send()
        .expectError(400, "invalidSyntax", "the body is not JSON");
    ObjectNode user = run.fixtures().scimUser(run.fixtures().user(run.userName("Unique")));
    String id = run.create(run.rfc(), "/Users", user);
    run.rfc().post("/Users", user).expectError(409, "uniqueness", "the userName is taken");
    run.rfc()
        .patch("/Users/" + id, Json.patch(Json.op("remove", null, Json.NO_VALUE)))
        .expectError(400, "noTarget", "a remove without a path");
    run.rfc()
        .patch("/Users/" + id, Json.patch(Json.op("replace", "userName..given", "x")))
        .expectError(400, "invalidPath", "the path is malformed");
    Response anonymous = run.rfc().withAuthorization(null).get("/Users?count=1");
    anonymous.expectError(401, null, "no credentials");
    if (anonymous.header("WWW-Authenticate") == null) {
      throw anonymous.fail("a WWW-Authenticate header with the 401 (RFC 7235 §3.1)", "none");
    }
  }

  private static void contentType(CheckRun run) {
    Response created =
        run.rfc()
            .post("/Users", run.fixtures().scimUser(run.fixtures().user(run.userName("Typed"))));
    created.expectStatus("the user is created", 201).expectScimContentType();
    String id = created.text("id");
    String location = created.header("Location");
    JsonNode metaLocation = created.at("meta.location");
    if (location == null
        || !metaLocation.isTextual()
        || !metaLocation.textValue().equals(location)) {
      throw created.fail(
          "a Location header equal to meta.location",
          "Location " + location + ", meta.location " + Json.show(metaLocation));
    }
    if (!location.endsWith("/Users/" + id)) {
      throw created.fail("a Location ending in /Users/" + id, location);
    }
    if (!Response.containsText(created.at("schemas"), Json.USER)) {
      throw created.fail("\"schemas\" containing " + Json.USER, Json.show(created.at("schemas")));
    }
    for (String field : List.of("meta.resourceType", "meta.created", "meta.lastModified")) {
      if (!created.at(field).isTextual()) {
        run.note("The 201 response has no " + field + " (RFC 7643 §3.1)");
      }
    }
    run.read(run.rfc(), "/Users/" + id).expectScimContentType();
    run.rfc().get("/Users?count=1").expectStatus("a list", 200).expectScimContentType();
    Response json =
        run.rfc().request("GET", "/Users/" + id).header("Accept", "application/json").send();
    if (json.status() != 200) {
      run.note(
          "GET with Accept: application/json answered "
              + json.summary()
              + "; RFC 7644 §3.8 says servers SHOULD support it");
    }
  }

  // --- PUT, PATCH, search, groups ----------------------------------------------------------------

  private static void put(CheckRun run) {
    String userName = run.userName("Replaced");
    Map<String, Object> user = run.fixtures().user(userName);
    String id = run.create(run.rfc(), "/Users", run.fixtures().scimUser(user));
    Map<String, Object> replacement = new LinkedHashMap<>(user);
    replacement.putAll(run.fixtures().changes(userName));
    ObjectNode body = run.fixtures().scimUser(replacement);
    body.put("id", id);
    body.set("meta", Json.object("resourceType", "User", "created", "2000-01-01T00:00:00Z"));
    Response put = run.rfc().put("/Users/" + id, body);
    put.expectStatus("the user is replaced: 200 with it", 200);
    put.expectValue("id", id);
    run.verify(put, put.json(), replacement, "in the PUT response");
    Response got = run.read(run.rfc(), "/Users/" + id);
    run.verify(got, got.json(), replacement, "GET after the PUT");
    if (got.at("meta.created").asText().startsWith("2000-01-01")) {
      throw got.fail(
          "meta.created kept by the server (meta is read-only)", Json.show(got.at("meta")));
    }
    run.rfc()
        .put(
            "/Users/" + UUID.randomUUID(),
            run.fixtures().scimUser(run.fixtures().user(run.userName("Ghost"))))
        .expectStatus("PUT does not create; the id is unknown", 404);
  }

  private static void patch(CheckRun run) {
    String userName = run.userName("Patched");
    Map<String, Object> user = run.fixtures().user(userName);
    String id = run.create(run.rfc(), "/Users", run.fixtures().scimUser(user));
    String path = "/Users/" + id;
    if (run.profile() != Profile.FULL) {
      run.note(
          "the "
              + run.profile().id()
              + " profile maps one email, so no home email was added and removed");
    } else {
      addAndRemoveHomeEmail(run, path, (String) user.get(Fixtures.WORK_EMAIL));
    }
    run.rfc()
        .patch(
            path,
            Json.patch(
                Json.op("replace", "name.familyName", "Byron"),
                Json.op("remove", "name.givenName", Json.NO_VALUE)))
        .expectStatus("the name is changed", 200, 204);
    Response renamed = run.read(run.rfc(), path);
    renamed
        .expectValue("name.familyName", "Byron")
        .expectAbsent("name.givenName", "it was removed");
    run.rfc()
        .patch(
            path,
            Json.patch(Json.op("add", null, Json.object("name", Json.object("givenName", "Ada")))))
        .expectStatus("the given name is added back", 200, 204);
    run.read(run.rfc(), path)
        .expectValue("name.givenName", "Ada")
        .expectValue("name.familyName", "Byron")
        .expectValue("userName", userName);
  }

  private static void addAndRemoveHomeEmail(CheckRun run, String path, String work) {
    run.rfc()
        .patch(
            path,
            Json.patch(
                Json.op(
                    "add",
                    "emails",
                    Json.array(Json.object("type", "home", "value", "home." + work)))))
        .expectStatus("the email is added", 200, 204);
    Response added = run.read(run.rfc(), path);
    Map<String, Object> both = new LinkedHashMap<>();
    both.put(Fixtures.WORK_EMAIL, work);
    both.put("emails[type eq \"home\"].value", "home." + work);
    run.verify(added, added.json(), both, "after adding a home email");
    run.rfc()
        .patch(path, Json.patch(Json.op("remove", "emails[type eq \"home\"]", Json.NO_VALUE)))
        .expectStatus("the home email is removed", 200, 204);
    Response removed = run.read(run.rfc(), path);
    if (Json.elements(removed.at("emails")).size() != 1) {
      throw removed.fail(
          "after removing emails[type eq \"home\"], only the work email left",
          "emails " + Json.show(removed.at("emails")));
    }
    run.verify(removed, removed.json(), Map.of(Fixtures.WORK_EMAIL, work), "after the remove");
  }

  private static void search(CheckRun run) {
    String userName = run.userName("Searched");
    String id =
        run.create(run.rfc(), "/Users", run.fixtures().scimUser(run.fixtures().user(userName)));
    // A second user, so that a search ignoring its filter cannot pass by finding one user only.
    run.create(
        run.rfc(), "/Users", run.fixtures().scimUser(run.fixtures().user(run.userName("Other"))));
    ObjectNode body = Json.object();
    body.set("schemas", Json.array(Json.SEARCH_REQUEST));
    body.put("filter", "userName eq " + Query.literal(userName));
    body.put("startIndex", 1);
    body.put("count", 10);
    Response response = run.rfc().post("/Users/.search", body);
    if (response.status() == 404 || response.status() == 405 || response.status() == 501) {
      throw run.skip("the server does not offer POST /Users/.search (" + response.summary() + ")");
    }
    JsonNode match = response.listing().single("the user named in the search's filter");
    if (!match.path("id").asText().equals(id)) {
      throw response.fail("the user with id " + id, "id " + match.path("id"));
    }
  }

  private static void groupMembers(CheckRun run) {
    String u1 =
        run.create(
            run.rfc(), "/Users", run.fixtures().scimUser(run.fixtures().user(run.userName("M1"))));
    String u2 =
        run.create(
            run.rfc(), "/Users", run.fixtures().scimUser(run.fixtures().user(run.userName("M2"))));
    String name = run.groupName("Members");
    ObjectNode body = run.fixtures().group(name, List.of(u1, u2));
    String id = run.create(run.rfc(), "/Groups", body);
    run.expectMembers(run.rfc(), id, Set.of(u1, u2), "after the POST with two members");
    Listing byMember =
        run.rfc()
            .get("/Groups?filter=" + Query.form("members.value eq " + Query.literal(u1)))
            .listing();
    if (!byMember.ids().contains(id)) {
      throw byMember
          .response()
          .fail(
              "the group among the groups whose members include " + u1, byMember.ids().toString());
    }
    run.rfc()
        .patch(
            "/Groups/" + id,
            Json.patch(
                Json.op("remove", "members[value eq " + Query.literal(u2) + "]", Json.NO_VALUE)))
        .expectStatus("the member is removed", 200, 204);
    run.expectMembers(run.rfc(), id, Set.of(u1), "after removing one member by value filter");
    run.rfc()
        .patch("/Groups/" + id, Json.patch(Json.op("add", "members", Json.array(Json.member(u2)))))
        .expectStatus("the member is added", 200, 204);
    run.expectMembers(run.rfc(), id, new HashSet<>(List.of(u1, u2)), "after adding it back");
  }

  // --- bulk, /Me ---------------------------------------------------------------------------------

  private static void bulkReferences(CheckRun run) {
    String userName = run.userName("Bulk");
    Bulk.Results created =
        new Bulk()
            .post("/Groups", "g", run.fixtures().group(run.groupName("Bulk"), List.of("bulkId:u")))
            .post("/Users", "u", run.fixtures().scimUser(run.fixtures().user(userName)))
            .patch("/Users/bulkId:u", Json.patch(Json.op("replace", "name.givenName", "Bulk")))
            .send(run);
    String groupId =
        created.createdId(
            "g", "/Groups", "the POST of the group, whose members reference a later operation");
    String userId = created.createdId("u", "/Users", "the POST of the user (bulkId u)");
    String patch = "the PATCH of /Users/bulkId:u";
    JsonNode patched = created.of("PATCH", null, patch);
    created.expectStatus(patched, patch, 200, 204);
    created.expectLocation(patched, "/Users/" + userId, patch);
    run.expectMembers(
        run.rfc(), groupId, Set.of(userId), "after the bulk request, bulkId:u resolved");
    run.read(run.rfc(), "/Users/" + userId)
        .expectValue("userName", userName)
        .expectValue("name.givenName", "Bulk");
    // bulkIds name resources within one request: a second one creates a group and deletes it.
    Bulk.Results deleted =
        new Bulk()
            .post(
                "/Groups", "d", run.fixtures().group(run.groupName("BulkDeleted"), List.of(userId)))
            .delete("/Groups/bulkId:d")
            .send(run);
    String doomedId = deleted.createdId("d", "/Groups", "the POST of the group (bulkId d)");
    String delete = "the DELETE of /Groups/bulkId:d";
    JsonNode removal = deleted.of("DELETE", null, delete);
    deleted.expectStatus(removal, delete, 204);
    deleted.expectLocation(removal, "/Groups/" + doomedId, delete);
    run.rfc()
        .get("/Groups/" + doomedId)
        .expectStatus("the group is gone: the bulk request deleted it", 404);
  }

  private static void bulkFailOnErrors(CheckRun run) {
    ObjectNode nameless = run.fixtures().scimUser(run.fixtures().user(run.userName("Nameless")));
    nameless.remove("userName");
    String userName = run.userName("NeverRun");
    Bulk.Results results =
        new Bulk()
            .failOnErrors(1)
            .post("/Users", "nameless", nameless)
            .post("/Users", "after", run.fixtures().scimUser(run.fixtures().user(userName)))
            .send(run);
    String first = "the POST of a user without userName (userName is required)";
    results.expectError(results.of("POST", "nameless", first), 400, first);
    JsonNode after = results.find("POST", "after");
    if (after != null) {
      throw results.fail(
          "no result for the second operation: failOnErrors is 1 and the first failed, so no"
              + " other operation runs",
          Json.show(after));
    }
    Listing found =
        run.rfc()
            .get("/Users?filter=" + Query.form("userName eq " + Query.literal(userName)))
            .listing();
    for (String id : found.ids()) {
      run.created(run.rfc(), "/Users", id, null);
    }
    if (found.total() > 0) {
      throw found
          .response()
          .fail(
              "no user " + userName + ": its operation came after the failure, with failOnErrors 1",
              "totalResults " + found.total());
    }
  }

  private static void bulkUnknownReference(CheckRun run) {
    String userName = run.userName("BulkKnown");
    Bulk.Results results =
        new Bulk()
            .patch("/Users/bulkId:ghost", Json.patch(Json.op("replace", "active", false)))
            .post("/Users", "u", run.fixtures().scimUser(run.fixtures().user(userName)))
            .send(run);
    String ghost = "the PATCH of /Users/bulkId:ghost, a bulkId no operation of the request has";
    results.expectError(results.of("PATCH", null, ghost), 0, ghost);
    String userId =
        results.createdId("u", "/Users", "the POST of the user, after the failed operation");
    run.read(run.rfc(), "/Users/" + userId).expectValue("userName", userName);
  }

  private static void me(CheckRun run) {
    Response me = run.rfc().get("/Me");
    if (me.status() == 501) {
      throw run.skip("the server does not serve /Me: GET /Me answered " + me.summary());
    }
    if (me.status() == 404) {
      throw run.skip(
          "no User stands for the testkit's credentials: GET /Me answered " + me.summary());
    }
    Response user = me;
    if (me.status() == 308 && me.header("Location") != null) {
      run.note("GET /Me redirects (308) to " + me.header("Location"));
      user = run.read(run.rfc(), me.header("Location"));
    } else {
      me.expectStatus("the User the credentials stand for (or 501 when /Me is not served)", 200);
    }
    if (!Response.containsText(user.at("schemas"), Json.USER)) {
      throw user.fail(
          "the caller's User: \"schemas\" containing " + Json.USER, Json.show(user.at("schemas")));
    }
    String id = user.text("id");
    run.read(run.rfc(), "/Users/" + id).expectValue("id", id);
    String location = me.header("Location");
    if (location == null) {
      run.note(
          "GET /Me answered no Location header; RFC 7644 §3.11 has it be the permanent location"
              + " of the User (/Users/"
              + id
              + ")");
    } else if (!location.endsWith("/Users/" + id)) {
      throw me.fail("a Location ending in /Users/" + id + ", the User's own", location);
    }
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** Names A, B, C for the trio's ids in messages, else the ids. */
  private static String names(Set<String> ours, java.util.Collection<String> ids) {
    List<String> all = new ArrayList<>(ours);
    List<String> shown = new ArrayList<>();
    List<String> ordered = new ArrayList<>(ids);
    if (!(ids instanceof List)) {
      // A set has no order of its own: show it as A, B, C.
      ordered.sort(java.util.Comparator.comparingInt(all::indexOf));
    }
    for (String id : ordered) {
      int at = all.indexOf(id);
      shown.add(at >= 0 && ours.size() <= 3 ? "ABC".charAt(at) + " (" + id + ")" : id);
    }
    return shown.isEmpty() ? "none" : String.join(", ", shown);
  }

  private static JsonNode attribute(JsonNode schema, String name) {
    for (JsonNode attribute : Json.elements(Json.get(schema, "attributes"))) {
      if (Json.get(attribute, "name").asText().equalsIgnoreCase(name)) {
        return attribute;
      }
    }
    return null;
  }

  /** Whether a schema among {@code schemas} declares {@code path} (and its sub-attribute). */
  private static boolean declared(List<JsonNode> schemas, String coreUrn, String path) {
    Paths.Path p = Paths.parse(path);
    String urn = p.urn() == null ? coreUrn : p.urn();
    String attributeName = p.attribute();
    String sub = p.sub();
    if (p.urn() == null && p.key() == null && sub == null && path.contains(".")) {
      attributeName = path.substring(0, path.indexOf('.'));
      sub = path.substring(path.indexOf('.') + 1);
    }
    for (JsonNode schema : schemas) {
      if (!Json.get(schema, "id").asText().equalsIgnoreCase(urn)) {
        continue;
      }
      JsonNode attribute = attribute(schema, attributeName);
      if (attribute == null) {
        return false;
      }
      if (sub == null || Json.get(attribute, "subAttributes").isMissingNode() && isCommon(sub)) {
        return true;
      }
      for (JsonNode child : Json.elements(Json.get(attribute, "subAttributes"))) {
        if (Json.get(child, "name").asText().equalsIgnoreCase(sub)) {
          return true;
        }
      }
      return isCommon(sub) && Json.get(attribute, "multiValued").asBoolean(false);
    }
    return false;
  }

  /** RFC 7643 §2.4: the sub-attributes every multi-valued attribute may carry. */
  private static boolean isCommon(String sub) {
    return List.of("type", "primary", "display", "value", "$ref").contains(sub);
  }
}
