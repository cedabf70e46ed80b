package dev.roster.scim.jaxrs;

import static dev.roster.scim.jaxrs.ScimHttpSuite.assertScimError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.jaxrs.Http.Reply;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ChangeEvent;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code POST /Bulk} over HTTP on a real embedded container, tenants in the path; one subclass per
 * JAX-RS runtime. Request bodies are held to 8 KiB and bulk request bodies to 256 KiB, so the
 * binding must read a bulk body by the bulk limit.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BulkHttpSuite {
  private static final int REQUEST_LIMIT = 8 * 1024;
  private static final int BULK_LIMIT = 256 * 1024;

  private final List<ChangeEvent> changes = new CopyOnWriteArrayList<>();
  private Container container;
  private Http a;
  private Http b;

  /** A new, unstarted runtime. */
  abstract Container container();

  @BeforeAll
  void startServer() throws Exception {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    ScimServer server =
        ScimServer.builder()
            .users(store.users())
            .groups(store.groups())
            .tenantFromPath(true)
            .authenticator(
                BearerTokenAuthenticator.of(
                    Map.of(
                        "token-a", Identity.of("tenant-a", "entra"),
                        "token-b", Identity.of("tenant-b", "okta"))))
            .limits(
                ScimLimits.defaults()
                    .withMaxRequestBodyBytes(REQUEST_LIMIT)
                    .withMaxBulkPayloadBytes(BULK_LIMIT)
                    .withMaxBulkOperations(100))
            .observer(changes::add)
            .build();
    container = container();
    String root =
        container.start(ScimFeature.builder().basePath("/scim/v2").server(server).build());
    a = new Http(root + "/scim/v2/tenant-a", "Bearer token-a");
    b = new Http(root + "/scim/v2/tenant-b", "Bearer token-b");
  }

  @AfterAll
  void stopServer() {
    container.stop();
  }

  private static ObjectNode bulkRequest(ObjectNode... operations) {
    ObjectNode request = Http.MAPPER.createObjectNode();
    request.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:BulkRequest");
    request.putArray("Operations").addAll(List.of(operations));
    return request;
  }

  private static ObjectNode op(String method, String path) {
    return Http.MAPPER.createObjectNode().put("method", method).put("path", path);
  }

  private static ObjectNode newUser(String bulkId, String userName) {
    ObjectNode operation = op("POST", "/Users").put("bulkId", bulkId);
    operation.putObject("data").put("userName", userName);
    return operation;
  }

  private static ObjectNode patchOp(String path, String attribute, String value) {
    ObjectNode operation = op("PATCH", path);
    ObjectNode data = operation.putObject("data");
    data.putArray("schemas").add("urn:ietf:params:scim:api:messages:2.0:PatchOp");
    data.putArray("Operations")
        .addObject()
        .put("op", "replace")
        .put("path", attribute)
        .put("value", value);
    return operation;
  }

  /** The results of a bulk request that must be answered 200 with a BulkResponse. */
  private static JsonNode send(Http http, ObjectNode request) {
    Reply reply = http.post("/Bulk", request.toString());
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
    assertThat(reply.json().path("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:BulkResponse");
    return reply.json().path("Operations");
  }

  /** A new user of tenant a, named {@code prefix} and a number; its id. */
  private String createUser(String prefix) {
    Reply created = a.post("/Users", "{\"userName\":\"" + prefix + "-" + System.nanoTime() + "\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  private static List<String> statuses(JsonNode results) {
    List<String> statuses = new ArrayList<>();
    results.forEach(result -> statuses.add(result.path("status").asText()));
    return statuses;
  }

  private static String idOf(JsonNode result) {
    String location = result.path("location").asText();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  @Test
  void usersAndAGroupReferencingThemByBulkIdAreCreatedWhateverTheOrder() {
    String userName = "guide-" + System.nanoTime();
    ObjectNode guides = op("POST", "/Groups").put("bulkId", "guides");
    ObjectNode group = guides.putObject("data").put("displayName", "Guides " + userName);
    group.putArray("members").addObject().put("value", "bulkId:alice");
    String gone = createUser("gone");
    String goneVersion = a.get("/Users/" + gone).header("ETag");
    changes.clear();

    JsonNode results =
        send(
            a,
            bulkRequest(
                guides,
                patchOp("/Users/bulkId:alice", "displayName", "Alice A"),
                newUser("alice", userName),
                op("DELETE", "/Users/" + gone).put("version", goneVersion)));

    assertThat(results).hasSize(4);
    assertThat(statuses(results)).containsExactly("201", "200", "201", "204");
    String alice = idOf(results.get(2));
    assertThat(results.get(2).path("location").asText()).isEqualTo(a.base() + "/Users/" + alice);
    assertThat(results.get(2).path("bulkId").asText()).isEqualTo("alice");
    assertThat(results.get(2).path("version").asText()).startsWith("W/\"");
    assertThat(results.get(1).path("location").asText()).isEqualTo(a.base() + "/Users/" + alice);
    JsonNode stored = a.get("/Groups/" + idOf(results.get(0))).json();
    assertThat(stored.path("members").findValuesAsText("value")).containsExactly(alice);
    assertThat(a.get("/Users/" + alice).json().path("displayName").asText()).isEqualTo("Alice A");
    assertThat(a.get("/Users/" + gone).status()).isEqualTo(404);
    assertThat(changes)
        .extracting(ChangeEvent::kind)
        .containsExactly(
            ChangeEvent.Kind.CREATED,
            ChangeEvent.Kind.CREATED,
            ChangeEvent.Kind.PATCHED,
            ChangeEvent.Kind.DELETED);
    assertThat(changes).allSatisfy(c -> assertThat(c.context().tenant()).isEqualTo("tenant-a"));
  }

  @Test
  void aBulkBodyIsReadUpToTheBulkLimitWhileOtherBodiesKeepTheRequestLimit() {
    String title = "t".repeat(3_000);
    ObjectNode[] operations = new ObjectNode[40];
    for (int i = 0; i < operations.length; i++) {
      operations[i] = newUser("u" + i, "large-" + i + "-" + System.nanoTime());
      ((ObjectNode) operations[i].get("data")).put("title", title);
    }
    ObjectNode large = bulkRequest(operations);
    assertThat(large.toString().length()).isBetween(100 * 1024, BULK_LIMIT);

    JsonNode results = send(a, large);

    assertThat(results).hasSize(40);
    assertThat(statuses(results)).containsOnly("201");
    assertThat(a.get("/Users/" + idOf(results.get(39))).json().path("title").asText())
        .isEqualTo(title);
    assertScimError(
        a.post("/Users", "{\"userName\":\"big\",\"title\":\"" + "t".repeat(REQUEST_LIMIT) + "\"}"),
        413,
        null);
    ObjectNode tooLarge = bulkRequest(newUser("x", "x"));
    ((ObjectNode) tooLarge.path("Operations").get(0).get("data"))
        .put("title", "t".repeat(BULK_LIMIT));
    Reply refused = a.post("/Bulk", tooLarge.toString());
    assertScimError(refused, 413, null);
    assertThat(refused.json().path("detail").asText())
        .isEqualTo(
            "The request body is larger than "
                + BULK_LIMIT
                + " bytes (ScimLimits.maxBulkPayloadBytes)");
    ObjectNode[] many = new ObjectNode[101];
    for (int i = 0; i < many.length; i++) {
      many[i] = op("DELETE", "/Users/none-" + i);
    }
    assertScimError(a.post("/Bulk", bulkRequest(many).toString()), 413, null);
  }

  @Test
  void versionIsIfMatchAndFailOnErrorsStopsTheRest() {
    String id = createUser("v");
    ObjectNode stale = patchOp("/Users/" + id, "title", "Stale").put("version", "W/\"0\"");
    ObjectNode request = bulkRequest(stale, patchOp("/Users/" + id, "title", "Never"));
    request.put("failOnErrors", 1);

    JsonNode results = send(a, request);

    assertThat(results).hasSize(1);
    assertThat(results.get(0).path("status").asText()).isEqualTo("412");
    assertThat(results.get(0).path("response").path("status").asText()).isEqualTo("412");
    assertThat(results.get(0).path("location").asText()).isEqualTo(a.base() + "/Users/" + id);
    assertThat(a.get("/Users/" + id).json().has("title")).isFalse();
  }

  @Test
  void anotherTenantsResourcesAreOutOfReachAndTheTenantMustBeTheCallers() {
    String id = createUser("mine");
    String version = a.get("/Users/" + id).header("ETag");

    JsonNode results =
        send(
            b,
            bulkRequest(
                op("DELETE", "/Users/" + id),
                patchOp("/Users/" + id, "title", "Taken"),
                op("DELETE", "/tenant-a/Users/" + id)));

    assertThat(statuses(results)).containsExactly("404", "404", "404");
    assertThat(a.get("/Users/" + id).header("ETag")).isEqualTo(version);
    Reply crossed =
        b.withAuthorization("Bearer token-a")
            .post("/Bulk", bulkRequest(op("DELETE", "/Users/" + id)).toString());
    assertScimError(crossed, 403, null);
    assertThat(a.get("/Users/" + id).status()).isEqualTo(200);
  }

  @Test
  void aMalformedBulkRequestIs400AndDiscoverySaysBulkIsSupported() {
    assertScimError(a.post("/Bulk", "{\"Operations\":"), 400, "invalidSyntax");
    assertScimError(a.post("/Bulk", "{\"Operations\":{}}"), 400, "invalidSyntax");
    Reply get = a.get("/Bulk");
    assertScimError(get, 405, null);
    assertThat(get.header("Allow")).isEqualTo("POST");
    ObjectNode widget = op("POST", "/Widgets").put("bulkId", "w");
    widget.putObject("data").put("serial", "W-1");
    JsonNode unknown = send(a, bulkRequest(widget, op("GET", "/Users")));
    assertThat(statuses(unknown)).containsExactly("404", "400");
    JsonNode config = a.get("/ServiceProviderConfig").json();
    assertThat(config.at("/bulk/supported").asBoolean()).isTrue();
    assertThat(config.at("/bulk/maxOperations").asInt()).isEqualTo(100);
    assertThat(config.at("/bulk/maxPayloadSize").asInt()).isEqualTo(BULK_LIMIT);
  }
}
