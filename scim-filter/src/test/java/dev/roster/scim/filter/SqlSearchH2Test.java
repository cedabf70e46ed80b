package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs {@link SqlSearch} plans on H2 over random users: for random filters of {@code and}, {@code
 * or} and {@code not}, the rows the condition selects, checked against the residual, are exactly
 * the users {@link FilterEvaluator} matches over the whole filter; and pages ordered in SQL or
 * collected in memory agree with {@link ResourceOrder} on the matches.
 */
class SqlSearchH2Test {
  static {
    // As in SqlFilterH2Test: the tests run inside the module, which does not read java.sql.
    SqlSearchH2Test.class
        .getModule()
        .addReads(ModuleLayer.boot().findModule("java.sql").orElseThrow());
  }

  private static final ResourceSchema USERS = SqlFilterTest.USERS;
  private static final String TEST = SqlFilterTest.TEST_URN;
  private static final FilterEvaluator EVALUATOR = FilterEvaluator.lenient(USERS);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int USER_COUNT = 300;

  /** Every attribute with a column, except the test extension's tags and timezone. */
  private static final SqlMapping ALL_COLUMNS = mapping(true);

  /** Without {@code title}, {@code emails.type} and {@code score}: more is left to memory. */
  private static final SqlMapping SOME_COLUMNS = mapping(false);

  private static final Map<String, ScimResource> RESOURCES = new LinkedHashMap<>();
  private static SqlFilterH2Test.Database db;

  private static SqlMapping mapping(boolean all) {
    SqlMapping.Builder mapping =
        SqlMapping.builder()
            .column("id", "p.id")
            .column("userName", "p.user_name")
            .column("externalId", "p.external_id")
            .column("nickName", "p.nick_name")
            .column("active", "p.active")
            .column(TEST + ":loginCount", "p.login_count")
            .column(TEST + ":hiredAt", "p.hired_at")
            .table("emails", "people_emails", "e", "e.person_id = p.id")
            .column("emails.value", "e.address")
            .column("emails.primary", "e.is_primary");
    if (all) {
      mapping.column("title", "p.title").column(TEST + ":score", "p.score");
      mapping.column("emails.type", "e.type");
    }
    return mapping.build();
  }

  // ---- the dataset -----------------------------------------------------------------------------

  @BeforeAll
  static void load() throws Exception {
    db = new SqlFilterH2Test.Database("jdbc:h2:mem:sqlsearch;DB_CLOSE_DELAY=-1");
    db.execute(
        "CREATE TABLE people (id VARCHAR(8) PRIMARY KEY, user_name VARCHAR(64),"
            + " external_id VARCHAR(64), title VARCHAR(64), nick_name VARCHAR(64), active BOOLEAN,"
            + " login_count INTEGER, score DECIMAL(10, 3), hired_at TIMESTAMP WITH TIME ZONE)");
    db.execute(
        "CREATE TABLE people_emails (person_id VARCHAR(8), ordinal INTEGER, address VARCHAR(64),"
            + " type VARCHAR(16), is_primary BOOLEAN)");
    Random random = new Random(20240611);
    for (int i = 0; i < USER_COUNT; i++) {
      insert(String.format("p%03d", i), random);
    }
  }

  @AfterAll
  static void close() throws Exception {
    db.execute("DROP ALL OBJECTS");
    db.close();
  }

  private static final String[] USER_NAMES = {
    "alice", "Alice", "ALICE", "bob", "Bob", "carol", "dave", "émile", "Émile", "zoë", "ZOË",
    "_under", "o'brien", "", "x-ray"
  };
  private static final String[] TITLES = {"engineer", "Engineer", "manager", "CEO", "intern", ""};
  private static final String[] NICK_NAMES = {"al", "Bobby", "cc", "", "Zed", "ace"};
  private static final String[] DOMAINS = {"example.org", "Example.com", "mail.test"};
  private static final String[] TYPES = {"work", "home", "Work"};
  private static final String[] TIMEZONES = {"Europe/Berlin", "Asia/Tokyo"};

