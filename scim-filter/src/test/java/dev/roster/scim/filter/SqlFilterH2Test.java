package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaUrns;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs translated filters on a real H2 database and checks that they select exactly the users
 * {@link FilterEvaluator} matches when the same users are SCIM JSON.
 */
class SqlFilterH2Test {
  static {
    // Tests run inside the module, which has no reason to read java.sql; let this test read it.
    SqlFilterH2Test.class
        .getModule()
        .addReads(ModuleLayer.boot().findModule("java.sql").orElseThrow());
  }

  private static final String MINE = "sql/filters.txt";
  private static final FilterEvaluator EVALUATOR = FilterEvaluator.lenient(SqlFilterTest.USERS);
  private static final Map<String, ScimResource> RESOURCES = new LinkedHashMap<>();

  /** The database; held as java.sql-free type so that JUnit can reflect on this class. */
  private static Database db;

  // ---- the dataset -----------------------------------------------------------------------------

  record Email(String value, String type, Boolean primary, String display) {}

  record Phone(String value, String type, Boolean primary) {}

  record Address(
      String formatted,
      String streetAddress,
      String locality,
      String region,
      String postalCode,
      String country,
      String type,
      Boolean primary) {}

  /**
   * One user as the test knows it; both the SQL rows and the SCIM JSON are made from it.
   *
   * @param style how the JSON spells missing values and booleans (0: leaves them out; 1: JSON null
   *     and empty arrays; 2: booleans as the strings Entra sends)
   */
  record TestUser(
      String id,
      int style,
      String userName,
      String externalId,
      String displayName,
      String nickName,
      String title,
      String userType,
      Boolean active,
      String givenName,
      String familyName,
      String middleName,
      OffsetDateTime created,
      OffsetDateTime lastModified,
      String employeeNumber,
      String department,
      String manager,
      Integer loginCount,
      BigDecimal score,
      OffsetDateTime hiredAt,
      List<String> tags,
      List<Email> emails,
      List<Phone> phones,
      List<Address> addresses,
      Extra extra) {}

  record Group(String id, String display, String type) {}

  /** The attributes mapped for the parser's and evaluator's corpora rather than this test's. */
  record Extra(
      String profileUrl,
      String locale,
      String costCenter,
      String organization,
      String division,
      String managerRef,
      String managerDisplayName,
      List<Email> ims,
      List<Email> roles,
      List<Group> groups,
      List<Email> certificates) {}

