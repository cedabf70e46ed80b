package dev.roster.scim.server;

import dev.roster.scim.core.spi.RequestContext;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the host's {@link ChangeObserver}, if any, about each change the engine made; an observer
 * that throws is logged and does not fail the request, whose change is already stored. Immutable.
 */
final class ChangeNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

  /** The most tenant and name pairs remembered as logged; beyond it, nothing more is logged. */
  static final int MAX_LOGGED = 10_000;

  private final ChangeObserver observer;
  private final Set<String> logged = ConcurrentHashMap.newKeySet();

  /**
   * @param observer the host's observer, or null for none
   */
  ChangeNotifier(ChangeObserver observer) {
    this.observer = observer;
  }

  /** A client's text for a log line: control characters escaped, at most 200 characters. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    for (; i < text.length() && out.length() < 200; i++) {
      char c = text.charAt(i);
      out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : c);
    }
    return i < text.length() ? out + "…" : out.toString();
  }

  void changed(
      RequestContext context, Endpoint endpoint, String id, ChangeEvent.Kind kind, String version) {
    if (observer == null) {
      return;
    }
    try {
      observer.changed(new ChangeEvent(context, endpoint.name(), id, kind, version));
    } catch (RuntimeException e) {
      LOG.warn("Change observer failed for {} {}", endpoint.name(), id, e);
    }
  }

  /**
   * Reports what lenient validation dropped from a request that succeeded: at WARN once per tenant,
   * resource type and name (at most {@value #MAX_LOGGED} pairs a process), and to the observer.
   */
  void ignored(RequestContext context, Endpoint endpoint, String id, List<String> names) {
    if (names.isEmpty()) {
      return;
    }
    List<String> distinct = List.copyOf(new LinkedHashSet<>(names));
    for (String name : distinct) {
      String key = context.tenant() + '\0' + endpoint.name() + '\0' + name;
      if (logged.size() < MAX_LOGGED && logged.add(key)) {
        LOG.warn(
            "Dropped '{}' from a {} request of tenant {}: no registered schema declares it"
                + " (lenient validation; logged once per tenant and name)",
            printable(name),
            endpoint.name(),
            printable(context.tenant()));
      }
    }
    if (observer == null) {
      return;
    }
    try {
      observer.ignored(new IgnoredInput(context, endpoint.name(), id, distinct));
    } catch (RuntimeException e) {
      LOG.warn("Change observer failed for {} {}", endpoint.name(), id, e);
    }
  }
}