  private static void insert(String id, Random random) throws Exception {
    String userName = maybe(random, USER_NAMES, 0.05);
    String externalId =
        random.nextInt(3) == 0 ? null : (random.nextBoolean() ? "X" : "x") + random.nextInt(20);
    String title = maybe(random, TITLES, 0.3);
    String nickName = maybe(random, NICK_NAMES, 0.4);
    Boolean active = random.nextInt(4) == 0 ? null : random.nextBoolean();
    Integer loginCount = random.nextInt(4) == 0 ? null : random.nextInt(60) - 5;
    BigDecimal score =
        random.nextInt(4) == 0 ? null : BigDecimal.valueOf(random.nextInt(10_000), 3);
    OffsetDateTime hiredAt =
        random.nextInt(4) == 0
            ? null
            : Instant.parse("2020-01-01T00:00:00Z")
                .plusSeconds(random.nextInt(2 * 365 * 86_400))
                .atOffset(ZoneOffset.ofHours(random.nextInt(25) - 12));
    db.execute(
        "INSERT INTO people VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        id,
        userName,
        externalId,
        title,
        nickName,
        active,
        loginCount,
        score,
        hiredAt);

    ObjectNode json = NODES.objectNode();
    json.set(
        "schemas", NODES.arrayNode().add("urn:ietf:params:scim:schemas:core:2.0:User").add(TEST));
    json.put("id", id);
    putText(json, "userName", userName);
    putText(json, "externalId", externalId);
    putText(json, "title", title);
    putText(json, "nickName", nickName);
    if (active != null) {
      json.put("active", active);
    }
    if (random.nextBoolean()) {
      json.put("timezone", TIMEZONES[random.nextInt(TIMEZONES.length)]);
    }
    ObjectNode test = json.putObject(TEST);
    if (loginCount != null) {
      test.put("loginCount", loginCount);
    }
    if (score != null) {
      test.put("score", score);
    }
    if (hiredAt != null) {
      test.put("hiredAt", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(hiredAt));
    }
    ArrayNode tags = NODES.arrayNode();
    for (String tag : List.of("red", "green", "blue")) {
      if (random.nextInt(3) == 0) {
        tags.add(tag);
      }
    }
    if (!tags.isEmpty()) {
      test.set("tags", tags);
    }
    ArrayNode emails = NODES.arrayNode();
    for (int n = random.nextInt(4), ordinal = 0; ordinal < n; ordinal++) {
      String address = "u" + random.nextInt(30) + "@" + DOMAINS[random.nextInt(DOMAINS.length)];
      String type = random.nextInt(4) == 0 ? null : TYPES[random.nextInt(TYPES.length)];
      Boolean primary = random.nextInt(3) == 0 ? null : random.nextInt(3) == 0;
      db.execute(
          "INSERT INTO people_emails VALUES (?, ?, ?, ?, ?)", id, ordinal, address, type, primary);
      ObjectNode email = emails.addObject().put("value", address);
      putText(email, "type", type);
      if (primary != null) {
        email.put("primary", primary);
      }
    }
    if (!emails.isEmpty()) {
      json.set("emails", emails);
    }
    RESOURCES.put(id, ScimResource.fromJson(json));
  }

  private static String maybe(Random random, String[] values, double missing) {
    return random.nextDouble() < missing ? null : values[random.nextInt(values.length)];
  }

  private static void putText(ObjectNode object, String name, String value) {
    if (value != null) {
      object.put(name, value);
    }
  }

  // ---- random filters --------------------------------------------------------------------------

