package dev.roster.scim.filter;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Sort;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Answers a search in memory from candidate resources: tests each against a filter with {@link
 * FilterEvaluator}, counts every match for {@code totalResults}, sorts by {@link ResourceOrder}
 * when the search asks to, and keeps only the requested page.
 *
 * <pre>{@code
 * PageCollector page = PageCollector.of(request, schema);
 * for (ScimResource candidate : candidates) {   // in the repository's own order
 *   page.accept(candidate);
 * }
 * return page.page();
 * }</pre>
 *
 * <p>{@link SqlSearch#collector} makes one that tests only what SQL left over. Candidates may come
 * in any order when the search sorts; matches that tie, and all matches when it does not, keep the
 * order they were offered in, so offer them in the repository's stable order.
 *
 * <p>Memory stays bounded by the page, not by the number of matches: without a sort it keeps the
 * page's resources only; with one, at most twice {@code offset + count} (and at least 256), sorting
 * and cutting back whenever it reaches that. Not thread-safe: one per search.
 */
public final class PageCollector implements Consumer<ScimResource> {
  // Fewer kept resources than this are never cut back: sorting tiny lists often costs more.
  private static final int MIN_KEPT = 256;

  private final Filter filter;
  private final FilterEvaluator evaluator;
  private final ResourceOrder order;
  private final long offset;
  private final int count;
  private final long cutAt;
  private final List<Keyed> kept = new ArrayList<>();
  private long total;

  PageCollector(Filter filter, Sort sort, long offset, int count, ResourceSchema schema) {
    requireNonNull(schema, "schema");
    if (offset < 0 || count < 0) {
      throw new IllegalArgumentException(
          "offset and count must not be negative, not " + offset + " and " + count);
    }
    if (filter != null) {
      // Rejects a filter the evaluator cannot apply even when no candidate comes.
      EvaluatorCompiler.forResources(schema, FilterEvaluator.Mode.LENIENT, filter);
    }
    this.filter = filter;
    this.evaluator = FilterEvaluator.lenient(schema);
    this.order = sort == null ? null : ResourceOrder.of(sort, schema);
    this.offset = offset;
    this.count = count;
    long limit = offset + count;
    this.cutAt = limit > Integer.MAX_VALUE / 2 ? Long.MAX_VALUE : Math.max(2 * limit, MIN_KEPT);
  }

  /**
   * A collector for {@code request}: it tests candidates against the request's whole filter (every
   * candidate matches when it has none), sorts by its sort, and keeps its page.
   *
   * @param schema the schemas of the resource type searched, which say how to filter and sort
   * @throws dev.roster.scim.core.error.ScimException 400 {@code invalidFilter} for a filter that
   *     cannot apply to the resource type, before any candidate is offered
   * @throws NullPointerException if an argument is null
   */
  public static PageCollector of(SearchRequest request, ResourceSchema schema) {
    requireNonNull(request, "request");
    return new PageCollector(
        request.filter(), request.sort(), request.offset(), request.count(), schema);
  }

  /**
   * Offers one candidate: if it matches, it is counted, and kept if it may belong on the page.
   *
   * @throws NullPointerException if {@code candidate} is null
   */
  @Override
  public void accept(ScimResource candidate) {
    requireNonNull(candidate, "candidate");
    if (filter != null && !evaluator.matches(filter, candidate)) {
      return;
    }
    long index = total++;
    if (order == null) {
      if (index >= offset && index - offset < count) {
        kept.add(new Keyed(candidate, null));
      }
      return;
    }
    kept.add(new Keyed(candidate, order.key(candidate)));
    if (kept.size() >= cutAt) {
      sortKept();
      kept.subList((int) (offset + count), kept.size()).clear();
    }
  }

  /** How many of the candidates offered so far matched. */
  public long total() {
    return total;
  }

  /**
   * The requested page of the matches offered so far, with the number of all of them as {@code
   * totalResults}.
   */
  public Page page() {
    if (order == null) {
      return new Page(resources(kept), total);
    }
    sortKept();
    int from = (int) Math.min(offset, kept.size());
    int to = (int) Math.min(from + (long) count, kept.size());
    return new Page(resources(kept.subList(from, to)), total);
  }

  private void sortKept() {
    // List.sort is stable: ties keep the order they were offered in.
    kept.sort((a, b) -> order.compareKeys(a.key(), b.key()));
  }

  private static List<ScimResource> resources(List<Keyed> keyed) {
    List<ScimResource> resources = new ArrayList<>(keyed.size());
    for (Keyed k : keyed) {
      resources.add(k.resource);
    }
    return resources;
  }

  /** A match and its sort value. */
  private record Keyed(ScimResource resource, Object key) {}
}
