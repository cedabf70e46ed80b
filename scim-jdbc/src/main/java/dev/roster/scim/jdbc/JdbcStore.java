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
 * Builder#changeFeed(boolean) changeFeed(false)}.
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
  private final int schemaVersion;

  private JdbcStore(
      Database database, SchemaRegistry registry, int schemaVersion, Duration retention) {
    this.database = database;
    this.schemaVersion = schemaVersion;
    this.changes = new ChangeFeed(database, retention);
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

  /**
   * Stops the store: the repositories and stores fail with a {@link StorageException} afterwards.
   * The data source is the host's and stays open; the host closes it after the store.
   */
  @Override
  public void close() {
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
     * How long {@link ChangeFeed#prune()} keeps events, 7 days by default: consumers get every
     * event at least once as long as they fall no further behind than this.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder changeRetention(Duration retention) {
      requireNonNull(retention, "retention");
      if (retention.isNegative() || retention.isZero()) {
        throw new IllegalArgumentException("The change retention must be positive: " + retention);
      }
      this.changeRetention = retention;
      return this;
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
          new Database(dataSource, clock, changeFeed, analyze), registry, version, changeRetention);
    }
  }
}