  private static final List<Filter> LEAVES =
      Stream.of(
              "userName eq \"alice\"",
              "userName sw \"a\"",
              "userName co \"O\"",
              "userName gt \"c\"",
              "userName pr",
              "externalId eq \"X1\"",
              "externalId sw \"x\"",
              "title eq \"engineer\"",
              "title pr",
              "title ne \"manager\"",
              "title lt \"f\"",
              "nickName co \"a\"",
              "nickName pr",
              "active eq true",
              "active ne true",
              TEST + ":loginCount gt 10",
              TEST + ":loginCount le 20",
              TEST + ":score ge 5",
              TEST + ":score lt 2.5",
              TEST + ":hiredAt gt \"2020-09-01T00:00:00Z\"",
              TEST + ":hiredAt le \"2021-03-01T00:00:00+02:00\"",
              "emails.value co \"example\"",
              "emails.type eq \"work\"",
              "emails[type eq \"home\" and primary eq true]",
              "emails pr",
              "emails.primary eq true",
              TEST + ":tags eq \"red\"",
              TEST + ":tags pr",
              "timezone eq \"Europe/Berlin\"",
              "timezone pr")
          .map(text -> FilterParser.withDefaults().parse(text))
          .toList();

  private static Filter randomFilter(Random random, int depth) {
    if (depth == 0 || random.nextInt(10) < 3) {
      return LEAVES.get(random.nextInt(LEAVES.size()));
    }
    switch (random.nextInt(3)) {
      case 0:
        return new Filter.Not(randomFilter(random, depth - 1));
      case 1:
        return new Filter.And(operands(random, depth));
      default:
        return new Filter.Or(operands(random, depth));
    }
  }

  private static List<Filter> operands(Random random, int depth) {
    List<Filter> operands = new ArrayList<>();
    for (int n = 2 + random.nextInt(2), i = 0; i < n; i++) {
      operands.add(randomFilter(random, depth - 1));
    }
    return operands;
  }

  static Stream<Arguments> mappings() {
    return Stream.of(Arguments.of("all columns", 1), Arguments.of("some columns", 2));
  }

  private static SqlMapping mapping(int which) {
    return which == 1 ? ALL_COLUMNS : SOME_COLUMNS;
  }

  // ---- running both ----------------------------------------------------------------------------

  private static List<String> evaluated(Filter filter) {
    return RESOURCES.entrySet().stream()
        .filter(e -> EVALUATOR.matches(filter, e.getValue()))
        .map(Map.Entry::getKey)
        .toList();
  }

  private static String where(SqlSearch plan) {
    return plan.condition() == null ? "" : " WHERE " + plan.condition();
  }

