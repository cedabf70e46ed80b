package dev.roster.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.server.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Cursor paging (RFC 9865) through the engine, over the in-memory store. */
class CursorPagingTest {
  private static final String BASE = "https://saas.example.com/scim/v2";
  private static final String[] TITLES = {"Lead", "engineer", "Engineer", "analyst", null};

  private final MutableClock clock = new MutableClock();
  private final InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
  private final ScimServer.Builder builder =
      ScimServer.builder()
          .users(store.users())
          .groups(store.groups())
          .cursorClock(clock)
          .authenticator(
              BearerTokenAuthenticator.of(
                  Map.of(
                      "acme", Identity.of("acme", "idp"), "globex", Identity.of("globex", "idp"))));
  private final Random random = new Random(17);

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** A request of {@code token}'s caller; {@code query} alternates names and values. */
  private static ScimRequest request(
      String token, String method, String path, String body, String... query) {
    Map<String, List<String>> parameters = new HashMap<>();
    for (int i = 0; i < query.length; i += 2) {
      parameters.put(query[i], List.of(query[i + 1]));
    }
    return new ScimRequest(
        method,
        path,
        parameters,
        Map.of("Authorization", List.of("Bearer " + token)),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        BASE);
  }

  private static ScimResponse list(ScimServer server, String path, String... query) {
    return server.handle(request("acme", "GET", path, null, query));
  }

