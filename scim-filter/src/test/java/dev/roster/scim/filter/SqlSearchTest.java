package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * How {@link SqlSearch} splits filters and orders rows, as text; {@code SqlSearchH2Test} runs the
 * plans on a database. SqlFilterTest's mapping leaves {@code timezone}, {@code preferredLanguage}
 * and {@code entitlements} without a column.
 */
class SqlSearchTest {
  private static final ResourceSchema USERS = SqlFilterTest.USERS;
  private static final SqlMapping MAPPING = SqlFilterTest.MAPPING;

  private static Filter parse(String filter) {
    return FilterParser.withDefaults().parse(filter);
  }

  private static SqlSearch plan(String filter) {
    return SqlSearch.plan(parse(filter), null, USERS, MAPPING);
  }

  private static SqlFilter.Result sql(String filter) {
    SqlFilter.Result result = SqlFilter.translate(parse(filter), USERS, MAPPING);
    assertThat(result.translated()).as("%s translates", filter).isTrue();
    return result;
  }

  private static Sort sort(String by, SortOrder order) {
    return new Sort(FilterParser.withDefaults().parseAttributePath(by), order);
  }

  private static String orderBy(String by, SortOrder order, SqlMapping mapping) {
    return SqlSearch.plan(null, sort(by, order), USERS, mapping).orderBy("u.id");
  }

  // ---- the split -------------------------------------------------------------------------------

  @Test
  void aFilterThatTranslatesWhollyIsSqlFiltersCondition() {
    String text = "userName eq \"bjensen\" or emails[type eq \"work\" and value co \"@x\"]";
    SqlSearch plan = plan(text);

    assertThat(plan.condition()).isEqualTo(sql(text).sql());
    assertThat(plan.parameters()).isEqualTo(sql(text).parameters());
    assertThat(plan.residual()).isNull();
    assertThat(plan.filtersInSql()).isTrue();
    assertThat(plan.inSql()).isTrue();
  }

  @Test
  void noFilterNeedsNoCondition() {
    SqlSearch plan = SqlSearch.plan(null, null, USERS, MAPPING);

    assertThat(plan.condition()).isNull();
    assertThat(plan.parameters()).isEmpty();
    assertThat(plan.residual()).isNull();
    assertThat(plan.inSql()).isTrue();
  }

  @Test
  void andSendsTheOperandsWithColumnsToSqlAndKeepsTheRest() {
    SqlSearch plan = plan("userName eq \"b\" and timezone eq \"Europe/Berlin\" and title sw \"t\"");

    assertThat(plan.condition())
        .isEqualTo(sql("userName eq \"b\"").sql() + " AND " + sql("title sw \"t\"").sql());
    assertThat(plan.parameters()).containsExactly("b", "t%");
    assertThat(plan.residual()).isEqualTo(parse("timezone eq \"Europe/Berlin\""));
    assertThat(plan.filtersInSql()).isFalse();
    assertThat(plan.inSql()).isFalse();
  }

  @Test
  void theResidualOfSeveralOperandsIsTheirConjunction() {
    SqlSearch plan = plan("timezone pr and userName eq \"b\" and entitlements pr");

    assertThat(plan.condition()).isEqualTo(sql("userName eq \"b\"").sql());
    assertThat(plan.residual()).isEqualTo(parse("timezone pr and entitlements pr"));
  }

  @Test
  void orWithAnOperandWithoutColumnCannotNarrow() {
    SqlSearch plan = plan("userName eq \"b\" or timezone pr");

    assertThat(plan.condition()).isNull();
    assertThat(plan.parameters()).isEmpty();
    assertThat(plan.residual()).isEqualTo(parse("userName eq \"b\" or timezone pr"));
  }

  @Test
  void orOfOperandsThatNarrowNarrowsAndChecksTheWholeOr() {
    String text = "(userName eq \"b\" and timezone pr) or title eq \"t\"";
    SqlSearch plan = plan(text);

    assertThat(plan.condition())
        .isEqualTo(
            "((" + sql("userName eq \"b\"").sql() + ") OR (" + sql("title eq \"t\"").sql() + "))");
    assertThat(plan.parameters()).containsExactly("b", "t");
    assertThat(plan.residual()).isEqualTo(parse(text));
  }

  @Test
  void notOfOrBecomesAConjunctionOfNegations() {
    SqlSearch plan = plan("not (userName eq \"b\" or timezone pr)");

    assertThat(plan.condition()).isEqualTo(sql("not (userName eq \"b\")").sql());
    assertThat(plan.residual()).isEqualTo(parse("not (timezone pr)"));
  }

  @Test
  void notOfAndBecomesADisjunctionOfNegations() {
    SqlSearch narrowed = plan("not (userName eq \"b\" and (title pr or timezone pr))");
    SqlSearch whole = plan("not (userName eq \"b\" and timezone pr)");

    // not (a and (b or c)) is (not a) or ((not b) and (not c)): both sides have SQL.
    assertThat(narrowed.condition())
        .isEqualTo(
            "(("
                + sql("not (userName eq \"b\")").sql()
                + ") OR ("
                + sql("not (title pr)").sql()
                + "))");
    assertThat(narrowed.residual())
        .isEqualTo(parse("not (userName eq \"b\" and (title pr or timezone pr))"));
    assertThat(whole.condition()).isNull();
    assertThat(whole.residual()).isEqualTo(parse("not (userName eq \"b\" and timezone pr)"));
  }

  @Test
  void doubleNegationCancels() {
    SqlSearch plan = plan("not (not (userName eq \"b\") or timezone pr)");

    assertThat(plan.condition()).isEqualTo(sql("userName eq \"b\"").sql());
    assertThat(plan.residual()).isEqualTo(parse("not (timezone pr)"));
  }

