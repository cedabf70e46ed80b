package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code totalResults} of a listing without a filter comes from {@code scim_resource_counts}
 * (migration 6): each test checks it against {@code COUNT(*)} of the rows, after plain, bulk,
 * failed and concurrent creates and deletes, and after the migration counts an existing directory.
 */
class ResourceCountsTest {
  @TempDir Path tempDir;

  private final String tenant = TestDatabases.freshTenant();
  private final RequestContext context = RequestContext.of(tenant, "test", "request");

  private DataSource dataSource(String database) {
    return database.equals("postgresql")
        ? TestDatabases.postgres()
        : TestDatabases.h2(TestDatabases.h2Url(tempDir));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void listingsCountCreatesAndDeletes(String database) throws SQLException {
    DataSource dataSource = dataSource(database);
    try (JdbcStore store = JdbcStore.builder(dataSource).build()) {
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 7; i++) {
        users.add(user(store, "user" + i));
      }
      List<String> groups = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        groups.add(group(store, "group" + i));
      }
      store.users().delete(new DeleteRequest(context, users.get(0), null));
      store.users().delete(new DeleteRequest(context, users.get(3), null));
      store.groups().delete(new DeleteRequest(context, groups.get(1), null));
      assertThatThrownBy(() -> store.users().delete(new DeleteRequest(context, "missing", null)))
          .isInstanceOf(ScimException.class);
      assertThatThrownBy(() -> user(store, "USER1")).isInstanceOf(ScimException.class);

      assertThat(total(store, "User")).isEqualTo(5).isEqualTo(rows(dataSource, "scim_users"));
      assertThat(total(store, "Group")).isEqualTo(2).isEqualTo(rows(dataSource, "scim_groups"));
      assertThat(total(store, "User", RequestContext.of(TestDatabases.freshTenant(), "t", "r")))
          .isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aBulkRequestCountsWhatItsOperationsCommitted(String database) throws SQLException {
    DataSource dataSource = dataSource(database);
    try (JdbcStore store = JdbcStore.builder(dataSource).build()) {
      String doomed = user(store, "doomed");
      store
          .bulkScope()
          .run(
              context,
              () -> {
                user(store, "one");
                assertThatThrownBy(() -> user(store, "ONE")).isInstanceOf(ScimException.class);
                group(store, "team");
                store.users().delete(new DeleteRequest(context, doomed, null));
                assertThatThrownBy(() -> group(store, "TEAM")).isInstanceOf(ScimException.class);
                user(store, "two");
              });

      assertThat(total(store, "User")).isEqualTo(2).isEqualTo(rows(dataSource, "scim_users"));
      assertThat(total(store, "Group")).isEqualTo(1).isEqualTo(rows(dataSource, "scim_groups"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void concurrentCreatesAndDeletesAllCount(String database) throws Exception {
    DataSource dataSource = dataSource(database);
    ExecutorService threads = Executors.newFixedThreadPool(8);
    try (JdbcStore store = JdbcStore.builder(dataSource).build()) {
      List<Future<List<String>>> created = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        created.add(
            threads.submit(
                () -> {
                  List<String> ids = new ArrayList<>();
                  for (int i = 0; i < 20; i++) {
                    ids.add(user(store, "t" + thread + "-" + i));
                  }
                  return ids;
                }));
      }
      List<String> ids = Collections.synchronizedList(new ArrayList<>());
      for (Future<List<String>> future : created) {
        ids.addAll(future.get());
      }
      List<Future<?>> deleted = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        List<String> mine = ids.subList(t * 20, t * 20 + 5);
        deleted.add(
            threads.submit(
                () ->
                    mine.forEach(
                        id -> store.users().delete(new DeleteRequest(context, id, null)))));
      }
      for (Future<?> future : deleted) {
        future.get();
      }

      assertThat(total(store, "User")).isEqualTo(120).isEqualTo(rows(dataSource, "scim_users"));
    } finally {
      threads.shutdownNow();
    }
  }

  /** Migration 6 counts the users and groups a database at version 5 has. */
  @Test
  void theMigrationCountsTheDirectoryThatIsThere() throws SQLException {
    DataSource dataSource = dataSource("h2");
    try (JdbcStore store = JdbcStore.builder(dataSource).build()) {
      for (int i = 0; i < 4; i++) {
        user(store, "before" + i);
      }
      group(store, "before");
    }
    TestDatabases.rewind(dataSource, 5);

    try (JdbcStore store = JdbcStore.builder(dataSource).build()) {
      assertThat(store.schemaVersion()).isEqualTo(7);
      assertThat(total(store, "User")).isEqualTo(4);
      assertThat(total(store, "Group")).isEqualTo(1);
      user(store, "after");
      assertThat(total(store, "User")).isEqualTo(5).isEqualTo(rows(dataSource, "scim_users"));
    }
  }

  private long total(JdbcStore store, String type) {
    return total(store, type, context);
  }

  private static long total(JdbcStore store, String type, RequestContext context) {
    SearchRequest listing = new SearchRequest(context, null, null, 1, 0, Projection.DEFAULT);
    return (type.equals("User") ? store.users().search(listing) : store.groups().search(listing))
        .totalResults();
  }

  private long rows(DataSource dataSource, String table) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count =
            connection.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE tenant = ?")) {
      count.setString(1, tenant);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private String user(JdbcStore store, String userName) {
    return store
        .users()
        .create(new CreateRequest(context, User.builder().userName(userName).build()))
        .id();
  }

  private String group(JdbcStore store, String displayName) {
    return store
        .groups()
        .create(new CreateRequest(context, Group.builder().displayName(displayName).build()))
        .id();
  }
}