  /** Creates {@code n} users in acme with titles from {@link #TITLES}; their ids in order. */
  private List<String> createUsers(ScimServer server, String token, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(createUser(server, token, "user" + i, TITLES[random.nextInt(TITLES.length)]));
    }
    return ids;
  }

  private static String createUser(ScimServer server, String token, String userName, String title) {
    String body =
        "{\"userName\":\""
            + userName
            + "\""
            + (title == null ? "" : ",\"title\":\"" + title + "\"")
            + "}";
    ScimResponse created = server.handle(request(token, "POST", "/Users", body));
    assertThat(created.status()).isEqualTo(201);
    return created.body().path("id").asText();
  }

  private static List<String> ids(JsonNode listResponse) {
    List<String> ids = new ArrayList<>();
    listResponse.path("Resources").forEach(r -> ids.add(r.path("id").asText()));
    return ids;
  }

  /**
   * Follows {@code nextCursor} from the first page to the last, checking each page; the pages' ids,
   * in order.
   */
  private static List<List<String>> walk(ScimServer server, int count, String... query) {
    List<List<String>> pages = new ArrayList<>();
    String cursor = "";
    while (cursor != null) {
      JsonNode page = page(server, cursor, count, query);
      assertThat(page.has("previousCursor"))
          .as("previousCursor on page " + pages.size())
          .isEqualTo(!pages.isEmpty());
      pages.add(ids(page));
      cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
      assertThat(pages.size()).as("pages").isLessThan(1_000);
    }
    return pages;
  }

  private static JsonNode page(ScimServer server, String cursor, int count, String... query) {
    String[] all = Arrays.copyOf(query, query.length + 4);
    all[query.length] = "cursor";
    all[query.length + 1] = cursor;
    all[query.length + 2] = "count";
    all[query.length + 3] = Integer.toString(count);
    ScimResponse response = list(server, "/Users", all);
    assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
    JsonNode body = response.body();
    assertThat(body.has("startIndex")).as("a cursor page has no startIndex").isFalse();
    assertThat(body.path("itemsPerPage").asInt()).isEqualTo(body.path("Resources").size());
    assertThat(body.path("Resources").size()).isLessThanOrEqualTo(count);
    return body;
  }

  private static List<String> flat(List<List<String>> pages) {
    return pages.stream().flatMap(List::stream).toList();
  }

  /** Every id that an index-paged query (one page of all) returns, in its order. */
  private static List<String> indexed(ScimServer server, String... query) {
    String[] all = Arrays.copyOf(query, query.length + 2);
    all[query.length] = "count";
    all[query.length + 1] = "1000";
    return ids(list(server, "/Users", all).body());
  }

  @ParameterizedTest(name = "count {0}")
  @ValueSource(ints = {1, 4, 7, 53, 60})
  void aWalkSeesEveryUserExactlyOnceInTheOrderById(int count) {
    ScimServer server = builder.build();
    List<String> ids = createUsers(server, "acme", 53);

    List<List<String>> pages = walk(server, count);

    assertThat(flat(pages)).containsExactlyElementsOf(ids.stream().sorted().toList());
    assertThat(pages).hasSize((53 + count - 1) / count);
  }

  @ParameterizedTest(name = "sortOrder {0}")
  @ValueSource(strings = {"ascending", "descending"})
  void aSortedWalkFollowsTheSortWithTiesAndMissingValuesInPlace(String order) {
    ScimServer server = builder.build();
    createUsers(server, "acme", 41);

    List<String> walked = flat(walk(server, 6, "sortBy", "title", "sortOrder", order));

    // Index paging sorts by the same rules (ties in creation order, not by id): the same titles.
    List<String> sorted = indexed(server, "sortBy", "title", "sortOrder", order);
    assertThat(walked).containsExactlyInAnyOrderElementsOf(sorted);
    assertThat(lowerCase(values(server, walked, "title")))
        .containsExactlyElementsOf(lowerCase(values(server, sorted, "title")));
  }

  private static List<String> lowerCase(List<String> values) {
    return values.stream().map(v -> v.toLowerCase(Locale.ROOT)).toList();
  }

  @Test
  void aFilteredSortedWalkSeesEveryMatchOnce() {
    ScimServer server = builder.build();
    createUsers(server, "acme", 60);
    String[] query = {"filter", "title pr and not (title eq \"lead\")", "sortBy", "title"};

    List<List<String>> pages = walk(server, 4, query);

    List<String> expected = indexed(server, query);
    assertThat(expected).isNotEmpty().hasSizeLessThan(60);
    assertThat(flat(pages)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(flat(pages)).doesNotHaveDuplicates();
    JsonNode first = page(server, "", 4, query);
    assertThat(first.path("totalResults").asInt()).isEqualTo(expected.size());
  }

  @Test
  void previousCursorsWalkTheSamePagesBackwards() {
    ScimServer server = builder.build();
    createUsers(server, "acme", 23);
    String[] query = {"sortBy", "title", "sortOrder", "descending"};
    List<List<String>> forward = walk(server, 5, query);

    // From the last page back to the first.
    String cursor = "";
    JsonNode page = null;
    for (int i = 0; i < forward.size(); i++) {
      page = page(server, cursor, 5, query);
      cursor = page.path("nextCursor").asText(null);
    }
    assertThat(cursor).as("the last page has no nextCursor").isNull();
    List<List<String>> backward = new ArrayList<>();
    backward.add(0, ids(page));
    while (page.has("previousCursor")) {
      page = page(server, page.path("previousCursor").asText(), 5, query);
      assertThat(page.has("nextCursor")).isTrue();
      backward.add(0, ids(page));
    }

    assertThat(backward).isEqualTo(forward);
  }

  @Test
  void aWalkThroughInsertsAndDeletesSeesEachSurvivorOnceAndNoDeletedUser() {
    ScimServer server = builder.build();
    List<String> ids = createUsers(server, "acme", 40);
    Set<String> deleted = new HashSet<>();
    Set<String> deletedUnseen = new HashSet<>();
    List<String> seen = new ArrayList<>();
    String cursor = "";
    int round = 0;
    while (cursor != null) {
      JsonNode page = page(server, cursor, 6, "sortBy", "userName");
      seen.addAll(ids(page));
      cursor = page.path("nextCursor").asText(null);
      // Between pages: one user is deleted (seen or not yet), two are created.
      String victim = ids.get((round * 7) % ids.size());
      if (deleted.add(victim)) {
        if (!seen.contains(victim)) {
          deletedUnseen.add(victim);
        }
        assertThat(server.handle(request("acme", "DELETE", "/Users/" + victim, null)).status())
            .isEqualTo(204);
      }
      createUser(server, "acme", "a-early" + round, null);
      createUser(server, "acme", "zz-late" + round, null);
      round++;
    }

    assertThat(seen).doesNotHaveDuplicates();
    Set<String> survivors = new HashSet<>(ids);
    survivors.removeAll(deleted);
    assertThat(seen).containsAll(survivors);
    assertThat(deletedUnseen).as("deleted before the walk reached them").isNotEmpty();
    assertThat(seen).doesNotContainAnyElementsOf(deletedUnseen);
    List<String> userNames = values(server, seen, "userName");
    assertThat(userNames)
        .filteredOn("(deleted)"::equals)
        .hasSize(deleted.size() - deletedUnseen.size());
    userNames = userNames.stream().filter(n -> !n.equals("(deleted)")).toList();
    assertThat(userNames).isSortedAccordingTo(String.CASE_INSENSITIVE_ORDER);
    assertThat(userNames)
        .as("created after the walk passed their place")
        .noneMatch(n -> n.startsWith("a-early"));
    assertThat(userNames).as("created ahead of the walk").anyMatch(n -> n.startsWith("zz-late"));
  }

  /** What {@code attribute} holds for each of {@code ids}: "-" for none, "(deleted)" if gone. */
  private static List<String> values(ScimServer server, List<String> ids, String attribute) {
    Map<String, String> byId = new HashMap<>();
    list(server, "/Users", "count", "1000")
        .body()
        .path("Resources")
        .forEach(r -> byId.put(r.path("id").asText(), r.path(attribute).asText("-")));
    return ids.stream().map(id -> byId.getOrDefault(id, "(deleted)")).toList();
  }

  @Test
  void aWalkAlongsideAWriterThreadSeesEveryStableUserOnce() throws Exception {
    ScimServer server = builder.build();
    List<String> stable = createUsers(server, "acme", 120);
    AtomicBoolean done = new AtomicBoolean();
    Map<String, Boolean> churned = new ConcurrentHashMap<>();
    Thread writer =
        new Thread(
            () -> {
              for (int i = 0; !done.get() && i < 5_000; i++) {
                String id = createUser(server, "acme", "churn" + i, TITLES[i % TITLES.length]);
                churned.put(id, true);
                server.handle(request("acme", "DELETE", "/Users/" + id, null));
              }
            });
    writer.start();
    List<String> seen;
    try {
      seen = flat(walk(server, 7, "sortBy", "title"));
    } finally {
      done.set(true);
      writer.join();
    }

    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen).containsAll(stable);
    assertThat(seen.stream().filter(id -> !churned.containsKey(id)))
        .containsExactlyInAnyOrderElementsOf(stable);
  }

  private static String nextCursor(ScimServer server, String token, String... query) {
    String[] all = Arrays.copyOf(query, query.length + 4);
    all[query.length] = "cursor";
    all[query.length + 1] = "";
    all[query.length + 2] = "count";
    all[query.length + 3] = "2";
    ScimResponse first = server.handle(request(token, "GET", "/Users", null, all));
    assertThat(first.status()).isEqualTo(200);
    return first.body().path("nextCursor").asText();
  }

  private static void assertError(ScimResponse response, int status, String scimType) {
    assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    assertThat(response.body().path("scimType").asText(null)).isEqualTo(scimType);
  }

  @Test
  void aCursorIsBoundToItsTenantFilterSortAndResourceType() {
    ScimServer server = builder.build();
    createUsers(server, "acme", 5);
    createUsers(server, "globex", 5);
    String plain = nextCursor(server, "acme");
    String filtered = nextCursor(server, "acme", "filter", "userName sw \"user\"");
    String sorted = nextCursor(server, "acme", "sortBy", "title");

    assertThat(list(server, "/Users", "cursor", plain).status()).isEqualTo(200);
    assertError(
        server.handle(request("globex", "GET", "/Users", null, "cursor", plain)),
        400,
        "invalidCursor");
    assertError(
        list(server, "/Users", "cursor", plain, "filter", "userName sw \"user\""),
        400,
        "invalidCursor");
    assertError(list(server, "/Users", "cursor", filtered), 400, "invalidCursor");
    assertError(
        list(server, "/Users", "cursor", filtered, "filter", "userName sw \"use\""),
        400,
        "invalidCursor");
    assertThat(
            list(server, "/Users", "cursor", filtered, "filter", "userName sw \"user\"").status())
        .isEqualTo(200);
    assertError(list(server, "/Users", "cursor", sorted), 400, "invalidCursor");
    assertError(
        list(server, "/Users", "cursor", sorted, "sortBy", "title", "sortOrder", "descending"),
        400,
        "invalidCursor");
    assertError(
        list(server, "/Users", "cursor", sorted, "sortBy", "userName"), 400, "invalidCursor");
    assertThat(list(server, "/Users", "cursor", sorted, "sortBy", "TITLE").status())
        .as("attribute names ignore case")
        .isEqualTo(200);
    assertError(list(server, "/Groups", "cursor", plain), 400, "invalidCursor");
  }

  @Test
  void anAlteredOrForeignCursorIsInvalidWithOneMessage() {
    ScimServer server = builder.build();
    createUsers(server, "acme", 5);
    String cursor = nextCursor(server, "acme");
    char[] chars = cursor.toCharArray();
    int middle = chars.length / 2;
    chars[middle] = chars[middle] == 'A' ? 'B' : 'A';
    String altered = new String(chars);
    String detail = list(server, "/Users", "cursor", altered).body().path("detail").asText();

    for (String bad :
        List.of(
            altered,
            cursor.substring(0, cursor.length() - 1),
            cursor + "A",
            "not a cursor!",
            "AAAA",
            nextCursor(builder.build(), "acme"))) {
      ScimResponse response = list(server, "/Users", "cursor", bad);
      assertError(response, 400, "invalidCursor");
      assertThat(response.body().path("detail").asText()).isEqualTo(detail);
    }
  }

  @Test
  void processesSharingAKeyAcceptEachOthersCursors() {
    byte[] key = new byte[32];
    new Random(1).nextBytes(key);
    ScimServer one = builder.cursorKey(key).build();
    ScimServer two = builder.cursorKey(key.clone()).build();
    createUsers(one, "acme", 5);

    JsonNode page = list(two, "/Users", "cursor", nextCursor(one, "acme"), "count", "2").body();

    assertThat(page.path("Resources").size()).isEqualTo(2);
    assertThat(page.has("previousCursor")).isTrue();
  }

  @Test
  void aCursorOlderThanTheTimeoutIsExpired() {
    ScimServer server = builder.cursorTimeout(Duration.ofSeconds(90)).build();
    createUsers(server, "acme", 5);
    String cursor = nextCursor(server, "acme");

    clock.advance(Duration.ofSeconds(90));
    assertThat(list(server, "/Users", "cursor", cursor).status()).isEqualTo(200);
    clock.advance(Duration.ofMillis(1));
    ScimResponse expired = list(server, "/Users", "cursor", cursor);

    assertError(expired, 400, "expiredCursor");
    assertThat(expired.body().path("detail").asText()).contains("90 seconds");
  }

  @Test
  void theDefaultTimeoutIsTenMinutes() {
    ScimServer server = builder.build();
    createUsers(server, "acme", 5);
    String cursor = nextCursor(server, "acme");

    clock.advance(Duration.ofMinutes(10));
    assertThat(list(server, "/Users", "cursor", cursor).status()).isEqualTo(200);
    clock.advance(Duration.ofSeconds(1));
    assertError(list(server, "/Users", "cursor", cursor), 400, "expiredCursor");
  }

  @Test
  void countMustBePositiveWithACursorAndIsCappedAtMaxPageSize() {
    ScimServer server =
        builder.limits(ScimLimits.defaults().withDefaultPageSize(2).withMaxPageSize(3)).build();
    createUsers(server, "acme", 5);

    assertError(list(server, "/Users", "cursor", "", "count", "0"), 400, "invalidCount");
    assertError(list(server, "/Users", "cursor", "", "count", "-4"), 400, "invalidCount");
    assertError(list(server, "/Users", "cursor", "", "count", "ten"), 400, "invalidCount");
    assertThat(
            list(server, "/Users", "cursor", "", "count", "50").body().path("itemsPerPage").asInt())
        .isEqualTo(3);
    assertThat(list(server, "/Users", "cursor", "").body().path("itemsPerPage").asInt())
        .as("defaultPageSize")
        .isEqualTo(2);
    assertThat(list(server, "/Users", "count", "0").body().path("totalResults").asInt())
        .as("index paging keeps count=0 for the total alone")
        .isEqualTo(5);
  }

  @Test
  void startIndexAndCursorTogetherAre400() {
    ScimServer server = builder.build();

    assertError(list(server, "/Users", "cursor", "", "startIndex", "1"), 400, "invalidValue");
    assertError(
        server.handle(
            request("acme", "POST", "/Users/.search", "{\"cursor\":\"\",\"startIndex\":2}")),
        400,
        "invalidValue");
  }

  @Test
  void indexPagingIsUnchanged() {
    ScimServer server = builder.build();
    createUsers(server, "acme", 5);

    JsonNode page = list(server, "/Users", "startIndex", "2", "count", "2").body();

    assertThat(page.path("startIndex").asInt()).isEqualTo(2);
    assertThat(page.path("itemsPerPage").asInt()).isEqualTo(2);
    assertThat(page.has("nextCursor")).isFalse();
    assertThat(page.has("previousCursor")).isFalse();
  }

  @Test
  void searchBodiesCarryCursorAndCount() {
    ScimServer server = builder.build();
    List<String> ids = createUsers(server, "acme", 7);
    List<String> seen = new ArrayList<>();
    String cursor = "";
    while (cursor != null) {
      ScimResponse response =
          server.handle(
              request(
                  "acme",
                  "POST",
                  "/Users/.search",
                  "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                      + "\"filter\":\"userName sw \\\"user\\\"\",\"cursor\":\""
                      + cursor
                      + "\",\"count\":3}"));
      assertThat(response.status()).as(response.body().toString()).isEqualTo(200);
      seen.addAll(ids(response.body()));
      cursor = response.body().path("nextCursor").asText(null);
    }

    assertThat(seen).containsExactlyElementsOf(ids.stream().sorted().toList());
    assertError(
        server.handle(request("acme", "POST", "/Users/.search", "{\"cursor\":5}")),
        400,
        "invalidCursor");
    assertError(
        server.handle(request("acme", "POST", "/Users/.search", "{\"cursor\":\"\",\"count\":0}")),
        400,
        "invalidCount");
    assertThat(server.handle(request("acme", "POST", "/.search", "{\"cursor\":\"\"}")).status())
        .as("cursors across resource types")
        .isEqualTo(501);
  }

  @Test
  void serviceProviderConfigStatesThePagination() {
    ScimServer server =
        builder
            .cursorTimeout(Duration.ofSeconds(120))
            .limits(ScimLimits.defaults().withDefaultPageSize(50).withMaxPageSize(250))
            .build();

    JsonNode pagination = list(server, "/ServiceProviderConfig").body().path("pagination");

    Map<String, Object> expected = new LinkedHashMap<>();
    expected.put("cursor", true);
    expected.put("index", true);
    expected.put("defaultPaginationMethod", "index");
    expected.put("defaultPageSize", 50);
    expected.put("maxPageSize", 250);
    expected.put("cursorTimeout", 120);
    assertThat(pagination.toString())
        .isEqualTo(
            new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(expected).toString());
  }

  @Test
  void aRepositoryWithoutCursorsIsNotAdvertisedAndACursorThereIs501() {
    ScimServer server =
        ScimServer.builder()
            .users(store.users())
            .groups(new ScimServerTest.RecordingGroups(store.groups()))
            .authenticator(BearerTokenAuthenticator.single("acme"))
            .build();
    createUser(server, "acme", "bjensen", null);

    JsonNode pagination = list(server, "/ServiceProviderConfig").body().path("pagination");
    ScimResponse groups = list(server, "/Groups", "cursor", "");

    assertThat(pagination.path("cursor").asBoolean(true)).isFalse();
    assertThat(pagination.path("index").asBoolean()).isTrue();
    assertThat(pagination.has("cursorTimeout")).isFalse();
    assertError(groups, 501, null);
    assertThat(groups.body().path("detail").asText()).contains("pagination.cursor");
    assertThat(list(server, "/Users", "cursor", "").status())
        .as("the users' repository still pages by cursor")
        .isEqualTo(200);
    assertThat(list(server, "/Groups", "count", "5").status()).isEqualTo(200);
  }

  @Test
  void theBuilderRefusesAShortKeyAndAnOddTimeout() {
    ScimServer.Builder b = ScimServer.builder();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.cursorKey(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.cursorTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> b.cursorTimeout(Duration.ofMillis(1500)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
