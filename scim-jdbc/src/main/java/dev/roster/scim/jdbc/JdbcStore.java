package dev.roster.scim.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.BulkScope;
import java.sql.SQLException;
import java.time.Clock;
import javax.sql.DataSource;

/**
 * Users and groups in a relational database (H2 or PostgreSQL), behind Roster's repository SPI.
 *
 * <pre>{@code
 * try (JdbcStore store = JdbcStore.open("jdbc:postgresql://localhost/app", "app", secret, registry)) {
 *   ScimServer server = ScimServer.builder()
 *       .registry(registry)
 *       .users(store.users())
 *       .groups(store.groups())
 *       .authenticator(BearerTokenAuthenticator.single(token))
 *       .build();
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #open} creates the tables on an empty database and migrates an older schema (see {@code
 * db/migration/} on the class path). The repositories keep every tenant's rows apart by the {@code
 * tenant} column, which every key starts with and every statement filters on. Thread-safe.
 */
public final class JdbcStore implements AutoCloseable {
  private final HikariDataSource pool;
  private final Database database;
  private final JdbcUserRepository users;
  private final JdbcGroupRepository groups;
  private final JdbcTokenStore tokens;
  private final JdbcClientStore clients;
  private final int schemaVersion;

  private JdbcStore(HikariDataSource pool, SchemaRegistry registry, Clock clock) {
    this.pool = pool;
    try {
      this.schemaVersion = Migrations.migrate(pool);
    } catch (SQLException e) {
      pool.close();
      throw new StorageException("Could not create or migrate the schema: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
    Database database = new Database(pool, clock);
    this.database = database;
    this.users = new JdbcUserRepository(database, registry);
    this.groups = new JdbcGroupRepository(database, registry);
    this.tokens = new JdbcTokenStore(database);
    this.clients = new JdbcClientStore(database);
  }

  /**
   * Runs each bulk request in one transaction, a savepoint per operation: one commit for the whole
   * request.
   */
  public BulkScope bulkScope() {
    return (context, operations) -> database.inOneTransaction(operations);
  }

  /** The secret tokens tenants use, shared by every process on this database. */
  public JdbcTokenStore tokens() {
    return tokens;
  }

  /** The OAuth clients of the token endpoint, shared by every process on this database. */
  public JdbcClientStore clients() {
    return clients;
  }

  /**
   * Connects to the database at {@code jdbcUrl} through a connection pool and brings its schema up
   * to date.
   *
   * @param registry the schemas whose resources are stored; custom User extensions registered in it
   *     are kept in the JSON column
   * @throws StorageException if the database cannot be reached or migrated
   */
  public static JdbcStore open(
      String jdbcUrl, String user, String password, SchemaRegistry registry) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(user);
    config.setPassword(password);
    config.setPoolName("roster");
    config.setMaximumPoolSize(10);
    HikariDataSource pool;
    try {
      pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StorageException("Could not connect to " + describe(jdbcUrl), e);
    }
    return new JdbcStore(pool, registry, Clock.systemUTC());
  }

  /** The users, in table {@code scim_users} and its child tables. */
  public UserRepository users() {
    return users;
  }

  /** The groups, in tables {@code scim_groups} and {@code scim_group_members}. */
  public GroupRepository groups() {
    return groups;
  }

  /** The schema version the database is at (the {@code schema_version} table). */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** The pooled connections, for a host's own tables. */
  public DataSource dataSource() {
    return pool;
  }

  /**
   * A JDBC URL without what may hold secrets: the query string and H2's settings. {@code
   * jdbc:postgresql://db:5432/app?password=x} becomes {@code jdbc:postgresql://db:5432/app}.
   */
  public static String describe(String jdbcUrl) {
    int end = jdbcUrl.length();
    for (char separator : new char[] {'?', ';'}) {
      int at = jdbcUrl.indexOf(separator);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return jdbcUrl.substring(0, end);
  }

  /** Closes the pool; the repositories fail afterwards. */
  @Override
  public void close() {
    pool.close();
  }
}
