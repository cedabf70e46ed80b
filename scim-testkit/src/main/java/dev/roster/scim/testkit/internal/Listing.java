package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A parsed ListResponse.
 *
 * @param startIndex null when the response has none
 * @param itemsPerPage null when the response has none
 */
record Listing(
    Response response, long total, Long startIndex, Long itemsPerPage, List<JsonNode> resources) {

  Listing {
    resources = List.copyOf(resources);
  }

  /** The ids of the resources on this page, in order. */
  List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (JsonNode resource : resources) {
      ids.add(resource.path("id").asText(null));
    }
    return ids;
  }

  /** The ids on this page that are among {@code ours}, in order. */
  List<String> idsAmong(Set<String> ours) {
    List<String> ids = new ArrayList<>();
    for (String id : ids()) {
      if (ours.contains(id)) {
        ids.add(id);
      }
    }
    return ids;
  }

  /** Fails unless exactly {@code count} resources match in total and are on the page. */
  Listing expectTotal(long count, String what) {
    if (total != count || resources.size() != count) {
      throw response.fail(
          count + " resource" + (count == 1 ? "" : "s") + " (" + what + ")",
          "totalResults " + total + " with " + resources.size() + " in \"Resources\"");
    }
    return this;
  }

  /** The only resource; fails unless there is exactly one. */
  JsonNode single(String what) {
    expectTotal(1, what);
    return resources.get(0);
  }

  /** Fails unless itemsPerPage is present and equals the number of resources on the page. */
  Listing expectItemsPerPageMatches() {
    if (itemsPerPage == null || itemsPerPage != resources.size()) {
      throw response.fail(
          "\"itemsPerPage\" equal to the number of resources returned (" + resources.size() + ")",
          itemsPerPage == null ? "no \"itemsPerPage\"" : "\"itemsPerPage\": " + itemsPerPage);
    }
    return this;
  }
}
