package dev.roster.scim.server;

import dev.roster.scim.core.spi.RequestContext;

/**
 * Where a bulk request's operations run: a store that wants them in one database transaction opens
 * it around {@code operations.run()} and commits once after it (each operation keeping its own
 * outcome, e.g. through a savepoint, since RFC 7644 §3.7 makes operations independent). If it
 * throws, the whole bulk request fails and none of its changes may remain. The default runs the
 * operations as they are, each committed by its repository.
 */
@FunctionalInterface
public interface BulkScope {
  /** Runs {@code operations} for the bulk request of {@code context}. */
  void run(RequestContext context, Runnable operations);
}
