package dev.roster.scim.jdbc;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The threads a store runs work of its own on: daemons, so that they never keep a JVM alive. */
final class DaemonThread {
  private DaemonThread() {}

  /** A scheduler on one daemon thread called {@code name}; its owner shuts it down. */
  static ScheduledExecutorService scheduler(String name) {
    return Executors.newSingleThreadScheduledExecutor(
        task -> {
          Thread daemon = new Thread(task, name);
          daemon.setDaemon(true);
          return daemon;
        });
  }
}
