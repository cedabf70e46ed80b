package dev.roster.scim.core.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.path.AttributePath;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterTest {
  private static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private static final Filter A = Filter.present("a");
  private static final Filter B = Filter.present("b");
  private static final Filter C = Filter.present("c");
  private static final Filter D = Filter.present("d");

  // ---- canonical text ----------------------------------------------------------------------

  @Test
  void printsAComparisonWithAJsonStringLiteral() {
    assertThat(Filter.eq("userName", "bjensen")).hasToString("userName eq \"bjensen\"");
  }

  @ParameterizedTest
  @EnumSource(ComparisonOperator.class)
  void printsEveryOperatorInLowerCase(ComparisonOperator op) {
    assertThat(Filter.compare("title", op, "x"))
        .hasToString("title " + op.name().toLowerCase(Locale.ROOT) + " \"x\"");
  }

  @Test
  void printsPresence() {
    assertThat(Filter.present("title")).hasToString("title pr");
    assertThat(Filter.present("name.givenName")).hasToString("name.givenName pr");
  }

  @Test
  void printsAQualifiedAttributeWithItsUrn() {
    Filter f =
        new Filter.Compare(new AttributePath(USER, "userName", null), ComparisonOperator.SW, "J");

    assertThat(f).hasToString("urn:ietf:params:scim:schemas:core:2.0:User:userName sw \"J\"");
  }

  @Test
  void printsAndAndOrWithoutParenthesesWhenPrecedenceSuffices() {
    assertThat(Filter.and(A, B)).hasToString("a pr and b pr");
    assertThat(Filter.or(A, B)).hasToString("a pr or b pr");
    assertThat(Filter.and(A, B, C)).hasToString("a pr and b pr and c pr");
    assertThat(Filter.or(A, B, C)).hasToString("a pr or b pr or c pr");
    assertThat(Filter.or(Filter.and(A, B), C)).hasToString("a pr and b pr or c pr");
    assertThat(Filter.or(A, Filter.and(B, C))).hasToString("a pr or b pr and c pr");
  }

  @Test
  void parenthesizesAnOrInsideAnAnd() {
    assertThat(Filter.and(Filter.or(A, B), C)).hasToString("(a pr or b pr) and c pr");
    assertThat(Filter.and(A, Filter.or(B, C))).hasToString("a pr and (b pr or c pr)");
    assertThat(Filter.or(Filter.and(Filter.or(A, B), C), D))
        .hasToString("(a pr or b pr) and c pr or d pr");
  }

  @Test
  void parenthesizesANestedOperandOfTheSameKindToKeepTheTreeShape() {
    assertThat(Filter.and(A, Filter.and(B, C))).hasToString("a pr and (b pr and c pr)");
    assertThat(Filter.or(Filter.or(A, B), C)).hasToString("(a pr or b pr) or c pr");
  }

  @Test
  void printsNotWithParentheses() {
    assertThat(Filter.not(A)).hasToString("not (a pr)");
    assertThat(Filter.not(Filter.or(A, B))).hasToString("not (a pr or b pr)");
    assertThat(Filter.not(Filter.not(A))).hasToString("not (not (a pr))");
    assertThat(Filter.and(A, Filter.not(B))).hasToString("a pr and not (b pr)");
    assertThat(Filter.or(Filter.not(A), B)).hasToString("not (a pr) or b pr");
  }

  @Test
  void printsValuePaths() {
    assertThat(Filter.valuePath("emails", Filter.eq("type", "work")))
        .hasToString("emails[type eq \"work\"]");
    assertThat(Filter.valuePath("emails", Filter.or(Filter.eq("type", "work"), B)))
        .hasToString("emails[type eq \"work\" or b pr]");
    assertThat(Filter.and(A, Filter.valuePath("emails", Filter.and(B, C))))
        .hasToString("a pr and emails[b pr and c pr]");
    assertThat(Filter.not(Filter.valuePath("emails", B))).hasToString("not (emails[b pr])");
  }

  static Stream<Arguments> rfc7644Examples() {
    Filter employee = Filter.eq("userType", "Employee");
    Filter workEmail =
        Filter.valuePath(
            "emails",
            Filter.and(
                Filter.eq("type", "work"),
                Filter.compare("value", ComparisonOperator.CO, "@example.com")));
    Filter emailDomains =
        Filter.or(
            Filter.compare("emails", ComparisonOperator.CO, "example.com"),
            Filter.compare("emails.value", ComparisonOperator.CO, "example.org"));
    return Stream.of(
        Arguments.of(Filter.eq("userName", "bjensen"), "userName eq \"bjensen\""),
        Arguments.of(
            Filter.compare("name.familyName", ComparisonOperator.CO, "O'Malley"),
            "name.familyName co \"O'Malley\""),
        Arguments.of(Filter.compare("userName", ComparisonOperator.SW, "J"), "userName sw \"J\""),
        Arguments.of(Filter.present("title"), "title pr"),
        Arguments.of(
            Filter.compare("meta.lastModified", ComparisonOperator.GT, "2011-05-13T04:42:34Z"),
            "meta.lastModified gt \"2011-05-13T04:42:34Z\""),
        Arguments.of(
            Filter.compare("meta.lastModified", ComparisonOperator.GE, "2011-05-13T04:42:34Z"),
            "meta.lastModified ge \"2011-05-13T04:42:34Z\""),
        Arguments.of(
            Filter.compare("meta.lastModified", ComparisonOperator.LT, "2011-05-13T04:42:34Z"),
            "meta.lastModified lt \"2011-05-13T04:42:34Z\""),
        Arguments.of(
            Filter.compare("meta.lastModified", ComparisonOperator.LE, "2011-05-13T04:42:34Z"),
            "meta.lastModified le \"2011-05-13T04:42:34Z\""),
        Arguments.of(
            Filter.and(Filter.present("title"), employee), "title pr and userType eq \"Employee\""),
        Arguments.of(
            Filter.or(Filter.present("title"), Filter.eq("userType", "Intern")),
            "title pr or userType eq \"Intern\""),
        Arguments.of(
            Filter.eq("schemas", "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"),
            "schemas eq \"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User\""),
        Arguments.of(
            Filter.and(employee, emailDomains),
            "userType eq \"Employee\" and (emails co \"example.com\" or emails.value co"
                + " \"example.org\")"),
        Arguments.of(
            Filter.and(
                Filter.compare("userType", ComparisonOperator.NE, "Employee"),
                Filter.not(emailDomains)),
            "userType ne \"Employee\" and not (emails co \"example.com\" or emails.value co"
                + " \"example.org\")"),
        Arguments.of(
            Filter.and(employee, Filter.eq("emails.type", "work")),
            "userType eq \"Employee\" and emails.type eq \"work\""),
        Arguments.of(
            Filter.and(employee, workEmail),
            "userType eq \"Employee\" and emails[type eq \"work\" and value co"
                + " \"@example.com\"]"),
        Arguments.of(
            Filter.or(
                workEmail,
                Filter.valuePath(
                    "ims",
                    Filter.and(
                        Filter.eq("type", "xmpp"),
                        Filter.compare("value", ComparisonOperator.CO, "@foo.com")))),
            "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and"
                + " value co \"@foo.com\"]"));
  }

  // RFC 7644 §3.4.2.2, the filter examples, in canonical form.
  @ParameterizedTest(name = "{1}")
  @MethodSource("rfc7644Examples")
  void printsTheRfc7644ExamplesCanonically(Filter filter, String text) {
    assertThat(filter).hasToString(text);
  }

  // ---- string literals ---------------------------------------------------------------------

  @Test
  void escapesQuotesAndBackslashes() {
    assertThat(Filter.eq("x", "say \"hi\"")).hasToString("x eq \"say \\\"hi\\\"\"");
    assertThat(Filter.eq("x", "C:\\dir\\")).hasToString("x eq \"C:\\\\dir\\\\\"");
    assertThat(Filter.eq("x", "\\\"")).hasToString("x eq \"\\\\\\\"\"");
  }

  @Test
  void escapesControlCharacters() {
    assertThat(Filter.eq("x", "a\nb\tc\rd")).hasToString("x eq \"a\\nb\\tc\\rd\"");
    assertThat(Filter.eq("x", "\u0000\u0001")).hasToString("x eq \"\\u0000\\u0001\"");
  }

  @Test
  void keepsNonAsciiCharactersAndSingleQuotesAsTheyAre() {
    assertThat(Filter.eq("x", "Zo\u00eb \u65e5\u672c O'Malley \ud83d\ude00"))
        .hasToString("x eq \"Zo\u00eb \u65e5\u672c O'Malley \ud83d\ude00\"");
  }

  @Test
  void printsTheEmptyString() {
    assertThat(Filter.eq("x", "")).hasToString("x eq \"\"");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "plain",
        "",
        "\"",
        "\\",
        "\\\"\\\"",
        "\u0000\u0001\u0008\u000b\u000c\u001f\u007f",
        "line1\r\nline2",
        "caf\u00e9 \u00fc\u00f1\u00ee\u00e7\u00f8d\u00eb \u4e2d\u6587 \ud83d\ude00",
        "] or userName pr or x eq \"",
        "/slash/ and </script>"
      })
  void writesEveryStringAsAJsonStringThatReadsBackToTheSameValue(String value) throws Exception {
    String text = Filter.eq("x", value).toString();

    assertThat(text).startsWith("x eq \"").endsWith("\"");
    JsonNode literal = MAPPER.readTree(text.substring("x eq ".length()));
    assertThat(literal.isTextual()).isTrue();
    assertThat(literal.textValue()).isEqualTo(value);
    assertThat(text.substring("x eq ".length()).chars().filter(ch -> ch < 0x20)).isEmpty();
  }

  // ---- other literals ----------------------------------------------------------------------

  @Test
  void printsBooleansAndNull() {
    assertThat(Filter.eq("active", true)).hasToString("active eq true");
    assertThat(Filter.eq("active", false)).hasToString("active eq false");
    assertThat(Filter.eq("manager", null)).hasToString("manager eq null");
    assertThat(Filter.compare("manager", ComparisonOperator.NE, null))
        .hasToString("manager ne null");
  }

  @Test
  void printsIntegersOfEveryBoxedType() {
    assertThat(Filter.eq("n", 42)).hasToString("n eq 42");
    assertThat(Filter.eq("n", -42L)).hasToString("n eq -42");
    assertThat(Filter.eq("n", (short) 7)).hasToString("n eq 7");
    assertThat(Filter.eq("n", (byte) 1)).hasToString("n eq 1");
    assertThat(Filter.eq("n", Long.MAX_VALUE)).hasToString("n eq 9223372036854775807");
    assertThat(Filter.eq("n", new BigInteger("123456789012345678901234567890")))
        .hasToString("n eq 123456789012345678901234567890");
  }

  @Test
  void decimalsKeepTheirScale() {
    assertThat(Filter.eq("n", new BigDecimal("1.50"))).hasToString("n eq 1.50");
    assertThat(Filter.eq("n", new BigDecimal("1.0"))).hasToString("n eq 1.0");
    assertThat(Filter.eq("n", new BigDecimal("-0.5"))).hasToString("n eq -0.5");
    assertThat(Filter.eq("n", new BigDecimal("100"))).hasToString("n eq 100");
  }

  @Test
  void doublesPrintInTheirShortestDecimalForm() {
    assertThat(Filter.eq("n", 1.5d)).hasToString("n eq 1.5");
    assertThat(Filter.eq("n", 0.1d)).hasToString("n eq 0.1");
    assertThat(Filter.eq("n", -2.25d)).hasToString("n eq -2.25");
  }

  // A float widened to double gains digits (0.1f is 0.10000000149011612 as a double); the filter
  // should carry the value the caller wrote.
  @Test
  void floatsPrintInTheirShortestDecimalForm() {
    assertThat(Filter.eq("n", 0.1f)).hasToString("n eq 0.1");
    assertThat(Filter.eq("n", 1.5f)).hasToString("n eq 1.5");
  }

  @ParameterizedTest
  @ValueSource(strings = {"1E+3", "1E-7", "123.456e10", "-0.000001", "12345678901234567890.1"})
  void everyNumberPrintsAsAJsonNumberOfTheSameValue(String decimal) throws Exception {
    BigDecimal value = new BigDecimal(decimal);
    String text = Filter.eq("n", value).toString().substring("n eq ".length());

    JsonNode literal = MAPPER.readTree(text);
    assertThat(literal.isNumber()).as(text).isTrue();
    assertThat(new BigDecimal(text)).isEqualByComparingTo(value);
  }

  @Test
  void storesNumbersAsBigDecimal() {
    Filter.Compare f = (Filter.Compare) Filter.eq("n", 7);

    assertThat(f.value()).isInstanceOf(BigDecimal.class).isEqualTo(BigDecimal.valueOf(7));
    assertThat(((Filter.Compare) Filter.eq("s", "7")).value()).isEqualTo("7");
    assertThat(((Filter.Compare) Filter.eq("b", true)).value()).isEqualTo(Boolean.TRUE);
    assertThat(((Filter.Compare) Filter.eq("z", null)).value()).isNull();
  }

  @ParameterizedTest
  @ValueSource(
      doubles = {
        Double.NaN,
        Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY,
      })
  void rejectsNonFiniteNumbers(double value) {
    assertThatThrownBy(() -> Filter.eq("n", value)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Filter.eq("n", (float) value))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void rejectsValuesThatAreNotJsonLiterals() {
    assertThatThrownBy(() -> Filter.eq("n", new AtomicInteger(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Filter.eq("n", new Object()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Filter.eq("n", List.of("a")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Filter.eq("n", 'c')).isInstanceOf(IllegalArgumentException.class);
  }

  // ---- factories ---------------------------------------------------------------------------

  @Test
  void factoriesBuildTheMatchingRecords() {
    assertThat(Filter.eq("name.givenName", "Barbara"))
        .isEqualTo(
            new Filter.Compare(
                AttributePath.of("name", "givenName"), ComparisonOperator.EQ, "Barbara"));
    assertThat(Filter.compare("age", ComparisonOperator.GE, 21))
        .isEqualTo(
            new Filter.Compare(
                AttributePath.of("age"), ComparisonOperator.GE, BigDecimal.valueOf(21)));
    assertThat(Filter.present("title")).isEqualTo(new Filter.Present(AttributePath.of("title")));
    assertThat(Filter.and(A, B, C)).isEqualTo(new Filter.And(List.of(A, B, C)));
    assertThat(Filter.or(A, B)).isEqualTo(new Filter.Or(List.of(A, B)));
    assertThat(Filter.not(A)).isEqualTo(new Filter.Not(A));
    assertThat(Filter.valuePath("emails", A))
        .isEqualTo(new Filter.ValuePath(AttributePath.of("emails"), A));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a.b.c", "1abc", "a b", "name.", ".name", "emails[type]"})
  void factoriesRejectAnAttributeThatIsNotAPath(String attribute) {
    assertThatThrownBy(() -> Filter.eq(attribute, "x"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Filter.present(attribute))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void requiresItsParts() {
    assertThatThrownBy(() -> new Filter.Compare(null, ComparisonOperator.EQ, "x"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Filter.Compare(AttributePath.of("x"), null, "x"))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> new Filter.Present(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Filter.not(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Filter.and(A, null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Filter.or(A, B, (Filter) null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> Filter.valuePath("emails", null))
        .isInstanceOf(NullPointerException.class);
  }

  @Test
  void andAndOrNeedTwoOperands() {
    assertThatThrownBy(() -> new Filter.And(List.of(A)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Filter.And(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new Filter.Or(List.of(A)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void operandsAreCopiedAndUnmodifiable() {
    List<Filter> operands = new ArrayList<>(List.of(A, B));
    Filter.And and = new Filter.And(operands);
    operands.add(C);

    assertThat(and.operands()).containsExactly(A, B);
    assertThatThrownBy(() -> and.operands().add(C))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void valuePathFiltersATopLevelAttributeOnly() {
    assertThatThrownBy(() -> new Filter.ValuePath(AttributePath.of("emails", "value"), A))
        .isInstanceOf(IllegalArgumentException.class);
  }

  // ---- equality ----------------------------------------------------------------------------

  @Test
  void equalFiltersAreEqual() {
    assertThat(Filter.and(Filter.eq("userName", "bjensen"), Filter.present("title")))
        .isEqualTo(Filter.and(Filter.eq("userName", "bjensen"), Filter.present("title")))
        .hasSameHashCodeAs(Filter.and(Filter.eq("userName", "bjensen"), Filter.present("title")));
  }

  @Test
  void attributeNamesCompareIgnoringCase() {
    assertThat(Filter.eq("USERNAME", "bjensen"))
        .isEqualTo(Filter.eq("userName", "bjensen"))
        .hasSameHashCodeAs(Filter.eq("userName", "bjensen"));
    assertThat(Filter.valuePath("EMAILS", Filter.eq("Type", "work")))
        .isEqualTo(Filter.valuePath("emails", Filter.eq("type", "work")));
  }

  @Test
  void valuesCompareExactly() {
    assertThat(Filter.eq("userName", "BJensen")).isNotEqualTo(Filter.eq("userName", "bjensen"));
    assertThat(Filter.eq("n", "1")).isNotEqualTo(Filter.eq("n", 1));
    assertThat(Filter.eq("b", "true")).isNotEqualTo(Filter.eq("b", true));
    assertThat(Filter.eq("z", "null")).isNotEqualTo(Filter.eq("z", null));
  }

  @Test
  void integersOfDifferentBoxedTypesAreEqual() {
    assertThat(Filter.eq("n", 1))
        .isEqualTo(Filter.eq("n", 1L))
        .isEqualTo(Filter.eq("n", BigInteger.ONE))
        .isEqualTo(Filter.eq("n", BigDecimal.ONE));
  }

  @Test
  void differentStructuresAreNotEqual() {
    assertThat(Filter.and(A, B)).isNotEqualTo(Filter.or(A, B));
    assertThat(Filter.and(A, B)).isNotEqualTo(Filter.and(B, A));
    assertThat(Filter.not(A)).isNotEqualTo(A);
    assertThat(Filter.compare("a", ComparisonOperator.EQ, "x"))
        .isNotEqualTo(Filter.compare("a", ComparisonOperator.NE, "x"));
  }

  // ---- visitor -----------------------------------------------------------------------------

  @Test
  void acceptCallsTheVisitorMethodForTheNodeKind() {
    Filter.Visitor<String> kind =
        new Filter.Visitor<>() {
          @Override
          public String visitCompare(Filter.Compare f) {
            return "compare " + f.operator();
          }

          @Override
          public String visitPresent(Filter.Present f) {
            return "present " + f.attribute();
          }

          @Override
          public String visitAnd(Filter.And f) {
            return "and " + f.operands().size();
          }

          @Override
          public String visitOr(Filter.Or f) {
            return "or " + f.operands().size();
          }

          @Override
          public String visitNot(Filter.Not f) {
            return "not";
          }

          @Override
          public String visitValuePath(Filter.ValuePath f) {
            return "valuePath " + f.attribute();
          }
        };

    assertThat(Filter.compare("x", ComparisonOperator.GT, 1).accept(kind)).isEqualTo("compare gt");
    assertThat(A.accept(kind)).isEqualTo("present a");
    assertThat(Filter.and(A, B, C).accept(kind)).isEqualTo("and 3");
    assertThat(Filter.or(A, B).accept(kind)).isEqualTo("or 2");
    assertThat(Filter.not(A).accept(kind)).isEqualTo("not");
    assertThat(Filter.valuePath("emails", A).accept(kind)).isEqualTo("valuePath emails");
  }
}
