package dev.roster.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The protocol engine without HTTP: what needs no container to show. */
class ScimServerTest {
  private static final String GROUP_URN = "urn:ietf:params:scim:schemas:core:2.0:Group";

  private static ScimRequest request(String method, String path, String body, String token) {
    return new ScimRequest(
        method,
        path,
        queryOf(path),
        token == null ? Map.of() : Map.of("Authorization", List.of("Bearer " + token)),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        "https://saas.example.com/scim/v2");
  }

  private static Map<String, List<String>> queryOf(String path) {
    int q = path.indexOf('?');
    if (q < 0) {
      return Map.of();
    }
    Map<String, List<String>> query = new java.util.HashMap<>();
    for (String pair : path.substring(q + 1).split("&")) {
      String[] kv = pair.split("=", 2);
      query.put(
          kv[0],
          List.of(java.net.URLDecoder.decode(kv.length > 1 ? kv[1] : "", StandardCharsets.UTF_8)));
    }
    return query;
  }

  /** A server over {@code store}'s users and the recording {@code groups}, token {@code t}. */
  private static ScimServer recordingServer(InMemoryStore store, RecordingGroups groups) {
    return ScimServer.builder()
        .users(store.users())
        .groups(groups)
        .authenticator(BearerTokenAuthenticator.single("t"))
        .build();
  }

  /** The id of what a POST of {@code body} to {@code path} created. */
  private static String created(ScimServer server, String path, String body) {
    return server.handle(request("POST", path, body, "t")).body().path("id").asText();
  }

  private static ScimRequest get(String path, String token) {
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    ScimRequest r = request("GET", path, null, token);
    return new ScimRequest(r.method(), bare, r.query(), r.headers(), null, r.baseUrl());
  }

  /** Records what the engine asks of the group repository, delegating to an in-memory one. */
  static final class RecordingGroups implements GroupRepository {
    final GroupRepository delegate;
    final List<String> calls = new CopyOnWriteArrayList<>();

    RecordingGroups(GroupRepository delegate) {
      this.delegate = delegate;
    }

    @Override
    public ScimResource create(CreateRequest request) {
      calls.add("create");
      return delegate.create(request);
    }

    @Override
    public Optional<ScimResource> get(GetRequest request) {
      calls.add("get members=" + request.projection().includes("members"));
      return delegate.get(request);
    }

    @Override
    public Page search(SearchRequest request) {
      calls.add("search members=" + request.projection().includes("members"));
      return delegate.search(request);
    }

    @Override
    public ScimResource replace(ReplaceRequest request) {
      calls.add("replace");
      return delegate.replace(request);
    }

    @Override
    public void delete(DeleteRequest request) {
      calls.add("delete");
      delegate.delete(request);
    }

    @Override
    public MembershipResult updateMembers(MembershipRequest request) {
      calls.add("updateMembers +" + request.added().size() + " -" + request.removed().size());
      return delegate.updateMembers(request);
    }
  }

  @Test
  void memberPatchesAreDeltasAndExcludedMembersAreNeverLoaded() {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    RecordingGroups groups = new RecordingGroups(store.groups());
    ScimServer server = recordingServer(store, groups);
    String user = created(server, "/Users", "{\"userName\":\"bjensen\"}");
    String group =
        server
            .handle(
                request(
                    "POST",
                    "/Groups",
                    "{\"schemas\":[\"" + GROUP_URN + "\"],\"displayName\":\"G\"}",
                    "t"))
            .body()
            .path("id")
            .asText();
    groups.calls.clear();

    ScimResponse added =
        server.handle(
            request(
                "PATCH",
                "/Groups/" + group,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                    + "[{\"op\":\"Add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + user
                    + "\"}]}]}",
                "t"));
    ScimResponse read = server.handle(get("/Groups/" + group + "?excludedAttributes=members", "t"));
    ScimResponse found =
        server.handle(
            get("/Groups?excludedAttributes=members&filter=displayName%20eq%20%22G%22", "t"));

    assertThat(added.status()).isEqualTo(204);
    assertThat(read.body().has("members")).isFalse();
    assertThat(found.body().path("totalResults").asInt()).isEqualTo(1);
    assertThat(groups.calls)
        .containsExactly("updateMembers +1 -0", "get members=false", "search members=false");
  }