  private static final String[] USER_NAMES = {
    "bjensen",
    "BJensen",
    "BJENSEN",
    "jsmith",
    "zoë.müller",
    "ZOË.MÜLLER",
    "o'brien",
    "semi;colon",
    "dash--dash",
    "100%_real",
    "back\\slash",
    "' OR 1=1 --",
    "Robert'); DROP TABLE users;--",
    "ærøskøbing",
    "jürgen",
    "josé",
    "σοφία",
    "СЕРГЕЙ",
    "李雷",
    "smile😀"
  };
  private static final String[] GIVEN = {
    "Barbara", "BARBARA", "barbara", "Zoë", "ZOË", "zoë", "Jürgen", "José", "Ørjan", "Åsa",
    "Łukasz", "Ñandú", "Σοφία", "Сергей", "СЕРГЕЙ", "李", "", null
  };
  private static final String[] FAMILY = {
    "Jensen",
    "jensen",
    "JENSEN",
    "O'Brien",
    "Müller",
    "MÜLLER",
    "Smith_Jones",
    "100% Real",
    "Back\\slash",
    "Dash--Dash",
    "Semi;Colon",
    null
  };
  private static final String[] TITLES = {
    "Engineer",
    "engineer",
    "Sr. Engineer",
    "50% Manager",
    "R&D_Lead",
    "C:\\Temp",
    "' OR 1=1 --",
    "Tour Guide; Ærøskøbing",
    "tour guide; ærøskøbing",
    "The \"Boss\"",
    "",
    null,
    null
  };
  private static final String[] USER_TYPES = {"Employee", "employee", "Contractor", "Intern", null};
  private static final String[] NICKS = {"Babs", "babs", "Z", "", null, null};
  private static final String[] EXTERNAL_IDS = {"AbC", "abc", "ABC", "x_1", "x%1", null};
  private static final Boolean[] BOOLEANS = {true, false, null};
  private static final String[] DEPARTMENTS = {"R&D", "r&d", "Sales", "Ærø Office", null};
  private static final String[] MANAGERS = {"26118915", "M-1", "m-1", null};
  private static final Integer[] COUNTS = {0, 1, 5, 10, 42, null};
  private static final String[] SCORES = {"0.5", "2.5", "2.50", "10", "-1.25", null};
  private static final String[] TAGS = {"alpha", "Alpha", "beta", "gamma_ray", "50%", "ærø", ""};
  private static final String[] DATES = {
    "2024-03-10T12:00:00+05:30",
    "2024-03-10T06:30:00Z",
    "2024-03-09T22:30:00-08:00",
    "2024-03-10T06:30:00.123456Z",
    "2011-05-13T04:42:34Z",
    "2011-05-13T06:42:34+02:00",
    "2030-01-01T00:00:00Z",
    "2024-01-01T00:00:00+14:00",
    "2019-12-31T23:59:59.999999-01:00"
  };
  private static final String[] LOCALS = {
    "bjensen",
    "B.Jensen",
    "zoë",
    "ZOË",
    "o'brien",
    "a_b",
    "a%b",
    "back\\slash",
    "semi;colon",
    "dash--dash",
    "' OR 1=1 --",
    "sergej"
  };
  private static final String[] DOMAINS = {"example.com", "EXAMPLE.COM", "example.org", "x.io"};
  private static final String[] EMAIL_TYPES = {"work", "WORK", "home", "Work", "other", null};
  private static final String[] PHONES = {
    "+1 555 0100", "+45 70 10 20 30", "555-0100 ext_5", "(555) 0100", null
  };
  private static final String[] PHONE_TYPES = {"work", "mobile", "home", "Mobile", null};
  private static final String[] STREETS = {
    "Vestergade 1", "100 Main St_", "O'Connell St", "Straße 5", null
  };
  private static final String[] LOCALITIES = {
    "Ærøskøbing",
    "ÆRØSKØBING",
    "ærøskøbing",
    "Köln",
    "KÖLN",
    "São Paulo",
    "Zürich",
    "Reykjavík",
    null
  };
  private static final String[] REGIONS = {"Syddanmark", "NRW", "SP", null};
  private static final String[] POSTAL_CODES = {"5970", "50667", "01310-100", null};
  private static final String[] COUNTRIES = {"DK", "dk", "DE", "BR", null};
  private static final String[] ADDRESS_TYPES = {"work", "home", null};
  private static final String[] PROFILE_URLS = {
    "https://login.example.com/bjensen", "HTTPS://LOGIN.EXAMPLE.COM/BJENSEN", null
  };
  private static final String[] LOCALES = {"da-DK", "en-US", "EN-us", null};
  private static final String[] COST_CENTERS = {"4130", "4131", null};
  private static final String[] ORGANIZATIONS = {"Universal Studios", "universal studios", null};
  private static final String[] DIVISIONS = {"Theme Park", null};
  private static final String[] MANAGER_REFS = {"../Users/26118915", null};
  private static final String[] MANAGER_NAMES = {"John Smith", "JOHN SMITH", null};
  private static final String[] IMS = {"someaimhandle", "SomeAimHandle", "skype_user", "x%y"};
  private static final String[] IM_TYPES = {"aim", "xmpp", "skype", null};
  private static final String[] ROLES = {"admin", "Admin", "user", "Reader_1"};
  private static final String[] ROLE_TYPES = {"WindowsAzureActiveDirectoryRole", null};
  private static final String[] GROUP_IDS = {
    "e9e30dba-f08f-4109-8486-d5c6a331660a", "fc348aa8-3835-40eb-a20e-c82a2a2b6b5f", "g_1", "G_1"
  };
  private static final String[] GROUP_NAMES = {"Tour Guides", "tour guides", "Employees", null};
  private static final String[] GROUP_TYPES = {"direct", "indirect", null};
  private static final String[] CERTIFICATES = {
    "MIIDQzCCAqygAwIBAgICEAAwDQYJKoZIhvcNAQEFBQAwTjELMAkGA1UEBhMCVVMx",
    "miidqzccaqygawibagicEAAwdqyjkozihvcnaqefbqawtjelmakga1uebhmcvvmx",
    "QUJD"
  };

