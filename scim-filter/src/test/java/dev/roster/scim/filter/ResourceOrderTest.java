package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResourceOrderTest {
  private static final ResourceSchema USERS = SqlFilterTest.USERS;
  private static final String TEST = SqlFilterTest.TEST_URN;
  private static final String ENTERPRISE = SqlFilterTest.ENTERPRISE;

  /** A user named {@code name} with the given members, written as JSON object members. */
  private static ScimResource user(String name, String members) {
    return ScimResource.parse(
        "{\"schemas\": [\"urn:ietf:params:scim:schemas:core:2.0:User\"], \"id\": \""
            + name
            + "\""
            + (members.isEmpty() ? "" : ", " + members)
            + "}");
  }

  private static Sort sort(String by, SortOrder order) {
    return new Sort(FilterParser.withDefaults().parseAttributePath(by), order);
  }

  /** The ids of {@code users} sorted both ways the class offers, which must agree. */
  private static List<String> sorted(List<ScimResource> users, String by, SortOrder order) {
    Sort sort = sort(by, order);
    List<ScimResource> keyed = ResourceOrder.sort(users, user -> user, sort, USERS);
    List<ScimResource> compared = new ArrayList<>(users);
    compared.sort(ResourceOrder.comparator(sort, USERS));
    assertThat(compared).as("comparator and keyed sort").isEqualTo(keyed);
    return keyed.stream().map(ScimResource::id).toList();
  }

  private static List<String> ascending(List<ScimResource> users, String by) {
    return sorted(users, by, SortOrder.ASCENDING);
  }

  private static List<String> descending(List<ScimResource> users, String by) {
    return sorted(users, by, SortOrder.DESCENDING);
  }

  @Test
  void stringsIgnoreCaseUnlessCaseExact() {
    List<ScimResource> users =
        List.of(
            user("bob", "\"userName\": \"bob\", \"externalId\": \"b\""),
            user("Carol", "\"userName\": \"Carol\", \"externalId\": \"C\""),
            user("alice", "\"userName\": \"alice\", \"externalId\": \"a\""));

    assertThat(ascending(users, "userName")).containsExactly("alice", "bob", "Carol");
    assertThat(descending(users, "userName")).containsExactly("Carol", "bob", "alice");
    // externalId is caseExact: upper case sorts before lower case.
    assertThat(ascending(users, "externalId")).containsExactly("Carol", "alice", "bob");
  }

  @Test
  void foldsNonAsciiCaseWithoutLocale() {
    List<ScimResource> users =
        List.of(
            user("u1", "\"userName\": \"ÆRØ\""),
            user("u2", "\"userName\": \"zoë\""),
            user("u3", "\"userName\": \"ærø-2\""),
            user("u4", "\"userName\": \"ZOË\""));

    // Ties (zoë and ZOË) keep their order.
    assertThat(ascending(users, "userName")).containsExactly("u2", "u4", "u1", "u3");
  }

  @Test
  void binaryValuesAreCaseExactWhateverTheSchemaSays() {
    List<ScimResource> users =
        List.of(
            user("lower", "\"x509Certificates\": [{\"value\": \"aGVsbG8=\"}]"),
            user("upper", "\"x509Certificates\": [{\"value\": \"QUJD\"}]"));

    assertThat(ascending(users, "x509Certificates.value")).containsExactly("upper", "lower");
  }

  @Test
  void numbersSortByValue() {
    String[] counts = {"10", "9", "100", "-1", "9.5"};
    List<ScimResource> users = new ArrayList<>();
    for (String count : counts) {
      users.add(user("n" + count, "\"" + TEST + "\": {\"loginCount\": " + count + "}"));
    }
    users.add(user("score", "\"" + TEST + "\": {\"score\": 1.25}"));

    assertThat(ascending(users, TEST + ":loginCount"))
        .containsExactly("n-1", "n9", "n9.5", "n10", "n100", "score");
    assertThat(descending(users, TEST + ":loginCount"))
        .containsExactly("score", "n100", "n10", "n9.5", "n9", "n-1");
  }

  @Test
  void dateTimesSortAsInstants() {
    List<ScimResource> users =
        List.of(
            user("plus2", "\"" + TEST + "\": {\"hiredAt\": \"2011-05-13T06:42:34+02:00\"}"),
            user("later", "\"" + TEST + "\": {\"hiredAt\": \"2011-05-13T04:42:35Z\"}"),
            user("earlier", "\"" + TEST + "\": {\"hiredAt\": \"2011-05-13T04:42:33Z\"}"),
            user("fraction", "\"" + TEST + "\": {\"hiredAt\": \"2011-05-13T04:42:34.5Z\"}"));

    assertThat(ascending(users, TEST + ":hiredAt"))
        .containsExactly("earlier", "plus2", "fraction", "later");
  }

  @Test
  void falseSortsBeforeTrueAndEntraStringsCount() {
    List<ScimResource> users =
        List.of(
            user("t", "\"active\": true"),
            user("f", "\"active\": false"),
            user("T", "\"active\": \"True\""),
            user("none", ""));

    assertThat(ascending(users, "active")).containsExactly("f", "t", "T", "none");
    assertThat(descending(users, "active")).containsExactly("none", "t", "T", "f");
  }

  @Test
  void multiValuedAttributesSortByPrimaryElseFirstValue() {
    List<ScimResource> users =
        List.of(
            user(
                "primaryA",
                "\"emails\": [{\"value\": \"z@x.org\"}, {\"value\": \"a@x.org\", \"primary\": true}]"),
            user("firstM", "\"emails\": [{\"value\": \"m@x.org\"}, {\"value\": \"b@x.org\"}]"),
            user("onlyC", "\"emails\": [{\"value\": \"c@x.org\"}]"),
            user(
                "entraPrimaryB",
                "\"emails\": [{\"value\": \"y@x.org\"}, {\"value\": \"b@x.org\", \"primary\": \"True\"}]"),
            // A primary element without a value does not count; the first value does.
            user(
                "emptyPrimary",
                "\"emails\": [{\"type\": \"work\", \"primary\": true}, {\"value\": \"d@x.org\"}]"));

    List<String> expected = List.of("primaryA", "entraPrimaryB", "onlyC", "emptyPrimary", "firstM");
    assertThat(ascending(users, "emails.value")).isEqualTo(expected);
    // A complex attribute without a sub-attribute sorts by its value.
    assertThat(ascending(users, "emails")).isEqualTo(expected);
  }

  @Test
  void simpleMultiValuedAttributesSortByTheirFirstValue() {
    List<ScimResource> users =
        List.of(
            user("b", "\"" + TEST + "\": {\"tags\": [\"b\", \"a\"]}"),
            user("a", "\"" + TEST + "\": {\"tags\": [\"A\"]}"),
            user("none", "\"" + TEST + "\": {\"tags\": []}"));

    assertThat(ascending(users, TEST + ":tags")).containsExactly("a", "b", "none");
  }

  @Test
  void missingValuesSortLastAscendingAndFirstDescending() {
    List<ScimResource> users =
        List.of(
            user("b", "\"title\": \"b\""),
            user("absent", ""),
            user("a", "\"title\": \"a\""),
            user("null", "\"title\": null"),
            user("empty", "\"title\": \"\""),
            user("number", "\"title\": 7"));

    assertThat(ascending(users, "title"))
        .containsExactly("a", "b", "absent", "null", "empty", "number");
    assertThat(descending(users, "title"))
        .containsExactly("absent", "null", "empty", "number", "b", "a");
  }

  @Test
  void tiesKeepTheirOrderBothWays() {
    List<ScimResource> users =
        List.of(
            user("x1", "\"title\": \"same\""),
            user("y", "\"title\": \"other\""),
            user("x2", "\"title\": \"SAME\""),
            user("x3", "\"title\": \"Same\""));

    assertThat(ascending(users, "title")).containsExactly("y", "x1", "x2", "x3");
    assertThat(descending(users, "title")).containsExactly("x1", "x2", "x3", "y");
  }

  @Test
  void extensionAttributesSortUnderTheirUrn() {
    List<ScimResource> users =
        List.of(
            user("m2", "\"" + ENTERPRISE + "\": {\"manager\": {\"value\": \"m2\"}}"),
            user("m1", "\"" + ENTERPRISE + "\": {\"manager\": {\"value\": \"M1\"}}"),
            user("top", "\"manager\": {\"value\": \"m0\"}"));

    assertThat(ascending(users, ENTERPRISE + ":manager.value")).containsExactly("m1", "m2", "top");
    assertThat(ascending(users, ENTERPRISE + ":manager")).containsExactly("m1", "m2", "top");
  }

  @ParameterizedTest
  @ValueSource(strings = {"undefinedAttribute", "name", "emails.undefined", "urn:x:y:Thing:z"})
  void attributesWithoutAComparableValueLeaveTheOrder(String by) {
    List<ScimResource> users =
        List.of(
            user("c", "\"name\": {\"givenName\": \"a\"}, \"undefinedAttribute\": \"a\""),
            user("a", "\"name\": {\"givenName\": \"c\"}, \"undefinedAttribute\": \"c\""),
            user("b", "\"name\": {\"givenName\": \"b\"}, \"undefinedAttribute\": \"b\""));

    assertThat(ascending(users, by)).containsExactly("c", "a", "b");
    assertThat(descending(users, by)).containsExactly("c", "a", "b");
  }

  @Test
  void readsEachSortValueOnce() {
    List<ScimResource> users = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < 500; i++) {
      users.add(user("u" + i, "\"userName\": \"" + (char) ('a' + random.nextInt(26)) + i + "\""));
    }
    AtomicInteger reads = new AtomicInteger();

    List<ScimResource> sorted =
        ResourceOrder.sort(
            users,
            user -> {
              reads.incrementAndGet();
              return user;
            },
            sort("userName", SortOrder.ASCENDING),
            USERS);

    assertThat(reads).hasValue(500);
    assertThat(sorted)
        .hasSize(500)
        .isSortedAccordingTo(
            ResourceOrder.comparator(sort("userName", SortOrder.ASCENDING), USERS));
  }

  @Test
  void sortsOtherItemsThroughTheirResources() {
    record Entry(int sequence, ScimResource resource) {}
    List<Entry> entries =
        List.of(
            new Entry(1, user("b", "\"userName\": \"b\"")),
            new Entry(2, user("a", "\"userName\": \"a\"")));

    List<Entry> sorted =
        ResourceOrder.sort(entries, Entry::resource, sort("userName", SortOrder.ASCENDING), USERS);

    assertThat(sorted).extracting(Entry::sequence).containsExactly(2, 1);
    assertThat(entries).extracting(Entry::sequence).as("unchanged").containsExactly(1, 2);
  }
}