  @Test
  void textNoStoreCanKeepIsRefusedBeforeAnyRepositorySeesIt() {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    RecordingGroups groups = new RecordingGroups(store.groups());
    ScimServer server = recordingServer(store, groups);
    String groupId = created(server, "/Groups", "{\"displayName\":\"g\"}");
    groups.calls.clear();

    Map<String, ScimRequest> bodies = new LinkedHashMap<>();
    bodies.put("NUL in userName", request("POST", "/Users", "{\"userName\":\"a\\u0000b\"}", "t"));
    bodies.put(
        "unpaired surrogate",
        request("POST", "/Users", "{\"userName\":\"x\",\"title\":\"\\ud800\"}", "t"));
    bodies.put(
        "reversed pair", request("POST", "/Users", "{\"userName\":\"\\udc00\\ud800\"}", "t"));
    bodies.put(
        "NUL in an attribute name",
        request("POST", "/Users", "{\"userName\":\"y\",\"ti\\u0000tle\":\"z\"}", "t"));
    bodies.put(
        "NUL in a member id",
        request(
            "PATCH",
            "/Groups/" + groupId,
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":"
                + "[{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\"u\\u0000\"}]}]}",
            "t"));
    bodies.put(
        "NUL in a .search filter",
        request(
            "POST",
            "/Users/.search",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                + "\"filter\":\"userName eq \\\"a\\u0000\\\"\"}",
            "t"));
    bodies.forEach(
        (what, request) -> {
          ScimResponse response = server.handle(request);
          assertThat(response.status()).as(what).isEqualTo(400);
          assertThat(response.body().path("scimType").asText()).as(what).isEqualTo("invalidValue");
        });
    ScimResponse filter = server.handle(get("/Users?filter=userName%20eq%20%22a%00%22", "t"));
    assertThat(filter.status()).isEqualTo(400);
    assertThat(filter.body().path("scimType").asText()).isEqualTo("invalidValue");
    for (String escaped : List.of("%22a%5Cu0000%22", "%22%5Cud800%22")) {
      ScimResponse written = server.handle(get("/Users?filter=userName%20eq%20" + escaped, "t"));
      assertThat(written.status()).as(escaped).isEqualTo(400);
      assertThat(written.body().path("scimType").asText()).isEqualTo("invalidValue");
    }
    ScimResponse id = server.handle(get("/Users/abc\u0000def", "t"));
    assertThat(id.status()).isEqualTo(404);
    assertThat(id.bodyText()).doesNotContain("\u0000");
    assertThat(server.handle(get("/Groups/" + groupId + "\ud800", "t")).status()).isEqualTo(404);
    assertThat(server.handle(get("/Users/x\u0000", null)).status())
        .as("unauthenticated")
        .isEqualTo(401);
    assertThat(groups.calls).as("the group repository saw nothing").isEmpty();
    assertThat(server.handle(get("/Users", "t")).body().path("totalResults").asInt()).isZero();
    // A surrogate pair (an emoji) is text like any other.
    assertThat(
            server
                .handle(request("POST", "/Users", "{\"userName\":\"\\ud83d\\ude00\"}", "t"))
                .status())
        .isEqualTo(201);
  }

  @Test
  void sortIsAdvertisedOnlyWhenEveryRepositorySortsAndAnUnsortableSortByIs501() {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    ScimServer.Builder builder =
        ScimServer.builder()
            .users(store.users())
            .authenticator(BearerTokenAuthenticator.single("t"));
    ScimServer sorting = builder.groups(store.groups()).build();
    // RecordingGroups does not override supportsSort(): a repository that cannot sort.
    ScimServer partly = builder.groups(new RecordingGroups(store.groups())).build();

    assertThat(sorting.handle(get("/ServiceProviderConfig", "t")).body().at("/sort/supported"))
        .isEqualTo(BooleanNode.TRUE);
    assertThat(partly.handle(get("/ServiceProviderConfig", "t")).body().at("/sort/supported"))
        .isEqualTo(BooleanNode.FALSE);
    assertThat(partly.handle(get("/Users?sortBy=userName", "t")).status()).isEqualTo(200);
    assertThat(partly.handle(get("/Groups", "t")).status()).isEqualTo(200);
    ScimResponse unsorted = partly.handle(get("/Groups?sortBy=displayName", "t"));
    assertThat(unsorted.status()).isEqualTo(501);
    assertThat(unsorted.body().path("detail").asText())
        .isEqualTo(
            "Sorting Group resources is not supported (/ServiceProviderConfig says"
                + " sort.supported is false)");
    ScimResponse searched =
        partly.handle(
            request(
                "POST",
                "/.search",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                    + "\"sortBy\":\"meta.created\"}",
                "t"));
    assertThat(searched.status()).isEqualTo(501);
  }

