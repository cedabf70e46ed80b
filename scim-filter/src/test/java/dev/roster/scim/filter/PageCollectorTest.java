package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PageCollectorTest {
  private static final ResourceSchema USERS = SqlFilterTest.USERS;
  private static final RequestContext CONTEXT = RequestContext.of("tenant", "test", "request");

  private static ScimResource user(int i, String userName, String title) {
    ScimResource.Builder user =
        ScimResource.builder()
            .schemas(List.of("urn:ietf:params:scim:schemas:core:2.0:User"))
            .id("u" + i)
            .set("userName", userName);
    if (title != null) {
      user.set("title", title);
    }
    return user.build();
  }

  /** 2,000 users with random titles from a few, some missing, in creation order. */
  private static List<ScimResource> users() {
    String[] titles = {"Engineer", "engineer", "Manager", "CEO", "", null, "intern", "Zed"};
    Random random = new Random(42);
    List<ScimResource> users = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      users.add(user(i, "user" + random.nextInt(500), titles[random.nextInt(titles.length)]));
    }
    return users;
  }

  private static SearchRequest request(String filter, Sort sort, int startIndex, int count) {
    Filter parsed = filter == null ? null : FilterParser.withDefaults().parse(filter);
    return new SearchRequest(CONTEXT, parsed, sort, startIndex, count, Projection.DEFAULT);
  }

  private static Page collect(SearchRequest request, List<ScimResource> candidates) {
    PageCollector page = PageCollector.of(request, USERS);
    candidates.forEach(page);
    return page.page();
  }

  private static List<String> ids(List<ScimResource> resources) {
    return resources.stream().map(ScimResource::id).toList();
  }

  @Test
  void withoutSortKeepsThePageInOfferedOrderAndCountsEveryMatch() {
    List<ScimResource> users = users();
    FilterEvaluator evaluator = FilterEvaluator.lenient(USERS);
    Filter filter = FilterParser.withDefaults().parse("title eq \"engineer\"");
    List<ScimResource> matches =
        users.stream().filter(user -> evaluator.matches(filter, user)).toList();

    Page page = collect(request("title eq \"engineer\"", null, 11, 25), users);

    assertThat(page.totalResults()).isEqualTo(matches.size()).isGreaterThan(300);
    assertThat(ids(page.resources())).isEqualTo(ids(matches.subList(10, 35)));
  }

  @ParameterizedTest(name = "startIndex={0}, count={1}")
  @CsvSource({"1, 0", "1, 1", "1, 10", "6, 10", "250, 7", "700, 300", "1990, 50", "1, 5000"})
  void sortedPagesAreSlicesOfTheWholeSortedResult(int startIndex, int count) {
    List<ScimResource> users = users();
    Sort sort =
        new Sort(FilterParser.withDefaults().parseAttributePath("title"), SortOrder.ASCENDING);
    FilterEvaluator evaluator = FilterEvaluator.lenient(USERS);
    Filter filter = FilterParser.withDefaults().parse("userName sw \"user1\" or title pr");
    List<ScimResource> sorted =
        ResourceOrder.sort(
            users.stream().filter(user -> evaluator.matches(filter, user)).toList(),
            user -> user,
            sort,
            USERS);
    int from = Math.min(startIndex - 1, sorted.size());
    int to = Math.min(from + count, sorted.size());

    for (SortOrder order : SortOrder.values()) {
      Sort directed = new Sort(sort.by(), order);
      List<ScimResource> expected =
          order == SortOrder.ASCENDING
              ? sorted
              : ResourceOrder.sort(sorted, u -> u, directed, USERS);
      Page page = collect(request(filter.toString(), directed, startIndex, count), users);

      assertThat(page.totalResults()).isEqualTo(sorted.size());
      assertThat(ids(page.resources()))
          .as("%s", order)
          .isEqualTo(ids(expected.subList(from, Math.min(to, expected.size()))));
    }
  }

  @Test
  void countZeroGivesOnlyTheTotal() {
    Page page = collect(request("title eq \"ceo\"", null, 1, 0), users());

    assertThat(page.resources()).isEmpty();
    assertThat(page.totalResults()).isPositive();
  }

  @Test
  void aStartBeyondTheMatchesGivesAnEmptyPage() {
    Sort sort =
        new Sort(FilterParser.withDefaults().parseAttributePath("title"), SortOrder.ASCENDING);

    assertThat(collect(request(null, sort, 2001, 10), users()).resources()).isEmpty();
    assertThat(collect(request(null, null, 2001, 10), users()).totalResults()).isEqualTo(2000);
  }

  @Test
  void anUndefinedSortAttributeKeepsTheOfferedOrder() {
    Sort sort =
        new Sort(FilterParser.withDefaults().parseAttributePath("undefined"), SortOrder.DESCENDING);
    List<ScimResource> users = users();

    assertThat(ids(collect(request(null, sort, 5, 3), users).resources()))
        .containsExactly("u4", "u5", "u6");
  }

  @Test
  void rejectsAFilterItCannotApplyBeforeAnyCandidate() {
    assertThatThrownBy(() -> PageCollector.of(request("active gt true", null, 1, 10), USERS))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_FILTER));
  }

  @Test
  void totalCountsMatchesSoFar() {
    PageCollector page = PageCollector.of(request("title eq \"zed\"", null, 1, 1), USERS);

    page.accept(user(1, "a", "Zed"));
    page.accept(user(2, "b", "other"));
    page.accept(user(3, "c", "ZED"));

    assertThat(page.total()).isEqualTo(2);
    assertThat(ids(page.page().resources())).containsExactly("u1");
  }
}
