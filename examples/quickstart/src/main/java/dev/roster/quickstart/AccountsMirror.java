package dev.roster.quickstart;

import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.jdbc.ChangeBatch;
import dev.roster.scim.jdbc.ChangeEvent;
import dev.roster.scim.jdbc.ChangeFeed;
import dev.roster.scim.jdbc.JdbcStore;
import java.io.PrintStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * An application table kept in step with the SCIM store by its change feed: {@code app_accounts},
 * one row per user of every tenant with the user's {@code userName}, {@code active} and how many
 * groups the user is a direct member of, in the same database as the store.
 *
 * <p>For each batch of events it refreshes the users they concern (the user of a user event, the
 * members added to or removed from a group), reading them from the store, and acknowledges the
 * batch on the same connection in the same transaction as its writes: a crash undoes both, and the
 * batch comes again, so the table never misses a change nor applies one twice.
 *
 * <pre>
 * java -cp roster-quickstart.jar dev.roster.quickstart.AccountsMirror --jdbc-url URL
 *     [--jdbc-user USER] [--consumer NAME] [--batch N] [--until-idle] [--delay-ms N]
 * </pre>
 *
 * <p>The password comes from {@code ROSTER_JDBC_PASSWORD}. It prints {@code applied POSITION} for
 * each event it applies, and runs until stopped, or with {@code --until-idle} until it has caught
 * up. {@code --delay-ms} slows each event down, for the test that kills it mid-batch.
 */
public final class AccountsMirror {
  /** The table the mirror keeps. */
  static final String CREATE_TABLE =
      "CREATE TABLE IF NOT EXISTS app_accounts ("
          + " tenant VARCHAR(64) NOT NULL,"
          + " user_id VARCHAR(64) NOT NULL,"
          + " user_name VARCHAR(256) NOT NULL,"
          + " active BOOLEAN NOT NULL,"
          + " group_count INTEGER NOT NULL,"
          + " PRIMARY KEY (tenant, user_id))";

  private final JdbcStore store;
  private final DataSource dataSource;
  private final String consumer;
  private final PrintStream log;
  private final long delayMillis;

  AccountsMirror(
      JdbcStore store, DataSource dataSource, String consumer, PrintStream log, long delayMillis)
      throws SQLException {
    this.store = store;
    this.dataSource = dataSource;
    this.consumer = consumer;
    this.log = log;
    this.delayMillis = delayMillis;
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(CREATE_TABLE);
    }
  }

  /**
   * Applies the next batch of at most {@code max} events and acknowledges it, in one transaction.
   *
   * @return how many events it applied; 0 when up to date
   */
  int applyNextBatch(int max) throws SQLException, InterruptedException {
    ChangeFeed feed = store.changes();
    ChangeBatch batch = feed.poll(consumer, max);
    if (batch.isEmpty()) {
      return 0;
    }
    if (batch.missed() > 0) {
      log.println("missed " + batch.missed() + " events older than the retention");
    }
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        for (ChangeEvent event : batch.events()) {
          for (String userId : usersConcerned(event)) {
            refresh(connection, event.tenant(), userId);
          }
          log.println("applied " + event.position());
          log.flush();
          if (delayMillis > 0) {
            Thread.sleep(delayMillis);
          }
        }
        // Together with the writes: both commit, or neither.
        feed.acknowledge(connection, consumer, batch.lastPosition());
        connection.commit();
      } catch (SQLException | RuntimeException | InterruptedException e) {
        connection.rollback();
        throw e;
      }
    }
    return batch.events().size();
  }

  /** The users whose row may change: the user itself, or a group's added and removed members. */
  private static Set<String> usersConcerned(ChangeEvent event) {
    Set<String> users = new LinkedHashSet<>();
    if (event.resourceType().equals("User")) {
      users.add(event.id());
    } else {
      users.addAll(event.addedMembers()); // a member may be a group: refreshing it removes no row
      users.addAll(event.removedMembers());
    }
    return users;
  }

  /** Brings the user's row to what the store holds now: idempotent. */
  private void refresh(Connection connection, String tenant, String userId) throws SQLException {
    Optional<ScimResource> found =
        store
            .users()
            .get(
                new GetRequest(
                    RequestContext.of(tenant, "accounts-mirror", "mirror"),
                    userId,
                    Projection.DEFAULT));
    try (PreparedStatement delete =
        connection.prepareStatement("DELETE FROM app_accounts WHERE tenant = ? AND user_id = ?")) {
      delete.setString(1, tenant);
      delete.setString(2, userId);
      delete.executeUpdate();
    }
    if (found.isEmpty()) {
      return; // deleted (or a group's id)
    }
    User user = User.of(found.get());
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO app_accounts (tenant, user_id, user_name, active, group_count)"
                + " VALUES (?, ?, ?, ?, ?)")) {
      insert.setString(1, tenant);
      insert.setString(2, userId);
      insert.setString(3, user.userName().orElse(""));
      insert.setBoolean(4, user.active().orElse(true));
      insert.setInt(5, user.groups().size());
      insert.executeUpdate();
    }
  }

  /** Runs the mirror; see the class comment for the arguments. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = parse(args);
    String url = options.get("--jdbc-url");
    if (url == null) {
      System.err.println("accounts-mirror: --jdbc-url is required");
      System.exit(2);
      return;
    }
    int max = Integer.parseInt(options.getOrDefault("--batch", "100"));
    long delay = Long.parseLong(options.getOrDefault("--delay-ms", "0"));
    boolean untilIdle = options.containsKey("--until-idle");
    try (DatabasePool pool =
        DatabasePool.open(
            url,
            options.get("--jdbc-user"),
            System.getenv("ROSTER_JDBC_PASSWORD"),
            SchemaRegistry.standard())) {
      AccountsMirror mirror =
          new AccountsMirror(
              pool.store(),
              pool.dataSource(),
              options.getOrDefault("--consumer", "accounts"),
              System.out,
              delay);
      System.out.println("accounts-mirror: following the change feed");
      while (true) {
        if (mirror.applyNextBatch(max) == 0) {
          if (untilIdle) {
            System.out.println("accounts-mirror: up to date");
            return;
          }
          Thread.sleep(500);
        }
      }
    }
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String name = args[i];
      if (name.equals("--until-idle")) {
        options.put(name, "true");
      } else if (i + 1 < args.length) {
        options.put(name, args[++i]);
      } else {
        throw new IllegalArgumentException(name + " needs a value");
      }
    }
    return options;
  }
}
