package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaUrns;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlFilterTest {
  /** A test extension with the attribute types the standard User schema lacks. */
  static final String TEST_URN = "urn:ietf:params:scim:schemas:extension:roster:test:2.0:User";

  static final String ENTERPRISE = SchemaUrns.ENTERPRISE_USER;

  /** Users with the enterprise and test extensions. */
  static final ResourceSchema USERS = users();

  /**
   * Where the H2 test keeps users. Left out on purpose: photos, entitlements, timezone and
   * preferredLanguage.
   */
  static final SqlMapping MAPPING =
      SqlMapping.builder()
          .column("id", "u.id")
          .column("externalId", "u.external_id")
          .column("userName", "u.user_name")
          .column("displayName", "u.display_name")
          .column("nickName", "u.nick_name")
          .column("title", "u.title")
          .column("userType", "u.user_type")
          .column("profileUrl", "u.profile_url")
          .column("locale", "u.locale")
          .column("active", "u.active")
          .column("name.formatted", "u.formatted")
          .column("name.givenName", "u.given_name")
          .column("name.familyName", "u.family_name")
          .column("name.middleName", "u.middle_name")
          .column("name.honorificPrefix", "u.honorific_prefix")
          .column("name.honorificSuffix", "u.honorific_suffix")
          .column("meta.created", "u.created")
          .column("meta.lastModified", "u.last_modified")
          .column("meta.resourceType", "'User'")
          .column("meta.location", "u.location")
          .column("meta.version", "u.version")
          .column(ENTERPRISE + ":employeeNumber", "u.employee_number")
          .column(ENTERPRISE + ":department", "u.department")
          .column(ENTERPRISE + ":costCenter", "u.cost_center")
          .column(ENTERPRISE + ":organization", "u.organization")
          .column(ENTERPRISE + ":division", "u.division")
          .column(ENTERPRISE + ":manager.value", "u.manager_value")
          .column(ENTERPRISE + ":manager.$ref", "u.manager_ref")
          .column(ENTERPRISE + ":manager.displayName", "u.manager_display_name")
          .column(TEST_URN + ":loginCount", "u.login_count")
          .column(TEST_URN + ":score", "u.score")
          .column(TEST_URN + ":hiredAt", "u.hired_at")
          .table(TEST_URN + ":tags", "user_tags", "t", "t.user_id = u.id")
          .column(TEST_URN + ":tags", "t.tag")
          .table("emails", "user_emails", "e", "e.user_id = u.id")
          .column("emails.value", "e.value")
          .column("emails.type", "e.type")
          .column("emails.primary", "e.is_primary")
          .column("emails.display", "e.display")
          .table("phoneNumbers", "user_phones", "p", "p.user_id = u.id")
          .column("phoneNumbers.value", "p.value")
          .column("phoneNumbers.type", "p.type")
          .column("phoneNumbers.primary", "p.is_primary")
          .table("addresses", "user_addresses", "a", "a.user_id = u.id")
          .column("addresses.formatted", "a.formatted")
          .column("addresses.streetAddress", "a.street_address")
          .column("addresses.locality", "a.locality")
          .column("addresses.region", "a.region")
          .column("addresses.postalCode", "a.postal_code")
          .column("addresses.country", "a.country")
          .column("addresses.type", "a.type")
          .column("addresses.primary", "a.is_primary")
          .table("ims", "user_ims", "i", "i.user_id = u.id")
          .column("ims.value", "i.value")
          .column("ims.type", "i.type")
          .column("ims.primary", "i.is_primary")
          .column("ims.display", "i.display")
          .table("roles", "user_roles", "r", "r.user_id = u.id")
          .column("roles.value", "r.value")
          .column("roles.type", "r.type")
          .column("roles.primary", "r.is_primary")
          .column("roles.display", "r.display")
          .table("groups", "user_groups", "g", "g.user_id = u.id")
          .column("groups.value", "g.group_id")
          .column("groups.$ref", "'../Groups/' || g.group_id")
          .column("groups.display", "g.display")
          .column("groups.type", "g.type")
          .table("x509Certificates", "user_certificates", "c", "c.user_id = u.id")
          .column("x509Certificates.value", "c.der_base64")
          .column("x509Certificates.display", "c.display")
          .column("x509Certificates.type", "c.type")
          .column("x509Certificates.primary", "c.is_primary")
          .build();

  private static ResourceSchema users() {
    SchemaRegistry registry = SchemaRegistry.standard();
    registry.addExtension(
        "User",
        Schema.builder(TEST_URN)
            .name("Test")
            .attribute(
                AttributeDefinition.builder("loginCount").type(AttributeType.INTEGER).build())
            .attribute(AttributeDefinition.builder("score").type(AttributeType.DECIMAL).build())
            .attribute(AttributeDefinition.builder("hiredAt").type(AttributeType.DATE_TIME).build())
            .attribute(AttributeDefinition.builder("tags").multiValued(true).build())
            .build(),
        false);
    return registry.resourceSchema("User");
  }

  private static SqlFilter.Result translate(String filter) {
    return SqlFilter.translate(FilterParser.withDefaults().parse(filter), USERS, MAPPING);
  }

  private static void assertSql(String filter, String sql, Object... parameters) {
    SqlFilter.Result result = translate(filter);
    assertThat(result.untranslatable()).isEmpty();
    assertThat(result.translated()).isTrue();
    assertThat(result.sql()).isEqualTo(sql);
    assertThat(result.parameters()).containsExactly(parameters);
  }

  private static final String EMAILS = "EXISTS (SELECT 1 FROM user_emails e WHERE e.user_id = u.id";

  @Test
  void foldsCaseInTheDatabaseOnBothSidesWhenNotCaseExact() {
    assertSql("userName eq \"BJensen\"", "LOWER(u.user_name) = LOWER(?)", "BJensen");
    assertSql("name.givenName eq \"ZOË\"", "LOWER(u.given_name) = LOWER(?)", "ZOË");
  }

  @Test
  void comparesFoldedColumnsWithTheFoldedLiteralOnly() {
    SqlMapping folded =
        SqlMapping.builder()
            .foldedColumn("userName", "u.user_name_key")
            .foldedColumn("externalId", "u.external_id_key")
            .build();
    SqlFilter.Result result =
        SqlFilter.translate(
            FilterParser.withDefaults().parse("userName eq \"BJensen\" or userName sw \"b\""),
            USERS,
            folded);

    assertThat(result.sql())
        .isEqualTo("(u.user_name_key = LOWER(?) OR u.user_name_key LIKE LOWER(?) ESCAPE '\\')");
    assertThat(result.parameters()).containsExactly("BJensen", "b%");
    assertThatThrownBy(
            () ->
                SqlFilter.translate(
                    FilterParser.withDefaults().parse("externalId eq \"AbC\""), USERS, folded))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("externalId");
  }

  @Test
  void comparesCaseExactAttributesAsTheyAre() {
    assertSql("externalId eq \"AbC\"", "u.external_id = ?", "AbC");
    assertSql("id ne \"7\"", "(u.id IS NULL OR u.id <> ?)", "7");
  }

  @Test
  void escapesLikeWildcardsAndTheEscapeCharacter() {
    assertSql(
        "title co \"50%_a\\\\b\"", "LOWER(u.title) LIKE LOWER(?) ESCAPE '\\'", "%50\\%\\_a\\\\b%");
    assertSql("title sw \"R&D\"", "LOWER(u.title) LIKE LOWER(?) ESCAPE '\\'", "R&D%");
    assertSql("externalId ew \"_x\"", "u.external_id LIKE ? ESCAPE '\\'", "%\\_x");
  }

  @Test
  void bindsOrderingsWithTheirTypes() {
    assertSql("userName gt \"m\"", "LOWER(u.user_name) > LOWER(?)", "m");
    assertSql(
        "meta.lastModified ge \"2011-05-13T04:42:34+02:00\"",
        "u.last_modified >= ?",
        OffsetDateTime.parse("2011-05-13T02:42:34Z"));
    assertSql(TEST_URN + ":loginCount lt 10", "u.login_count < ?", new BigDecimal("10"));
    assertSql(TEST_URN + ":score le 2.5", "u.score <= ?", new BigDecimal("2.5"));
  }

  @Test
  void bindsBooleansAsBooleansAndReadsEntraStrings() {
    assertSql("active eq true", "u.active = ?", true);
    assertSql("active eq \"True\"", "u.active = ?", true);
    assertSql("active ne \"FALSE\"", "(u.active IS NULL OR u.active <> ?)", false);
  }

  @Test
  void presenceIsNotNullAndNotEmptyForStrings() {
    assertSql("title pr", "u.title IS NOT NULL AND u.title <> ''");
    assertSql("active pr", "u.active IS NOT NULL");
    assertSql("title eq null", "NOT (u.title IS NOT NULL AND u.title <> '')");
    assertSql("title ne null", "u.title IS NOT NULL AND u.title <> ''");
  }

  @Test
  void neHoldsWhereTheColumnIsNull() {
    assertSql("title ne \"x\"", "(u.title IS NULL OR LOWER(u.title) <> LOWER(?))", "x");
  }

  @Test
  void guardsComparisonsUnderNotAgainstUnknown() {
    assertSql(
        "not (title eq \"x\")", "NOT (u.title IS NOT NULL AND LOWER(u.title) = LOWER(?))", "x");
    assertSql(
        "not (not (title eq \"x\") or active eq true)",
        "NOT (NOT (LOWER(u.title) = LOWER(?)) OR u.active IS NOT NULL AND u.active = ?)",
        "x",
        true);
  }

  @Test
  void parenthesisesOnlyWhereTheTreeNeedsIt() {
    assertSql(
        "userName eq \"a\" or title eq \"b\" and active eq true",
        "(LOWER(u.user_name) = LOWER(?) OR LOWER(u.title) = LOWER(?) AND u.active = ?)",
        "a",
        "b",
        true);
    assertSql(
        "(userName eq \"a\" or title eq \"b\") and active eq true",
        "(LOWER(u.user_name) = LOWER(?) OR LOWER(u.title) = LOWER(?)) AND u.active = ?",
        "a",
        "b",
        true);
    assertSql(
        "title ne \"a\" and userName eq \"b\"",
        "(u.title IS NULL OR LOWER(u.title) <> LOWER(?)) AND LOWER(u.user_name) = LOWER(?)",
        "a",
        "b");
  }

  @Test
  void ordersStringsUnderTheMappingsCollation() {
    SqlMapping mapping =
        SqlMapping.builder()
            .column("userName", "u.user_name")
            .column("meta.lastModified", "u.last_modified")
            .orderingCollation("C")
            .build();
    SqlFilter.Result result =
        SqlFilter.translate(
            FilterParser.withDefaults()
                .parse(
                    "userName gt \"m\" and userName eq \"x\""
                        + " and meta.lastModified lt \"2011-05-13T04:42:34Z\""),
            USERS,
            mapping);

    assertThat(result.sql())
        .isEqualTo(
            "LOWER(u.user_name) COLLATE \"C\" > LOWER(?) AND LOWER(u.user_name) = LOWER(?)"
                + " AND u.last_modified < ?");
    assertThatThrownBy(() -> SqlMapping.builder().orderingCollation("C\" OR 1=1"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void multiValuedAttributesBecomeExists() {
    assertSql(
        "emails.value co \"@x\"",
        EMAILS + " AND LOWER(e.value) LIKE LOWER(?) ESCAPE '\\')",
        "%@x%");
    assertSql("emails pr", EMAILS + ")");
    assertSql("emails.type pr", EMAILS + " AND e.type IS NOT NULL AND e.type <> '')");
    assertSql("emails eq null", "NOT (" + EMAILS + "))");
  }

  @Test
  void complexMultiValuedAttributeComparedWholeComparesItsValue() {
    assertSql(
        "emails co \"example.com\"",
        EMAILS + " AND LOWER(e.value) LIKE LOWER(?) ESCAPE '\\')",
        "%example.com%");
  }

  @Test
  void neOnMultiValuedMeansNoValueEquals() {
    assertSql(
        "emails.value ne \"a@x\"", "NOT (" + EMAILS + " AND LOWER(e.value) = LOWER(?)))", "a@x");
  }

  @Test
  void valuePathPutsAllItsConditionsInOneExists() {
    assertSql(
        "emails[type eq \"work\" and value co \"@x\"]",
        EMAILS + " AND LOWER(e.type) = LOWER(?) AND LOWER(e.value) LIKE LOWER(?) ESCAPE '\\')",
        "work",
        "%@x%");
    assertSql(
        "emails[type eq \"work\" or not (primary eq true)]",
        EMAILS
            + " AND (LOWER(e.type) = LOWER(?) OR NOT (e.is_primary IS NOT NULL AND"
            + " e.is_primary = ?)))",
        "work",
        true);
  }

  @Test
  void sameTableTwiceGetsAFreshAlias() {
    assertSql(
        "emails[type eq \"work\"] and not (emails[type eq \"home\"]) or emails.value pr",
        "(EXISTS (SELECT 1 FROM user_emails e WHERE e.user_id = u.id AND LOWER(e.type) = LOWER(?))"
            + " AND NOT (EXISTS (SELECT 1 FROM user_emails e2 WHERE e2.user_id = u.id"
            + " AND LOWER(e2.type) = LOWER(?)))"
            + " OR EXISTS (SELECT 1 FROM user_emails e3 WHERE e3.user_id = u.id"
            + " AND e3.value IS NOT NULL AND e3.value <> ''))",
        "work",
        "home");
  }

  @Test
  void freshAliasesLeaveQuotedTextAlone() {
    SqlMapping mapping =
        SqlMapping.builder()
            .table("emails", "contact", "e", "e.owner = u.id AND e.kind = 'e.mail'")
            .column("emails.value", "\"e\".value || e.value")
            .build();
    SqlFilter.Result result =
        SqlFilter.translate(
            FilterParser.withDefaults().parse("emails.value eq \"a\" or emails.value eq \"b\""),
            USERS,
            mapping);

    assertThat(result.sql())
        .isEqualTo(
            "(EXISTS (SELECT 1 FROM contact e WHERE e.owner = u.id AND e.kind = 'e.mail'"
                + " AND LOWER(\"e\".value || e.value) = LOWER(?))"
                + " OR EXISTS (SELECT 1 FROM contact e2 WHERE e2.owner = u.id"
                + " AND e2.kind = 'e.mail' AND LOWER(\"e\".value || e2.value) = LOWER(?)))");
  }

  @Test
  void freshAliasesSkipAliasesOtherTablesDeclare() {
    SqlMapping mapping =
        SqlMapping.builder()
            .table("emails", "user_emails", "e", "e.user_id = u.id")
            .column("emails.value", "e.value")
            .table("phoneNumbers", "user_phones", "e2", "e2.user_id = u.id")
            .column("phoneNumbers.value", "e2.value")
            .build();
    SqlFilter.Result result =
        SqlFilter.translate(
            FilterParser.withDefaults()
                .parse("emails pr and emails pr and phoneNumbers pr and phoneNumbers pr"),
            USERS,
            mapping);

    assertThat(result.sql())
        .contains("FROM user_emails e WHERE", "FROM user_emails e3 WHERE")
        .contains("FROM user_phones e2 WHERE", "FROM user_phones e22 WHERE");
  }

  @Test
  void valuePathOnSimpleMultiValuedAttributeTestsItsRows() {
    assertSql(
        TEST_URN + ":tags[value sw \"a\"]",
        "EXISTS (SELECT 1 FROM user_tags t WHERE t.user_id = u.id"
            + " AND t.tag IS NOT NULL AND LOWER(t.tag) LIKE LOWER(?) ESCAPE '\\')",
        "a%");
    assertSql(
        TEST_URN + ":tags eq \"x\"",
        "EXISTS (SELECT 1 FROM user_tags t WHERE t.user_id = u.id AND LOWER(t.tag) = LOWER(?))",
        "x");
  }

  @Test
  void singleComplexAttributeUsesEveryColumnForPresence() {
    String anyName =
        "u.formatted IS NOT NULL OR u.family_name IS NOT NULL OR u.given_name IS NOT NULL"
            + " OR u.middle_name IS NOT NULL OR u.honorific_prefix IS NOT NULL"
            + " OR u.honorific_suffix IS NOT NULL";
    assertSql(
        "name[givenName eq \"x\"]", "(" + anyName + ") AND LOWER(u.given_name) = LOWER(?)", "x");
    assertThat(translate("name pr").sql())
        .startsWith("(u.formatted IS NOT NULL AND u.formatted <> '' OR u.family_name IS NOT NULL");
    assertSql(ENTERPRISE + ":manager eq \"42\"", "LOWER(u.manager_value) = LOWER(?)", "42");
  }

  @Test
  void pathsIgnoreCaseAndTheCoreUrn() {
    assertSql(SchemaUrns.USER + ":USERNAME eq \"x\"", "LOWER(u.user_name) = LOWER(?)", "x");
    assertSql("EMAILS[TYPE eq \"work\"]", EMAILS + " AND LOWER(e.type) = LOWER(?))", "work");
    assertSql(
        ENTERPRISE.toUpperCase(java.util.Locale.ROOT) + ":employeeNumber eq \"7\"",
        "LOWER(u.employee_number) = LOWER(?)",
        "7");
  }

  @Test
  void valuesNeverBecomeSqlText() {
    String hostile = "' OR 1=1 --; DROP TABLE users; \\ % _ \"";
    SqlFilter.Result result =
        SqlFilter.translate(
            Filter.or(
                Filter.eq("userName", hostile),
                Filter.compare("emails.value", ComparisonOperator.CO, hostile)),
            USERS,
            MAPPING);

    assertThat(result.sql()).doesNotContain("OR 1=1", "DROP", "--", ";");
    assertThat(result.parameters())
        .containsExactly(hostile, "%' OR 1=1 --; DROP TABLE users; \\\\ \\% \\_ \"%");
  }

  @Test
  void reportsUntranslatablePathsInFilterOrder() {
    SqlFilter.Result result =
        translate(
            "photos.value eq \"x\" or timezone eq \"UTC\" or userName eq \"y\" or noSuch pr"
                + " or meta.lastModified sw \"2011\" or entitlements[primary eq true]"
                + " or title eq \"a\\u0000b\"");

    assertThat(result.translated()).isFalse();
    assertThat(result.sql()).isNull();
    assertThat(result.parameters()).isEmpty();
    assertThat(result.untranslatable())
        .containsExactly(
            AttributePath.of("photos"),
            AttributePath.of("timezone"),
            AttributePath.of("noSuch"),
            AttributePath.of("meta", "lastModified"),
            AttributePath.of("entitlements"),
            AttributePath.of("title"));
  }

  @Test
  void reportsUnmappedSubAttributesOfMappedTables() {
    SqlFilter.Result result =
        translate("emails[display pr] and phoneNumbers[display eq \"x\"] or name pr or ims pr");

    assertThat(result.untranslatable())
        .containsExactly(AttributePath.of("phoneNumbers", "display"));

    SqlMapping partial = SqlMapping.builder().column("name.givenName", "u.given_name").build();
    assertThat(
            SqlFilter.translate(FilterParser.withDefaults().parse("name pr"), USERS, partial)
                .untranslatable())
        .contains(AttributePath.of("name", "familyName"))
        .doesNotContain(AttributePath.of("name", "givenName"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "active gt true",
        "userName eq 1",
        "active eq \"yes\"",
        "meta.lastModified gt \"yesterday\"",
        "title gt null",
        "password eq \"secret\"",
        "emails[type eq \"work\" and emails[value pr]]",
        "userName[value eq \"x\"]",
        TEST_URN + ":loginCount co 1"
      })
  void rejectsWhatTheEvaluatorRejects(String filter) {
    assertThatThrownBy(() -> translate(filter))
        .isInstanceOfSatisfying(
            ScimException.class, e -> assertThat(e.scimType()).contains(ScimType.INVALID_FILTER));
    assertThatThrownBy(
            () ->
                FilterEvaluator.lenient(USERS)
                    .matches(
                        FilterParser.withDefaults().parse(filter),
                        dev.roster.scim.core.resource.ScimResource.parse("{}")))
        .isInstanceOf(ScimException.class);
  }

  @Test
  void mappingRejectsMistakes() {
    assertThatThrownBy(() -> SqlMapping.builder().column("userName", "a").column("USERNAME", "b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("already mapped");
    assertThatThrownBy(() -> SqlMapping.builder().column("user name", "a"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SqlMapping.builder().column("userName", " "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> SqlMapping.builder().table("emails", "user_emails", "e x", "e.user_id = u.id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alias");
    assertThatThrownBy(
            () -> SqlMapping.builder().table("emails", "user_emails", "e", "user_id = u.id"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not qualify");
    assertThatThrownBy(
            () -> SqlMapping.builder().table("emails.value", "user_emails", "e", "e.a = u.id"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () ->
                SqlMapping.builder()
                    .table("emails", "user_emails", "e", "e.user_id = u.id")
                    .column("emails.value", "u.email")
                    .build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("alias 'e'");
  }

  @Test
  void resultHoldsEitherSqlOrUntranslatablePaths() {
    assertThatThrownBy(() -> new SqlFilter.Result(null, List.of(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new SqlFilter.Result("1 = 1", List.of(), List.of(AttributePath.of("x"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new SqlFilter.Result("a = ?", List.of("x"), List.of()).translated()).isTrue();
  }
}
