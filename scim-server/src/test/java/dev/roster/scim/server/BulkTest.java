package dev.roster.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.memory.InMemoryStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@code POST /Bulk} (RFC 7644 §3.7) through the engine, without HTTP. */
class BulkTest {
  private static final String BASE = "https://saas.example.com/scim/v2";
  private static final String ENTERPRISE =
      "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  private static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private final List<ChangeEvent> events = new CopyOnWriteArrayList<>();
  private final InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
  private final ScimServer server = server(ScimServer.builder());

  private ScimServer server(ScimServer.Builder builder) {
    return builder
        .users(store.users())
        .groups(store.groups())
        .authenticator(
            BearerTokenAuthenticator.of(
                Map.of(
                    "a", Identity.of("acme", "entra"),
                    "g", Identity.of("globex", "okta"),
                    "ops", Identity.of(ScimServer.ANY_TENANT, "ops"))))
        .observer(events::add)
        .build();
  }

  // --- requests --------------------------------------------------------------------------------

  private static ScimRequest request(String method, String path, String body, String token) {
    return new ScimRequest(
        method,
        path,
        Map.of(),
        Map.of("Authorization", List.of("Bearer " + token)),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        BASE);
  }

  /** A BulkRequest of {@code operations}, each a JSON object, with failOnErrors when not null. */
  private static String bulk(Integer failOnErrors, String... operations) {
    return "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
        + (failOnErrors == null ? "" : "\"failOnErrors\":" + failOnErrors + ",")
        + "\"Operations\":["
        + String.join(",", operations)
        + "]}";
  }

  private static String post(String bulkId, String path, String data) {
    return "{\"method\":\"POST\",\"path\":\""
        + path
        + "\",\"bulkId\":\""
        + bulkId
        + "\",\"data\":"
        + data
        + "}";
  }

  private static String operation(String method, String path, String version, String data) {
    return "{\"method\":\""
        + method
        + "\",\"path\":\""
        + path
        + "\""
        + (version == null ? "" : ",\"version\":" + Json.NODES.textNode(version))
        + (data == null ? "" : ",\"data\":" + data)
        + "}";
  }

