package dev.roster.scim.core.spi;

import dev.roster.scim.core.resource.ScimResource;
import java.util.List;

/**
 * One page of search results.
 *
 * <p>A page of a cursor-paged search ({@link SearchRequest#seek()} not null) also says where the
 * neighbouring pages start, as keysets in the search's order (see {@link Keyset}); the engine turns
 * them into the ListResponse's {@code nextCursor} and {@code previousCursor} (RFC 9865). An
 * index-paged search leaves both null.
 *
 * @param resources the resources on this page, in order; at most the requested {@code count}
 * @param totalResults how many resources match the filter in all, across every page
 * @param next the keyset of this page's last resource when at least one matching resource follows
 *     it, else null (the last page: no {@code nextCursor})
 * @param previous the keyset of this page's first resource when at least one matching resource
 *     precedes it, else null (the first page: no {@code previousCursor})
 */
public record Page(List<ScimResource> resources, long totalResults, Keyset next, Keyset previous) {
  public Page {
    resources = List.copyOf(resources);
    if (totalResults < resources.size()) {
      throw new IllegalArgumentException(
          "totalResults (" + totalResults + ") is less than the page's " + resources.size());
    }
    if (resources.isEmpty() && (next != null || previous != null)) {
      throw new IllegalArgumentException(
          "An empty page has no neighbours: its next and previous keysets are null");
    }
  }

  /** A page of an index-paged search, or the only page of a cursor-paged one. */
  public Page(List<ScimResource> resources, long totalResults) {
    this(resources, totalResults, null, null);
  }

  /** A page with no resources and no matches. */
  public static Page empty() {
    return new Page(List.of(), 0);
  }
}