  @Test
  void aValuePathIsSplitNoFurther() {
    SqlSearch plan = plan("emails[type eq \"work\" and value eq \"x\"] and timezone pr");

    assertThat(plan.condition())
        .isEqualTo(sql("emails[type eq \"work\" and value eq \"x\"]").sql());
    assertThat(plan.residual()).isEqualTo(parse("timezone pr"));
  }

  @Test
  void rejectsAnInvalidFilterEvenWhenPartHasNoColumn() {
    assertThatThrownBy(() -> plan("active gt true and timezone pr"))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_FILTER));
  }

  @Test
  void theCollectorChecksTheResidualOnTheCandidates() {
    SqlSearch plan = plan("userName sw \"b\" and timezone eq \"Europe/Berlin\"");
    List<ScimResource> candidates = new ArrayList<>();
    for (String timezone : List.of("Europe/Berlin", "Asia/Tokyo", "europe/berlin")) {
      candidates.add(
          ScimResource.builder()
              .schemas(List.of("urn:ietf:params:scim:schemas:core:2.0:User"))
              .id(timezone)
              .set("userName", "b")
              .set("timezone", timezone)
              .build());
    }

    PageCollector page = plan.collector(0, 10);
    candidates.forEach(page);

    assertThat(page.page().resources())
        .extracting(ScimResource::id)
        .containsExactly("Europe/Berlin", "europe/berlin");
    assertThat(page.page().totalResults()).isEqualTo(2);
  }

  // ---- the order -------------------------------------------------------------------------------

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "userName | ASCENDING | NULLIF(LOWER(u.user_name), '') ASC NULLS LAST, u.id",
        "USERNAME | DESCENDING | NULLIF(LOWER(u.user_name), '') DESC NULLS FIRST, u.id",
        "externalId | ASCENDING | NULLIF(u.external_id, '') ASC NULLS LAST, u.id",
        "active | DESCENDING | u.active DESC NULLS FIRST, u.id",
        "meta.created | ASCENDING | u.created ASC NULLS LAST, u.id",
        "name.givenName | ASCENDING | NULLIF(LOWER(u.given_name), '') ASC NULLS LAST, u.id",
        "urn:ietf:params:scim:schemas:core:2.0:User:title | ASCENDING"
            + " | NULLIF(LOWER(u.title), '') ASC NULLS LAST, u.id",
        "urn:ietf:params:scim:schemas:extension:roster:test:2.0:User:loginCount | ASCENDING"
            + " | u.login_count ASC NULLS LAST, u.id",
        "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager | ASCENDING"
            + " | NULLIF(LOWER(u.manager_value), '') ASC NULLS LAST, u.id",
        "undefinedAttribute | DESCENDING | u.id",
        "name | ASCENDING | u.id",
      })
  void ordersSingleValuedColumnsInSql(String by, SortOrder order, String expected) {
    SqlSearch plan = SqlSearch.plan(null, sort(by, order), USERS, MAPPING);

    assertThat(plan.orderBy("u.id")).isEqualTo(expected);
    assertThat(plan.sortsInSql()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({
    "emails.value",
    "emails",
    "urn:ietf:params:scim:schemas:extension:roster:test:2.0:User:tags",
    "timezone"
  })
  void multiValuedAttributesAndThoseWithoutColumnSortInMemory(String by) {
    SqlSearch plan =
        SqlSearch.plan(parse("userName pr"), sort(by, SortOrder.ASCENDING), USERS, MAPPING);

    assertThat(plan.orderBy("u.id")).isNull();
    assertThat(plan.sortsInSql()).isFalse();
    assertThat(plan.filtersInSql()).isTrue();
    assertThat(plan.inSql()).isFalse();
  }

  @Test
  void withoutSortRowsKeepTheTieBreak() {
    assertThat(plan("userName pr").orderBy("u.created, u.id")).isEqualTo("u.created, u.id");
  }

  @Test
  void aFoldedColumnSortsAsItIs() {
    SqlMapping folded = SqlMapping.builder().foldedColumn("userName", "u.user_name_key").build();

    assertThat(orderBy("userName", SortOrder.ASCENDING, folded))
        .isEqualTo("NULLIF(u.user_name_key, '') ASC NULLS LAST, u.id");
  }

  @Test
  void refusesToSortACaseExactAttributeByAFoldedColumn() {
    SqlMapping folded =
        SqlMapping.builder().foldedColumn("externalId", "u.external_id_key").build();

    assertThatThrownBy(() -> orderBy("externalId", SortOrder.ASCENDING, folded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("externalId");
  }

  @Test
  void stringsSortUnderTheOrderingCollation() {
    SqlMapping collated =
        SqlMapping.builder().column("userName", "u.user_name").orderingCollation("C").build();

    assertThat(orderBy("userName", SortOrder.ASCENDING, collated))
        .isEqualTo("NULLIF(LOWER(u.user_name), '') COLLATE \"C\" ASC NULLS LAST, u.id");
    assertThat(
            orderBy(
                "active",
                SortOrder.ASCENDING,
                SqlMapping.builder().column("active", "u.active").orderingCollation("C").build()))
        .isEqualTo("u.active ASC NULLS LAST, u.id");
  }

  @Test
  void aComplexAttributeWithATableOfItsOwnSortsInMemory() {
    SqlMapping names =
        SqlMapping.builder()
            .table("name", "user_names", "n", "n.user_id = u.id")
            .column("name.givenName", "n.given_name")
            .build();

    assertThat(orderBy("name.givenName", SortOrder.ASCENDING, names)).isNull();
  }
}
