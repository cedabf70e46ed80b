package dev.roster.scim.jdbc;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.filter.SqlSearch;
import dev.roster.scim.jdbc.ChangeEvent.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Stores groups in {@code scim_groups} and their members in {@code scim_group_members}, one row per
 * member.
 *
 * <ul>
 *   <li>Membership deltas ({@link #updateMembers}) are single {@code INSERT} and {@code DELETE}
 *       statements per member; the member list is never read to change it. Adding a member copies
 *       the id from {@code scim_users} (or {@code scim_groups}) in the same statement, so an
 *       unknown id adds nothing and is reported as 400 {@code invalidValue}.
 *   <li>A group read or searched without {@code members} in the projection (as Entra ID always
 *       asks) never queries the membership table.
 *   <li>{@code displayName} is unique per tenant ignoring case, by a unique index.
 *   <li>Concurrent changes to one group take turns on its row lock ({@code SELECT ... FOR UPDATE}),
 *       so 32 identity provider threads adding different members all succeed.
 * </ul>
 *
 * <p>Thread-safe; every call runs in its own transaction on a pooled connection.
 */
final class JdbcGroupRepository implements GroupRepository {
  private final Database database;
  private final TableSearch<GroupTable.Row> search;

  JdbcGroupRepository(Database database, SchemaRegistry registry) {
    this.database = database;
    this.search =
        new TableSearch<>(
            database,
            registry,
            "Group",
            "scim_groups g",
            projection -> GroupTable.SELECT_COLUMNS,
            GroupTable.filterMapping(database.dialect()),
            GroupTable::readRow,
            GroupTable::complete);
  }

  @Override
  public ScimResource create(CreateRequest request) {
    String tenant = request.context().tenant();
    Group group = Group.of(request.resource());
    String displayName = displayName(group);
    String id = UUID.randomUUID().toString();
    Instant now = database.now();
    return database.inTransaction(
        connection -> {
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO scim_groups (tenant, id, version, created, last_modified,"
                      + " display_name, external_id, other_attributes)"
                      + " VALUES (?, ?, 1, ?, ?, ?, ?, ?)")) {
            insert.setString(1, tenant);
            insert.setString(2, id);
            Database.setInstant(insert, 3, now);
            Database.setInstant(insert, 4, now);
            insert.setString(5, displayName);
            Database.setText(insert, 6, group.externalId().orElse(null));
            Database.setText(
                insert, 7, OtherAttributes.of(group.resource(), GroupTable.STORED_ELSEWHERE));
            insert.executeUpdate();
          } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
              throw displayNameTaken(displayName);
            }
            throw e;
          }
          List<String> added = addMembers(connection, tenant, id, group.members());
          database.count(tenant, "Group", 1);
          ScimResource created = read(connection, tenant, id, Projection.DEFAULT).orElseThrow();
          if (database.changeFeed()) {
            database.record(
                ChangeLog.Change.of(
                    tenant,
                    "Group",
                    id,
                    Versions.parse(created.version()),
                    Operation.CREATED,
                    ChangeLog.presentAttributes(created),
                    added,
                    List.of()));
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

  /**
   * Replaces the group's attributes. Its members change only when the resource carries {@code
   * members} (the engine always sends them, an empty list included, when they are to change); then
   * the stored members are brought to that list by deleting and inserting the difference.
   */
  @Override
  public ScimResource replace(ReplaceRequest request) {
    String tenant = request.context().tenant();
    String id = request.id();
    Group group = Group.of(request.resource());
    String displayName = displayName(group);
    String expected = request.expectedVersion();
    boolean withMembers = request.resource().get("members") != null;
    Instant now = database.now();
    return database.inTransaction(
        connection -> {
          // The feed names the attributes that change: read them as they are, under the row lock.
          ScimResource before = database.changeFeed() ? lockAndRead(connection, tenant, id) : null;
          int updated;
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE scim_groups SET version = version + 1, last_modified = ?,"
                      + " display_name = ?, external_id = ?, other_attributes = ?"
                      + " WHERE tenant = ? AND id = ?"
                      + (expected == null ? "" : " AND version = ?"))) {
            Database.setInstant(update, 1, now);
            update.setString(2, displayName);
            Database.setText(update, 3, group.externalId().orElse(null));
            Database.setText(
                update, 4, OtherAttributes.of(group.resource(), GroupTable.STORED_ELSEWHERE));
            update.setString(5, tenant);
            update.setString(6, id);
            if (expected != null) {
              update.setLong(7, Versions.parse(expected));
            }
            updated = update.executeUpdate();
          } catch (SQLException e) {
            if (Database.isUniqueViolation(e)) {
              throw displayNameTaken(displayName);
            }
            throw e;
          }
          if (updated == 0) {
            throw missingOrChanged(connection, tenant, id, expected);
          }
          MemberChanges members =
              withMembers
                  ? syncMembers(connection, tenant, id, group.members())
                  : MemberChanges.NONE;
          Projection projection =
              withMembers ? Projection.DEFAULT : Projection.excluding("members");
          ScimResource replaced = read(connection, tenant, id, projection).orElseThrow();
          if (before != null) {
            List<String> changed = new ArrayList<>(ChangeLog.changedAttributes(before, replaced));
            changed.remove("members"); // read before without them; they changed if these say so
            if (!members.isEmpty()) {
              changed.add("members");
            }
            database.record(
                ChangeLog.Change.of(
                    tenant,
                    "Group",
                    id,
                    Versions.parse(replaced.version()),
                    Operation.REPLACED,
                    changed,
                    members.added(),
                    members.removed()));
          }
          return replaced;
        });
  }

  @Override
  public MembershipResult updateMembers(MembershipRequest request) {
    String tenant = request.context().tenant();
    String id = request.groupId();
    String expected = request.expectedVersion();
    Instant now = database.now();
    return database.inTransaction(
        connection -> {
          // The group's row lock makes concurrent changes to one group take turns.
          Meta meta = lock(connection, tenant, id);
          if (expected != null && Versions.parse(expected) != Versions.parse(meta.version())) {
            throw missingOrChanged(connection, tenant, id, expected);
          }
          int changed = 0;
          List<String> removed = new ArrayList<>();
          if (request.removeAll()) {
            if (database.changeFeed()) {
              removed.addAll(memberIds(connection, tenant, id));
            }
            try (PreparedStatement delete =
                connection.prepareStatement(
                    "DELETE FROM scim_group_members WHERE tenant = ? AND group_id = ?")) {
              delete.setString(1, tenant);
              delete.setString(2, id);
              changed += delete.executeUpdate();
            }
          }
          List<String> removedNow = removeMembers(connection, tenant, id, request.removed());
          removed.addAll(removedNow);
          List<String> added = addMembers(connection, tenant, id, request.added());
          changed += removedNow.size() + added.size();
          if (changed == 0) {
            return new MembershipResult(meta);
          }
          long version = Versions.parse(meta.version()) + 1;
          try (PreparedStatement bump =
              connection.prepareStatement(
                  "UPDATE scim_groups SET version = ?, last_modified = ?"
                      + " WHERE tenant = ? AND id = ?")) {
            bump.setLong(1, version);
            Database.setInstant(bump, 2, now);
            bump.setString(3, tenant);
            bump.setString(4, id);
            bump.executeUpdate();
          }
          if (database.changeFeed()) {
            MemberChanges net = MemberChanges.net(added, removed);
            database.record(
                ChangeLog.Change.of(
                    tenant,
                    "Group",
                    id,
                    version,
                    Operation.MEMBERS,
                    List.of("members"),
                    net.added(),
                    net.removed()));
          }
          return new MembershipResult(
              meta.withVersion(Versions.format(version)).withLastModified(now));
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
          // The feed tells the members it had, which lose the group: read under its row lock,
          // which membership changes take too.
          List<String> members = List.of();
          if (database.changeFeed()) {
            lock(connection, tenant, id);
            members = memberIds(connection, tenant, id);
          }
          try (PreparedStatement delete =
              connection.prepareStatement(
                  "DELETE FROM scim_groups WHERE tenant = ? AND id = ?"
                      + (expected == null ? "" : " AND version = ?"))) {
            delete.setString(1, tenant);
            delete.setString(2, id);
            if (expected != null) {
              delete.setLong(3, Versions.parse(expected));
            }
            if (delete.executeUpdate() == 0) {
              throw missingOrChanged(connection, tenant, id, expected);
            }
          }
          database.count(tenant, "Group", -1);
          database.record(
              ChangeLog.Change.of(
                  tenant, "Group", id, null, Operation.DELETED, List.of(), List.of(), members));
          // Its own member rows go by ON DELETE CASCADE; as a member of other groups, here.
          removeMemberEverywhere(database, connection, tenant, id, now);
          return null;
        });
  }

  // ---- membership ---------------------------------------------------------------------------

  /**
   * Removes {@code memberId} from every group of the tenant, bumping those groups' versions: for a
   * deleted user or group. Records a {@link Operation#MEMBERS} event for each of those groups.
   */
  static void removeMemberEverywhere(
      Database database, Connection connection, String tenant, String memberId, Instant now)
      throws SQLException {
    try (PreparedStatement bump =
        connection.prepareStatement(
            "UPDATE scim_groups SET version = version + 1, last_modified = ?"
                + " WHERE tenant = ? AND id IN (SELECT group_id FROM scim_group_members"
                + " WHERE tenant = ? AND member_id = ?)")) {
      Database.setInstant(bump, 1, now);
      bump.setString(2, tenant);
      bump.setString(3, tenant);
      bump.setString(4, memberId);
      bump.executeUpdate();
    }
    if (database.changeFeed()) {
      recordRemovedEverywhere(database, connection, tenant, memberId);
    }
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM scim_group_members WHERE tenant = ? AND member_id = ?")) {
      delete.setString(1, tenant);
      delete.setString(2, memberId);
      delete.executeUpdate();
    }
  }

  /** A membership event, with the group's new version, for each group {@code memberId} is in. */
  private static void recordRemovedEverywhere(
      Database database, Connection connection, String tenant, String memberId)
      throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT g.id, g.version FROM scim_groups g WHERE g.tenant = ? AND g.id IN"
                + " (SELECT m.group_id FROM scim_group_members m"
                + " WHERE m.tenant = ? AND m.member_id = ?) ORDER BY g.id")) {
      select.setString(1, tenant);
      select.setString(2, tenant);
      select.setString(3, memberId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          database.record(
              ChangeLog.Change.of(
                  tenant,
                  "Group",
                  rows.getString(1),
                  rows.getLong(2),
                  Operation.MEMBERS,
                  List.of("members"),
                  List.of(),
                  List.of(memberId)));
        }
      }
    }
  }

  /** The ids of the group's members, in id order. */
  private static List<String> memberIds(Connection connection, String tenant, String groupId)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT member_id FROM scim_group_members WHERE tenant = ? AND group_id = ?"
                + " ORDER BY member_id")) {
      select.setString(1, tenant);
      select.setString(2, groupId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    return ids;
  }

  /** The member ids a change added and removed. */
  private record MemberChanges(List<String> added, List<String> removed) {
    static final MemberChanges NONE = new MemberChanges(List.of(), List.of());

    /** What changed in the end, when {@code removed} went first and {@code added} after. */
    static MemberChanges net(List<String> added, List<String> removed) {
      Set<String> addedSet = new HashSet<>(added);
      Set<String> removedSet = new HashSet<>(removed);
      return new MemberChanges(
          added.stream().filter(id -> !removedSet.contains(id)).toList(),
          removed.stream().filter(id -> !addedSet.contains(id)).toList());
    }

    boolean isEmpty() {
      return added.isEmpty() && removed.isEmpty();
    }
  }

  /** Ids a membership statement binds at most, as one array: larger lists take more statements. */
  static final int IDS_PER_STATEMENT = 5_000;

  /**
   * Deletes the members with these ids; returns those that were members.
   *
   * <p>On PostgreSQL one {@code DELETE ... member_id = ANY(?) RETURNING member_id} per {@link
   * #IDS_PER_STATEMENT} ids: {@code = ANY} over an array is an index condition on the primary key
   * {@code (tenant, group_id, member_id)}, so the plan is the same index probes whatever the
   * statistics say. H2 2.3 tests {@code = ANY(?)} (and {@code IN (SELECT ...)}) against every
   * member of the group instead of looking each id up in the primary key, 100,000 rows for Entra's
   * removal of one member from a big group; there one {@code DELETE} per id goes in a JDBC batch,
   * which costs an embedded database no round trips.
   */
  private List<String> removeMembers(
      Connection connection, String tenant, String groupId, List<String> memberIds)
      throws SQLException {
    if (memberIds.isEmpty()) {
      return List.of();
    }
    if (database.dialect() == Migrations.Dialect.POSTGRESQL) {
      List<String> removed = new ArrayList<>();
      try (PreparedStatement delete =
          connection.prepareStatement(
              "DELETE FROM scim_group_members WHERE tenant = ? AND group_id = ?"
                  + " AND member_id = ANY(?) RETURNING member_id")) {
        for (List<String> chunk : chunks(memberIds)) {
          delete.setString(1, tenant);
          delete.setString(2, groupId);
          Database.bindIds(delete, 3, chunk);
          readIds(delete, removed);
        }
      }
      return removed;
    }
    try (PreparedStatement delete =
        connection.prepareStatement(
            "DELETE FROM scim_group_members WHERE tenant = ? AND group_id = ? AND member_id = ?")) {
      for (String memberId : memberIds) {
        delete.setString(1, tenant);
        delete.setString(2, groupId);
        delete.setString(3, memberId);
        delete.addBatch();
      }
      return changedIds(memberIds, delete.executeBatch());
    }
  }

  // Adds, of a list of ids, those that are users (or groups) of the tenant and not yet members.
  // Each id is looked up by the primary key of scim_users (scim_groups) and of scim_group_members.
  private static final String ADD_USERS =
      "INSERT INTO scim_group_members (tenant, group_id, member_id, member_type)"
          + " SELECT u.tenant, ?, u.id, 'User' FROM "
          + Database.IDS
          + " JOIN scim_users u ON u.tenant = ? AND u.id = ids.id"
          + " WHERE NOT EXISTS (SELECT 1 FROM scim_group_members m"
          + " WHERE m.tenant = u.tenant AND m.group_id = ? AND m.member_id = u.id)";
  private static final String ADD_GROUPS =
      "INSERT INTO scim_group_members (tenant, group_id, member_id, member_type)"
          + " SELECT g.tenant, ?, g.id, 'Group' FROM "
          + Database.IDS
          + " JOIN scim_groups g ON g.tenant = ? AND g.id = ids.id"
          + " WHERE g.id <> ? AND NOT EXISTS (SELECT 1 FROM scim_group_members m"
          + " WHERE m.tenant = g.tenant AND m.group_id = ? AND m.member_id = g.id)";

  /**
   * Adds members by id, one {@code INSERT ... SELECT} over the list of ids (per {@link
   * #IDS_PER_STATEMENT}) that returns the ids it inserted: as users unless the client said {@code
   * "type": "Group"}, then as groups for the ids that are no user.
   *
   * @return the ids of those that were not members before
   * @throws ScimException 400 {@code invalidValue} naming the first id that is neither a user nor a
   *     group of the tenant
   */
  private List<String> addMembers(
      Connection connection, String tenant, String groupId, Collection<ResourceRef> members)
      throws SQLException {
    if (members.isEmpty()) {
      return List.of();
    }
    Map<String, ResourceRef> byId = new LinkedHashMap<>();
    members.forEach(member -> byId.putIfAbsent(member.value(), member));
    List<String> asUsers = new ArrayList<>();
    List<String> asGroups = new ArrayList<>();
    for (ResourceRef member : byId.values()) {
      (isGroup(member) ? asGroups : asUsers).add(member.value());
    }
    List<String> notAdded = new ArrayList<>();
    Set<String> addedUsers = insertAll(connection, false, tenant, groupId, asUsers);
    for (String id : asUsers) {
      if (!addedUsers.contains(id)) {
        (byId.get(id).type() == null ? asGroups : notAdded).add(id);
      }
    }
    Set<String> addedGroups = insertAll(connection, true, tenant, groupId, asGroups);
    for (String id : asGroups) {
      if (!addedGroups.contains(id)) {
        notAdded.add(id);
      }
    }
    if (!notAdded.isEmpty()) {
      Set<String> present = presentMembers(connection, tenant, groupId, notAdded);
      for (String id : notAdded) {
        if (!present.contains(id)) {
          throw ScimException.invalidValue(
              "Cannot add member '"
                  + id
                  + "' to group "
                  + groupId
                  + ": no user or group of this tenant has that id");
        }
      }
    }
    database.added(Statistics.Tables.GROUPS, addedUsers.size() + addedGroups.size());
    List<String> added = new ArrayList<>(addedUsers.size() + addedGroups.size());
    for (String id : byId.keySet()) {
      if (addedUsers.contains(id) || addedGroups.contains(id)) {
        added.add(id);
      }
    }
    return added;
  }

  /** Runs {@link #ADD_GROUPS} or {@link #ADD_USERS} for {@code memberIds}; the ids it added. */
  private Set<String> insertAll(
      Connection connection,
      boolean asGroups,
      String tenant,
      String groupId,
      List<String> memberIds)
      throws SQLException {
    if (memberIds.isEmpty()) {
      return Set.of();
    }
    List<String> added = new ArrayList<>();
    try (PreparedStatement statement =
        connection.prepareStatement(
            database.dialect().returning(asGroups ? ADD_GROUPS : ADD_USERS, "member_id"))) {
      for (List<String> chunk : chunks(memberIds)) {
        statement.setString(1, groupId);
        Database.bindIds(statement, 2, chunk);
        statement.setString(3, tenant);
        statement.setString(4, groupId);
        if (asGroups) {
          statement.setString(5, groupId);
        }
        readIds(statement, added);
      }
    }
    return new HashSet<>(added);
  }

  /** Runs {@code statement}, a query of one column of ids, adding them to {@code ids}. */
  private static void readIds(PreparedStatement statement, List<String> ids) throws SQLException {
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getString(1));
      }
    }
  }

  /** {@code ids} in runs of at most {@link #IDS_PER_STATEMENT}. */
  private static List<List<String>> chunks(List<String> ids) {
    List<List<String>> chunks = new ArrayList<>();
    for (int from = 0; from < ids.size(); from += IDS_PER_STATEMENT) {
      chunks.add(ids.subList(from, Math.min(ids.size(), from + IDS_PER_STATEMENT)));
    }
    return chunks;
  }

  /** Which of {@code memberIds} are members already. */
  private static Set<String> presentMembers(
      Connection connection, String tenant, String groupId, List<String> memberIds)
      throws SQLException {
    Set<String> present = new HashSet<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT m.member_id FROM "
                + Database.IDS
                + " LEFT JOIN scim_group_members m"
                + " ON m.tenant = ? AND m.group_id = ? AND m.member_id = ids.id")) {
      Database.bindIds(select, 1, memberIds);
      select.setString(2, tenant);
      select.setString(3, groupId);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String member = rows.getString(1);
          if (member != null) { // null: not a member (the outer join's row of nulls)
            present.add(member);
          }
        }
      }
    }
    return present;
  }

  /**
   * Brings the members to {@code wanted}: a PUT, or Okta's replace of the whole list. Returns the
   * ids added and removed.
   */
  private MemberChanges syncMembers(
      Connection connection, String tenant, String groupId, List<ResourceRef> wanted)
      throws SQLException {
    Set<String> current = new HashSet<>(memberIds(connection, tenant, groupId));
    Set<String> wantedIds = new HashSet<>();
    List<ResourceRef> toAdd = new ArrayList<>();
    for (ResourceRef member : wanted) {
      if (wantedIds.add(member.value()) && !current.contains(member.value())) {
        toAdd.add(member);
      }
    }
    List<String> toRemove = current.stream().filter(id -> !wantedIds.contains(id)).toList();
    List<String> removed = removeMembers(connection, tenant, groupId, toRemove);
    return new MemberChanges(addMembers(connection, tenant, groupId, toAdd), removed);
  }

  // ---- rows ---------------------------------------------------------------------------------

  private static Optional<ScimResource> read(
      Connection connection, String tenant, String id, Projection projection) throws SQLException {
    GroupTable.Row row;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + GroupTable.SELECT_COLUMNS
                + " FROM scim_groups g WHERE g.tenant = ? AND g.id = ?")) {
      select.setString(1, tenant);
      select.setString(2, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        row = GroupTable.readRow(rows);
      }
    }
    return Optional.of(GroupTable.complete(connection, tenant, List.of(row), projection).get(0));
  }

  /**
   * Locks the group's row until the transaction ends and reads it without members; null if there is
   * none.
   */
  private static ScimResource lockAndRead(Connection connection, String tenant, String id)
      throws SQLException {
    return Database.lockRow(connection, "scim_groups", tenant, id)
        ? read(connection, tenant, id, Projection.excluding("members")).orElseThrow()
        : null;
  }

  /** Locks the group's row until the transaction ends and returns its metadata; 404 if none. */
  private static Meta lock(Connection connection, String tenant, String id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT version, created, last_modified FROM scim_groups"
                + " WHERE tenant = ? AND id = ? FOR UPDATE")) {
      select.setString(1, tenant);
      select.setString(2, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          throw ScimException.notFound("Group " + id + " not found");
        }
        return new Meta(
            "Group",
            Database.instant(rows, "created"),
            Database.instant(rows, "last_modified"),
            null,
            Versions.format(rows.getLong("version")));
      }
    }
  }

  private static ScimException missingOrChanged(
      Connection connection, String tenant, String id, String expected) throws SQLException {
    return JdbcUserRepository.missingOrChanged(
        connection, "scim_groups", "Group", tenant, id, expected);
  }

  private static boolean isGroup(ResourceRef member) {
    return "Group".equalsIgnoreCase(member.type());
  }

  /** The ids whose statement of a batch changed a row. */
  private static List<String> changedIds(List<String> ids, int[] counts) {
    List<String> changed = new ArrayList<>();
    for (int i = 0; i < counts.length; i++) {
      // A driver may report success without a count; count it as a change.
      if (counts[i] == Statement.SUCCESS_NO_INFO || counts[i] > 0) {
        changed.add(ids.get(i));
      }
    }
    return changed;
  }

  private static String displayName(Group group) {
    return group
        .displayName()
        .orElseThrow(() -> ScimException.invalidValue("A group needs a displayName"));
  }

  private static ScimException displayNameTaken(String displayName) {
    return ScimException.uniqueness(
        "displayName '"
            + displayName
            + "' is taken by another group in this tenant (it is unique ignoring case)");
  }
}
