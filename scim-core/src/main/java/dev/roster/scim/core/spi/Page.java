package dev.roster.scim.core.spi;

import dev.roster.scim.core.resource.ScimResource;
import java.util.List;

/**
 * One page of search results.
 *
 * @param resources the resources on this page, in order; at most the requested {@code count}
 * @param totalResults how many resources match the filter in all, across every page
 */
public record Page(List<ScimResource> resources, long totalResults) {
  public Page {
    resources = List.copyOf(resources);
    if (totalResults < resources.size()) {
      throw new IllegalArgumentException(
          "totalResults (" + totalResults + ") is less than the page's " + resources.size());
    }
  }

  /** A page with no resources and no matches. */
  public static Page empty() {
    return new Page(List.of(), 0);
  }
}
