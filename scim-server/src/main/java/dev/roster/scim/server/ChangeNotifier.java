package dev.roster.scim.server;

import dev.roster.scim.core.spi.RequestContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the host's {@link ChangeObserver}, if any, about each change the engine made; an observer
 * that throws is logged and does not fail the request, whose change is already stored. Immutable.
 */
final class ChangeNotifier {
  private static final Logger LOG = LoggerFactory.getLogger(ChangeNotifier.class);

  private final ChangeObserver observer;

  /**
   * @param observer the host's observer, or null for none
   */
  ChangeNotifier(ChangeObserver observer) {
    this.observer = observer;
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
}
