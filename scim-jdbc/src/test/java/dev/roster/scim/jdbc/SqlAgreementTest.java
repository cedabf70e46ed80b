package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.Address;
import dev.roster.scim.core.resource.EnterpriseUser;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.MultiValue;
import dev.roster.scim.core.resource.Name;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import dev.roster.scim.filter.FilterEvaluator;
import dev.roster.scim.filter.FilterParser;
import dev.roster.scim.filter.ResourceOrder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For a dataset of users with several emails, phone numbers and addresses, the JDBC repository's
 * search selects exactly the users {@link FilterEvaluator} matches, for every filter of {@code
 * sql-agreement-filters.txt}, on H2 and (when configured) PostgreSQL; and the filters the corpus
 * expects in SQL do run in SQL.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SqlAgreementTest {
  private static final String SPOKE = "urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User";

  @TempDir Path tempDir;

  private final SchemaRegistry registry = SchemaRegistry.standard();
  private final List<Store> stores = new ArrayList<>();

  /** A database with the dataset stored in a tenant of its own. */
  private record Store(
      String database, JdbcStore jdbc, RequestContext context, List<ScimResource> users) {}

  @BeforeAll
  void registerTheSpokeExtension() throws IOException {
    try (InputStream in =
        SqlAgreementTest.class.getResourceAsStream("/extensions/spoke-custom-user.json")) {
      Schema spoke = Schema.fromJson(new ObjectMapper().readTree(in));
      registry.addExtension("User", spoke, false);
    }
  }

  @AfterAll
  void close() {
    stores.forEach(store -> store.jdbc().close());
  }

  private Store store(String database) {
    for (Store store : stores) {
      if (store.database().equals(database)) {
        return store;
      }
    }
    JdbcStore jdbc = TestDatabases.open(database, tempDir, registry);
    RequestContext context = RequestContext.of(TestDatabases.freshTenant(), "test", "agreement");
    List<String> ids = new ArrayList<>();
    for (ScimResource user : dataset()) {
      ids.add(jdbc.users().create(new CreateRequest(context, user)).id());
    }
    ScimResource group =
        jdbc.groups()
            .create(new CreateRequest(context, Group.builder().displayName("Admins").build()));
    jdbc.groups()
        .updateMembers(
            new MembershipRequest(
                context,
                group.id(),
                new MemberDelta(
                    false,
                    List.of(),
                    List.of(ResourceRef.of(ids.get(0)), ResourceRef.of(ids.get(3)))),
                null));
    List<ScimResource> stored = new ArrayList<>();
    for (String id : ids) {
      stored.add(jdbc.users().get(new GetRequest(context, id, Projection.DEFAULT)).orElseThrow());
    }
    // The repository's own order, creation then id, which both SQL and in-memory searches keep.
    stored.sort(
        Comparator.comparing((ScimResource user) -> user.meta().created())
            .thenComparing(ScimResource::id));
    Store store = new Store(database, jdbc, context, stored);
    stores.add(store);
    return store;
  }

  static Stream<Arguments> filters() throws IOException {
    List<Arguments> cases = new ArrayList<>();
    try (InputStream in =
        SqlAgreementTest.class.getResourceAsStream("/sql-agreement-filters.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String filter = line.strip();
        if (filter.isEmpty() || filter.startsWith("#")) {
          continue;
        }
        boolean inMemory = filter.startsWith("memory: ");
        String text = inMemory ? filter.substring("memory: ".length()) : filter;
        for (String database : List.of("h2", "postgresql")) {
          cases.add(Arguments.of(database, text, !inMemory));
        }
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("filters")
  void searchSelectsWhatTheEvaluatorMatches(String database, String text, boolean inSql) {
    Store store = store(database);
    ResourceSchema users = registry.resourceSchema("User");
    Filter filter = FilterParser.withDefaults().parse(text);
    JdbcUserRepository repository = (JdbcUserRepository) store.jdbc().users();

    assertThat(repository.plan(filter).filtersInSql())
        .as("translated to SQL entirely")
        .isEqualTo(inSql);
    List<String> expected =
        store.users().stream()
            .filter(user -> FilterEvaluator.lenient(users).matches(filter, user))
            .map(ScimResource::id)
            .toList();
    Page page =
        repository.search(
            new SearchRequest(store.context(), filter, null, 1, 1000, Projection.DEFAULT));
    assertThat(page.resources()).extracting(ScimResource::id).containsExactlyElementsOf(expected);
    assertThat(page.totalResults()).isEqualTo(expected.size());
  }

  static Stream<Arguments> sorts() {
    List<Arguments> cases = new ArrayList<>();
    for (String database : List.of("h2", "postgresql")) {
      for (String by :
          List.of("userName", "name.familyName", "title", "emails.value", "nickName")) {
        for (SortOrder order : SortOrder.values()) {
          cases.add(Arguments.of(database, by, order));
        }
      }
    }
    return cases.stream();
  }

  /** Sorted pages, in SQL or (for emails.value) in memory, agree with sorting in memory. */
  @ParameterizedTest(name = "{0}: sortBy={1} {2}")
  @MethodSource("sorts")
  void sortedPagesFollowTheAttributesOrder(String database, String by, SortOrder order) {
    Store store = store(database);
    Sort sort = new Sort(FilterParser.withDefaults().parseAttributePath(by), order);
    List<String> expected =
        store.users().stream()
            .sorted(ResourceOrder.comparator(sort, registry.resourceSchema("User")))
            .map(ScimResource::id)
            .toList();
    List<String> actual = new ArrayList<>();
    for (int start = 1; start <= expected.size(); start += 7) {
      Page page =
          store
              .jdbc()
              .users()
              .search(new SearchRequest(store.context(), null, sort, start, 7, Projection.DEFAULT));
      assertThat(page.totalResults()).isEqualTo(expected.size());
      page.resources().forEach(user -> actual.add(user.id()));
    }
    assertThat(actual).containsExactlyElementsOf(expected);
  }

  // ---- the dataset ----------------------------------------------------------------------------

  /** Users with 0 to 3 emails, phone numbers and addresses, and missing values of every kind. */
  static List<ScimResource> dataset() {
    List<ScimResource> users = new ArrayList<>();
    users.add(
        User.builder()
            .userName("bjensen")
            .externalId("ext-1")
            .displayName("Barbara Jensen")
            .nickName("babs")
            .title("Engineer")
            .active(true)
            .name(new Name("Ms. Barbara J Jensen III", "Jensen", "Barbara", "Jane", "Ms.", "III"))
            .email(MultiValue.of("work", "bjensen@example.com", true))
            .email(MultiValue.of("home", "babs@jensen.org"))
            .phoneNumber(MultiValue.of("work", "+1 555 0100", true))
            .phoneNumber(MultiValue.of("mobile", "+1 555 0101"))
            .address(
                Address.of("work", "100 Universal City Plaza", "Hollywood", "CA", "91608", "US"))
            .address(Address.of("home", "456 Hollywood Blvd", "Hollywood", "CA", "91608", "US"))
            .role(MultiValue.of("admin"))
            .enterprise(
                EnterpriseUser.builder()
                    .employeeNumber("701984")
                    .department("Tour Operations")
                    .manager(ResourceRef.of("mgr-1"))
                    .build())
            .build());
    users.add(
        User.builder()
            .userName("BJensen2")
            .externalId("EXT-1")
            .displayName("barbara jensen")
            .title("engineer")
            .active(false)
            .name(Name.of("barbara", "jensen"))
            .email(new MultiValue("b2@EXAMPLE.com", "Barbara at work", "work", false))
            .build());
    users.add(
        withStartDate(
            User.builder()
                .userName("zoë.müller")
                .displayName("Zoë Müller")
                .nickName("zoe")
                .active(true)
                .name(Name.of("Zoë", "Müller"))
                .email(MultiValue.of("work", "zoe@example.de", true))
                .email(MultiValue.of("other", "zoe_mueller@example.org"))
                .email(MultiValue.of("home", "100%zoe@example.org"))
                .address(Address.of("work", "Unter den Linden 1", "Berlin", null, "10117", "DE"))
                .enterprise(EnterpriseUser.builder().department("Sales").build())
                .build(),
            "2024-09-01"));
    users.add(
        User.builder()
            .userName("jsmith")
            .externalId("ext-3")
            .title("Sr. Engineer")
            .userType("Employee")
            .phoneNumber(MultiValue.of("mobile", "+44 20 7946 0000"))
            .address(
                new Address(
                    "1 Main St\nSpringfield", null, "Springfield", "IL", "62701", "US", null, true))
            .role(new MultiValue("auditor", null, null, true))
            .enterprise(
                EnterpriseUser.builder()
                    .employeeNumber("000123")
                    .manager(ResourceRef.of("mgr-2"))
                    .build())
            .build());
    users.add(
        User.builder()
            .userName("o'brien")
            .displayName("Conan O'Brien")
            .active(true)
            .name(new Name("Conan O'Brien", "O'Brien", "Conan", null, null, null))
            .email(MultiValue.of("work", "conan@example.com", false))
            .email(MultiValue.of("work", "cob@example.net"))
            .phoneNumber(MultiValue.of("work", "555-0199"))
            .phoneNumber(MultiValue.of("fax", "555-0198"))
            .phoneNumber(MultiValue.of("mobile", "555-0197", true))
            .im(MultiValue.of("xmpp", "conan@jabber.example"))
            .build());
    users.add(
        withStartDate(
            User.builder()
                .userName("under_score")
                .title("")
                .nickName("")
                .active(false)
                .email(MultiValue.of(null, "under_score@example.com"))
                .address(Address.of("work", null, "Berlin", "BE", null, "DE"))
                .enterprise(EnterpriseUser.builder().department("sales").build())
                .build(),
            "2025-01-15"));
    users.add(User.builder().userName("minimal").build());
    String[] cities = {"Berlin", "Paris", "Oslo", "Lima"};
    for (int i = 0; i < 14; i++) {
      User.Builder user =
          User.builder()
              .userName("user" + (char) ('a' + i))
              .displayName("User " + (char) ('A' + (13 - i)))
              .externalId("bulk-" + i)
              .name(Name.of("Given" + i, i % 3 == 0 ? null : "Family" + (i % 5)))
              .title(i % 2 == 0 ? "engineer" : "manager")
              .email(MultiValue.of("work", "user" + i + "@example.com", i % 2 == 0))
              .phoneNumber(MultiValue.of(i % 2 == 0 ? "work" : "mobile", "+49 30 " + (1000 + i)))
              .address(Address.of("work", i + " Street", cities[i % 4], null, "1" + i, "DE"));
      if (i % 3 != 0) {
        user.active(i % 3 == 1);
      }
      if (i % 4 == 0) {
        user.email(MultiValue.of("home", "home" + i + "@example.org"));
        user.role(MultiValue.of(i == 0 ? "admin" : "reader"));
      }
      if (i % 5 == 0) {
        user.enterprise(EnterpriseUser.builder().department(i == 0 ? "Sales" : "R&D").build());
      }
      users.add(user.build());
    }
    return users;
  }

  private static ScimResource withStartDate(ScimResource user, String startDate) {
    return user.toBuilder()
        .set(new AttributePath(SPOKE, "startDate", null), TextNode.valueOf(startDate))
        .build();
  }
}
