package dev.roster.scim.server.memory;

import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.spi.Keyset;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Seek;
import dev.roster.scim.filter.KeysetOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Function;

/**
 * One page of a cursor-paged search over the matches of a filter: the {@code count} matches just
 * after (or just before) the seek's keyset in {@link KeysetOrder}, found in one pass that keeps at
 * most {@code count + 1} of them, however deep the page. Stateless.
 */
final class KeysetPages {
  private KeysetPages() {}

  /**
   * @param matches every match of the search's filter, in any order
   * @param seek where the page starts
   * @param count the most resources on the page, at least 1
   * @param order the search's order
   * @param sortView the resource an entry's sort value is read from
   * @param shown the resource the page shows for an entry
   */
  static Page page(
      List<Entry> matches,
      Seek seek,
      int count,
      KeysetOrder order,
      Function<Entry, ScimResource> sortView,
      Function<Entry, ScimResource> shown) {
    boolean backward = seek.backward();
    Keyset bound = backward ? seek.before() : seek.after();
    Comparator<Keyed> inOrder = (a, b) -> order.compare(a.keyset, b.keyset);
    // The heap's head is the kept match that is farthest from the bound, dropped first.
    PriorityQueue<Keyed> kept = new PriorityQueue<>(backward ? inOrder : inOrder.reversed());
    boolean beyond =
        false; // a match on the other side of the bound: the page has a neighbour there
    for (Entry entry : matches) {
      Keyset keyset = order.keyset(sortView.apply(entry), entry.id());
      if (bound != null) {
        int side = order.compare(keyset, bound);
        if (backward ? side >= 0 : side <= 0) {
          beyond = true;
          continue;
        }
      }
      if (kept.size() > count) {
        // Full: a match farther from the bound than every kept one is not on the page. Most
        // matches of a large search end here, with one comparison and no change to the heap.
        int side = order.compare(keyset, kept.peek().keyset);
        if (backward ? side <= 0 : side >= 0) {
          continue;
        }
      }
      kept.add(new Keyed(entry, keyset));
      if (kept.size() > count + 1) {
        kept.poll();
      }
    }
    List<Keyed> page = new ArrayList<>(kept);
    page.sort(inOrder);
    boolean more = page.size() > count;
    if (more) {
      page = backward ? page.subList(1, page.size()) : page.subList(0, count);
    }
    List<ScimResource> resources = new ArrayList<>(page.size());
    page.forEach(keyed -> resources.add(shown.apply(keyed.entry)));
    boolean hasNext = backward ? beyond : more;
    boolean hasPrevious = backward ? more : beyond;
    return new Page(
        resources,
        matches.size(),
        hasNext && !page.isEmpty() ? page.get(page.size() - 1).keyset : null,
        hasPrevious && !page.isEmpty() ? page.get(0).keyset : null);
  }

  private record Keyed(Entry entry, Keyset keyset) {}
}
