package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.Schema;
import dev.roster.scim.core.schema.SchemaRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class FilterEvaluatorTest {
  private static final ResourceSchema USERS = SchemaRegistry.standard().resourceSchema("User");
  private static final FilterEvaluator LENIENT = FilterEvaluator.lenient(USERS);
  private static final FilterEvaluator STRICT =
      new FilterEvaluator(USERS, FilterEvaluator.Mode.STRICT);
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private static final String THINGS_URN = "urn:example:params:scim:schemas:Thing";
  private static final ResourceSchema THINGS = thingSchema();

  private static Filter parse(String filter) {
    return FilterParser.withDefaults().parse(filter);
  }

  private static boolean matches(String filter, ScimResource resource) {
    return LENIENT.matches(parse(filter), resource);
  }

  private static ScimResource resource(String name) {
    return ScimResource.parse(text("evaluator/" + name));
  }

  private static ScimResource json(String text) {
    return ScimResource.parse(text);
  }

  private static String text(String resource) {
    try (InputStream in =
        FilterEvaluatorTest.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("Missing test resource " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lines of a {@code .filters} file that are neither blank nor comments. */
  private static List<String> lines(String file) {
    List<String> lines = new ArrayList<>();
    for (String line : text("evaluator/" + file).split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        lines.add(line.strip());
      }
    }
    return lines;
  }

  /** Cases of a file whose first word is the expected result and the rest the filter. */
  private static Stream<Arguments> cases(String file) {
    return lines(file).stream()
        .map(
            line -> {
              int space = line.indexOf(' ');
              String expected = line.substring(0, space);
              assertThat(expected).isIn("true", "false");
              return Arguments.of(line.substring(space).strip(), Boolean.parseBoolean(expected));
            });
  }

  static Stream<Arguments> fullUser() {
    return cases("full-user.filters");
  }

  static Stream<Arguments> minimalUser() {
    return cases("minimal-user.filters");
  }

  static Stream<Arguments> enterpriseUser() {
    return cases("enterprise-user.filters");
  }

  static Stream<Arguments> entraUser() {
    return cases("entra-user.filters");
  }

  static Stream<Arguments> strictOnly() {
    return cases("strict-only.filters");
  }

  static Stream<String> invalid() {
    return lines("invalid.filters").stream();
  }

  @ParameterizedTest(name = "{1} <- {0}")
  @MethodSource("fullUser")
  void evaluatesFiltersAgainstTheRfcFullUser(String filter, boolean expected) {
    assertThat(matches(filter, resource("8.2-full-user.json"))).isEqualTo(expected);
    assertThat(STRICT.matches(parse(filter), resource("8.2-full-user.json"))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1} <- {0}")
  @MethodSource("minimalUser")
  void treatsMissingAttributesAsHavingNoValue(String filter, boolean expected) {
    assertThat(matches(filter, resource("8.1-minimal-user.json"))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1} <- {0}")
  @MethodSource("enterpriseUser")
  void resolvesUrnQualifiedPathsAgainstTheRfcEnterpriseUser(String filter, boolean expected) {
    assertThat(matches(filter, resource("8.3-enterprise-user.json"))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{1} <- {0}")
  @MethodSource("entraUser")
  void acceptsEntraBooleanStrings(String filter, boolean expected) {
    assertThat(matches(filter, resource("entra-user.json"))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void rejectsFiltersThatCannotApplyInEitherMode(String filter) {
    for (FilterEvaluator evaluator : List.of(LENIENT, STRICT)) {
      for (String user : List.of("8.1-minimal-user.json", "8.2-full-user.json")) {
        assertInvalidFilter(() -> evaluator.matches(parse(filter), resource(user)));
      }
    }
  }

  @ParameterizedTest(name = "{1} <- {0}")
  @MethodSource("strictOnly")
  void undefinedAttributesHaveNoValueWhenLenientAndFailWhenStrict(String filter, boolean lenient) {
    ScimResource user = resource("8.2-full-user.json");

    assertThat(LENIENT.matches(parse(filter), user)).isEqualTo(lenient);
    assertInvalidFilter(() -> STRICT.matches(parse(filter), user));
  }

  @Test
  void sameElementSemanticsDistinguishValuePathFromSeparateConditions() {
    ScimResource user =
        json(
            """
            {"userName": "u", "emails": [
              {"type": "work", "value": "u@elsewhere.net"},
              {"type": "home", "value": "u@example.com"}]}""");

    assertThat(matches("emails[type eq \"work\" and value co \"@example.com\"]", user)).isFalse();
    assertThat(matches("emails.type eq \"work\" and emails.value co \"@example.com\"", user))
        .isTrue();
    assertThat(matches("emails[type eq \"home\" and value co \"@example.com\"]", user)).isTrue();
    assertThat(matches("emails[type eq \"work\"].value co \"@example.com\"", user)).isFalse();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          title pr              | false
          title eq null         | true
          nickName pr           | false
          nickName eq null      | true
          nickName eq ""        | true
          displayName pr        | true
          emails pr             | false
          emails eq null        | true
          name pr               | false
          addresses pr          | false
          phoneNumbers pr       | true
          ims pr                | true
          ims.value pr          | false
          ims[type pr]          | true
          ims[value pr]         | false
          """)
  void presenceIsFalseForNullEmptyStringEmptyArrayAndEmptyComplexValues(
      String filter, boolean expected) {
    ScimResource user =
        json(
            """
            {"title": null, "nickName": "", "displayName": " ", "emails": [], "name": {},
             "addresses": [{"type": null}, {}], "phoneNumbers": [{"value": "1"}],
             "ims": [{"type": "aim", "value": ""}]}""");

    assertThat(matches(filter, user)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          displayName eq "ærøskøbing"   | true
          displayName co "RØSK"         | true
          displayName sw "æRø"          | true
          displayName gt "ærøskøbinf"   | true
          displayName le "ærøskøbing"   | true
          nickName eq "σίσυφος"         | true
          nickName ew "φος"             | true
          title eq "𐐨𐐯𐑅𐐨𐑉𐐯𐐻"          | true
          title co "𐐯𐑅"                | true
          userType eq "strasse"         | false
          externalId eq "ærø"           | false
          externalId eq "ÆRØ"           | true
          """)
  void ignoresCaseBeyondAsciiUnlessCaseExact(String filter, boolean expected) {
    ScimResource user =
        json(
            """
            {"displayName": "ÆRØSKØBING", "nickName": "ΣΊΣΥΦΟΣ",
             "title": "𐐀𐐇𐐝𐐀𐐡𐐇𐐓", "userType": "Straße", "externalId": "ÆRØ"}""");

    assertThat(matches(filter, user)).isEqualTo(expected);
  }

  @Test
  void findsAttributesWhateverTheCaseOfTheResourceKeys() {
    ScimResource user =
        json(
            """
            {"USERNAME": "x", "Emails": [{"VALUE": "a@b.org", "Type": "work"}],
             "META": {"LASTMODIFIED": "2011-05-13T04:42:34Z"},
             "URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER": {"Manager": {"Value": "m"}}}""");

    assertThat(matches("userName eq \"x\"", user)).isTrue();
    assertThat(matches("emails[TYPE eq \"work\" and value eq \"A@B.ORG\"]", user)).isTrue();
    assertThat(matches("meta.lastModified eq \"2011-05-13T04:42:34Z\"", user)).isTrue();
    assertThat(
            matches(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"m\"",
                user))
        .isTrue();
  }

  @Test
  void readsBooleanStringsStoredInResources() {
    ScimResource user = json("{\"active\": \"False\", \"roles\": [{\"primary\": \"TRUE\"}]}");

    assertThat(matches("active eq false", user)).isTrue();
    assertThat(matches("active eq \"False\"", user)).isTrue();
    assertThat(matches("active ne true", user)).isTrue();
    assertThat(matches("roles[primary eq true]", user)).isTrue();
  }

  @Test
  void valuesOfTheWrongTypeInTheResourceMatchNothing() {
    ScimResource user =
        json(
            """
            {"userName": 42, "active": "maybe", "meta": {"lastModified": "last Tuesday"},
             "emails": ["not-an-object", {"value": "a@b"}]}""");

    assertThat(matches("userName eq \"42\"", user)).isFalse();
    assertThat(matches("userName pr", user)).isTrue();
    assertThat(matches("active eq true", user)).isFalse();
    assertThat(matches("active eq false", user)).isFalse();
    assertThat(matches("meta.lastModified gt \"2000-01-01T00:00:00Z\"", user)).isFalse();
    assertThat(matches("meta.lastModified lt \"2100-01-01T00:00:00Z\"", user)).isFalse();
    assertThat(matches("emails.value eq \"a@b\"", user)).isTrue();
    assertThat(matches("emails[value eq \"a@b\"]", user)).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          count eq 42                       | true
          count eq 42.0                     | true
          count eq 4.2e1                    | true
          count ne 42                       | false
          count ne 43                       | true
          count gt 41.5                     | true
          count gt 42                       | false
          count ge 42                       | true
          count lt 42                       | false
          count lt 42.000001                | true
          count le 42                       | true
          count eq 99999999999999999999999  | false
          count lt 99999999999999999999999  | true
          count gt -99999999999999999999999 | true
          big gt 99999999999999999999998    | true
          big eq 99999999999999999999999.0  | true
          score eq 3.5                      | true
          score eq 3.50                     | true
          score gt 3.49                     | true
          score lt 4                        | true
          score ge 3.5                      | true
          score le 3.4999                   | false
          negative lt 0                     | true
          negative eq -1.25                 | true
          levels eq 3                       | true
          levels gt 9                       | false
          levels lt 2                       | true
          levels ne 2                       | false
          missing eq 1                      | false
          missing ne 1                      | true
          missing lt 1                      | false
          """)
  void comparesIntegersAndDecimalsNumerically(String filter, boolean expected) {
    ScimResource thing =
        json(
            """
            {"count": 42, "big": 99999999999999999999999, "score": 3.50, "negative": -1.25,
             "levels": [1, 2, 3]}""");

    assertThat(FilterEvaluator.lenient(THINGS).matches(parse(filter), thing)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          count co 4
          count sw 4
          count ew 2
          count eq "42"
          score gt "3"
          score eq true
          missing co 1
          """)
  void rejectsSubstringOperatorsAndNonNumericLiteralsOnNumbers(String filter) {
    ScimResource thing = json("{\"count\": 42, \"score\": 3.5}");

    assertInvalidFilter(() -> FilterEvaluator.lenient(THINGS).matches(parse(filter), thing));
  }

  @Test
  void numbersBuiltInCodeCompareLikeParsedOnes() {
    ScimResource thing =
        ScimResource.builder()
            .set("count", NODES.numberNode(42))
            .set("score", NODES.numberNode(3.5d))
            .set("levels", NODES.arrayNode().add(NODES.numberNode(7L)))
            .build();
    FilterEvaluator evaluator = FilterEvaluator.lenient(THINGS);

    assertThat(evaluator.matches(Filter.eq("count", 42.0), thing)).isTrue();
    assertThat(evaluator.matches(Filter.eq("score", new BigDecimal("3.50")), thing)).isTrue();
    assertThat(evaluator.matches(parse("levels ge 7"), thing)).isTrue();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          tags eq "b"               | true
          tags co "LP"              | true
          tags[value eq "ALPHA"]    | true
          tags[value sw "z"]        | false
          tags pr                   | true
          codes eq "abc"            | false
          codes eq "ABC"            | true
          codes[value ew "C"]       | true
          """)
  void comparesSimpleMultiValuedAttributesValueByValue(String filter, boolean expected) {
    ScimResource thing = json("{\"tags\": [\"alpha\", \"B\"], \"codes\": [\"ABC\"]}");

    assertThat(FilterEvaluator.lenient(THINGS).matches(parse(filter), thing)).isEqualTo(expected);
  }

  @Test
  void matchesElementSelectsTheElementsAValuePathMatches() {
    ScimResource user = resource("8.2-full-user.json");
    JsonNode emails = user.get("emails");
    Filter work = parse("type eq \"work\" and value co \"@EXAMPLE.com\"");
    AttributePath path = AttributePath.of("emails");

    assertThat(LENIENT.matchesElement(path, work, emails.get(0))).isTrue();
    assertThat(LENIENT.matchesElement(path, work, emails.get(1))).isFalse();
    assertThat(
            LENIENT.matchesElement(
                AttributePath.of("EMAILS"), parse("TYPE eq \"HOME\""), emails.get(1)))
        .isTrue();
    assertThat(LENIENT.matchesElement(path, parse("primary eq true"), emails.get(0))).isTrue();
    assertThat(LENIENT.matchesElement(path, parse("primary eq true"), emails.get(1))).isFalse();
    assertThat(LENIENT.matchesElement(path, parse("not (primary eq true)"), emails.get(1)))
        .isTrue();
    assertThat(LENIENT.matchesElement(path, parse("type eq \"work\""), NODES.nullNode())).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          type eq "work"
          type eq "home" or primary eq true
          value co "example" and not (type eq "home")
          primary pr
          display eq null
          type ne "work"
          """)
  void matchesElementAgreesWithValuePathsInMatches(String filter) {
    ScimResource user = resource("8.2-full-user.json");
    ArrayNode emails = (ArrayNode) user.get("emails");
    Filter inner = parse(filter);

    for (JsonNode email : emails) {
      ScimResource only =
          ScimResource.builder().set("emails", NODES.arrayNode().add(email)).build();
      assertThat(LENIENT.matchesElement(AttributePath.of("emails"), inner, email))
          .as("%s on %s", filter, email)
          .isEqualTo(
              LENIENT.matches(new Filter.ValuePath(AttributePath.of("emails"), inner), only));
    }
  }

  @Test
  void matchesElementHandlesEntraRolesExtensionsAndSimpleValues() {
    JsonNode role = resource("entra-user.json").get("roles").get(0);
    AttributePath manager =
        new AttributePath(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", null);

    assertThat(
            LENIENT.matchesElement(AttributePath.of("roles"), parse("primary eq \"True\""), role))
        .isTrue();
    assertThat(LENIENT.matchesElement(AttributePath.of("roles"), parse("primary eq true"), role))
        .isTrue();
    assertThat(
            LENIENT.matchesElement(
                manager,
                parse("value eq \"CYKQWKOFNTWC\""),
                resource("entra-user.json")
                    .extension("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
                    .orElseThrow()
                    .get("manager")))
        .isTrue();
    assertThat(
            FilterEvaluator.lenient(THINGS)
                .matchesElement(
                    AttributePath.of("tags"), parse("value eq \"ALPHA\""), NODES.textNode("alpha")))
        .isTrue();
  }

  @Test
  void matchesElementRejectsWhatAValuePathWould() {
    AttributePath emails = AttributePath.of("emails");
    JsonNode email = NODES.objectNode().put("type", "work");

    assertInvalidFilter(
        () -> LENIENT.matchesElement(AttributePath.of("userName"), parse("value eq \"x\""), email));
    assertInvalidFilter(() -> LENIENT.matchesElement(emails, parse("type gt true"), email));
    assertInvalidFilter(() -> LENIENT.matchesElement(emails, parse("primary co \"t\""), email));
    assertInvalidFilter(
        () -> LENIENT.matchesElement(emails, parse("emails[type eq \"work\"]"), email));
    assertInvalidFilter(() -> STRICT.matchesElement(emails, parse("foo eq \"x\""), email));
    assertInvalidFilter(
        () -> STRICT.matchesElement(AttributePath.of("foo"), parse("type eq \"work\""), email));
    assertThat(LENIENT.matchesElement(emails, parse("foo eq \"x\""), email)).isFalse();
    assertThat(LENIENT.matchesElement(AttributePath.of("foo"), parse("type eq \"work\""), email))
        .isFalse();
    assertThatThrownBy(
            () ->
                LENIENT.matchesElement(
                    AttributePath.of("emails", "value"), parse("type eq \"work\""), email))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valuePathsDoNotNestEvenInCode() {
    Filter nested =
        Filter.valuePath("emails", Filter.valuePath("emails", Filter.eq("type", "work")));

    assertInvalidFilter(() -> LENIENT.matches(nested, resource("8.2-full-user.json")));
  }

  @Test
  void filtersBuiltInCodeEvaluateLikeParsedOnes() {
    ScimResource user = resource("8.2-full-user.json");

    assertThat(LENIENT.matches(Filter.eq("active", true), user)).isTrue();
    assertThat(LENIENT.matches(Filter.eq("name.givenName", "BARBARA"), user)).isTrue();
    assertThat(
            LENIENT.matches(
                Filter.and(Filter.present("title"), Filter.not(Filter.eq("userType", "Intern"))),
                user))
        .isTrue();
  }

  @Test
  void isSafeToShareBetweenThreadsEvaluatingDifferentFilters() {
    ScimResource user = resource("8.2-full-user.json");
    List<Filter> filters =
        List.of(
            parse("emails[type eq \"work\"]"),
            parse("emails[type eq \"other\"]"),
            parse("userName sw \"b\" and active eq true"),
            parse("meta.lastModified gt \"2012-01-01T00:00:00Z\""));
    boolean[] expected = {true, false, true, false};
    FilterEvaluator shared = FilterEvaluator.lenient(USERS);
    AtomicInteger wrong = new AtomicInteger();

    IntStream.range(0, 20_000)
        .parallel()
        .forEach(
            i -> {
              int k = i % filters.size();
              if (shared.matches(filters.get(k), user) != expected[k]) {
                wrong.incrementAndGet();
              }
            });

    assertThat(wrong).hasValue(0);
  }

  @Test
  void exposesItsSchemaAndMode() {
    assertThat(LENIENT.schema()).isSameAs(USERS);
    assertThat(LENIENT.mode()).isEqualTo(FilterEvaluator.Mode.LENIENT);
    assertThat(STRICT.mode()).isEqualTo(FilterEvaluator.Mode.STRICT);
    assertThatThrownBy(() -> new FilterEvaluator(null, FilterEvaluator.Mode.STRICT))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> LENIENT.matches(null, resource("8.1-minimal-user.json")))
        .isInstanceOf(NullPointerException.class);
  }

  private static void assertInvalidFilter(Runnable evaluation) {
    assertThatThrownBy(evaluation::run)
        .isInstanceOf(ScimException.class)
        .satisfies(
            e -> {
              ScimException scim = (ScimException) e;
              assertThat(scim.scimType()).contains(ScimType.INVALID_FILTER);
              assertThat(scim.status()).isEqualTo(400);
            });
  }

  private static ResourceSchema thingSchema() {
    Schema schema =
        Schema.builder(THINGS_URN)
            .name("Thing")
            .attribute(AttributeDefinition.builder("count").type(AttributeType.INTEGER).build())
            .attribute(AttributeDefinition.builder("big").type(AttributeType.INTEGER).build())
            .attribute(AttributeDefinition.builder("score").type(AttributeType.DECIMAL).build())
            .attribute(AttributeDefinition.builder("negative").type(AttributeType.DECIMAL).build())
            .attribute(
                AttributeDefinition.builder("levels")
                    .type(AttributeType.INTEGER)
                    .multiValued(true)
                    .build())
            .attribute(AttributeDefinition.builder("missing").type(AttributeType.INTEGER).build())
            .attribute(AttributeDefinition.builder("tags").multiValued(true).build())
            .attribute(
                AttributeDefinition.builder("codes").multiValued(true).caseExact(true).build())
            .build();
    return SchemaRegistry.empty()
        .register(schema)
        .register(ResourceType.of("Thing", "/Things", THINGS_URN))
        .resourceSchema("Thing");
  }
}
