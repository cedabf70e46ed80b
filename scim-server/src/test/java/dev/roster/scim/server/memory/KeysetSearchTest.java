package dev.roster.scim.server.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.Keyset;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Seek;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory repositories' keyset pages, seen through the SPI. */
class KeysetSearchTest {
  private static final RequestContext ACME = RequestContext.of("acme", "idp", "r");
  private final InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());

  private static SearchRequest seek(Sort sort, Seek seek, int count) {
    return SearchRequest.cursor(ACME, null, sort, seek, count, Projection.DEFAULT);
  }

  private static List<String> ids(Page page) {
    return page.resources().stream().map(ScimResource::id).toList();
  }

  private String user(String userName) {
    return store
        .users()
        .create(new CreateRequest(ACME, User.builder().userName(userName).build()))
        .id();
  }

  @Test
  void pagesNameTheirNeighboursByTheKeysetsOfTheirEdges() {
    List<String> ids = List.of(user("c"), user("a"), user("b"), user("d"));
    Sort byName = new Sort(AttributePath.of("userName"), SortOrder.ASCENDING);
    ResourceRepository users = store.users();

    Page first = users.search(seek(byName, Seek.FIRST, 2));
    Page second = users.search(seek(byName, Seek.after(first.next()), 2));
    Page back = users.search(seek(byName, Seek.before(second.previous()), 2));

    assertThat(ids(first)).containsExactly(ids.get(1), ids.get(2));
    assertThat(first.next()).isEqualTo(new Keyset("b", ids.get(2)));
    assertThat(first.previous()).isNull();
    assertThat(ids(second)).containsExactly(ids.get(0), ids.get(3));
    assertThat(second.next()).as("the last page").isNull();
    assertThat(second.previous()).isEqualTo(new Keyset("c", ids.get(0)));
    assertThat(ids(back)).isEqualTo(ids(first));
    assertThat(back.next()).isEqualTo(first.next());
    assertThat(back.previous()).isNull();
    assertThat(second.totalResults()).isEqualTo(4);
  }

  @Test
  void aDeletedResourcesKeysetStillMarksItsPlace() {
    String b = user("b");
    user("a");
    String c = user("c");
    Sort byName = new Sort(AttributePath.of("userName"), SortOrder.ASCENDING);
    Keyset atB = new Keyset("b", b);
    store.users().delete(new DeleteRequest(ACME, b, null));

    Page after = store.users().search(seek(byName, Seek.after(atB), 5));
    Page before = store.users().search(seek(byName, Seek.before(new Keyset("a", "0")), 5));

    assertThat(ids(after)).containsExactly(c);
    assertThat(after.previous()).as("a precedes it").isNotNull();
    assertThat(before.resources()).as("nothing precedes a").isEmpty();
    assertThat(before.next()).isNull();
  }

  @Test
  void sortsByAComputedAttribute() {
    String alice = user("alice");
    String bob = user("bob");
    user("carol");
    ScimResource group =
        store.groups().create(new CreateRequest(ACME, Group.builder().displayName("ops").build()));
    store
        .groups()
        .updateMembers(
            new MembershipRequest(
                ACME,
                group.id(),
                new MemberDelta(false, List.of(), List.of(ResourceRef.of(bob))),
                null));
    Sort byGroup = new Sort(AttributePath.of("groups", "value"), SortOrder.DESCENDING);
    List<String> walked = new java.util.ArrayList<>();
    Page page = store.users().search(seek(byGroup, Seek.FIRST, 1));
    walked.addAll(ids(page));
    while (page.next() != null) {
      page = store.users().search(seek(byGroup, Seek.after(page.next()), 1));
      walked.addAll(ids(page));
    }

    // Descending puts users in no group first, so bob, the only member, comes last.
    assertThat(walked).hasSize(3).endsWith(bob).contains(alice);
    assertThat(page.previous()).isEqualTo(new Keyset(group.id(), bob));
  }

  @Test
  void walksOverManyMatchesInAnyOrderSeeEachOnceInOrderBothWays() {
    java.util.Random random = new java.util.Random(7);
    java.util.Map<String, String> names = new java.util.HashMap<>();
    for (int i = 0; i < 300; i++) {
      String name = "u" + random.nextInt(1_000_000) + "-" + i;
      names.put(user(name), name);
    }
    for (Sort sort :
        java.util.Arrays.asList(
            null,
            new Sort(AttributePath.of("userName"), SortOrder.ASCENDING),
            new Sort(AttributePath.of("userName"), SortOrder.DESCENDING))) {
      java.util.Comparator<String> byKey =
          sort == null
              ? java.util.Comparator.<String>naturalOrder()
              : java.util.Comparator.comparing(names::get);
      if (sort != null && sort.order() == SortOrder.DESCENDING) {
        byKey = byKey.reversed();
      }
      List<String> expected = names.keySet().stream().sorted(byKey).toList();

      List<String> forward = new java.util.ArrayList<>();
      Page page = store.users().search(seek(sort, Seek.FIRST, 7));
      forward.addAll(ids(page));
      while (page.next() != null) {
        page = store.users().search(seek(sort, Seek.after(page.next()), 7));
        assertThat(page.resources()).isNotEmpty();
        forward.addAll(ids(page));
      }
      List<String> backward = new java.util.ArrayList<>(ids(page));
      while (page.previous() != null) {
        page = store.users().search(seek(sort, Seek.before(page.previous()), 7));
        assertThat(page.resources()).hasSize(7);
        backward.addAll(0, ids(page));
      }

      assertThat(forward).as("forward, sort %s", sort).isEqualTo(expected);
      assertThat(backward).as("backward, sort %s", sort).isEqualTo(expected);
    }
  }
}
