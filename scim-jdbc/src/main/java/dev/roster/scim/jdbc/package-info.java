/**
 * SCIM users and groups, secret tokens and OAuth clients in a relational database over plain JDBC:
 * {@link dev.roster.scim.jdbc.JdbcStore} gives the repositories and stores a {@code ScimServer}
 * plugs in, over H2 or PostgreSQL, with every tenant's rows kept apart by a {@code tenant} column.
 * Database failures no SCIM error describes are {@link dev.roster.scim.jdbc.StorageException}s.
 *
 * <p><b>Nullness:</b> non-null unless documented ("or null"). <b>Threading:</b> the store and
 * everything it returns are thread-safe, each call running in its own transaction on a connection
 * borrowed from the data source; the builder is not.
 */
package dev.roster.scim.jdbc;
