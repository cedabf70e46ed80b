package dev.roster.scim.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Keyset;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeysetOrderTest {
  private static final ResourceSchema USERS = SqlFilterTest.USERS;

  private static ScimResource user(String id, String userName) {
    ScimResource.Builder user = ScimResource.builder().id(id);
    return userName == null ? user.build() : user.set("userName", userName).build();
  }

  private static final List<ScimResource> USERS_LIST =
      List.of(
          user("3", "bob"),
          user("1", "Bob"),
          user("4", null),
          user("2", "alice"),
          user("5", null),
          user("0", "carol"));

  private static Sort sort(String by, SortOrder order) {
    return new Sort(FilterParser.withDefaults().parseAttributePath(by), order);
  }

  private static List<String> ordered(KeysetOrder order) {
    List<Keyset> keysets = new ArrayList<>();
    USERS_LIST.forEach(user -> keysets.add(order.keyset(user)));
    keysets.sort(order);
    return keysets.stream().map(Keyset::id).toList();
  }

  @Test
  void ordersBySortValueThenIdWithoutValuesLast() {
    KeysetOrder order = KeysetOrder.of(sort("userName", SortOrder.ASCENDING), USERS);

    // userName ignores case, so bob and Bob tie and their ids decide.
    assertThat(ordered(order)).containsExactly("2", "1", "3", "0", "4", "5");
  }

  @Test
  void descendingIsTheExactReverseOfAscending() {
    KeysetOrder order = KeysetOrder.of(sort("userName", SortOrder.DESCENDING), USERS);

    assertThat(ordered(order)).containsExactly("5", "4", "0", "3", "1", "2");
  }

  @Test
  void withoutASortOrdersByIdAlone() {
    KeysetOrder order = KeysetOrder.of(null, USERS);

    assertThat(ordered(order)).containsExactly("0", "1", "2", "3", "4", "5");
    assertThat(order.keyset(user("9", "zed")).value()).isNull();
  }

  @Test
  void readsTheSortValueAsResourceOrderComparesIt() {
    KeysetOrder order = KeysetOrder.of(sort("userName", SortOrder.ASCENDING), USERS);

    assertThat(order.keyset(user("9", "Zed"))).isEqualTo(new Keyset("Zed", "9"));
    assertThat(order.keyset(user("8", null), "8")).isEqualTo(Keyset.ofId("8"));
  }

  @Test
  void placesAKeysetWhoseResourceIsGone() {
    KeysetOrder order = KeysetOrder.of(sort("userName", SortOrder.ASCENDING), USERS);
    Keyset gone = new Keyset("bz", "7");

    assertThat(order.compare(order.keyset(user("3", "bob")), gone)).isNegative();
    assertThat(order.compare(order.keyset(user("0", "carol")), gone)).isPositive();
    assertThat(order.compare(order.keyset(user("4", null)), gone)).isPositive();
  }

  @Test
  void refusesAValueOfAnotherType() {
    KeysetOrder order = KeysetOrder.of(sort("userName", SortOrder.ASCENDING), USERS);

    assertThatThrownBy(() -> order.compare(new Keyset(BigDecimal.ONE, "1"), new Keyset("bob", "2")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