  /** The ids of the rows the plan's condition selects, in id order. */
  private static List<String> candidates(SqlSearch plan) throws Exception {
    return db.ids("SELECT p.id FROM people p" + where(plan) + " ORDER BY p.id", plan.parameters());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("mappings")
  void conditionAndResidualSelectExactlyTheMatches(String name, int which) throws Exception {
    SqlMapping mapping = mapping(which);
    Random random = new Random(which);
    int mixed = 0;
    int inSql = 0;
    for (int i = 0; i < 600; i++) {
      Filter filter = randomFilter(random, 3);
      SqlSearch plan = SqlSearch.plan(filter, null, USERS, mapping);
      List<String> expected = evaluated(filter);
      List<String> candidates = candidates(plan);
      List<String> found =
          plan.residual() == null
              ? candidates
              : candidates.stream()
                  .filter(id -> EVALUATOR.matches(plan.residual(), RESOURCES.get(id)))
                  .toList();

      assertThat(candidates).as("%s selects every match%n%s", filter, plan).containsAll(expected);
      assertThat(found).as("%s%n%s", filter, plan).isEqualTo(expected);
      if (plan.filtersInSql()) {
        inSql++;
      } else if (plan.condition() != null && candidates.size() < USER_COUNT) {
        mixed++;
      }
    }
    // Filters that SQL decides alone, and filters it narrows for memory to finish, both abound.
    assertThat(inSql).isGreaterThan(60);
    assertThat(mixed).isGreaterThan(60);
  }

  private static final List<String> SORT_ATTRIBUTES =
      List.of(
          "userName",
          "externalId",
          "title",
          "nickName",
          "active",
          TEST + ":loginCount",
          TEST + ":score",
          TEST + ":hiredAt",
          "emails.value",
          "emails",
          TEST + ":tags",
          "timezone",
          "id");

  /** Every sort attribute both ways over all users, in SQL or in memory, as ResourceOrder says. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("mappings")
  void sortedPagesAgreeWithResourceOrder(String name, int which) throws Exception {
    SqlMapping mapping = mapping(which);
    Random random = new Random(100 + which);
    int sortedInSql = 0;
    for (String by : SORT_ATTRIBUTES) {
      for (SortOrder order : SortOrder.values()) {
        Sort sort = new Sort(FilterParser.withDefaults().parseAttributePath(by), order);
        Filter filter = random.nextBoolean() ? null : randomFilter(random, 2);
        SqlSearch plan = SqlSearch.plan(filter, sort, USERS, mapping);
        List<ScimResource> matches =
            (filter == null ? RESOURCES.keySet().stream().toList() : evaluated(filter))
                .stream().map(RESOURCES::get).toList();
        List<String> expected =
            ResourceOrder.sort(matches, r -> r, sort, USERS).stream()
                .map(ScimResource::id)
                .toList();
        if (plan.sortsInSql()) {
          sortedInSql++;
        }
        for (int start = 0; start < expected.size() + 7; start += 37) {
          Page page = page(plan, start, 37);
          assertThat(page.totalResults()).as("%s", plan).isEqualTo(expected.size());
          assertThat(page.resources())
              .extracting(ScimResource::id)
              .as("%s from %d", plan, start)
              .isEqualTo(
                  expected.subList(
                      Math.min(start, expected.size()), Math.min(start + 37, expected.size())));
        }
      }
    }
    assertThat(sortedInSql).isGreaterThanOrEqualTo(2 * 7);
  }

  /** One page as a JDBC repository answers it with the plan. */
  private static Page page(SqlSearch plan, long offset, int count) throws Exception {
    if (plan.inSql()) {
      long total =
          Long.parseLong(
              db.ids("SELECT COUNT(*) FROM people p" + where(plan), plan.parameters()).get(0));
      List<Object> parameters = new ArrayList<>(plan.parameters());
      parameters.add(count);
      parameters.add(offset);
      List<String> ids =
          db.ids(
              "SELECT p.id FROM people p"
                  + where(plan)
                  + " ORDER BY "
                  + plan.orderBy("p.id")
                  + " LIMIT ? OFFSET ?",
              parameters);
      return new Page(ids.stream().map(RESOURCES::get).toList(), total);
    }
    PageCollector collector = plan.collector(offset, count);
    candidates(plan).forEach(id -> collector.accept(RESOURCES.get(id)));
    return collector.page();
  }

  @Test
  void emptyStringsSortWithMissingValuesInSqlToo() throws Exception {
    Sort sort =
        new Sort(FilterParser.withDefaults().parseAttributePath("title"), SortOrder.ASCENDING);
    SqlSearch plan = SqlSearch.plan(null, sort, USERS, ALL_COLUMNS);

    List<Boolean> titled =
        page(plan, 0, USER_COUNT).resources().stream()
            .map(user -> user.get("title") != null && !user.get("title").asText().isEmpty())
            .toList();

    assertThat(plan.inSql()).isTrue();
    assertThat(RESOURCES.values()).anyMatch(user -> "".equals(textOf(user, "title")));
    // Every user with a title comes first, then those with none or an empty one.
    assertThat(titled.indexOf(false)).isEqualTo(titled.lastIndexOf(true) + 1).isPositive();
  }

  private static String textOf(ScimResource user, String attribute) {
    return user.get(attribute) == null ? null : user.get(attribute).asText();
  }
}