  @Test
  void theBuilderHandsOutTheRegistryItServesWithItsExtensions() {
    Schema spoke =
        Schema.builder("urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User")
            .name("SpokeCustom")
            .attribute(AttributeDefinition.builder("startDate").build())
            .build();
    ScimServer.Builder builder = ScimServer.builder().extension("User", spoke, false);

    assertThat(builder.registry().resourceSchema("User").extensionSchemas())
        .extracting(Schema::id)
        .contains(spoke.id());
  }

  @Test
  void jsonLimitsComeFromScimLimitsAndTheErrorNamesTheSetting() {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    ScimServer server =
        ScimServer.builder()
            .users(store.users())
            .authenticator(BearerTokenAuthenticator.single("t"))
            .limits(
                ScimLimits.defaults()
                    .withMaxJsonDepth(8)
                    .withMaxJsonStringLength(50)
                    .withMaxJsonNumberLength(20))
            .build();
    String deep = "{\"userName\":\"deep\",\"x\":" + "[".repeat(9) + "]".repeat(9) + "}";
    String longString = "{\"userName\":\"" + "a".repeat(51) + "\"}";
    String longNumber = "{\"userName\":\"n\",\"x\":" + "1".repeat(21) + "}";

    ScimResponse nested = server.handle(request("POST", "/Users", deep, "t"));
    ScimResponse string = server.handle(request("POST", "/Users", longString, "t"));
    ScimResponse number = server.handle(request("POST", "/Users", longNumber, "t"));
    ScimResponse fine =
        server.handle(request("POST", "/Users", "{\"userName\":\"" + "a".repeat(50) + "\"}", "t"));

    assertThat(nested.status()).isEqualTo(400);
    assertThat(nested.body().path("scimType").asText()).isEqualTo("invalidSyntax");
    assertThat(nested.body().path("detail").asText())
        .isEqualTo("The body nests JSON deeper than 8 levels (ScimLimits.maxJsonDepth)");
    assertThat(string.status()).isEqualTo(400);
    assertThat(string.body().path("scimType").asText()).isEqualTo("invalidValue");
    assertThat(string.body().path("detail").asText())
        .isEqualTo(
            "A JSON string in the body is longer than 50 characters"
                + " (ScimLimits.maxJsonStringLength)");
    assertThat(number.status()).isEqualTo(400);
    assertThat(number.body().path("detail").asText())
        .isEqualTo(
            "A JSON number in the body is longer than 20 characters"
                + " (ScimLimits.maxJsonNumberLength)");
    assertThat(fine.status()).isEqualTo(201);
  }

  @Test
  void everySingleResourceResponseCarriesItsLocation() {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    ScimServer server =
        ScimServer.builder()
            .users(store.users())
            .authenticator(BearerTokenAuthenticator.single("t"))
            .patchResponse("User", PatchResponse.RESOURCE)
            .build();
    ScimResponse created = server.handle(request("POST", "/Users", "{\"userName\":\"loc\"}", "t"));
    String location =
        "https://saas.example.com/scim/v2/Users/" + created.body().path("id").asText();

    ScimResponse got = server.handle(get("/Users/" + created.body().path("id").asText(), "t"));
    ScimResponse put =
        server.handle(
            request(
                "PUT",
                "/Users/" + created.body().path("id").asText(),
                "{\"userName\":\"loc2\"}",
                "t"));
    ScimResponse patched =
        server.handle(
            request(
                "PATCH",
                "/Users/" + created.body().path("id").asText(),
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"active\",\"value\":false}]}",
                "t"));

    for (ScimResponse response : List.of(created, got, put, patched)) {
      assertThat(response.headers()).as(response.bodyText()).containsEntry("Location", location);
      assertThat(response.body().at("/meta/location").asText()).isEqualTo(location);
    }
  }

  @Test
  void unexpectedFailuresAre500WithoutDetailsOfTheCause() {
    UserRepository broken =
        new UserRepository() {
          @Override
          public ScimResource create(CreateRequest request) {
            throw new IllegalStateException("connection to db-7.internal:5432 refused");
          }

          @Override
          public Optional<ScimResource> get(GetRequest request) {
            throw new IllegalStateException("boom");
          }

          @Override
          public Page search(SearchRequest request) {
            throw new IllegalStateException("boom");
          }

          @Override
          public ScimResource replace(ReplaceRequest request) {
            throw new IllegalStateException("boom");
          }

          @Override
          public void delete(DeleteRequest request) {
            throw new IllegalStateException("boom");
          }
        };
    ScimServer server =
        ScimServer.builder()
            .users(broken)
            .authenticator(BearerTokenAuthenticator.single("t"))
            .build();

    ScimResponse response = server.handle(request("POST", "/Users", "{\"userName\":\"x\"}", "t"));

    assertThat(response.status()).isEqualTo(500);
    assertThat(response.body().path("status").asText()).isEqualTo("500");
    assertThat(response.bodyText()).doesNotContain("db-7").doesNotContain("IllegalState");
    assertThat(response.body().path("detail").asText()).contains("request id");
  }

