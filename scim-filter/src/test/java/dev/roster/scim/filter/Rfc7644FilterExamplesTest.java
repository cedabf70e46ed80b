package dev.roster.scim.filter;

import static dev.roster.scim.core.filter.ComparisonOperator.CO;
import static dev.roster.scim.core.filter.ComparisonOperator.EQ;
import static dev.roster.scim.core.filter.ComparisonOperator.GE;
import static dev.roster.scim.core.filter.ComparisonOperator.GT;
import static dev.roster.scim.core.filter.ComparisonOperator.LE;
import static dev.roster.scim.core.filter.ComparisonOperator.LT;
import static dev.roster.scim.core.filter.ComparisonOperator.NE;
import static dev.roster.scim.core.filter.ComparisonOperator.SW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every filter example of RFC 7644 §3.4.2.2 (and the one of §3.4.3) parses to exactly the tree the
 * RFC's text describes, built here from the AST records.
 */
class Rfc7644FilterExamplesTest {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final String LAST_MODIFIED = "2011-05-13T04:42:34Z";

  private final FilterParser parser = FilterParser.withDefaults();

  static Stream<Arguments> examples() {
    return Stream.of(
        // §3.4.2.2: attribute names and operators are case-insensitive.
        arguments("userName Eq \"john\"", compare(path("userName"), EQ, "john")),
        arguments("Username eq \"john\"", compare(path("userName"), EQ, "john")),
        // §3.4.2.2, Figure 2 (the "filter=" prefix removed).
        arguments("userName eq \"bjensen\"", compare(path("userName"), EQ, "bjensen")),
        arguments(
            "name.familyName co \"O'Malley\"", compare(path("name", "familyName"), CO, "O'Malley")),
        arguments("userName sw \"J\"", compare(path("userName"), SW, "J")),
        arguments(
            "urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"",
            compare(new AttributePath(USER, "userName", null), SW, "J")),
        arguments("title pr", present("title")),
        arguments(
            "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
            compare(path("meta", "lastModified"), GT, LAST_MODIFIED)),
        arguments(
            "meta.lastModified ge \"2011-05-13T04:42:34Z\"",
            compare(path("meta", "lastModified"), GE, LAST_MODIFIED)),
        arguments(
            "meta.lastModified lt \"2011-05-13T04:42:34Z\"",
            compare(path("meta", "lastModified"), LT, LAST_MODIFIED)),
        arguments(
            "meta.lastModified le \"2011-05-13T04:42:34Z\"",
            compare(path("meta", "lastModified"), LE, LAST_MODIFIED)),
        arguments(
            "title pr and userType eq \"Employee\"",
            and(present("title"), compare(path("userType"), EQ, "Employee"))),
        arguments(
            "title pr or userType eq \"Intern\"",
            or(present("title"), compare(path("userType"), EQ, "Intern"))),
        arguments(
            "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\"",
            compare(
                path("schemas"), EQ, "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")),
        arguments(
            "userType eq \"Employee\" and (emails co \"example.com\" or"
                + " emails.value co \"example.org\")",
            and(
                compare(path("userType"), EQ, "Employee"),
                or(
                    compare(path("emails"), CO, "example.com"),
                    compare(path("emails", "value"), CO, "example.org")))),
        arguments(
            "userType ne \"Employee\" and not (emails co \"example.com\" or"
                + " emails.value co \"example.org\")",
            and(
                compare(path("userType"), NE, "Employee"),
                new Filter.Not(
                    or(
                        compare(path("emails"), CO, "example.com"),
                        compare(path("emails", "value"), CO, "example.org"))))),
        arguments(
            "userType eq \"Employee\" and (emails.type eq \"work\")",
            and(
                compare(path("userType"), EQ, "Employee"),
                compare(path("emails", "type"), EQ, "work"))),
        arguments(
            "userType eq \"Employee\" and emails[type eq \"work\" and"
                + " value co \"@example.com\"]",
            and(
                compare(path("userType"), EQ, "Employee"),
                new Filter.ValuePath(
                    path("emails"),
                    and(
                        compare(path("type"), EQ, "work"),
                        compare(path("value"), CO, "@example.com"))))),
        arguments(
            "emails[type eq \"work\" and value co \"@example.com\"] or"
                + " ims[type eq \"xmpp\" and value co \"@foo.com\"]",
            or(
                new Filter.ValuePath(
                    path("emails"),
                    and(
                        compare(path("type"), EQ, "work"),
                        compare(path("value"), CO, "@example.com"))),
                new Filter.ValuePath(
                    path("ims"),
                    and(
                        compare(path("type"), EQ, "xmpp"),
                        compare(path("value"), CO, "@foo.com"))))),
        // §3.4.3: the filter of the POST /.search example.
        arguments("displayName sw \"smith\"", compare(path("displayName"), SW, "smith")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void parsesRfcExampleToTheTreeItDescribes(String filter, Filter expected) {
    assertThat(parser.parse(filter)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void printsRfcExampleAsTextThatParsesBackToTheSameTree(String filter, Filter expected) {
    assertThat(parser.parse(expected.toString())).isEqualTo(expected);
  }

  private static AttributePath path(String attribute) {
    return AttributePath.of(attribute);
  }

  private static AttributePath path(String attribute, String subAttribute) {
    return AttributePath.of(attribute, subAttribute);
  }

  private static Filter compare(AttributePath attribute, ComparisonOperator op, Object value) {
    return new Filter.Compare(attribute, op, value);
  }

  private static Filter present(String attribute) {
    return new Filter.Present(path(attribute));
  }

  private static Filter and(Filter... operands) {
    return new Filter.And(List.of(operands));
  }

  private static Filter or(Filter... operands) {
    return new Filter.Or(List.of(operands));
  }
}
