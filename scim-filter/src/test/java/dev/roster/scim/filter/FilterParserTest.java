package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimType;
import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.patch.PatchPath;
import dev.roster.scim.core.path.AttributePath;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class FilterParserTest {
  private final FilterParser parser = FilterParser.withDefaults();

  private static Filter.Compare cmp(String attribute, ComparisonOperator op, Object value) {
    return new Filter.Compare(AttributePath.of(attribute), op, value);
  }

  @Test
  void andBindsTighterThanOr() {
    Filter f = parser.parse("a eq 1 or b eq 2 and c eq 3");

    assertThat(f)
        .isEqualTo(
            new Filter.Or(
                List.of(
                    cmp("a", ComparisonOperator.EQ, 1),
                    new Filter.And(
                        List.of(
                            cmp("b", ComparisonOperator.EQ, 2),
                            cmp("c", ComparisonOperator.EQ, 3))))));
  }

  @Test
  void keywordsAndOperatorsIgnoreCase() {
    assertThat(parser.parse("userName EQ \"x\" AND active Eq TRUE OR title PR"))
        .isEqualTo(parser.parse("userName eq \"x\" and active eq true or title pr"));
    assertThat(parser.parse("manager eq NULL"))
        .isEqualTo(cmp("manager", ComparisonOperator.EQ, null));
  }

  @Test
  void stringLiteralsAreJsonWithAnyUnicode() {
    Filter f = parser.parse("displayName eq \"Ærøskøbing \\\"q\\\" \\u00e9\\n 日本 😀\"");

    assertThat(((Filter.Compare) f).value()).isEqualTo("Ærøskøbing \"q\" é\n 日本 😀");
  }

  @Test
  void urnPathsSplitIntoSchemaAttributeAndSubAttribute() {
    Filter f =
        parser.parse(
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq \"26118915\"");

    assertThat(((Filter.Compare) f).attribute())
        .isEqualTo(
            new AttributePath(
                "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User", "manager", "value"));
  }

  @Test
  void valuePathFollowedByComparisonMeansTheSameElement() {
    assertThat(parser.parse("emails[type eq \"work\"].value eq \"x\""))
        .isEqualTo(parser.parse("emails[type eq \"work\" and value eq \"x\"]"));
  }

  @Test
  void patchPaths() {
    assertThat(parser.parsePath("members[value eq \"2819c223\"]"))
        .isEqualTo(
            new PatchPath(
                AttributePath.of("members"),
                cmp("value", ComparisonOperator.EQ, "2819c223"),
                null));
    assertThat(parser.parsePath("emails[type eq \"work\"].value").subAttribute())
        .isEqualTo("value");
    assertThat(parser.parsePath("name.givenName").attribute())
        .isEqualTo(AttributePath.of("name", "givenName"));
  }

  @Test
  void numbersKeepTheirForm() {
    assertThat(((Filter.Compare) parser.parse("n gt -1.50e3")).value())
        .isEqualTo(new BigDecimal("-1.50e3"));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "userName eqq \"x\"| 9",
        "userName eq| 11",
        "(userName eq \"x\"| 16",
        "userName eq \"x| 12",
        "not userName eq \"x\"| 4",
        "emails[type eq \"work\"| 21",
        "emails[type[value eq 1] eq 2]| 11",
        "name.givenName[x eq 1]| 14",
        "userName eq 'x'| 12",
      })
  void syntaxErrorsNameThePosition(String filter, int position) {
    assertThatThrownBy(() -> parser.parse(filter))
        .isInstanceOfSatisfying(
            FilterSyntaxException.class,
            e -> {
              assertThat(e.scimType()).contains(ScimType.INVALID_FILTER);
              assertThat(e.status()).isEqualTo(400);
              assertThat(e.position()).as(e.detail()).isEqualTo(position);
            });
  }

  @Test
  void deeplyNestedInputIsRejectedQuickly() {
    String deep = "(".repeat(100_000);
    assertThatThrownBy(
            () -> new FilterParser(ScimLimits.defaults().withMaxFilterLength(200_000)).parse(deep))
        .isInstanceOfSatisfying(
            FilterSyntaxException.class,
            e -> {
              assertThat(e.scimType()).contains(ScimType.INVALID_FILTER);
              assertThat(e.detail()).contains("ScimLimits.maxFilterDepth");
              assertThat(e.position()).isEqualTo(64);
            });
    assertThatThrownBy(() -> parser.parse(deep))
        .isInstanceOfSatisfying(
            FilterSyntaxException.class,
            e -> assertThat(e.detail()).contains("ScimLimits.maxFilterLength"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "userName eq \"bjensen\"",
        "name.familyName co \"O'Malley\"",
        "title pr and userType eq \"Employee\"",
        "not (emails co \"example.com\" or emails.value co \"example.org\")",
        "emails[type eq \"work\" and value co \"@example.com\"] or ims[type eq \"xmpp\" and value co \"@foo.com\"]",
        "a eq 1 and (b eq 2 or c eq 3) and d eq 4",
        "(a eq 1 and b eq 2) and c eq 3",
        "a eq 1 or (b eq 2 or c eq 3)",
        "meta.lastModified gt \"2011-05-13T04:42:34Z\"",
        "x eq \"tab\\tquote\\\"back\\\\slash\\u0001\"",
      })
  void canonicalTextParsesBackToTheSameTree(String text) {
    Filter f = parser.parse(text);
    assertThat(parser.parse(f.toString())).isEqualTo(f);
  }
}
