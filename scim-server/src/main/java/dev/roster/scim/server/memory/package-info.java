/**
 * Thread-safe in-memory repositories for tests and prototypes: {@link
 * dev.roster.scim.server.memory.InMemoryStore} implements the {@link dev.roster.scim.core.spi} SPI
 * for users, groups and custom resource types, with per-tenant data, uniqueness, conditional writes
 * and membership deltas as the SPI describes them.
 *
 * <p>Nothing is persisted and every tenant's data lives on the heap; use it to run the protocol
 * engine and the testkit without a database, or as a reference when writing a repository over real
 * storage.
 *
 * <p><b>Nullness:</b> non-null unless documented. <b>Threading:</b> the store and its repositories
 * are thread-safe: a write is seen whole or not at all by concurrent reads.
 */
package dev.roster.scim.server.memory;
