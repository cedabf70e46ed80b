package dev.roster.scim.jdbc;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.filter.SqlSearch;
import dev.roster.scim.jdbc.ChangeEvent.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Stores users in {@code scim_users}, with emails, phone numbers and addresses in child tables and
 * custom extensions in a JSON column (see {@link UserTable} for the layout).
 *
 * <ul>
 *   <li>Every statement is scoped to {@link dev.roster.scim.core.spi.RequestContext#tenant()}.
 *   <li>Filters become SQL through scim-filter's {@code SqlFilter}; a filter on an attribute
 *       without a column is checked in memory with {@code FilterEvaluator}, after SQL has narrowed
 *       the candidates as far as it can.
 *   <li>{@code userName} is unique per tenant ignoring case, by a unique index; a violation is a
 *       409 {@code uniqueness}.
 *   <li>Writes are conditional on the {@code version} column when the engine passes the version it
 *       read: {@code UPDATE ... WHERE tenant = ? AND id = ? AND version = ?}.
 * </ul>
 *
 * <p>Thread-safe; every call runs in its own transaction on a pooled connection.
 */
final class JdbcUserRepository implements UserRepository {
  private final Database database;
  private final TableSearch<UserTable.Row> search;

  JdbcUserRepository(Database database, SchemaRegistry registry) {
    this.database = database;
    this.search =
        new TableSearch<>(
            database,
            registry,
            "User",
            "scim_users u",
            projection -> UserTable.selectColumns(database.dialect(), projection),
            UserTable.filterMapping(database.dialect()),
            UserTable::readRow,
            UserTable::complete);
  }

  @Override
  public ScimResource create(CreateRequest request) {
    String tenant = request.context().tenant();
    User user = withUserName(request.resource());
    String id = UUID.randomUUID().toString();
    Instant now = database.now();
    return database.inTransaction(
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(UserTable.INSERT)) {
            insert.setString(1, tenant);
            insert.setString(2, id);
            Database.setInstant(insert, 3, now);
            Database.setInstant(insert, 4, now);
            UserTable.bindAttributes(insert, 5, user);
            insert.executeUpdate();
          } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
              throw userNameTaken(user);
            }
            throw e;
          }
          UserTable.insertChildren(connection, tenant, id, user);
          database.count(tenant, "User", 1);
          ScimResource created = read(connection, tenant, id, Projection.DEFAULT).orElseThrow();
          if (database.changeFeed()) {
            recordChange(tenant, created, Operation.CREATED, ChangeLog.presentAttributes(created));
          }
          return created;
        });
  }

  @Override
  public Optional<ScimResource> get(GetRequest request) {
    return database.read(
        connection ->
            read(connection, request.context().tenant(), request.id(), request.projection()));
  }

  /** Sorts in SQL where the sort attribute has a column, otherwise in memory. */
  @Override
  public boolean supportsSort() {
    return true;
  }

  /**
   * Pages with cursors (RFC 9865) by a keyset condition in SQL, or in memory when part of the
   * filter or the sort is.
   */
  @Override
  public boolean supportsCursors() {
    return true;
  }

  @Override
  public Page search(SearchRequest request) {
    return search.search(request);
  }

  /** How {@link #search} would run {@code filter}: for tests. */
  SqlSearch plan(Filter filter) {
    return search.plan(filter);
  }

  @Override
  public ScimResource replace(ReplaceRequest request) {
    String tenant = request.context().tenant();
    User user = withUserName(request.resource());
    String expected = request.expectedVersion();
    Instant now = database.now();
    return database.inTransaction(
        connection -> {
          // The feed names the attributes that change: read them as they are, under the row lock.
          ScimResource before =
              database.changeFeed() ? lockAndRead(connection, tenant, request.id()) : null;
          String sql = UserTable.UPDATE + (expected == null ? "" : " AND version = ?");
          int updated;
          try (PreparedStatement update = connection.prepareStatement(sql)) {
            Database.setInstant(update, 1, now);
            int next = UserTable.bindAttributes(update, 2, user);
            update.setString(next, tenant);
            update.setString(next + 1, request.id());
            if (expected != null) {
              update.setLong(next + 2, Versions.parse(expected));
            }
            updated = update.executeUpdate();
          } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
              throw userNameTaken(user);
            }
            throw e;
          }
          if (updated == 0) {
            throw missingOrChanged(connection, tenant, request.id(), expected);
          }
          UserTable.deleteChildren(connection, tenant, request.id());
          UserTable.insertChildren(connection, tenant, request.id(), user);
          ScimResource replaced =
              read(connection, tenant, request.id(), Projection.DEFAULT).orElseThrow();
          if (before != null) {
            recordChange(
                tenant,
                replaced,
                Operation.REPLACED,
                ChangeLog.changedAttributes(before, replaced));
          }
          return replaced;
        });
  }

  @Override
  public void delete(DeleteRequest request) {
    String tenant = request.context().tenant();
    String id = request.id();
    String expected = request.expectedVersion();
    Instant now = database.now();
    database.inTransaction(
        connection -> {
          String sql =
              "DELETE FROM scim_users WHERE tenant = ? AND id = ?"
                  + (expected == null ? "" : " AND version = ?");
          try (PreparedStatement delete = connection.prepareStatement(sql)) {
            delete.setString(1, tenant);
            delete.setString(2, id);
            if (expected != null) {
              delete.setLong(3, Versions.parse(expected));
            }
            if (delete.executeUpdate() == 0) {
              throw missingOrChanged(connection, tenant, id, expected);
            }
          }
          database.count(tenant, "User", -1);
          database.record(
              ChangeLog.Change.of(
                  tenant, "User", id, null, Operation.DELETED, List.of(), List.of(), List.of()));
          // Emails, phone numbers and addresses go by ON DELETE CASCADE; memberships are
          // removed here, and the groups that lose a member get a new version.
          JdbcGroupRepository.removeMemberEverywhere(database, connection, tenant, id, now);
          return null;
        });
  }

  private void recordChange(
      String tenant, ScimResource user, Operation operation, List<String> changed) {
    database.record(
        ChangeLog.Change.of(
            tenant,
            "User",
            user.id(),
            Versions.parse(user.version()),
            operation,
            changed,
            List.of(),
            List.of()));
  }

  /** Locks the user's row until the transaction ends and reads it; null if there is none. */
  private ScimResource lockAndRead(Connection connection, String tenant, String id)
      throws SQLException {
    return Database.lockRow(connection, "scim_users", tenant, id)
        ? read(connection, tenant, id, Projection.DEFAULT).orElseThrow()
        : null;
  }

  /** Reads one user, complete, or empty if the tenant has no user with that id. */
  private Optional<ScimResource> read(
      Connection connection, String tenant, String id, Projection projection) throws SQLException {
    UserTable.Row row;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + UserTable.selectColumns(database.dialect(), projection)
                + " FROM scim_users u WHERE u.tenant = ? AND u.id = ?")) {
      select.setString(1, tenant);
      select.setString(2, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        row = UserTable.readRow(rows);
      }
    }
    return Optional.of(UserTable.complete(connection, tenant, List.of(row), projection).get(0));
  }

  /** The 404 or 412 for a conditional write that changed no row. */
  static ScimException missingOrChanged(
      Connection connection, String tenant, String id, String expected) throws SQLException {
    return missingOrChanged(connection, "scim_users", "User", tenant, id, expected);
  }

  static ScimException missingOrChanged(
      Connection connection, String table, String type, String tenant, String id, String expected)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT version FROM " + table + " WHERE tenant = ? AND id = ?")) {
      select.setString(1, tenant);
      select.setString(2, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return ScimException.notFound(type + " " + id + " not found");
        }
        return ScimException.versionMismatch(
            type
                + " "
                + id
                + " is at version "
                + Versions.format(rows.getLong(1))
                + ", not "
                + expected
                + "; read it again and retry");
      }
    }
  }

  private static User withUserName(ScimResource resource) {
    User user = User.of(resource);
    if (user.userName().isEmpty()) {
      throw ScimException.invalidValue("A user needs a userName (RFC 7643 §4.1.1)");
    }
    return user;
  }

  private static ScimException userNameTaken(User user) {
    return ScimException.uniqueness(
        "userName '"
            + user.userName().orElse("")
            + "' is taken by another user in this tenant (userName is unique ignoring case)");
  }
}
