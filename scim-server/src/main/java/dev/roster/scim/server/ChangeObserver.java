package dev.roster.scim.server;

/**
 * Hears about every change the engine makes, after the repository has made it; a host keeps an
 * audit log with it. Called on the request thread; an exception it throws is logged and ignored,
 * since the change has already happened.
 */
@FunctionalInterface
public interface ChangeObserver {
  /** Called after a successful change. */
  void changed(ChangeEvent event);

  /**
   * Called after a successful create, replace or PATCH from which lenient validation dropped
   * attributes or schema URNs that no registered schema declares; by default nothing happens. The
   * engine also logs each such name at WARN, once per tenant.
   */
  default void ignored(IgnoredInput input) {}
}
