package dev.roster.scim.jdbc;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.BulkScope;
import dev.roster.scim.server.auth.ClientStore;
import dev.roster.scim.server.auth.TokenStore;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * Users, groups, secret tokens and OAuth clients in a relational database (H2 or PostgreSQL),
 * behind Roster's repository SPI, over a {@link DataSource} the host owns.
 *
 * <pre>{@code
 * DataSource dataSource = ...; // the application's own pool, e.g. HikariCP
 * SchemaRegistry registry = SchemaRegistry.standard();
 * JdbcStore store = JdbcStore.builder(dataSource).registry(registry).build();
 * ScimServer server = ScimServer.builder()
 *     .registry(registry)
 *     .users(store.users())
 *     .groups(store.groups())
 *     .bulkScope(store.bulkScope())
 *     .authenticator(new SecretTokenAuthenticator(new SecretTokens(store.tokens())))
 *     .build();
 * }</pre>
 *
 * <p>{@link Builder#build()} creates the tables on an empty database and migrates an older schema
 * (the SQL files under {@code dev/roster/scim/jdbc/migration/} on the class path), recording each
 * version in the {@code schema_version} table; processes starting together on one PostgreSQL
 * database take turns. A host that runs those files with its own tool builds the store with {@link
 * Builder#migrate(boolean) migrate(false)}, and it then only checks the version.
 *
 * <p>The repositories keep every tenant's rows apart by the {@code tenant} column, which every key
 * starts with and every statement filters on. Every call borrows a connection from the data source
 * for one transaction and gives it back.
 *
 * <p>Every committed write of a user or a group is also recorded, in the same transaction, in the
 * change feed ({@link #changes()}), unless the store is built with {@link
 * Builder#changeFeed(boolean) changeFeed(false)}. The store deletes events older than the retention
 * itself, hourly, on a daemon thread of its own ({@link Builder#changePruning}) that {@link
 * #close()} stops.
 *
 * <p>Thread-safe.
 */
public final class JdbcStore implements AutoCloseable {
  private final Database database;
  private final JdbcUserRepository users;
  private final JdbcGroupRepository groups;
  private final JdbcTokenStore tokens;
  private final JdbcClientStore clients;
  private final ChangeFeed changes;
  private final Pruner pruner;
  private final int schemaVersion;

  private JdbcStore(
      Database database, SchemaRegistry registry, int schemaVersion, Builder builder) {
    this.database = database;
    this.schemaVersion = schemaVersion;
    this.changes = new ChangeFeed(database, builder.changeRetention);
    this.pruner =
        builder.changeFeed && builder.changePruning
            ? new Pruner(changes, builder.changePruneInterval)
            : null;
    this.users = new JdbcUserRepository(database, registry);
    this.groups = new JdbcGroupRepository(database, registry);
    this.tokens = new JdbcTokenStore(database);
    this.clients = new JdbcClientStore(database);
  }

  /**
   * A builder of a store over {@code dataSource}, which stays the host's: the store borrows
   * connections from it and never closes it.
   */
  public static Builder builder(DataSource dataSource) {
    return new Builder(dataSource);
  }

  /**
   * Runs each bulk request in one transaction, a savepoint per operation: one commit for the whole
   * request.
   */
  public BulkScope bulkScope() {
    return (context, operations) -> database.inOneTransaction(operations);
  }

  /**
   * The secret tokens tenants use, in table {@code scim_tokens}, shared by every process on this
   * database.
   */
  public TokenStore tokens() {
    return tokens;
  }

  /**
   * The OAuth clients of the token endpoint, in tables {@code scim_oauth_clients} and {@code
   * scim_oauth_client_secrets}, shared by every process on this database.
   */
  public ClientStore clients() {
    return clients;
  }

  /** The users, in table {@code scim_users} and its child tables. */
  public UserRepository users() {
    return users;
  }

  /** The groups, in tables {@code scim_groups} and {@code scim_group_members}. */
  public GroupRepository groups() {
    return groups;
  }

  /**
   * The change feed: the committed writes of users and groups in commit order, for consumers that
   * read them from a durable position and acknowledge them (at least once). With {@link
   * Builder#changeFeed(boolean) changeFeed(false)} this store records no event, and the feed holds
   * only what was recorded before (or by other stores on the database).
   */
  public ChangeFeed changes() {
    return changes;
  }

  /** The schema version the database is at (the {@code schema_version} table). */
  public int schemaVersion() {
    return schemaVersion;
  }

  /**
   * The schema version this scim-jdbc needs: its last migration's, which {@code build()} migrates
   * to and {@code migrate(false)} requires.
   */
  public static int requiredSchemaVersion() {
    return Migrations.latest();
  }

  /** The store's pruner of the change feed, or null when it has none: for tests. */
  Pruner pruner() {
    return pruner;
  }

  /**
   * Stops the store: its threads end (a prune in progress first finishes the chunk it is deleting,
   * for a few seconds at most), and the repositories and stores fail with a {@link
   * StorageException} afterwards. The data source is the host's and stays open; the host closes it
   * after the store.
   */
  @Override
  public void close() {
    if (pruner != null) {
      pruner.close();
    }
    database.close();
  }

  /** Builds a {@link JdbcStore}; not thread-safe. */
  public static final class Builder {
    private final DataSource dataSource;
    private SchemaRegistry registry = SchemaRegistry.standard();
    private Clock clock = Clock.systemUTC();
    private boolean migrate = true;
    private boolean changeFeed = true;
    private Duration changeRetention = Duration.ofDays(7);
    private boolean changePruning = true;
    private Duration changePruneInterval = Duration.ofHours(1);
    private boolean analyze = true;

    private Builder(DataSource dataSource) {
      this.dataSource = requireNonNull(dataSource, "dataSource");
    }

    /**
     * The schemas whose resources are stored, by default {@link SchemaRegistry#standard()}: pass
     * the registry the {@code ScimServer} uses, so that the custom User extensions registered in it
     * are kept (in the JSON column {@code other_attributes}).
     */
    public Builder registry(SchemaRegistry registry) {
      this.registry = requireNonNull(registry, "registry");
      return this;
    }

    /** Where {@code meta.created} and {@code meta.lastModified} come from; UTC by default. */
    public Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Whether {@link #build()} creates and migrates the schema (true, the default) or only checks
     * that the database is at the version this library needs (false), for a host that applies the
     * migrations with its own tool, such as Flyway or Liquibase, and records them in {@code
     * schema_version}.
     */
    public Builder migrate(boolean migrate) {
      this.migrate = migrate;
      return this;
    }

    /**
     * Whether every write of a user or a group records its events in the change feed ({@link
     * JdbcStore#changes()}), in its own transaction: true by default. A host that reads no feed
     * turns it off and saves the work: the events' rows, a read of the old resource before each
     * replace (to name the changed attributes), and the moment at the end of each writing
     * transaction when writes take turns on the feed's counter row.
     */
    public Builder changeFeed(boolean changeFeed) {
      this.changeFeed = changeFeed;
      return this;
    }

    /**
     * How long the change feed keeps events before pruning deletes them ({@link #changePruning},
     * {@link ChangeFeed#prune()}), 7 days by default: consumers get every event at least once as
     * long as they fall no further behind than this.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder changeRetention(Duration retention) {
      this.changeRetention = positive(retention, "change retention");
      return this;
    }

    /**
     * Whether the store deletes the change feed's events older than the {@linkplain
     * #changeRetention retention} itself (true, the default): on a daemon thread of its own, every
     * {@linkplain #changePruneInterval interval} (an hour by default), the first time a minute
     * after {@link #build()}, as {@link ChangeFeed#prune()} does, until {@link JdbcStore#close()}.
     * A run that fails is logged (without the exception's message, which may quote the JDBC URL)
     * and the next one tries again.
     *
     * <p>Several processes on one database each prune on their own schedule, which is harmless: a
     * run deletes in chunks of at most 5,000 events, each in a transaction of its own, and on
     * PostgreSQL leaves the work to another process that is pruning at that moment, so the others'
     * runs cost a query or two. Turn it off where the host calls {@link ChangeFeed#prune()} itself
     * (in a scheduled job of its own, say, so that one process prunes), or in all but one process
     * of many. A store built with {@link #changeFeed(boolean) changeFeed(false)} never prunes by
     * itself.
     */
    public Builder changePruning(boolean prune) {
      this.changePruning = prune;
      return this;
    }

    /**
     * How long from the end of one run of the store's pruning ({@link #changePruning}) to the start
     * of the next, one hour by default.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder changePruneInterval(Duration interval) {
      this.changePruneInterval = positive(interval, "change prune interval");
      return this;
    }

    private static Duration positive(Duration duration, String what) {
      requireNonNull(duration, what);
      if (duration.isNegative() || duration.isZero()) {
        throw new IllegalArgumentException("The " + what + " must be positive: " + duration);
      }
      return duration;
    }

    /**
     * Whether the store keeps PostgreSQL's planner statistics of its tables current itself (true,
     * the default): it runs {@code ANALYZE} on them, on a thread of its own, when it starts on
     * tables never analyzed and whenever the rows it added reach a fifth of what they held at the
     * last {@code ANALYZE}. Autovacuum does the same within a minute, or never where it is off;
     * until then PostgreSQL plans reads of a freshly loaded directory as if its tables were empty,
     * and a GET by id can read every row of the tenant. Turn it off where a DBA schedules {@code
     * ANALYZE}. No effect on H2, which keeps its own statistics.
     */
    public Builder analyze(boolean analyze) {
      this.analyze = analyze;
      return this;
    }

    /**
     * Brings the schema up to date (or, with {@code migrate(false)}, checks it) and returns the
     * store.
     *
     * @throws StorageException if the database cannot be reached or migrated, or, with {@code
     *     migrate(false)}, if its schema is behind the version this library needs
     * @throws IllegalArgumentException if the database is neither H2 nor PostgreSQL
     */
    public JdbcStore build() {
      int version;
      try {
        version = migrate ? Migrations.migrate(dataSource) : Migrations.check(dataSource);
      } catch (SQLException e) {
        throw new StorageException(
            (migrate
                    ? "Could not create or migrate the schema: "
                    : "Could not read the schema version: ")
                + e.getMessage(),
            e);
      }
      return new JdbcStore(
          new Database(dataSource, clock, changeFeed, analyze), registry, version, this);
    }
  }
}
