package dev.roster.scim.jaxrs;

import static dev.roster.scim.jaxrs.ScimHttpSuite.assertScimError;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.jaxrs.Http.Reply;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Cursor paging (RFC 9865) over HTTP on a real embedded container, tenants in the path; one
 * subclass per JAX-RS runtime. Shows what the binding must carry: a {@code cursor} parameter
 * without a value ({@code ?cursor}) asks for the first page, cursors survive the query string
 * unencoded, and the errors are SCIM error bodies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class CursorHttpSuite {
  private static final int USERS = 23;

  private Container container;
  private Http a;
  private Http b;
  private final List<String> ids = new ArrayList<>();

  /** A new, unstarted runtime. */
  abstract Container container();

  @BeforeAll
  void startServer() throws Exception {
    Map<String, Identity> tokens = new HashMap<>();
    for (String tenant : List.of("a", "b")) {
      tokens.put("token-" + tenant, Identity.of("tenant-" + tenant, "idp"));
    }
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    container = container();
    String root =
        container.start(
            ScimFeature.builder()
                .basePath("/scim/v2")
                .server(
                    ScimServer.builder()
                        .limits(ScimLimits.defaults().withDefaultPageSize(10).withMaxPageSize(20))
                        .tenantFromPath(true)
                        .authenticator(BearerTokenAuthenticator.of(tokens))
                        .users(store.users())
                        .groups(store.groups())
                        .build())
                .build());
    a = new Http(root + "/scim/v2/tenant-a", "Bearer token-a");
    b = new Http(root + "/scim/v2/tenant-b", "Bearer token-b");
    for (int i = 0; i < USERS; i++) {
      Reply created = a.post("/Users", "{\"userName\":\"user" + i + "\"}");
      assertThat(created.status()).as(created.text()).isEqualTo(201);
      ids.add(created.json().path("id").asText());
    }
    assertThat(b.post("/Users", "{\"userName\":\"other\"}").status()).isEqualTo(201);
  }

  @AfterAll
  void stopServer() {
    container.stop();
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("Resources").forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  private static JsonNode ok(Reply reply) {
    assertThat(reply.status()).as(reply.text()).isEqualTo(200);
    assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
    return reply.json();
  }

  @Test
  void aBareCursorParameterStartsAWalkThatFollowsNextCursorToTheEnd() {
    JsonNode page = ok(a.get("/Users?sortBy=userName&cursor&count=5"));
    List<String> seen = new ArrayList<>(ids(page));
    List<String> userNames = new ArrayList<>();
    page.path("Resources").forEach(r -> userNames.add(r.path("userName").asText()));
    assertThat(page.has("previousCursor")).isFalse();
    assertThat(page.has("startIndex")).isFalse();
    assertThat(page.path("totalResults").asInt()).isEqualTo(USERS);
    while (page.has("nextCursor")) {
      String cursor = page.path("nextCursor").asText();
      assertThat(cursor).matches("[A-Za-z0-9_-]+"); // RFC 3986 unreserved: no encoding needed
      page = ok(a.get("/Users?sortBy=userName&count=5&cursor=" + cursor));
      assertThat(page.has("previousCursor")).isTrue();
      seen.addAll(ids(page));
      page.path("Resources").forEach(r -> userNames.add(r.path("userName").asText()));
    }

    assertThat(seen).containsExactlyInAnyOrderElementsOf(ids);
    assertThat(userNames).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
  }

  @Test
  void anEmptyCursorValueAndTheDefaultPageSize() {
    JsonNode page = ok(a.get("/Users?cursor="));

    assertThat(page.path("itemsPerPage").asInt()).isEqualTo(10);
    assertThat(page.has("nextCursor")).isTrue();
  }

  @Test
  void previousCursorGoesBackAPage() {
    JsonNode first = ok(a.get("/Users?cursor&count=4"));
    JsonNode second = ok(a.get("/Users?count=4&cursor=" + first.path("nextCursor").asText()));
    JsonNode back = ok(a.get("/Users?count=4&cursor=" + second.path("previousCursor").asText()));

    assertThat(ids(back)).isEqualTo(ids(first));
    assertThat(back.has("previousCursor")).isFalse();
    assertThat(ids(second)).doesNotContainAnyElementsOf(ids(first));
  }

  @Test
  void searchBodiesPageByCursorToo() {
    String body = "{\"filter\":\"userName sw \\\"user1\\\"\",\"count\":3,\"cursor\":\"%s\"}";
    List<String> seen = new ArrayList<>();
    String cursor = "";
    while (cursor != null) {
      JsonNode page = ok(a.post("/Users/.search", body.formatted(cursor)));
      seen.addAll(ids(page));
      cursor = page.path("nextCursor").asText(null);
    }

    // user1 and user10 to user19.
    assertThat(seen).hasSize(11).doesNotHaveDuplicates();
  }

  @Test
  void aCursorOfAnotherTenantFilterOrAnAlteredOneIs400InvalidCursor() {
    String cursor = ok(a.get("/Users?cursor&count=2")).path("nextCursor").asText();
    String altered =
        cursor.substring(0, 10) + (cursor.charAt(10) == 'x' ? 'y' : 'x') + cursor.substring(11);

    assertThat(ok(a.get("/Users?count=2&cursor=" + cursor)).path("Resources").size()).isEqualTo(2);
    assertScimError(b.get("/Users?count=2&cursor=" + cursor), 400, "invalidCursor");
    assertScimError(
        a.get("/Users?count=2&filter=" + encode("userName pr") + "&cursor=" + cursor),
        400,
        "invalidCursor");
    assertScimError(a.get("/Users?count=2&cursor=" + altered), 400, "invalidCursor");
    assertScimError(a.get("/Groups?cursor=" + cursor), 400, "invalidCursor");
    assertScimError(a.get("/Users?cursor=" + encode("not a cursor")), 400, "invalidCursor");
  }

  @Test
  void countAndStartIndexErrors() {
    assertScimError(a.get("/Users?cursor&count=0"), 400, "invalidCount");
    assertScimError(
        a.post("/Users/.search", "{\"cursor\":\"\",\"count\":-1}"), 400, "invalidCount");
    assertScimError(a.get("/Users?cursor&startIndex=3"), 400, "invalidValue");
    assertScimError(a.post("/.search", "{\"cursor\":\"\"}"), 501, null);
    assertThat(ok(a.get("/Users?cursor&count=500")).path("itemsPerPage").asInt()).isEqualTo(20);
  }

  @Test
  void serviceProviderConfigStatesCursorAndIndexPaging() {
    JsonNode pagination = ok(a.get("/ServiceProviderConfig")).path("pagination");

    assertThat(pagination.path("cursor").asBoolean()).isTrue();
    assertThat(pagination.path("index").asBoolean()).isTrue();
    assertThat(pagination.path("defaultPaginationMethod").asText()).isEqualTo("index");
    assertThat(pagination.path("defaultPageSize").asInt()).isEqualTo(10);
    assertThat(pagination.path("maxPageSize").asInt()).isEqualTo(20);
    assertThat(pagination.path("cursorTimeout").asInt()).isEqualTo(600);
  }

  @Test
  void indexPagingIsAsBefore() {
    JsonNode page = ok(a.get("/Users?startIndex=21&count=5"));

    assertThat(page.path("startIndex").asInt()).isEqualTo(21);
    assertThat(page.path("itemsPerPage").asInt()).isEqualTo(3);
    assertThat(page.has("nextCursor")).isFalse();
  }
}
