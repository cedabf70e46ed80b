package dev.roster.scim.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/** What one check sent and received, and which resources it created (for cleanup). */
final class Recorder {
  /**
   * A resource created by a POST: its endpoint ({@code /Users}), id (may be null), name, and the
   * client that created it, whose credentials clean it up (another tenant's resource is invisible
   * to the run's own).
   */
  record Created(String endpoint, String id, String name, ScimClient creator) {}

  private final List<Exchange> exchanges = new ArrayList<>();
  private final List<Created> created = new ArrayList<>();

  void exchange(Exchange exchange) {
    exchanges.add(exchange);
  }

  void created(Created resource) {
    created.add(resource);
  }

  List<Exchange> exchanges() {
    return exchanges;
  }

  List<Created> created() {
    return created;
  }

  /** The last exchange, or null. */
  Exchange last() {
    return exchanges.isEmpty() ? null : exchanges.get(exchanges.size() - 1);
  }
}
