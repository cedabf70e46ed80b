package dev.roster.quickstart;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.jdbc.JdbcStore;
import javax.sql.DataSource;

/**
 * The quickstart's database: a HikariCP pool over the database of {@code --jdbc-url} (or the
 * embedded H2 file), which the quickstart owns, and scim-jdbc's {@link JdbcStore} over it. A SaaS
 * application hands {@link JdbcStore#builder} the {@code DataSource} it already has instead.
 */
final class DatabasePool implements AutoCloseable {
  private final HikariDataSource pool;
  private final JdbcStore store;

  private DatabasePool(HikariDataSource pool, JdbcStore store) {
    this.pool = pool;
    this.store = store;
  }

  /**
   * Connects to the database at {@code jdbcUrl} through a pool of 10 connections and brings its
   * schema up to date.
   *
   * @param user the database user, or null
   * @param password the database password, or null
   * @throws IllegalStateException if the pool cannot connect
   * @throws dev.roster.scim.jdbc.StorageException if the schema cannot be created or migrated
   */
  static DatabasePool open(String jdbcUrl, String user, String password, SchemaRegistry registry) {
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
      throw new IllegalStateException("Could not connect to " + describe(jdbcUrl), e);
    }
    try {
      return new DatabasePool(pool, JdbcStore.builder(pool).registry(registry).build());
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** The pool, for the application's own tables in the same database. */
  DataSource dataSource() {
    return pool;
  }

  /** The repositories and stores over the pool. */
  JdbcStore store() {
    return store;
  }

  /** Closes the store, then the pool. */
  @Override
  public void close() {
    store.close();
    pool.close();
  }

  /**
   * A JDBC URL without what may hold secrets: the query string and H2's settings. {@code
   * jdbc:postgresql://db:5432/app?password=x} becomes {@code jdbc:postgresql://db:5432/app}.
   */
  static String describe(String jdbcUrl) {
    int end = jdbcUrl.length();
    for (char separator : new char[] {'?', ';'}) {
      int at = jdbcUrl.indexOf(separator);
      if (at >= 0) {
        end = Math.min(end, at);
      }
    }
    return jdbcUrl.substring(0, end);
  }
}
