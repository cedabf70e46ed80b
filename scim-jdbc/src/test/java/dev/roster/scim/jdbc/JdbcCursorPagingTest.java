package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Seek;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.filter.FilterEvaluator;
import dev.roster.scim.filter.KeysetOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cursor paging (RFC 9865) through the JDBC user repository: walks forward to the end and back to
 * the start with several page sizes, sorted both ways by attributes with ties and missing values,
 * filtered in SQL and in memory, and checks that every match is seen once, in the order the
 * in-memory {@link KeysetOrder} gives.
 */
class JdbcCursorPagingTest {
  private static final String[] TITLES = {"Alpha", "alpha", "beta", null, "Gamma", ""};

  @TempDir Path tempDir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void walksSeeEveryMatchOnceInOrder(String database) {
    SchemaRegistry registry = SchemaRegistry.standard();
    ResourceSchema schema = registry.resourceSchema("User");
    try (JdbcStore store = TestDatabases.open(database, tempDir, registry)) {
      UserRepository users = store.users();
      assertThat(users.supportsCursors()).isTrue();
      assertThat(store.groups().supportsCursors()).isTrue();
      RequestContext context = RequestContext.of(TestDatabases.freshTenant(), "test", "r1");
      List<ScimResource> all = new ArrayList<>();
      for (int i = 0; i < 23; i++) {
        User.Builder user = User.builder().userName(String.format("user%02d", (i * 7) % 23));
        String title = TITLES[i % TITLES.length];
        if (title != null) {
          user.title(title);
        }
        if (i % 3 != 0) {
          user.active(i % 2 == 0);
        }
        if (i % 4 == 0) {
          user.nickName("nick");
        }
        all.add(users.create(new CreateRequest(context, user.build())));
      }
      // Another tenant's users are never seen.
      users.create(
          new CreateRequest(
              RequestContext.of(TestDatabases.freshTenant(), "other", "r2"),
              User.builder().userName("user00").build()));

      List<Sort> sorts = new ArrayList<>();
      sorts.add(null);
      for (String attribute : List.of("userName", "title", "active", "nickName", "emails")) {
        for (SortOrder order : SortOrder.values()) {
          sorts.add(new Sort(AttributePath.of(attribute), order));
        }
      }
      List<Filter> filters =
          List.of(
              Filter.present("title"), // in SQL
              Filter.and(
                  Filter.present("title"),
                  Filter.not(Filter.eq("roles.value", "admin")))); // partly in memory
      assertThat(((JdbcUserRepository) store.users()).plan(filters.get(0)).filtersInSql()).isTrue();
      assertThat(((JdbcUserRepository) store.users()).plan(filters.get(1)).filtersInSql())
          .isFalse();
      List<Filter> withNone = new ArrayList<>();
      withNone.add(null);
      withNone.addAll(filters);
      FilterEvaluator evaluator = FilterEvaluator.lenient(schema);
      for (Filter filter : withNone) {
        for (Sort sort : sorts) {
          KeysetOrder order = KeysetOrder.of(sort, schema);
          List<ScimResource> matches = new ArrayList<>();
          for (ScimResource user : all) {
            if (filter == null || evaluator.matches(filter, user)) {
              matches.add(user);
            }
          }
          List<String> expected =
              matches.stream()
                  .sorted((a, b) -> order.compare(order.keyset(a), order.keyset(b)))
                  .map(ScimResource::id)
                  .toList();
          for (int count : new int[] {1, 7, matches.size(), 100}) {
            walk(users, context, filter, sort, count, expected);
          }
        }
      }

      // A deleted user's keyset still marks its place.
      Sort byUserName = new Sort(AttributePath.of("userName"), SortOrder.ASCENDING);
      String sixth =
          search(users, context, null, byUserName, Seek.FIRST, 6).resources().get(5).id();
      Page first = search(users, context, null, byUserName, Seek.FIRST, 5);
      users.delete(new DeleteRequest(context, first.resources().get(4).id(), null));
      Page second = search(users, context, null, byUserName, Seek.after(first.next()), 5);
      assertThat(second.resources().get(0).id()).isEqualTo(sixth);
      assertThat(second.previous()).isNotNull();
      assertThat(second.totalResults()).isEqualTo(22);
    }
  }

  private static void walk(
      UserRepository users,
      RequestContext context,
      Filter filter,
      Sort sort,
      int count,
      List<String> expected) {
    String what = "filter " + filter + ", sort " + sort + ", count " + count;
    List<String> forward = new ArrayList<>();
    Page page = search(users, context, filter, sort, Seek.FIRST, count);
    assertThat(page.previous()).as(what).isNull();
    Page last = page;
    int pages = 0;
    while (true) {
      assertThat(page.totalResults()).as(what).isEqualTo(expected.size());
      assertThat(page.resources().size()).as(what).isLessThanOrEqualTo(count);
      page.resources().forEach(r -> forward.add(r.id()));
      if (pages > 0) {
        assertThat(page.previous()).as(what).isNotNull();
        assertThat(page.previous().id()).as(what).isEqualTo(page.resources().get(0).id());
      }
      pages++;
      last = page;
      if (page.next() == null) {
        break;
      }
      assertThat(page.next().id())
          .as(what)
          .isEqualTo(page.resources().get(page.resources().size() - 1).id());
      page = search(users, context, filter, sort, Seek.after(page.next()), count);
    }
    assertThat(forward).as(what).containsExactlyElementsOf(expected);

    // Back from the last page to the first.
    List<List<String>> backward = new ArrayList<>();
    backward.add(last.resources().stream().map(ScimResource::id).toList());
    page = last;
    while (page.previous() != null) {
      page = search(users, context, filter, sort, Seek.before(page.previous()), count);
      assertThat(page.resources()).as(what).isNotEmpty();
      assertThat(page.next()).as(what).isNotNull();
      backward.add(page.resources().stream().map(ScimResource::id).toList());
    }
    Collections.reverse(backward);
    assertThat(backward.stream().flatMap(List::stream).toList())
        .as(what)
        .containsExactlyElementsOf(expected);
  }

  private static Page search(
      UserRepository users,
      RequestContext context,
      Filter filter,
      Sort sort,
      Seek seek,
      int count) {
    return users.search(
        SearchRequest.cursor(context, filter, sort, seek, count, Projection.DEFAULT));
  }
}