  private static String user(String userName) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\""
        + userName
        + "\"}";
  }

  private static String group(String displayName, String... memberValues) {
    StringBuilder members = new StringBuilder();
    for (String value : memberValues) {
      members.append(members.length() == 0 ? "" : ",").append("{\"value\":\"").append(value);
      members.append("\"}");
    }
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
        + displayName
        + "\",\"members\":["
        + members
        + "]}";
  }

  private static String patchOps(String operations) {
    return "{\"schemas\":[\"" + PATCH_OP + "\"],\"Operations\":[" + operations + "]}";
  }

  private ScimResponse send(String body) {
    return server.handle(request("POST", "/Bulk", body, "a"));
  }

  /** The operation results of a bulk response that must be 200. */
  private static JsonNode results(ScimResponse response) {
    assertThat(response.status()).as(response.bodyText()).isEqualTo(200);
    assertThat(response.body().path("schemas"))
        .containsExactly(Json.NODES.textNode("urn:ietf:params:scim:api:messages:2.0:BulkResponse"));
    return response.body().path("Operations");
  }

  private String create(String path, String body) {
    ScimResponse created = server.handle(request("POST", path, body, "a"));
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    return created.body().path("id").asText();
  }

  private JsonNode get(String path) {
    return server.handle(request("GET", path, null, "a")).body();
  }

  private String etag(String path) {
    return server.handle(request("GET", path, null, "a")).headers().get("ETag");
  }

  private static String id(JsonNode result) {
    String location = result.path("location").asText();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  private static List<String> memberIds(JsonNode group) {
    List<String> ids = new ArrayList<>();
    group.path("members").forEach(member -> ids.add(member.path("value").asText()));
    return ids;
  }

  private static void assertError(JsonNode result, int status, String scimType) {
    assertThat(result.path("status").asText()).as(result.toString()).isEqualTo("" + status);
    JsonNode error = result.path("response");
    assertThat(error.path("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(error.path("status").asText()).isEqualTo("" + status);
    if (scimType == null) {
      assertThat(error.has("scimType")).as(error.toString()).isFalse();
    } else {
      assertThat(error.path("scimType").asText()).isEqualTo(scimType);
    }
  }

  private List<String> eventLines() {
    List<String> lines = new ArrayList<>();
    for (ChangeEvent event : events) {
      lines.add(
          event.kind()
              + " "
              + event.resourceType()
              + " "
              + event.id()
              + " "
              + event.context().tenant()
              + "/"
              + event.context().principal());
    }
    return lines;
  }

  // --- what the RFC shows --------------------------------------------------------------------

  @Test
  void theRfcExampleAddsUpdatesAndRemovesUsersAndAnswersEachAsTheRfcShows() {
    String replaced = create("/Users", user("replaced"));
    String patched = create("/Users", user("patched"));
    String removed = create("/Users", user("removed"));

    ScimResponse response =
        send(
            bulk(
                1,
                post("qwerty", "/Users", user("Alice")),
                operation("PUT", "/Users/" + replaced, etag("/Users/" + replaced), user("Bob")),
                operation(
                    "PATCH",
                    "/Users/" + patched,
                    etag("/Users/" + patched),
                    patchOps(
                        "{\"op\":\"add\",\"path\":\"nickName\",\"value\":\"Dave\"},"
                            + "{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")),
                operation("DELETE", "/Users/" + removed, etag("/Users/" + removed), null)));

    JsonNode results = results(response);
    assertThat(results).hasSize(4);
    JsonNode created = results.get(0);
    String alice = id(created);
    assertThat(created.path("location").asText()).isEqualTo(BASE + "/Users/" + alice);
    assertThat(created.path("method").asText()).isEqualTo("POST");
    assertThat(created.path("bulkId").asText()).isEqualTo("qwerty");
    assertThat(created.path("version").asText()).isEqualTo(etag("/Users/" + alice));
    assertThat(created.path("status").isTextual()).isTrue();
    assertThat(created.path("status").asText()).isEqualTo("201");
    assertThat(created.has("response")).isFalse();
    assertThat(results.get(1).toString())
        .isEqualTo(
            Json.object()
                .put("location", BASE + "/Users/" + replaced)
                .put("method", "PUT")
                .put("version", etag("/Users/" + replaced))
                .put("status", "200")
                .toString());
    assertThat(results.get(2).path("method").asText()).isEqualTo("PATCH");
    assertThat(results.get(2).path("location").asText()).isEqualTo(BASE + "/Users/" + patched);
    assertThat(results.get(2).path("version").asText()).isEqualTo(etag("/Users/" + patched));
    assertThat(results.get(2).path("status").asText()).isEqualTo("200");
    assertThat(results.get(3).toString())
        .isEqualTo(
            Json.object()
                .put("location", BASE + "/Users/" + removed)
                .put("method", "DELETE")
                .put("status", "204")
                .toString());

    assertThat(get("/Users/" + alice).path("userName").asText()).isEqualTo("Alice");
    assertThat(get("/Users/" + replaced).path("userName").asText()).isEqualTo("Bob");
    assertThat(get("/Users/" + patched).path("nickName").asText()).isEqualTo("Dave");
    assertThat(get("/Users/" + patched).path("active").asBoolean(true)).isFalse();
    assertThat(server.handle(request("GET", "/Users/" + removed, null, "a")).status())
        .isEqualTo(404);
  }

  @Test
  void bulkIdsInMembersManagerAndPathsResolveWhateverTheOrderAndEachChangeIsReported() {
    ScimResponse response =
        send(
            bulk(
                null,
                operation(
                    "PATCH",
                    "/Users/bulkId:bob",
                    null,
                    patchOps("{\"op\":\"replace\",\"path\":\"displayName\",\"value\":\"Bob B\"}")),
                post("tour", "/Groups", group("Tour Guides", "bulkId:alice", "bulkId:bob")),
                post(
                    "bob",
                    "/Users",
                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                        + ENTERPRISE
                        + "\"],\"userName\":\"Bob\",\""
                        + ENTERPRISE
                        + "\":{\"manager\":{\"value\":\"bulkId:alice\"}}}"),
                post("alice", "/Users", user("Alice"))));

    JsonNode results = results(response);
    assertThat(results)
        .extracting(r -> r.path("status").asText())
        .containsExactly("200", "201", "201", "201");
    assertThat(results)
        .extracting(r -> r.path("method").asText())
        .containsExactly("PATCH", "POST", "POST", "POST");
    String bob = id(results.get(2));
    String alice = id(results.get(3));
    String tour = id(results.get(1));
    assertThat(results.get(0).path("location").asText()).isEqualTo(BASE + "/Users/" + bob);
    assertThat(memberIds(get("/Groups/" + tour))).containsExactlyInAnyOrder(alice, bob);
    JsonNode bobNow = get("/Users/" + bob);
    assertThat(bobNow.path(ENTERPRISE).path("manager").path("value").asText()).isEqualTo(alice);
    assertThat(bobNow.path("displayName").asText()).isEqualTo("Bob B");
    assertThat(eventLines())
        .containsExactly(
            "CREATED User " + alice + " acme/entra",
            "CREATED User " + bob + " acme/entra",
            "PATCHED User " + bob + " acme/entra",
            "CREATED Group " + tour + " acme/entra");
  }

  @Test
  void theCircularGroupsOfSection371AreCreatedAndThenPatchedToReferenceEachOther() {
    ScimResponse response =
        send(
            bulk(
                null,
                post("qwerty", "/Groups", group("Group A", "bulkId:ytrewq")),
                post("ytrewq", "/Groups", group("Group B", "bulkId:qwerty"))));

    JsonNode results = results(response);
    assertThat(results).extracting(r -> r.path("status").asText()).containsExactly("201", "201");
    String a = id(results.get(0));
    String b = id(results.get(1));
    assertThat(results.get(0).path("bulkId").asText()).isEqualTo("qwerty");
    assertThat(results.get(1).path("bulkId").asText()).isEqualTo("ytrewq");
    assertThat(memberIds(get("/Groups/" + a))).containsExactly(b);
    assertThat(memberIds(get("/Groups/" + b))).containsExactly(a);
    assertThat(get("/Groups/" + a).at("/members/0/type").asText()).isEqualTo("Group");
    // The version each result states is the one after the patch that closed the cycle.
    assertThat(results.get(0).path("version").asText()).isEqualTo(etag("/Groups/" + a));
    assertThat(results.get(1).path("version").asText()).isEqualTo(etag("/Groups/" + b));
    assertThat(eventLines())
        .containsExactly(
            "CREATED Group " + a + " acme/entra",
            "CREATED Group " + b + " acme/entra",
            "MEMBERS_CHANGED Group " + a + " acme/entra");
  }

  @Test
  void circularManagersInTheEnterpriseExtensionAndASelfReferenceAreResolvedToo() {
    String managedBy =
        "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"%s\"],\"userName\":\"%s\","
            + "\"title\":\"%s\",\"%s\":{\"department\":\"Tours\",\"manager\":{\"value\":\"%s\"}}}";
    ScimResponse response =
        send(
            bulk(
                null,
                post(
                    "x",
                    "/Users",
                    managedBy.formatted(ENTERPRISE, "x", "X", ENTERPRISE, "bulkId:y")),
                post(
                    "y",
                    "/Users",
                    managedBy.formatted(ENTERPRISE, "y", "Y", ENTERPRISE, "bulkId:x")),
                post("self", "/Groups", group("Itself", "bulkId:self"))));

    JsonNode results = results(response);
    String x = id(results.get(0));
    String y = id(results.get(1));
    JsonNode xNow = get("/Users/" + x);
    assertThat(xNow.at("/" + ENTERPRISE + "/manager/value").asText()).isEqualTo(y);
    assertThat(xNow.at("/" + ENTERPRISE + "/department").asText()).isEqualTo("Tours");
    assertThat(xNow.path("title").asText()).isEqualTo("X");
    assertThat(get("/Users/" + y).at("/" + ENTERPRISE + "/manager/value").asText()).isEqualTo(x);
    assertThat(results.get(0).path("status").asText()).isEqualTo("201");
    assertThat(results.get(1).path("status").asText()).isEqualTo("201");
    JsonNode self = results.get(2);
    assertThat(self.path("status").asText()).isEqualTo("201");
    assertThat(memberIds(get("/Groups/" + id(self)))).containsExactly(id(self));
  }

  @Test
  void aCircularPostWhosePatchFailsAnswersThatFailureWithTheLocationOfWhatItCreated() {
    // A user's groups are read-only: its POST drops them, but the PATCH that adds them back once
    // the group exists is refused.
    JsonNode results =
        results(
            send(
                bulk(
                    null,
                    post(
                        "u",
                        "/Users",
                        "{\"userName\":\"joiner\",\"groups\":[{\"value\":\"bulkId:g\"}]}"),
                    post("g", "/Groups", group("Joined", "bulkId:u")))));

    JsonNode user = results.get(0);
    assertError(user, 400, "mutability");
    assertThat(user.path("bulkId").asText()).isEqualTo("u");
    assertThat(user.path("location").asText()).startsWith(BASE + "/Users/");
    assertThat(get("/Users/" + id(user)).path("userName").asText()).isEqualTo("joiner");
    assertThat(results.get(1).path("status").asText()).isEqualTo("201");
    assertThat(memberIds(get("/Groups/" + id(results.get(1))))).containsExactly(id(user));
  }

  // --- references that cannot be resolved ------------------------------------------------------

  @Test
  void aReferenceToAFailedOrUnknownBulkIdIs409AndWritesNothingOfItsOperation() {
    ScimResponse response =
        send(
            bulk(
                null,
                post("guides", "/Groups", group("Guides", "bulkId:broken")),
                post("broken", "/Users", "{\"displayName\":\"no userName\"}"),
                post("ghosts", "/Groups", group("Ghosts", "bulkId:nobody")),
                operation(
                    "PATCH",
                    "/Users/bulkId:nobody",
                    null,
                    patchOps("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))));

    JsonNode results = results(response);
    assertError(results.get(0), 409, "invalidValue");
    assertThat(results.get(0).at("/response/detail").asText())
        .isEqualTo("Cannot resolve 'bulkId:broken': the POST operation with that bulkId failed");
    assertThat(results.get(0).has("location")).isFalse();
    assertThat(results.get(0).path("bulkId").asText()).isEqualTo("guides");
    assertError(results.get(1), 400, "invalidValue");
    assertThat(results.get(1).has("location")).isFalse();
    assertError(results.get(2), 409, "invalidValue");
    assertThat(results.get(2).at("/response/detail").asText())
        .isEqualTo(
            "Cannot resolve 'bulkId:nobody': no POST operation of this bulk request has that"
                + " bulkId");
    assertError(results.get(3), 409, "invalidValue");
    assertThat(results.get(3).has("location")).isFalse();
    assertThat(get("/Groups").path("totalResults").asInt()).isZero();
    assertThat(get("/Users").path("totalResults").asInt()).isZero();
    assertThat(events).isEmpty();
  }

  // --- failOnErrors ----------------------------------------------------------------------------

  @Test
  void failOnErrorsStopsAfterThatManyErrorsAndTheRestDoesNotRun() {
    String kept = create("/Users", user("kept"));
    String invalid = post("bad", "/Users", "{\"displayName\":\"no userName\"}");

    JsonNode first =
        results(
            send(
                bulk(
                    1,
                    invalid,
                    post("never", "/Users", user("never")),
                    operation("DELETE", "/Users/" + kept, null, null))));

    assertThat(first).hasSize(1);
    assertError(first.get(0), 400, "invalidValue");
    assertThat(first.get(0).path("bulkId").asText()).isEqualTo("bad");
    assertThat(get("/Users").path("totalResults").asInt()).isEqualTo(1);

    JsonNode second =
        results(
            send(
                bulk(
                    2,
                    invalid,
                    post("one", "/Users", user("one")),
                    operation("DELETE", "/Users/unknown-id", null, null),
                    post("two", "/Users", user("two")))));

    assertThat(second)
        .extracting(r -> r.path("status").asText())
        .containsExactly("400", "201", "404");
    assertError(second.get(2), 404, null);
    assertThat(second.get(2).path("location").asText()).isEqualTo(BASE + "/Users/unknown-id");
    assertThat(get("/Users").path("totalResults").asInt()).isEqualTo(2); // kept and one

    JsonNode without =
        results(
            send(
                bulk(
                    null,
                    invalid,
                    invalid.replace("bad", "worse"),
                    post("u", "/Users", user("u")))));
    assertThat(without)
        .extracting(r -> r.path("status").asText())
        .containsExactly("400", "400", "201");
  }

  @Test
  void failOnErrorsCompletesACircularPostAlreadyCreated() {
    // Group A is created first without its member; B fails (A's displayName), which is the one
    // error allowed: A's pending patch cannot add B, and A's result says so with its location.
    JsonNode results =
        results(
            send(
                bulk(
                    1,
                    post("a", "/Groups", group("Group A", "bulkId:b")),
                    post("b", "/Groups", group("Group A", "bulkId:a")))));

    assertThat(results).hasSize(2);
    assertError(results.get(0), 409, "invalidValue");
    assertThat(results.get(0).at("/response/detail").asText())
        .contains("created without")
        .contains("'bulkId:b': the POST operation with that bulkId failed");
    String a = id(results.get(0));
    assertThat(get("/Groups/" + a).path("displayName").asText()).isEqualTo("Group A");
    assertThat(memberIds(get("/Groups/" + a))).isEmpty();
    assertError(results.get(1), 409, "uniqueness");
  }

  // --- entity tags ----------------------------------------------------------------------------

  @Test
  void versionIsSentAsIfMatchSoAStaleOneIs412ForThatOperationAlone() {
    String id = create("/Users", user("tagged"));
    String current = etag("/Users/" + id);

    JsonNode results =
        results(
            send(
                bulk(
                    null,
                    operation("PUT", "/Users/" + id, "W/\"stale\"", user("renamed")),
                    operation(
                        "PATCH",
                        "/Users/" + id,
                        current,
                        patchOps("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Guide\"}")),
                    operation("DELETE", "/Users/" + id, current, null))));

    assertError(results.get(0), 412, null);
    assertThat(results.get(0).path("location").asText()).isEqualTo(BASE + "/Users/" + id);
    assertThat(results.get(0).has("version")).isFalse();
    assertThat(results.get(1).path("status").asText()).isEqualTo("200");
    String afterPatch = results.get(1).path("version").asText();
    assertThat(afterPatch).isNotEqualTo(current).isEqualTo(etag("/Users/" + id));
    assertError(results.get(2), 412, null); // the PATCH changed the version it names
    JsonNode stored = get("/Users/" + id);
    assertThat(stored.path("userName").asText()).isEqualTo("tagged");
    assertThat(stored.path("title").asText()).isEqualTo("Guide");

    JsonNode delete =
        results(send(bulk(null, operation("DELETE", "/Users/" + id, afterPatch, null))));
    assertThat(delete.get(0).path("status").asText()).isEqualTo("204");
  }

  // --- limits ---------------------------------------------------------------------------------

  @Test
  void limitsComeFromScimLimitsAndAreAdvertised() {
    ScimServer limited =
        server(
            ScimServer.builder()
                .limits(
                    ScimLimits.defaults()
                        .withMaxBulkOperations(3)
                        .withMaxRequestBodyBytes(400)
                        .withMaxBulkPayloadBytes(1_500)));
    String padded = "{\"userName\":\"%s\",\"title\":\"" + "t".repeat(250) + "\"}";

    ScimResponse tooMany =
        limited.handle(
            request(
                "POST",
                "/Bulk",
                bulk(
                    null,
                    post("1", "/Users", user("one")),
                    post("2", "/Users", user("two")),
                    post("3", "/Users", user("three")),
                    post("4", "/Users", user("four"))),
                "a"));
    assertThat(tooMany.status()).isEqualTo(413);
    assertThat(tooMany.body().path("detail").asText())
        .isEqualTo(
            "The bulk request has 4 operations; maxOperations is 3 (ScimLimits.maxBulkOperations)");
    String large =
        bulk(
            null,
            post("1", "/Users", padded.formatted("a1")),
            post("2", "/Users", padded.formatted("a2")),
            post("3", "/Users", "{\"userName\":\"a3\",\"title\":\"" + "t".repeat(900) + "\"}"));
    assertThat(large.length()).isGreaterThan(1_500);
    ScimResponse tooLarge = limited.handle(request("POST", "/Bulk", large, "a"));
    assertThat(tooLarge.status()).isEqualTo(413);
    assertThat(tooLarge.body().path("detail").asText())
        .isEqualTo("The request body is larger than 1500 bytes (ScimLimits.maxBulkPayloadBytes)");
    assertThat(events).isEmpty();

    // Larger than maxRequestBodyBytes but within maxBulkPayloadBytes; each operation's data is
    // held to maxRequestBodyBytes as its own request would be.
    String fits =
        bulk(
            null,
            post("1", "/Users", padded.formatted("b1")),
            post("2", "/Users", padded.formatted("b2")),
            post("3", "/Users", "{\"userName\":\"b3\",\"title\":\"" + "t".repeat(400) + "\"}"));
    assertThat(fits.length()).isBetween(401, 1_500);
    JsonNode results = results(limited.handle(request("POST", "/Bulk", fits, "a")));
    assertThat(results)
        .extracting(r -> r.path("status").asText())
        .containsExactly("201", "201", "413");
    assertThat(results.get(2).at("/response/detail").asText())
        .contains("ScimLimits.maxRequestBodyBytes");

    JsonNode config = limited.handle(request("GET", "/ServiceProviderConfig", null, "a")).body();
    assertThat(config.at("/bulk/supported").asBoolean()).isTrue();
    assertThat(config.at("/bulk/maxOperations").asInt()).isEqualTo(3);
    assertThat(config.at("/bulk/maxPayloadSize").asLong()).isEqualTo(1_500);
    assertThat(limited.maxBodyBytes("/Bulk")).isEqualTo(1_500);
    assertThat(limited.maxBodyBytes("bulk/")).isEqualTo(1_500);
    assertThat(limited.maxBodyBytes("/Users")).isEqualTo(400);
    assertThat(limited.maxBodyBytes("/acme/Bulk")).isEqualTo(400);
    ScimServer byPath =
        ScimServer.builder()
            .users(store.users())
            .tenantFromPath(true)
            .limits(ScimLimits.defaults().withMaxBulkPayloadBytes(5L << 20))
            .authenticator(BearerTokenAuthenticator.single("t"))
            .build();
    assertThat(byPath.maxBodyBytes("/acme/Bulk")).isEqualTo(5L << 20);
    assertThat(byPath.maxBodyBytes("/Bulk")).isEqualTo(1L << 20);
  }

  // --- tenants --------------------------------------------------------------------------------

  @Test
  void anOperationCannotReachAnotherTenantsResources() {
    ScimServer byPath =
        ScimServer.builder()
            .users(store.users())
            .groups(store.groups())
            .tenantFromPath(true)
            .authenticator(
                BearerTokenAuthenticator.of(
                    Map.of(
                        "a", Identity.of("acme", "entra"),
                        "g", Identity.of("globex", "okta"))))
            .observer(events::add)
            .build();
    ScimResponse acmeUser = byPath.handle(request("POST", "/acme/Users", user("ann"), "a"));
    String ann = acmeUser.body().path("id").asText();
    String annVersion = acmeUser.headers().get("ETag");
    events.clear();

    ScimResponse response =
        byPath.handle(
            request(
                "POST",
                "/globex/Bulk",
                bulk(
                    null,
                    operation("PUT", "/Users/" + ann, null, user("taken")),
                    operation(
                        "PATCH",
                        "/Users/" + ann,
                        null,
                        patchOps("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}")),
                    operation("DELETE", "/Users/" + ann, null, null),
                    operation("DELETE", "/acme/Users/" + ann, null, null),
                    post("g", "/Groups", group("Globex", ann)),
                    post("own", "/Users", user("ann"))),
                "g"));

    JsonNode results = results(response);
    assertError(results.get(0), 404, null);
    assertError(results.get(1), 404, null);
    assertError(results.get(2), 404, null);
    assertError(results.get(3), 404, null);
    assertError(results.get(4), 400, "invalidValue");
    assertThat(results.get(5).path("status").asText()).isEqualTo("201");
    assertThat(results.get(5).path("location").asText()).startsWith(BASE + "/globex/Users/");
    assertThat(results.get(0).path("location").asText()).isEqualTo(BASE + "/globex/Users/" + ann);
    ScimResponse annNow = byPath.handle(request("GET", "/acme/Users/" + ann, null, "a"));
    assertThat(annNow.status()).isEqualTo(200);
    assertThat(annNow.headers().get("ETag")).isEqualTo(annVersion);
    assertThat(eventLines()).containsExactly("CREATED User " + id(results.get(5)) + " globex/okta");
    assertThat(byPath.handle(request("POST", "/acme/Bulk", bulk(null), "g")).status())
        .isEqualTo(403);
  }

  // --- malformed requests and operations -------------------------------------------------------

  @Test
  void aMalformedBulkRequestIs400AndRunsNothing() {
    Map<String, String> bodies = new java.util.LinkedHashMap<>();
    bodies.put("not JSON", "{\"Operations\":[");
    bodies.put("no Operations", "{}");
    bodies.put("Operations not a list", "{\"Operations\":{}}");
    bodies.put(
        "an operation not an object",
        "{\"Operations\":[" + post("u", "/Users", user("u")) + ",1]}");
    bodies.put(
        "failOnErrors not a number",
        bulk(null, post("u", "/Users", user("u")))
            .replace("{\"schemas\"", "{\"failOnErrors\":\"x\",\"schemas\""));
    bodies.put("a JSON array", "[]");
    bodies.forEach(
        (what, body) -> {
          ScimResponse response = send(body);
          assertThat(response.status()).as(what).isEqualTo(400);
          assertThat(response.body().path("scimType").asText()).as(what).isEqualTo("invalidSyntax");
        });
    ScimResponse zero = send(bulk(0, post("u", "/Users", user("u"))));
    assertThat(zero.status()).isEqualTo(400);
    assertThat(zero.body().path("scimType").asText()).isEqualTo("invalidValue");
    ScimResponse twice =
        send(bulk(null, post("u", "/Users", user("u1")), post("u", "/Users", user("u2"))));
    assertThat(twice.status()).isEqualTo(400);
    assertThat(twice.body().path("detail").asText())
        .isEqualTo(
            "Operations[0] and Operations[1] are POST operations with the same bulkId 'u'; a"
                + " bulkId names one resource");
    assertThat(get("/Users").path("totalResults").asInt()).isZero();
    assertThat(events).isEmpty();

    ScimResponse read = server.handle(request("GET", "/Bulk", null, "a"));
    assertThat(read.status()).isEqualTo(405);
    assertThat(read.headers()).containsEntry("Allow", "POST");
    assertThat(server.handle(request("POST", "/Bulk/x", bulk(null), "a")).status()).isEqualTo(404);
    assertThat(server.handle(request("POST", "/Bulk", bulk(null), null)).status()).isEqualTo(401);
    assertThat(results(send(bulk(null)))).isEmpty();
  }

  @Test
  void aMalformedOperationFailsAloneWithTheStatusItsOwnRequestWouldGet() {
    String id = create("/Users", user("existing"));
    JsonNode results =
        results(
            send(
                bulk(
                    null,
                    operation("GET", "/Users/" + id, null, null),
                    "{\"path\":\"/Users\",\"bulkId\":\"m\",\"data\":{}}",
                    operation("POST", "/Users", null, user("no bulkId")),
                    operation("PUT", "/Users/" + id, null, null),
                    post("w", "/Widgets", "{}"),
                    post("s", "/Users/.search", "{}"),
                    post("n", "/Bulk", bulk(null)),
                    post("i", "/Users/" + id, user("x")),
                    "{\"method\":\"delete\",\"path\":\"/Users/" + id + "\",\"version\":7}",
                    "{\"method\":\"post\",\"path\":\"Users\",\"bulkId\":\"ok\",\"data\":"
                        + user("lower")
                        + "}")));

    assertError(results.get(0), 400, "invalidValue");
    assertThat(results.get(0).path("method").asText()).isEqualTo("GET");
    assertError(results.get(1), 400, "invalidSyntax");
    assertThat(results.get(1).has("method")).isFalse();
    assertThat(results.get(1).path("bulkId").asText()).isEqualTo("m");
    assertError(results.get(2), 400, "invalidSyntax");
    assertError(results.get(3), 400, "invalidSyntax");
    assertError(results.get(4), 404, null);
    assertError(results.get(5), 400, "invalidValue");
    assertError(results.get(6), 404, null);
    assertError(results.get(7), 405, null);
    assertError(results.get(8), 400, "invalidSyntax");
    assertThat(results.get(9).path("status").asText()).isEqualTo("201");
    assertThat(results.get(9).path("method").asText()).isEqualTo("POST");
    assertThat(get("/Users/" + id).path("userName").asText()).isEqualTo("existing");
    assertThat(get("/Users").path("totalResults").asInt()).isEqualTo(2);
  }

  @Test
  void strictValidationAsksForTheBulkRequestSchema() {
    ScimServer strict = server(ScimServer.builder().validation(SchemaValidator.Mode.STRICT));
    String withoutSchemas = "{\"Operations\":[" + post("u", "/Users", user("u")) + "]}";

    ScimResponse refused = strict.handle(request("POST", "/Bulk", withoutSchemas, "a"));
    ScimResponse lenient = send(withoutSchemas);

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("detail").asText())
        .isEqualTo("'schemas' must list urn:ietf:params:scim:api:messages:2.0:BulkRequest");
    assertThat(results(lenient).get(0).path("status").asText()).isEqualTo("201");
  }

  @Test
  void anUnexpectedFailureIs500InItsOperationAlone() {
    UserRepository users = store.users();
    // Every call goes to the in-memory users, but creating "boom" fails as a broken database would.
    UserRepository failing =
        (UserRepository)
            Proxy.newProxyInstance(
                UserRepository.class.getClassLoader(),
                new Class<?>[] {UserRepository.class},
                (proxy, method, args) -> {
                  if (args != null
                      && args[0] instanceof CreateRequest create
                      && create.resource().get("userName").asText().equals("boom")) {
                    throw new IllegalStateException("connection to db-7.internal refused");
                  }
                  try {
                    return method.invoke(users, args);
                  } catch (InvocationTargetException e) {
                    throw e.getCause();
                  }
                });
    ScimServer server =
        ScimServer.builder()
            .users(failing)
            .authenticator(BearerTokenAuthenticator.single("t"))
            .build();

    ScimResponse response =
        server.handle(
            request(
                "POST",
                "/Bulk",
                bulk(null, post("b", "/Users", user("boom")), post("f", "/Users", user("fine"))),
                "t"));

    JsonNode results = results(response);
    assertError(results.get(0), 500, null);
    assertThat(results.get(0).toString()).doesNotContain("db-7");
    assertThat(results.get(0).at("/response/detail").asText()).contains("request id");
    assertThat(results.get(1).path("status").asText()).isEqualTo("201");
  }

  @Test
  void theBulkResponseListsResultsInTheRequestsOrder() {
    ObjectNode request = (ObjectNode) Json.MAPPER.valueToTree(Map.of());
    ArrayNode operations = request.putArray("Operations");
    for (int i = 9; i >= 0; i--) {
      operations.add(
          Json.MAPPER.valueToTree(
              Map.of(
                  "method",
                  "POST",
                  "path",
                  "/Users",
                  "bulkId",
                  "u" + i,
                  "data",
                  Map.of(
                      "userName", "user" + i, "title", i == 0 ? "first" : "bulkId:u" + (i - 1)))));
    }

    JsonNode results = results(send(request.toString()));

    assertThat(results).hasSize(10);
    for (int i = 0; i < 10; i++) {
      JsonNode result = results.get(i);
      assertThat(result.path("bulkId").asText()).isEqualTo("u" + (9 - i));
      assertThat(result.path("status").asText()).isEqualTo("201");
    }
    // Each title referenced the user created just before: run in reverse, stored resolved.
    String u0 = id(results.get(9));
    assertThat(get("/Users/" + id(results.get(8))).path("title").asText()).isEqualTo(u0);
  }
}