  private static final List<TestUser> USERS = dataset();

  /** Fifty users from a fixed seed, so that a failure repeats. */
  private static List<TestUser> dataset() {
    Random random = new Random(20240310);
    List<TestUser> users = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      String userName = i < USER_NAMES.length ? USER_NAMES[i] : pick(random, USER_NAMES) + "." + i;
      String given = pick(random, GIVEN);
      String family = pick(random, FAMILY);
      String display =
          Stream.of(given, family).filter(Objects::nonNull).collect(Collectors.joining(" "));
      String score = pick(random, SCORES);
      List<String> tags = new ArrayList<>();
      for (int n = random.nextInt(3); n > 0; n--) {
        tags.add(pick(random, TAGS));
      }
      List<Email> emails = new ArrayList<>();
      for (int n = random.nextInt(4); n > 0; n--) {
        emails.add(
            new Email(
                pick(random, LOCALS) + "@" + pick(random, DOMAINS),
                pick(random, EMAIL_TYPES),
                pick(random, BOOLEANS),
                random.nextInt(4) == 0 ? "Mail " + n : null));
      }
      List<Phone> phones = new ArrayList<>();
      for (int n = random.nextInt(4); n > 0; n--) {
        String value = pick(random, PHONES);
        String type = pick(random, PHONE_TYPES);
        // Every value holds something present (SqlFilter's contract for child rows).
        phones.add(
            new Phone(
                value, value == null && type == null ? "other" : type, pick(random, BOOLEANS)));
      }
      List<Address> addresses = new ArrayList<>();
      for (int n = random.nextInt(3); n > 0; n--) {
        String locality = pick(random, LOCALITIES);
        addresses.add(
            new Address(
                random.nextBoolean() ? null : "Somewhere in " + locality,
                pick(random, STREETS),
                locality,
                pick(random, REGIONS),
                pick(random, POSTAL_CODES),
                pick(random, COUNTRIES),
                // Every value holds something present (SqlFilter's contract for child rows).
                Objects.requireNonNullElse(pick(random, ADDRESS_TYPES), "other"),
                pick(random, BOOLEANS)));
      }
      Extra extra =
          new Extra(
              pick(random, PROFILE_URLS),
              pick(random, LOCALES),
              pick(random, COST_CENTERS),
              pick(random, ORGANIZATIONS),
              pick(random, DIVISIONS),
              pick(random, MANAGER_REFS),
              pick(random, MANAGER_NAMES),
              values(random, IMS, IM_TYPES, 3),
              values(random, ROLES, ROLE_TYPES, 3),
              groups(random),
              values(random, CERTIFICATES, EMAIL_TYPES, 2));
      users.add(
          new TestUser(
              String.format(Locale.ROOT, "u%02d", i),
              i % 3,
              userName,
              pick(random, EXTERNAL_IDS),
              display.isEmpty() ? null : display,
              pick(random, NICKS),
              pick(random, TITLES),
              pick(random, USER_TYPES),
              pick(random, BOOLEANS),
              given,
              family,
              random.nextInt(5) == 0 ? "Q." : null,
              date(pick(random, DATES)),
              date(i < DATES.length ? DATES[i] : pick(random, DATES)),
              random.nextBoolean() ? String.valueOf(1000 + i) : null,
              pick(random, DEPARTMENTS),
              pick(random, MANAGERS),
              pick(random, COUNTS),
              score == null ? null : new BigDecimal(score),
              date(pick(random, DATES)),
              tags,
              emails,
              phones,
              addresses,
              extra));
    }
    return users;
  }

  /** Up to {@code max - 1} values of an ims-like attribute. */
  private static List<Email> values(Random random, String[] values, String[] types, int max) {
    List<Email> out = new ArrayList<>();
    for (int n = random.nextInt(max); n > 0; n--) {
      out.add(
          new Email(
              pick(random, values),
              pick(random, types),
              pick(random, BOOLEANS),
              random.nextBoolean() ? null : "Display " + n));
    }
    return out;
  }

  private static List<Group> groups(Random random) {
    List<Group> out = new ArrayList<>();
    for (int n = random.nextInt(3); n > 0; n--) {
      out.add(
          new Group(pick(random, GROUP_IDS), pick(random, GROUP_NAMES), pick(random, GROUP_TYPES)));
    }
    return out;
  }

  private static <T> T pick(Random random, T[] values) {
    return values[random.nextInt(values.length)];
  }

  private static OffsetDateTime date(String text) {
    return text == null ? null : OffsetDateTime.parse(text);
  }

  // ---- the two representations ---------------------------------------------------------------

  @BeforeAll
  static void load() throws Exception {
    db = new Database("jdbc:h2:mem:sqlfilter;DB_CLOSE_DELAY=-1;NON_KEYWORDS=VALUE");
    for (String statement : resource("sql/h2-users.sql").split(";")) {
      if (!statement.isBlank()) {
        db.execute(statement);
      }
    }
    for (TestUser user : USERS) {
      insert(user);
      RESOURCES.put(user.id(), json(user));
    }
  }

  @AfterAll
  static void close() throws Exception {
    db.execute("DROP ALL OBJECTS");
    db.close();
  }

  private static void insert(TestUser u) throws Exception {
    db.execute(
        "INSERT INTO users (id, user_name, external_id, display_name, nick_name, title, user_type,"
            + " active, given_name, family_name, middle_name, created, last_modified,"
            + " employee_number, department, manager_value, login_count, score, hired_at,"
            + " profile_url, locale, location, version, cost_center, organization, division,"
            + " manager_ref, manager_display_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        u.id(),
        u.userName(),
        u.externalId(),
        u.displayName(),
        u.nickName(),
        u.title(),
        u.userType(),
        u.active(),
        u.givenName(),
        u.familyName(),
        u.middleName(),
        u.created(),
        u.lastModified(),
        u.employeeNumber(),
        u.department(),
        u.manager(),
        u.loginCount(),
        u.score(),
        u.hiredAt(),
        u.extra().profileUrl(),
        u.extra().locale(),
        location(u),
        version(u),
        u.extra().costCenter(),
        u.extra().organization(),
        u.extra().division(),
        u.extra().managerRef(),
        u.extra().managerDisplayName());
    insertValues("user_ims", u.id(), u.extra().ims());
    insertValues("user_roles", u.id(), u.extra().roles());
    for (Group g : u.extra().groups()) {
      db.execute(
          "INSERT INTO user_groups (user_id, group_id, display, type) VALUES (?, ?, ?, ?)",
          u.id(),
          g.id(),
          g.display(),
          g.type());
    }
    for (Email c : u.extra().certificates()) {
      db.execute(
          "INSERT INTO user_certificates (user_id, der_base64, type, is_primary, display)"
              + " VALUES (?, ?, ?, ?, ?)",
          u.id(),
          c.value(),
          c.type(),
          c.primary(),
          c.display());
    }
    for (String tag : u.tags()) {
      db.execute("INSERT INTO user_tags (user_id, tag) VALUES (?, ?)", u.id(), tag);
    }
    for (Email e : u.emails()) {
      db.execute(
          "INSERT INTO user_emails (user_id, value, type, is_primary, display) VALUES (?, ?, ?, ?, ?)",
          u.id(),
          e.value(),
          e.type(),
          e.primary(),
          e.display());
    }
    for (Phone p : u.phones()) {
      db.execute(
          "INSERT INTO user_phones (user_id, value, type, is_primary) VALUES (?, ?, ?, ?)",
          u.id(),
          p.value(),
          p.type(),
          p.primary());
    }
    for (Address a : u.addresses()) {
      db.execute(
          "INSERT INTO user_addresses (user_id, formatted, street_address, locality, region,"
              + " postal_code, country, type, is_primary) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
          u.id(),
          a.formatted(),
          a.streetAddress(),
          a.locality(),
          a.region(),
          a.postalCode(),
          a.country(),
          a.type(),
          a.primary());
    }
  }

  private static void insertValues(String table, String id, List<Email> values) throws Exception {
    for (Email v : values) {
      db.execute(
          "INSERT INTO "
              + table
              + " (user_id, value, type, is_primary, display) VALUES (?, ?, ?, ?, ?)",
          id,
          v.value(),
          v.type(),
          v.primary(),
          v.display());
    }
  }

  private static String location(TestUser u) {
    return "https://example.com/v2/Users/" + u.id();
  }

  private static String version(TestUser u) {
    return "W/\"" + u.id().substring(1) + "\"";
  }

  private static ScimResource json(TestUser u) {
    JsonNodeFactory nodes = JsonNodeFactory.instance;
    ObjectNode json = nodes.objectNode();
    json.putArray("schemas")
        .add(SchemaUrns.USER)
        .add(SchemaUrns.ENTERPRISE_USER)
        .add(SqlFilterTest.TEST_URN);
    json.put("id", u.id());
    put(u, json, "externalId", u.externalId());
    put(u, json, "userName", u.userName());
    put(u, json, "displayName", u.displayName());
    put(u, json, "nickName", u.nickName());
    put(u, json, "title", u.title());
    put(u, json, "userType", u.userType());
    put(u, json, "active", bool(u, u.active()));
    put(u, json, "profileUrl", u.extra().profileUrl());
    put(u, json, "locale", u.extra().locale());
    if (u.givenName() != null || u.familyName() != null || u.middleName() != null) {
      ObjectNode name = json.putObject("name");
      put(u, name, "givenName", u.givenName());
      put(u, name, "familyName", u.familyName());
      put(u, name, "middleName", u.middleName());
    } else if (u.style() == 1) {
      json.putNull("name");
    }
    ObjectNode meta = json.putObject("meta");
    meta.put("resourceType", "User");
    put(u, meta, "created", text(u.created()));
    put(u, meta, "lastModified", text(u.lastModified()));
    meta.put("location", location(u));
    meta.put("version", version(u));
    ObjectNode enterprise = json.putObject(SchemaUrns.ENTERPRISE_USER);
    put(u, enterprise, "employeeNumber", u.employeeNumber());
    put(u, enterprise, "department", u.department());
    put(u, enterprise, "costCenter", u.extra().costCenter());
    put(u, enterprise, "organization", u.extra().organization());
    put(u, enterprise, "division", u.extra().division());
    if (u.manager() != null
        || u.extra().managerRef() != null
        || u.extra().managerDisplayName() != null) {
      ObjectNode manager = enterprise.putObject("manager");
      put(u, manager, "value", u.manager());
      put(u, manager, "$ref", u.extra().managerRef());
      put(u, manager, "displayName", u.extra().managerDisplayName());
    }
    ObjectNode test = json.putObject(SqlFilterTest.TEST_URN);
    put(u, test, "loginCount", u.loginCount() == null ? null : nodes.numberNode(u.loginCount()));
    put(u, test, "score", u.score() == null ? null : nodes.numberNode(u.score()));
    put(u, test, "hiredAt", text(u.hiredAt()));
    ArrayNode tags = nodes.arrayNode();
    u.tags().forEach(tags::add);
    putArray(u, test, "tags", tags);
    ArrayNode emails = nodes.arrayNode();
    for (Email e : u.emails()) {
      ObjectNode email = emails.addObject();
      put(u, email, "value", e.value());
      put(u, email, "type", e.type());
      put(u, email, "primary", bool(u, e.primary()));
      put(u, email, "display", e.display());
    }
    putArray(u, json, "emails", emails);
    ArrayNode phones = nodes.arrayNode();
    for (Phone p : u.phones()) {
      ObjectNode phone = phones.addObject();
      put(u, phone, "value", p.value());
      put(u, phone, "type", p.type());
      put(u, phone, "primary", bool(u, p.primary()));
    }
    putArray(u, json, "phoneNumbers", phones);
    ArrayNode addresses = nodes.arrayNode();
    for (Address a : u.addresses()) {
      ObjectNode address = addresses.addObject();
      put(u, address, "formatted", a.formatted());
      put(u, address, "streetAddress", a.streetAddress());
      put(u, address, "locality", a.locality());
      put(u, address, "region", a.region());
      put(u, address, "postalCode", a.postalCode());
      put(u, address, "country", a.country());
      put(u, address, "type", a.type());
      put(u, address, "primary", bool(u, a.primary()));
    }
    putArray(u, json, "addresses", addresses);
    putArray(u, json, "ims", valuesJson(u, u.extra().ims()));
    putArray(u, json, "roles", valuesJson(u, u.extra().roles()));
    putArray(u, json, "x509Certificates", valuesJson(u, u.extra().certificates()));
    ArrayNode groups = nodes.arrayNode();
    for (Group g : u.extra().groups()) {
      ObjectNode group = groups.addObject();
      group.put("value", g.id());
      group.put("$ref", "../Groups/" + g.id());
      put(u, group, "display", g.display());
      put(u, group, "type", g.type());
    }
    putArray(u, json, "groups", groups);
    return ScimResource.fromJson(json);
  }

  private static ArrayNode valuesJson(TestUser u, List<Email> values) {
    ArrayNode array = JsonNodeFactory.instance.arrayNode();
    for (Email v : values) {
      ObjectNode value = array.addObject();
      put(u, value, "value", v.value());
      put(u, value, "type", v.type());
      put(u, value, "primary", bool(u, v.primary()));
      put(u, value, "display", v.display());
    }
    return array;
  }

  private static void put(TestUser u, ObjectNode object, String name, Object value) {
    if (value == null) {
      if (u.style() == 1) {
        object.putNull(name);
      }
    } else if (value instanceof JsonNode) {
      object.set(name, (JsonNode) value);
    } else if (value instanceof Boolean) {
      object.put(name, (Boolean) value);
    } else {
      object.put(name, (String) value);
    }
  }

  private static void putArray(TestUser u, ObjectNode object, String name, ArrayNode values) {
    if (!values.isEmpty() || u.style() == 1) {
      object.set(name, values);
    }
  }

  /** A boolean as JSON: the strings "True" and "False" in Entra's style. */
  private static Object bool(TestUser u, Boolean value) {
    if (value == null || u.style() != 2) {
      return value;
    }
    return value ? "True" : "False";
  }

  private static String text(OffsetDateTime value) {
    return value == null ? null : DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(value);
  }

  // ---- running both ----------------------------------------------------------------------------

  private static List<String> evaluated(Filter filter) {
    return RESOURCES.entrySet().stream()
        .filter(e -> EVALUATOR.matches(filter, e.getValue()))
        .map(Map.Entry::getKey)
        .collect(Collectors.toList());
  }

  private static List<String> selected(SqlFilter.Result where) throws Exception {
    return db.ids(
        "SELECT u.id FROM users u WHERE " + where.sql() + " ORDER BY u.id", where.parameters());
  }

  private static List<String> selected(Filter filter) throws Exception {
    SqlFilter.Result where =
        SqlFilter.translate(filter, SqlFilterTest.USERS, SqlFilterTest.MAPPING);
    assertThat(where.untranslatable()).as("untranslatable paths of %s", filter).isEmpty();
    return selected(where);
  }

  private static List<String> expected(Predicate<TestUser> matches) {
    return USERS.stream().filter(matches).map(TestUser::id).collect(Collectors.toList());
  }

  // ---- the corpora -----------------------------------------------------------------------------

  /**
   * Every filter of this test's corpus, then, if present, the parser's valid filters and the
   * evaluator's test filters (of which only those that translate are run).
   */
  static Stream<Arguments> corpus() {
    List<Arguments> cases = new ArrayList<>();
    for (String line : lines(MINE)) {
      cases.add(Arguments.of(MINE, line));
    }
    for (String line : lines("filters/valid.txt")) {
      cases.add(Arguments.of("filters/valid.txt", line.substring(0, line.lastIndexOf('\t'))));
    }
    for (String file :
        List.of("full-user", "minimal-user", "enterprise-user", "entra-user", "invalid")) {
      for (String line : lines("evaluator/" + file + ".filters")) {
        String filter = file.equals("invalid") ? line : line.split("\\s+", 2)[1];
        cases.add(Arguments.of("evaluator/" + file + ".filters", filter));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("corpus")
  void sqlSelectsWhatTheEvaluatorMatches(String source, String text) throws Exception {
    Filter filter;
    try {
      filter = FilterParser.withDefaults().parse(text);
    } catch (FilterSyntaxException e) {
      assertThat(source).as("%s does not parse", text).endsWith("invalid.filters");
      return;
    }
    List<String> expected;
    try {
      expected = evaluated(filter);
    } catch (ScimException rejected) {
      assertThatThrownBy(
              () -> SqlFilter.translate(filter, SqlFilterTest.USERS, SqlFilterTest.MAPPING))
          .isInstanceOfSatisfying(
              ScimException.class, e -> assertThat(e.scimType()).isEqualTo(rejected.scimType()));
      return;
    }
    SqlFilter.Result where =
        SqlFilter.translate(filter, SqlFilterTest.USERS, SqlFilterTest.MAPPING);
    if (!where.translated()) {
      if (source.equals(MINE)) {
        fail("%s did not translate: %s", text, where.untranslatable());
      }
      // Other corpora name attributes this mapping leaves out: the caller evaluates in memory.
      assertThat(where.untranslatable()).as("what stops %s translating", text).isNotEmpty();
      return;
    }
    assertThat(selected(where))
        .as("%s%n  SQL: %s%n  parameters: %s", text, where.sql(), where.parameters())
        .isEqualTo(expected);
  }

  @Test
  void corpusIsLargeAndDiscriminating() {
    List<String> filters = lines(MINE);
    long discriminating =
        filters.stream()
            .map(text -> evaluated(FilterParser.withDefaults().parse(text)).size())
            .filter(n -> n > 0 && n < USERS.size())
            .count();

    assertThat(filters).hasSizeGreaterThanOrEqualTo(100);
    // A filter that matches nobody or everybody would pass even if both sides were broken.
    assertThat(discriminating).isGreaterThanOrEqualTo(filters.size() * 85 / 100);
  }

  // ---- targeted checks with expectations computed from the Java data -------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "'",
        "' OR 1=1 --",
        "--",
        ";",
        "%",
        "_",
        "\\",
        "%_",
        "\"",
        "'); DROP TABLE users;--"
      })
  void hostileValuesSelectExactlyTheRowsHoldingThem(String hostile) throws Exception {
    String lower = hostile.toLowerCase(Locale.ROOT);
    List<String> titles = expected(u -> contains(u.title(), lower));
    List<String> userNames = expected(u -> contains(u.userName(), lower));
    List<String> emails =
        expected(u -> u.emails().stream().anyMatch(e -> contains(e.value(), lower)));

    assertThat(selected(Filter.compare("title", ComparisonOperator.CO, hostile))).isEqualTo(titles);
    assertThat(selected(Filter.compare("userName", ComparisonOperator.CO, hostile)))
        .isEqualTo(userNames);
    assertThat(selected(Filter.compare("emails.value", ComparisonOperator.CO, hostile)))
        .isEqualTo(emails);
    assertThat(selected(Filter.eq("userName", hostile)))
        .isEqualTo(expected(u -> hostile.equalsIgnoreCase(u.userName())));
    assertThat(selected(Filter.not(Filter.compare("title", ComparisonOperator.SW, hostile))))
        .isEqualTo(
            expected(
                u -> !(u.title() != null && u.title().toLowerCase(Locale.ROOT).startsWith(lower))));
    assertThat(titles.size() + userNames.size() + emails.size())
        .as("the dataset holds %s somewhere", hostile)
        .isPositive();
    assertThat(db.ids("SELECT id FROM users", List.of())).hasSize(USERS.size());
  }

  private static boolean contains(String value, String lowerPart) {
    return value != null && value.toLowerCase(Locale.ROOT).contains(lowerPart);
  }

  @Test
  void foldsNonAsciiCaseLikeTheEvaluator() throws Exception {
    List<String> zoe = expected(u -> "zoë".equalsIgnoreCase(u.givenName()));
    List<String> aero =
        expected(
            u -> u.addresses().stream().anyMatch(a -> "ÆRØSKØBING".equalsIgnoreCase(a.locality())));

    assertThat(zoe).hasSizeGreaterThanOrEqualTo(2);
    assertThat(aero).hasSizeGreaterThanOrEqualTo(2);
    assertThat(selected(Filter.eq("name.givenName", "ZOË"))).isEqualTo(zoe);
    assertThat(selected(Filter.eq("addresses.locality", "ærøskøbing"))).isEqualTo(aero);
    assertThat(selected(Filter.compare("addresses.locality", ComparisonOperator.SW, "æRØ")))
        .isEqualTo(aero);
  }

  @Test
  void comparesDateTimesAsInstants() throws Exception {
    OffsetDateTime instant = OffsetDateTime.parse("2024-03-10T06:30:00Z");
    List<String> same =
        expected(u -> u.lastModified() != null && u.lastModified().isEqual(instant));
    List<String> later =
        expected(u -> u.lastModified() != null && u.lastModified().isAfter(instant));

    // Among others, u00, u01 and u02 hold that instant with the offsets +05:30, Z and -08:00.
    assertThat(same).contains("u00", "u01", "u02");
    assertThat(selected(Filter.eq("meta.lastModified", "2024-03-10T12:00:00+05:30")))
        .isEqualTo(same);
    assertThat(
            selected(
                Filter.compare(
                    "meta.lastModified", ComparisonOperator.GT, "2024-03-09T22:30:00-08:00")))
        .isEqualTo(later)
        .contains("u03");
  }

  @Test
  void tableSurvivesEveryFilter() throws Exception {
    assertThat(db.ids("SELECT user_id FROM user_emails", List.of()))
        .hasSize(USERS.stream().mapToInt(u -> u.emails().size()).sum())
        .isNotEmpty();
  }

  /**
   * JDBC, kept out of the test class's signatures: JUnit reflects on them before the static
   * initializer lets this module read java.sql, so no signature names a java.sql type.
   */
  static final class Database implements AutoCloseable {
    private final Connection connection;

    Database(String url) throws Exception {
      connection = DriverManager.getConnection(url);
    }

    void execute(String sql, Object... values) throws Exception {
      try (PreparedStatement statement = connection.prepareStatement(sql)) {
        for (int i = 0; i < values.length; i++) {
          if (values[i] == null) {
            statement.setNull(i + 1, Types.NULL);
          } else {
            statement.setObject(i + 1, values[i]);
          }
        }
        statement.execute();
      }
    }

    /** The first column of every row {@code sql} selects. */
    List<String> ids(String sql, List<Object> parameters) throws Exception {
      List<String> ids = new ArrayList<>();
      try (PreparedStatement query = connection.prepareStatement(sql)) {
        for (int i = 0; i < parameters.size(); i++) {
          query.setObject(i + 1, parameters.get(i));
        }
        try (ResultSet rows = query.executeQuery()) {
          while (rows.next()) {
            ids.add(rows.getString(1));
          }
        }
      }
      return ids;
    }

    @Override
    public void close() throws Exception {
      connection.close();
    }
  }

  // ---- resources -------------------------------------------------------------------------------

  private static List<String> lines(String name) {
    String text = resourceOrNull(name);
    if (text == null) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line.strip());
      }
    }
    return lines;
  }

  private static String resource(String name) {
    String text = resourceOrNull(name);
    if (text == null) {
      throw new IllegalStateException("Missing test resource " + name);
    }
    return text;
  }

  private static String resourceOrNull(String name) {
    try (InputStream in = SqlFilterH2Test.class.getClassLoader().getResourceAsStream(name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