  @Test
  void tenantsFromThePathAreIsolatedAndCheckedAgainstTheCredentials() {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    ScimServer server =
        ScimServer.builder()
            .users(store.users())
            .tenantFromPath(true)
            .authenticator(
                BearerTokenAuthenticator.of(
                    Map.of(
                        "acme", Identity.of("acme", "entra"),
                        "ops", Identity.of(ScimServer.ANY_TENANT, "ops"))))
            .build();

    ScimResponse created =
        server.handle(request("POST", "/acme/Users", "{\"userName\":\"a\"}", "acme"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.headers().get("Location"))
        .startsWith("https://saas.example.com/scim/v2/acme/Users/");
    String id = created.body().path("id").asText();

    assertThat(server.handle(get("/globex/Users/" + id, "acme")).status()).isEqualTo(403);
    assertThat(server.handle(get("/globex/Users/" + id, "ops")).status()).isEqualTo(404);
    assertThat(server.handle(get("/acme/Users/" + id, "ops")).status()).isEqualTo(200);
  }

  @Test
  void discoveryCanBeOpenWhileResourcesNeedCredentials() {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    ScimServer server =
        ScimServer.builder()
            .users(store.users())
            .openDiscovery(true)
            .authenticator(BearerTokenAuthenticator.single("t"))
            .build();

    assertThat(server.handle(get("/ServiceProviderConfig", null)).status()).isEqualTo(200);
    JsonNode types = server.handle(get("/ResourceTypes", null)).body();
    assertThat(types.path("Resources").findValuesAsText("name")).containsExactly("User");
    assertThat(server.handle(get("/Users", null)).status()).isEqualTo(401);
  }

  @Test
  void customResourceTypesAreServedAtTheirOwnEndpoint() {
    SchemaRegistry registry = SchemaRegistry.standard();
    Schema device =
        Schema.builder("urn:example:params:scim:schemas:Device")
            .name("Device")
            .attribute(AttributeDefinition.builder("serial").required(true).caseExact(true).build())
            .build();
    registry.register(device);
    registry.register(ResourceType.of("Device", "/Devices", device.id()));
    InMemoryStore store = new InMemoryStore(registry);
    ScimServer server =
        ScimServer.builder()
            .registry(registry)
            .users(store.users())
            .resources("Device", store.resources("Device"))
            .authenticator(BearerTokenAuthenticator.single("t"))
            .build();

    ScimResponse created = server.handle(request("POST", "/Devices", "{\"serial\":\"X-1\"}", "t"));
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.body().path("schemas").get(0).asText()).isEqualTo(device.id());
    assertThat(created.body().at("/meta/resourceType").asText()).isEqualTo("Device");
    assertThat(
            server
                .handle(get("/Devices?filter=serial%20eq%20%22X-1%22", "t"))
                .body()
                .path("totalResults")
                .asInt())
        .isEqualTo(1);
    assertThat(server.handle(get("/Schemas/" + device.id(), "t")).status()).isEqualTo(200);
    assertThat(server.handle(request("POST", "/Devices", "{\"name\":\"no serial\"}", "t")).status())
        .isEqualTo(400);
  }

  @Test
  void countIsCappedAtTheConfiguredMaximum() {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    ScimServer server =
        ScimServer.builder()
            .users(store.users())
            .limits(
                dev.roster.scim.core.ScimLimits.defaults()
                    .withDefaultPageSize(2)
                    .withMaxPageSize(3))
            .authenticator(BearerTokenAuthenticator.single("t"))
            .build();
    for (int i = 0; i < 5; i++) {
      server.handle(request("POST", "/Users", "{\"userName\":\"u" + i + "\"}", "t"));
    }

    assertThat(server.handle(get("/Users?count=5000", "t")).body().path("itemsPerPage").asInt())
        .isEqualTo(3);
    assertThat(server.handle(get("/Users", "t")).body().path("itemsPerPage").asInt()).isEqualTo(2);
    assertThat(server.handle(get("/Users", "t")).body().path("totalResults").asInt()).isEqualTo(5);
    assertThat(
            server
                .handle(get("/ServiceProviderConfig", "t"))
                .body()
                .at("/filter/maxResults")
                .asInt())
        .isEqualTo(3);
  }
}
