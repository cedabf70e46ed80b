package dev.roster.scim.jaxrs;

import static dev.roster.scim.jaxrs.Http.patchOps;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.jaxrs.Http.Reply;
import dev.roster.scim.server.Authenticator;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ChangeEvent;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.PatchResponse;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.InMemoryClientStore;
import dev.roster.scim.server.auth.InMemoryTokenStore;
import dev.roster.scim.server.auth.SecretTokens;
import dev.roster.scim.server.auth.TokenEndpoint;
import dev.roster.scim.server.memory.InMemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The HTTP behaviour of a Roster endpoint, run against a real embedded container on 127.0.0.1; one
 * subclass per JAX-RS runtime.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScimHttpSuite {
  static final String USER_URN = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String LIST = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
  static final String DEVICE_URN = "urn:example:params:scim:schemas:Device";

  final List<ChangeEvent> changes = new CopyOnWriteArrayList<>();

  /** The User id of each tenant/principal, for /Me. */
  final Map<String, String> me = new ConcurrentHashMap<>();

  Http a;
  Http b;
  ClientCredentials clients;
  String root;

  private Container container;

  /** A new, unstarted runtime. */
  abstract Container container();

  @BeforeAll
  void startServer() throws Exception {
    SchemaRegistry registry = SchemaRegistry.standard();
    Schema device =
        Schema.builder(DEVICE_URN)
            .name("Device")
            .attribute(AttributeDefinition.builder("serial").required(true).caseExact(true).build())
            .attribute(
                AttributeDefinition.builder("serialNumberOfParts")
                    .type(AttributeType.INTEGER)
                    .build())
            .build();
    registry.register(device);
    registry.register(ResourceType.of("Device", "/Devices", DEVICE_URN));
    InMemoryStore store = new InMemoryStore(registry);
    clients = new ClientCredentials(new InMemoryClientStore(), java.time.Clock.systemUTC(), 1_000);
    TokenEndpoint tokenEndpoint =
        TokenEndpoint.builder()
            .clients(clients)
            .tokens(new SecretTokens(new InMemoryTokenStore()))
            .build();
    ScimServer server =
        ScimServer.builder()
            .registry(registry)
            .users(store.users())
            .groups(store.groups())
            .resources("Device", store.resources("Device"))
            .authenticator(
                Authenticator.anyOf(
                    BearerTokenAuthenticator.of(
                        Map.of(
                            "token-a", Identity.of("tenant-a", "entra"),
                            "token-b", Identity.of("tenant-b", "okta"))),
                    tokenEndpoint.authenticator()))
            .openDiscovery(false)
            .limits(ScimLimits.defaults().withMaxRequestBodyBytes(64 * 1024))
            .patchResponse("Group", PatchResponse.NO_CONTENT)
            .observer(changes::add)
            .me(
                context ->
                    Optional.ofNullable(me.get(context.tenant() + "/" + context.principal())))
            .build();
    container = container();
    root =
        container.start(
            ScimFeature.builder()
                .basePath("/scim/v2")
                .server(server)
                .tokenEndpoint(tokenEndpoint, "/oauth/token")
                .build());
    String base = root + "/scim/v2";
    a = new Http(base, "Bearer token-a");
    b = new Http(base, "Bearer token-b");
  }

  @AfterAll
  void stopServer() {
    container.stop();
  }

  static String unique(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  static String entraUser(String userName) {
    return "{\"schemas\":[\""
        + USER_URN
        + "\",\""
        + ENTERPRISE
        + "\"],\"externalId\":\"0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef\",\"userName\":\""
        + userName
        + "\",\"active\":true,\"emails\":[{\"primary\":true,\"type\":\"work\",\"value\":\""
        + userName
        + "@testuser.com\"}],\"meta\":{\"resourceType\":\"User\"},\"name\":{\"formatted\":\"givenName familyName\","
        + "\"familyName\":\"familyName\",\"givenName\":\"givenName\"},\"roles\":[]}";
  }

  String createUser(Http http, String userName) {
    Reply created = http.post("/Users", entraUser(userName));
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  String createGroup(Http http, String displayName) {
    Reply created =
        http.post(
            "/Groups",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\","
                + "\"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group\"],"
                + "\"externalId\":\"8aa1a0c0\",\"displayName\":\""
                + displayName
                + "\",\"meta\":{\"resourceType\":\"Group\"}}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    return created.json().path("id").asText();
  }

  static void assertScimError(Reply reply, int status, String scimType) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(status);
    assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
    assertThat(reply.json().path("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
    assertThat(reply.json().path("status").asText()).isEqualTo(Integer.toString(status));
    if (scimType == null) {
      assertThat(reply.json().has("scimType")).isFalse();
    } else {
      assertThat(reply.json().path("scimType").asText()).isEqualTo(scimType);
    }
    assertThat(reply.text()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  // --- Entra ID (entra-traffic.md §1) -------------------------------------------------------

  @Test
  void entraTestConnectionFindsNoUserAndAnswersAnEmptyListResponse() {
    Reply reply =
        a.get(
            "/Users?filter=userName+eq+%22cf4d78e8-cc4f-4d5d-b8b9-183561c0104a%22&aadOptscim062020");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
    assertThat(reply.json().path("schemas").get(0).asText()).isEqualTo(LIST);
    assertThat(reply.json().path("totalResults").isInt()).isTrue();
    assertThat(reply.json().path("totalResults").asInt()).isZero();
    assertThat(reply.json().path("Resources").isArray()).isTrue();
    assertThat(reply.json().path("Resources")).isEmpty();
    assertThat(reply.json().path("startIndex").asInt()).isEqualTo(1);
    assertThat(reply.json().path("itemsPerPage").asInt()).isZero();

    Reply groups = a.get("/Groups?excludedAttributes=members&filter=displayName+eq+%22nope%22");
    assertThat(groups.status()).isEqualTo(200);
    assertThat(groups.json().path("totalResults").asInt()).isZero();
  }

  @Test
  void entraUserLifecycle() {
    String userName = unique("Test_User");
    Reply created = a.post("/Users", entraUser(userName));
    assertThat(created.status()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(id).isNotBlank();
    assertThat(created.header("Location")).isEqualTo(a.base() + "/Users/" + id);
    assertThat(created.header("ETag")).startsWith("W/\"");
    assertThat(created.json().path("meta").path("location").asText())
        .isEqualTo(a.base() + "/Users/" + id);
    assertThat(created.json().path("userName").asText()).isEqualTo(userName);
    assertThat(created.json().has("roles")).isFalse();

    // Lookup in another case: userName is caseExact=false.
    Reply found = a.get("/Users?filter=userName+eq+%22" + userName.toUpperCase() + "%22");
    assertThat(found.json().path("totalResults").asInt()).isEqualTo(1);
    assertThat(found.json().path("Resources").get(0).path("id").asText()).isEqualTo(id);

    Reply patched =
        a.patch(
            "/Users/" + id,
            patchOps(
                "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\",\"value\":\"updatedEmail@microsoft.com\"},"
                    + "{\"op\":\"Replace\",\"path\":\"name.familyName\",\"value\":\"updatedFamilyName\"}"));
    assertThat(patched.status()).as(patched.text()).isEqualTo(200);
    assertThat(patched.json().at("/emails/0/value").asText())
        .isEqualTo("updatedEmail@microsoft.com");
    assertThat(patched.json().at("/name/familyName").asText()).isEqualTo("updatedFamilyName");

    String managerId = createUser(a, unique("manager"));
    assertThat(
            a.patch(
                    "/Users/" + id,
                    patchOps(
                        "{\"op\":\"Add\",\"path\":\""
                            + ENTERPRISE
                            + ":manager\",\"value\":\""
                            + managerId
                            + "\"}"))
                .status())
        .isEqualTo(200);
    assertThat(a.get("/Users/" + id).json().path(ENTERPRISE).path("manager").path("value").asText())
        .isEqualTo(managerId);

    Reply disabled =
        a.patch(
            "/Users/" + id,
            patchOps("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"));
    assertThat(disabled.json().path("active").asBoolean(true)).isFalse();
    Reply stillFound = a.get("/Users?filter=userName+eq+%22" + userName + "%22");
    assertThat(stillFound.json().at("/Resources/0/active").asBoolean(true)).isFalse();

    assertThat(a.delete("/Users/" + id).status()).isEqualTo(204);
    assertScimError(a.get("/Users/" + id), 404, null);
    assertScimError(a.delete("/Users/" + id), 404, null);
  }

  @Test
  void duplicateUserNameIs409Uniqueness() {
    String userName = unique("dup");
    createUser(a, userName);
    assertScimError(a.post("/Users", entraUser(userName.toUpperCase())), 409, "uniqueness");
  }

  @Test
  void entraGroupLifecycle() {
    String u1 = createUser(a, unique("member"));
    String u2 = createUser(a, unique("member"));
    String name = unique("Group");
    String id = createGroup(a, name);

    Reply byName =
        a.get(
            "/Groups?excludedAttributes=members&filter=displayName+eq+%22"
                + name.toLowerCase()
                + "%22");
    assertThat(byName.json().path("totalResults").asInt()).isEqualTo(1);

    Reply added =
        a.patch(
            "/Groups/" + id,
            patchOps(
                "{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"$ref\":null,\"value\":\""
                    + u1
                    + "\"},{\"value\":\""
                    + u2
                    + "\"}]}"));
    assertThat(added.status()).as(added.text()).isEqualTo(204);
    assertThat(added.header("ETag")).startsWith("W/\"");

    Reply withoutMembers = a.get("/Groups/" + id + "?excludedAttributes=members");
    assertThat(withoutMembers.json().has("members")).isFalse();
    assertThat(withoutMembers.json().path("displayName").asText()).isEqualTo(name);
    assertThat(a.get("/Groups/" + id).json().path("members").findValuesAsText("value"))
        .containsExactlyInAnyOrder(u1, u2);

    assertThat(
            a.patch(
                    "/Groups/" + id,
                    patchOps(
                        "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\""
                            + u1
                            + "\"}]}"))
                .status())
        .isEqualTo(204);
    assertThat(a.get("/Groups/" + id).json().path("members").findValuesAsText("value"))
        .containsExactly(u2);

    assertThat(
            a.patch(
                    "/Groups/" + id,
                    patchOps(
                        "{\"op\":\"remove\",\"path\":\"members[value eq \\\"" + u2 + "\\\"]\"}"))
                .status())
        .isEqualTo(204);
    assertThat(a.get("/Groups/" + id).json().has("members")).isFalse();

    String renamed = unique("Renamed");
    assertThat(
            a.patch(
                    "/Groups/" + id,
                    patchOps(
                        "{\"op\":\"replace\",\"value\":{\"displayName\":\"" + renamed + "\"}}"))
                .status())
        .isEqualTo(204);
    assertThat(a.get("/Groups/" + id).json().path("displayName").asText()).isEqualTo(renamed);

    assertThat(a.delete("/Groups/" + id).status()).isEqualTo(204);
    assertScimError(a.get("/Groups/" + id), 404, null);
  }

  @Test
  void duplicateGroupIs409() {
    String name = unique("G");
    createGroup(a, name);
    assertScimError(
        a.post(
            "/Groups",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                + name
                + "\"}"),
        409,
        "uniqueness");
  }

  // --- Okta (okta-traffic.md) ------------------------------------------------------------------

  @Test
  void oktaLookupCreateGetPutDeactivate() {
    String userName = unique("isaac.brock") + "@example.com";
    Reply lookup =
        b.get("/Users?filter=userName%20eq%20%22" + userName + "%22&startIndex=1&count=100");
    assertThat(lookup.json().path("totalResults").asInt()).isZero();

    Reply created =
        b.post(
            "/Users",
            "{\"schemas\":[\""
                + USER_URN
                + "\"],\"userName\":\""
                + userName
                + "\","
                + "\"name\":{\"givenName\":\"Isaac\",\"familyName\":\"Brock\"},"
                + "\"emails\":[{\"primary\":true,\"value\":\""
                + userName
                + "\",\"type\":\"work\"}],"
                + "\"displayName\":\"Isaac Brock\",\"locale\":\"en-US\",\"externalId\":\"00ujl29u0le5T6Aj10h7\","
                + "\"groups\":[],\"password\":\"1mz050nq\",\"active\":true}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.text()).doesNotContain("password").doesNotContain("1mz050nq");
    String id = created.json().path("id").asText();

    JsonNode current = b.get("/Users/" + id).json();
    ((com.fasterxml.jackson.databind.node.ObjectNode) current).put("active", false);
    ((com.fasterxml.jackson.databind.node.ObjectNode) current.path("name")).put("givenName", "Ike");
    Reply put = b.put("/Users/" + id, current.toString());
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(put.json().path("active").asBoolean(true)).isFalse();
    assertThat(put.json().at("/name/givenName").asText()).isEqualTo("Ike");
    assertThat(put.json().path("id").asText()).isEqualTo(id);

    // Deactivated users stay readable and findable.
    assertThat(b.get("/Users/" + id).json().path("active").asBoolean(true)).isFalse();
    assertThat(
            b.get("/Users?filter=userName%20eq%20%22" + userName.toUpperCase() + "%22")
                .json()
                .path("totalResults")
                .asInt())
        .isEqualTo(1);

    Reply reactivated =
        b.patch("/Users/" + id, patchOps("{\"op\":\"replace\",\"value\":{\"active\":true}}"));
    assertThat(reactivated.json().path("active").asBoolean()).isTrue();
  }

  @Test
  void oktaGroupPush() {
    String u1 = createUser(b, unique("push"));
    String u2 = createUser(b, unique("push"));
    String id = createGroup(b, unique("Push"));

    assertThat(
            b.patch(
                    "/Groups/" + id,
                    patchOps(
                        "{\"op\":\"replace\",\"value\":{\"id\":\""
                            + id
                            + "\",\"displayName\":\"Test SCIMv2\"}}"))
                .status())
        .isEqualTo(204);
    assertThat(
            b.patch(
                    "/Groups/" + id,
                    patchOps(
                        "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                            + u1
                            + "\",\"display\":\"u1@okta.local\"}]}"))
                .status())
        .isEqualTo(204);
    assertThat(
            b.patch(
                    "/Groups/" + id,
                    patchOps(
                        "{\"op\":\"replace\",\"path\":\"members\",\"value\":[{\"value\":\""
                            + u2
                            + "\"}]}"))
                .status())
        .isEqualTo(204);
    assertThat(b.get("/Groups/" + id).json().path("members").findValuesAsText("value"))
        .containsExactly(u2);

    assertThat(
            b.patch(
                    "/Groups/" + id,
                    patchOps("{\"op\":\"replace\",\"path\":\"members\",\"value\":[]}"))
                .status())
        .isEqualTo(204);
    assertThat(b.get("/Groups/" + id).json().has("members")).isFalse();

    // AIW: GET, then PUT the full member list.
    JsonNode group = b.get("/Groups/" + id).json();
    Reply put =
        b.put(
            "/Groups/" + id,
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"id\":\""
                + id
                + "\","
                + "\"displayName\":\""
                + group.path("displayName").asText()
                + "\","
                + "\"members\":[{\"value\":\""
                + u1
                + "\",\"display\":null}]}");
    assertThat(put.status()).as(put.text()).isEqualTo(200);
    assertThat(b.get("/Groups/" + id).json().path("members").findValuesAsText("value"))
        .containsExactly(u1);
    assertThat(
            b.put(
                    "/Groups/" + id,
                    "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"x"
                        + id
                        + "\",\"members\":[]}")
                .status())
        .isEqualTo(200);
    assertThat(b.get("/Groups/" + id).json().has("members")).isFalse();
  }

  // --- Paging, projection, search
  // -----------------------------------------------------------------

  @Test
  void pagingFollowsRfc7644() {
    Http c = new Http(a.base(), "Bearer token-a");
    String prefix = unique("page");
    for (int i = 0; i < 11; i++) {
      createUser(c, prefix + "-" + i);
    }
    String filter = "?filter=userName+sw+%22" + prefix + "%22";
    Reply first = c.get("/Users" + filter + "&startIndex=1&count=5");
    assertThat(first.json().path("totalResults").asInt()).isEqualTo(11);
    assertThat(first.json().path("itemsPerPage").asInt()).isEqualTo(5);
    assertThat(first.json().path("startIndex").asInt()).isEqualTo(1);
    Reply third = c.get("/Users" + filter + "&startIndex=11&count=5");
    assertThat(third.json().path("itemsPerPage").asInt()).isEqualTo(1);
    assertThat(third.json().path("startIndex").asInt()).isEqualTo(11);
    Reply past = c.get("/Users" + filter + "&startIndex=50&count=5");
    assertThat(past.json().path("Resources")).isEmpty();
    assertThat(past.json().path("totalResults").asInt()).isEqualTo(11);
    Reply countZero = c.get("/Users" + filter + "&count=0");
    assertThat(countZero.json().path("Resources")).isEmpty();
    assertThat(countZero.json().path("totalResults").asInt()).isEqualTo(11);
    Reply below = c.get("/Users" + filter + "&startIndex=-3&count=2");
    assertThat(below.json().path("startIndex").asInt()).isEqualTo(1);

    List<String> all = new ArrayList<>();
    for (int start = 1; start <= 11; start += 5) {
      c.get("/Users" + filter + "&sortBy=userName&startIndex=" + start + "&count=5")
          .json()
          .path("Resources")
          .forEach(r -> all.add(r.path("userName").asText()));
    }
    assertThat(all).hasSize(11).doesNotHaveDuplicates().isSorted();
    List<String> descending = new ArrayList<>();
    c.get("/Users" + filter + "&sortBy=userName&sortOrder=descending&count=3")
        .json()
        .path("Resources")
        .forEach(r -> descending.add(r.path("userName").asText()));
    assertThat(descending).containsExactly(prefix + "-9", prefix + "-8", prefix + "-7");
  }

  @Test
  void attributesAndExcludedAttributes() {
    String userName = unique("proj");
    String id = createUser(a, userName);

    JsonNode only = a.get("/Users/" + id + "?attributes=userName,name.givenName").json();
    assertThat(only.has("id")).isTrue();
    assertThat(only.path("userName").asText()).isEqualTo(userName);
    assertThat(only.path("name").toString()).isEqualTo("{\"givenName\":\"givenName\"}");
    assertThat(only.has("emails")).isFalse();
    assertThat(only.has("active")).isFalse();

    JsonNode excluded = a.get("/Users/" + id + "?excludedAttributes=emails,id").json();
    assertThat(excluded.has("emails")).isFalse();
    assertThat(excluded.has("id")).as("id is returned always").isTrue();
    assertThat(excluded.has("userName")).isTrue();
  }

  @Test
  void postSearchPerTypeAndAtTheRoot() {
    String userName = unique("search");
    createUser(a, userName);
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
            + "\"attributes\":[\"userName\"],\"filter\":\"userName eq \\\""
            + userName
            + "\\\"\","
            + "\"startIndex\":1,\"count\":10}";
    Reply typed = a.post("/Users/.search", body);
    assertThat(typed.status()).as(typed.text()).isEqualTo(200);
    assertThat(typed.json().path("totalResults").asInt()).isEqualTo(1);
    assertThat(typed.json().at("/Resources/0/emails").isMissingNode()).isTrue();

    Reply root = a.post("/.search", body);
    assertThat(root.status()).as(root.text()).isEqualTo(200);
    assertThat(root.json().path("totalResults").asInt()).isEqualTo(1);
  }

  // --- Versions ---------------------------------------------------------------------------------

  @Test
  void etagsAndConditionalRequests() {
    String id = createUser(a, unique("etag"));
    Reply read = a.get("/Users/" + id);
    String etag = read.header("ETag");
    assertThat(etag).startsWith("W/\"");
    assertThat(read.json().at("/meta/version").asText()).isEqualTo(etag);

    assertThat(a.header("If-None-Match", etag).get("/Users/" + id).status()).isEqualTo(304);

    Reply patched =
        a.header("If-Match", etag)
            .patch(
                "/Users/" + id,
                patchOps("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Boss\"}"));
    assertThat(patched.status()).as(patched.text()).isEqualTo(200);
    assertThat(patched.header("ETag")).isNotEqualTo(etag);

    assertScimError(
        a.header("If-Match", etag)
            .patch(
                "/Users/" + id,
                patchOps("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"X\"}")),
        412,
        null);
    assertScimError(
        a.header("If-Match", etag).put("/Users/" + id, entraUser(unique("x"))), 412, null);
    assertScimError(a.header("If-Match", etag).delete("/Users/" + id), 412, null);
    assertThat(a.get("/Users/" + id).json().path("title").asText()).isEqualTo("Boss");
    assertThat(a.header("If-Match", "*").delete("/Users/" + id).status()).isEqualTo(204);
  }

  // --- Errors, content, auth --------------------------------------------------------------------

  @Test
  void errorsAreScimJsonWithTheRightStatusAndScimType() {
    assertScimError(a.post("/Users", "{\"userName\": "), 400, "invalidSyntax");
    assertScimError(a.get("/Users?filter=userName+eqq+%22x%22"), 400, "invalidFilter");
    assertScimError(a.get("/Users?sortOrder=sideways"), 400, "invalidValue");
    assertScimError(a.get("/Users?count=many"), 400, "invalidValue");
    assertScimError(a.get("/Nothing"), 404, null);
    assertScimError(a.get("/Users/no-such-id"), 404, null);
    assertScimError(
        a.post("/Users", "{\"schemas\":[\"" + USER_URN + "\"],\"displayName\":\"x\"}"),
        400,
        "invalidValue");
    String id = createUser(a, unique("err"));
    assertScimError(
        a.patch(
            "/Users/" + id,
            patchOps("{\"op\":\"replace\",\"path\":\"emails[type eq]\",\"value\":\"x\"}")),
        400,
        "invalidPath");
    assertScimError(
        a.patch(
            "/Users/" + id, patchOps("{\"op\":\"replace\",\"path\":\"shoeSize\",\"value\":\"x\"}")),
        400,
        "invalidPath");
    assertScimError(a.patch("/Users/" + id, patchOps("{\"op\":\"remove\"}")), 400, "noTarget");
    assertScimError(
        a.patch("/Users/" + id, patchOps("{\"op\":\"remove\",\"path\":\"userName\"}")),
        400,
        "mutability");
    assertScimError(a.post("/Users", "{\"userName\":\"" + "x".repeat(70_000) + "\"}"), 413, null);
    assertScimError(a.send("POST", "/Users", entraUser(unique("t")), "text/plain"), 415, null);
    Reply notAllowed = a.send("PUT", "/Users", "{}", "application/json");
    assertScimError(notAllowed, 405, null);
    assertThat(notAllowed.header("Allow")).contains("GET").contains("POST");
    assertScimError(a.post("/Bulk", "{}"), 400, "invalidSyntax");
    // application/json is accepted as well as application/scim+json
    assertThat(
            a.send("POST", "/Users", entraUser(unique("json")), "application/json; charset=utf-8")
                .status())
        .isEqualTo(201);
  }

  @Test
  void authenticationFailuresAre401WithWwwAuthenticate() {
    for (Http http :
        List.of(
            a.withAuthorization(null),
            a.withAuthorization("Bearer wrong"),
            a.withAuthorization("Basic dXNlcjpwYXNz"))) {
      Reply reply = http.get("/Users");
      assertScimError(reply, 401, null);
      assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
    }
    assertThat(a.withAuthorization("token-a").get("/Users?count=1").status()).isEqualTo(200);
    assertThat(a.withAuthorization("bearer token-a").get("/Users?count=1").status()).isEqualTo(200);
    assertScimError(a.withAuthorization(null).get("/ServiceProviderConfig"), 401, null);
  }

  @Test
  void meIsTheCallersUserWithItsPermanentLocation() {
    String id = createUser(a, unique("me"));
    me.put("tenant-a/entra", id);

    Reply read = a.get("/Me");
    Reply patched =
        a.patch("/Me", patchOps("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Me\"}"));

    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().path("id").asText()).isEqualTo(id);
    assertThat(read.header("Location")).isEqualTo(a.base() + "/Users/" + id);
    assertThat(patched.status()).isEqualTo(200);
    assertThat(a.get("/Users/" + id).json().path("title").asText()).isEqualTo("Me");
    assertScimError(b.get("/Me"), 404, null);
    assertScimError(a.post("/Me", entraUser(unique("x"))), 405, null);
  }

  // --- Discovery --------------------------------------------------------------------------------

  @Test
  void discoveryDescribesWhatIsServed() {
    JsonNode config = a.get("/ServiceProviderConfig").json();
    assertThat(config.at("/patch/supported").asBoolean()).isTrue();
    assertThat(config.at("/bulk/supported").asBoolean()).isTrue();
    assertThat(config.at("/bulk/maxOperations").asInt()).isEqualTo(1000);
    assertThat(config.at("/bulk/maxPayloadSize").asLong()).isEqualTo(1L << 20);
    assertThat(config.at("/filter/supported").asBoolean()).isTrue();
    assertThat(config.at("/filter/maxResults").asInt()).isEqualTo(1000);
    assertThat(config.at("/sort/supported").asBoolean()).isTrue();
    assertThat(config.at("/etag/supported").asBoolean()).isTrue();
    assertThat(config.at("/authenticationSchemes/0/type").asText()).isEqualTo("oauthbearertoken");

    JsonNode schemas = a.get("/Schemas").json();
    assertThat(schemas.path("totalResults").asInt()).isEqualTo(4);
    assertThat(schemas.path("Resources").findValuesAsText("id"))
        .containsExactly(
            USER_URN, ENTERPRISE, "urn:ietf:params:scim:schemas:core:2.0:Group", DEVICE_URN);
    JsonNode user = a.get("/Schemas/" + USER_URN).json();
    assertThat(user.path("meta").path("location").asText())
        .isEqualTo(a.base() + "/Schemas/" + USER_URN);
    assertThat(user.path("attributes").findValuesAsText("name")).contains("userName", "emails");

    JsonNode types = a.get("/ResourceTypes").json();
    assertThat(types.path("Resources").findValuesAsText("endpoint"))
        .containsExactly("/Users", "/Groups", "/Devices");
    assertThat(a.get("/ResourceTypes/User").json().at("/schemaExtensions/0/schema").asText())
        .isEqualTo(ENTERPRISE);
    assertThat(a.get("/ResourceTypes/Device").json().path("endpoint").asText())
        .isEqualTo("/Devices");
    assertScimError(a.get("/ResourceTypes/Printer"), 404, null);
    assertScimError(a.get("/Schemas/urn:nothing:here"), 404, null);
  }

  // --- Custom resource types ---------------------------------------------------------------------

  @Test
  void customResourceTypeHasEveryEndpoint() {
    String serial = unique("SN");
    Reply created =
        a.post("/Devices", "{\"schemas\":[\"" + DEVICE_URN + "\"],\"serial\":\"" + serial + "\"}");
    assertThat(created.status()).as(created.text()).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(created.header("Location")).isEqualTo(a.base() + "/Devices/" + id);

    assertThat(a.get("/Devices/" + id).json().path("serial").asText()).isEqualTo(serial);
    assertThat(
            a.get("/Devices?filter=serial+eq+%22" + serial + "%22")
                .json()
                .path("totalResults")
                .asInt())
        .isEqualTo(1);
    Reply patched =
        a.patch(
            "/Devices/" + id,
            patchOps("{\"op\":\"add\",\"path\":\"serialNumberOfParts\",\"value\":4}"));
    assertThat(patched.json().path("serialNumberOfParts").asInt()).isEqualTo(4);
    assertScimError(
        a.patch(
            "/Devices/" + id,
            patchOps("{\"op\":\"add\",\"path\":\"serialNumberOfParts\",\"value\":\"four\"}")),
        400,
        "invalidValue");
    Reply replaced =
        a.put(
            "/Devices/" + id,
            "{\"schemas\":[\"" + DEVICE_URN + "\"],\"serial\":\"" + serial + "-2\"}");
    assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
    assertThat(replaced.json().has("serialNumberOfParts")).isFalse();
    assertScimError(
        a.post("/Devices", "{\"schemas\":[\"" + DEVICE_URN + "\"]}"), 400, "invalidValue");
    assertThat(a.delete("/Devices/" + id).status()).isEqualTo(204);
    assertScimError(a.get("/Devices/" + id), 404, null);
  }

  // --- Tenants ----------------------------------------------------------------------------------

  @Test
  void noTenantSeesOrChangesAnotherTenantsResources() {
    String userName = unique("tenant");
    String id = createUser(a, userName);
    String groupId = createGroup(a, unique("TG"));

    assertScimError(b.get("/Users/" + id), 404, null);
    assertThat(
            b.get("/Users?filter=userName+eq+%22" + userName + "%22")
                .json()
                .path("totalResults")
                .asInt())
        .isZero();
    assertScimError(
        b.patch(
            "/Users/" + id, patchOps("{\"op\":\"replace\",\"path\":\"title\",\"value\":\"x\"}")),
        404,
        null);
    assertScimError(b.put("/Users/" + id, entraUser(userName)), 404, null);
    assertScimError(b.delete("/Users/" + id), 404, null);
    assertScimError(
        b.patch(
            "/Groups/" + groupId,
            patchOps(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"" + id + "\"}]}")),
        404,
        null);
    // The same userName is free in the other tenant.
    assertThat(b.post("/Users", entraUser(userName)).status()).isEqualTo(201);
    assertThat(a.get("/Users/" + id).json().path("title").isMissingNode()).isTrue();
  }

  // --- Concurrency ------------------------------------------------------------------------------

  @Test
  void concurrentMemberAddsAllTakeEffect() throws Exception {
    String groupId = createGroup(a, unique("Concurrent"));
    List<String> users = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      users.add(createUser(a, unique("c")));
    }
    List<Integer> statuses =
        parallel(
            32,
            i ->
                a.patch(
                        "/Groups/" + groupId,
                        patchOps(
                            "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                                + users.get(i)
                                + "\"}]}"))
                    .status());
    assertThat(statuses).containsOnly(204);
    assertThat(a.get("/Groups/" + groupId).json().path("members").findValuesAsText("value"))
        .containsExactlyInAnyOrderElementsOf(users);
  }

  @Test
  void concurrentFullPatchesOfOneUserAllTakeEffect() throws Exception {
    String id = createUser(a, unique("cp"));
    List<Integer> statuses =
        parallel(
            16,
            i ->
                a.patch(
                        "/Users/" + id,
                        patchOps(
                            "{\"op\":\"add\",\"path\":\"phoneNumbers\",\"value\":[{\"value\":\"+1 555 "
                                + i
                                + "\",\"type\":\"work\"}]}"))
                    .status());
    assertThat(statuses).containsOnly(200);
    assertThat(a.get("/Users/" + id).json().path("phoneNumbers")).hasSize(16);
  }

  @Test
  void concurrentCreatesOfOneUserNameGiveExactlyOne201() throws Exception {
    String userName = unique("race");
    List<Integer> statuses = parallel(16, i -> a.post("/Users", entraUser(userName)).status());
    assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
    assertThat(statuses.stream().filter(s -> s == 409).count()).isEqualTo(15);
  }

  @Test
  void changesReachTheObserverWithWhoMadeThem() {
    String id = createUser(b, unique("audit"));
    b.delete("/Users/" + id);
    Set<ChangeEvent.Kind> kinds = ConcurrentHashMap.newKeySet();
    for (ChangeEvent event : changes) {
      if (event.id().equals(id)) {
        assertThat(event.context().tenant()).isEqualTo("tenant-b");
        assertThat(event.context().principal()).isEqualTo("okta");
        kinds.add(event.kind());
      }
    }
    assertThat(kinds).containsExactlyInAnyOrder(ChangeEvent.Kind.CREATED, ChangeEvent.Kind.DELETED);
  }

  private static List<Integer> parallel(int threads, IntFunction<Integer> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> futures = new ArrayList<>();
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      for (int i = 0; i < threads; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return call.apply(index);
                }));
      }
      go.countDown();
      List<Integer> results = new ArrayList<>();
      for (Future<Integer> future : futures) {
        results.add(future.get(60, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void theTokenEndpointGivesEntrasClientCredentialsABearerTokenForTheirTenant() throws Exception {
    String secret = clients.addSecret("tenant-a", "entra-gallery", null, null).secret();
    java.net.http.HttpClient client =
        java.net.http.HttpClient.newBuilder()
            .version(java.net.http.HttpClient.Version.HTTP_1_1)
            .build();
    java.net.http.HttpResponse<String> token =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=entra-gallery&client_secret="
                            + java.net.URLEncoder.encode(
                                secret, java.nio.charset.StandardCharsets.UTF_8)))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());
    java.net.http.HttpResponse<String> refused =
        client.send(
            java.net.http.HttpRequest.newBuilder(java.net.URI.create(root + "/oauth/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(
                    java.net.http.HttpRequest.BodyPublishers.ofString(
                        "grant_type=client_credentials&client_id=entra-gallery&client_secret=nope"))
                .build(),
            java.net.http.HttpResponse.BodyHandlers.ofString());

    assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
    assertThat(token.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/json");
    assertThat(token.headers().firstValue("Cache-Control")).hasValue("no-store");
    String accessToken = Http.MAPPER.readTree(token.body()).path("access_token").asText();
    String userName = unique("oauth");
    createUser(a, userName);
    Reply found =
        a.withAuthorization("Bearer " + accessToken)
            .get("/Users?filter=userName%20eq%20%22" + userName + "%22");
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().path("totalResults").asInt()).as("tenant-a's user").isEqualTo(1);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"SCIM\"");
    assertThat(Http.MAPPER.readTree(refused.body()).path("error").asText())
        .isEqualTo("invalid_client");
  }
}
