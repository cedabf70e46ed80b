package dev.roster.scim.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.jdbc.ChangeEvent.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the change feed's events: the repositories {@linkplain Database#record record} them while
 * they change rows, and {@link Database} appends them with {@link #append} as the last step of the
 * transaction, just before its commit.
 *
 * <p><b>Commit order.</b> {@link #append} first updates the single row of {@code
 * scim_change_counter} by the number of events, then inserts the events at the positions it
 * reserved. The row lock that update takes is held until the transaction commits or rolls back, so
 * a second writing transaction reaches the counter only after the first has committed, reads the
 * value the first left, and gets higher positions: positions are handed out in commit order, and a
 * rolled-back transaction gives its positions back with its rows. Hence the feed is dense (no
 * position is skipped) and a consumer that has read every event up to {@code p} can never meet, in
 * a later poll, an event committed afterwards at a position at or below {@code p}. (A sequence
 * would not do: a transaction that took 7 may commit after one that took 8, and a consumer that
 * read 8 would miss 7.) The price is that writing transactions take turns on that row from the
 * counter update to their commit, a short moment at the very end of each; reads never touch it.
 *
 * <p><b>Each tenant's positions.</b> Right after the counter, {@link #append} adds the number of
 * each tenant's events to the tenant's row of {@code scim_change_tenant_counters} and gives them
 * the tenant positions ({@code tenant_position}) it reserved there, which a {@link
 * TenantChangeFeed} reads. Only the holder of the counter's lock touches those rows, so a tenant's
 * positions too are dense and in commit order, and the first event of a tenant inserts its row
 * without a race.
 */
final class ChangeLog {
  /** At most this many member ids in one event; a larger change is split into several events. */
  static final int MAX_MEMBER_IDS = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {};
  private static final Set<String> NOT_ATTRIBUTES = Set.of("id", "meta", "schemas");

  private ChangeLog() {}

  /** An event not yet appended: no position or time yet. */
  record Change(
      String tenant,
      String resourceType,
      String id,
      Long version,
      Operation operation,
      List<String> changedAttributes,
      List<String> addedMembers,
      List<String> removedMembers) {

    /**
     * The events of a change: one, or for a membership change of more than {@link #MAX_MEMBER_IDS}
     * ids, several of the same operation and version, each with the next ids.
     */
    static List<Change> of(
        String tenant,
        String resourceType,
        String id,
        Long version,
        Operation operation,
        List<String> changedAttributes,
        List<String> added,
        List<String> removed) {
      List<Change> changes = new ArrayList<>();
      int a = 0;
      int r = 0;
      do {
        int takeAdded = Math.min(added.size() - a, MAX_MEMBER_IDS);
        int takeRemoved = Math.min(removed.size() - r, MAX_MEMBER_IDS - takeAdded);
        changes.add(
            new Change(
                tenant,
                resourceType,
                id,
                version,
                operation,
                List.copyOf(changedAttributes),
                List.copyOf(added.subList(a, a + takeAdded)),
                List.copyOf(removed.subList(r, r + takeRemoved))));
        a += takeAdded;
        r += takeRemoved;
      } while (a < added.size() || r < removed.size());
      return changes;
    }
  }

  // ---- changed attributes -------------------------------------------------------------------

  /** Every attribute {@code resource} carries, as the paths of {@link ChangeEvent}. */
  static List<String> presentAttributes(ScimResource resource) {
    return List.copyOf(attributes(resource).keySet());
  }

  /** The attribute paths whose values differ between {@code before} and {@code after}. */
  static List<String> changedAttributes(ScimResource before, ScimResource after) {
    Map<String, JsonNode> old = attributes(before);
    Map<String, JsonNode> now = attributes(after);
    Set<String> paths = new LinkedHashSet<>(now.keySet());
    paths.addAll(old.keySet());
    List<String> changed = new ArrayList<>();
    for (String path : paths) {
      if (!Objects.equals(old.get(path), now.get(path))) {
        changed.add(path);
      }
    }
    return changed;
  }

  /** The attributes with a value, by path: extension attributes under {@code urn:attribute}. */
  private static Map<String, JsonNode> attributes(ScimResource resource) {
    Map<String, JsonNode> attributes = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> member : resource.toJson().properties()) {
      String name = member.getKey();
      JsonNode value = member.getValue();
      if (NOT_ATTRIBUTES.contains(name) || isEmpty(value)) {
        continue;
      }
      if (SchemaUrns.isUrn(name) && value.isObject()) {
        for (Map.Entry<String, JsonNode> inner : value.properties()) {
          if (!isEmpty(inner.getValue())) {
            attributes.put(name + ":" + inner.getKey(), inner.getValue());
          }
        }
      } else {
        attributes.put(name, value);
      }
    }
    return attributes;
  }

  private static boolean isEmpty(JsonNode value) {
    return value == null || value.isNull() || (value.isContainerNode() && value.isEmpty());
  }

  // ---- the tables ---------------------------------------------------------------------------

  /**
   * Appends {@code changes} at consecutive positions after the last committed one, each also at the
   * next position of its tenant; the caller commits right after. Nothing happens for no change.
   */
  static void append(
      Connection connection, Migrations.Dialect dialect, List<Change> changes, Instant now)
      throws SQLException {
    if (changes.isEmpty()) {
      return;
    }
    // Taken last and held to the commit: see the class comment.
    try (PreparedStatement bump =
        connection.prepareStatement(
            "UPDATE scim_change_counter SET position = position + ? WHERE id = 1")) {
      bump.setLong(1, changes.size());
      if (bump.executeUpdate() != 1) {
        throw new SQLException("scim_change_counter has no row 1; is the schema at version 5?");
      }
    }
    long first = latestPosition(connection) - changes.size() + 1;
    Map<String, Long> tenantPositions = reserveTenantPositions(connection, dialect, changes);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO scim_changes (position, tenant, resource_type, resource_id, version,"
                + " operation, changed_attributes, added_members, removed_members, recorded_at,"
                + " tenant_position) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      long position = first;
      for (Change change : changes) {
        insert.setLong(1, position++);
        insert.setString(2, change.tenant());
        insert.setString(3, change.resourceType());
        insert.setString(4, change.id());
        if (change.version() == null) {
          insert.setNull(5, Types.BIGINT);
        } else {
          insert.setLong(5, change.version());
        }
        insert.setString(6, change.operation().name());
        Database.setText(insert, 7, toJson(change.changedAttributes()));
        Database.setText(insert, 8, toJson(change.addedMembers()));
        Database.setText(insert, 9, toJson(change.removedMembers()));
        Database.setInstant(insert, 10, now);
        insert.setLong(11, tenantPositions.merge(change.tenant(), 1L, Long::sum));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * Adds each tenant's number of {@code changes} to its row of {@code scim_change_tenant_counters},
   * creating it for a tenant's first event.
   *
   * @return by tenant, the position before its first event of {@code changes}
   */
  private static Map<String, Long> reserveTenantPositions(
      Connection connection, Migrations.Dialect dialect, List<Change> changes) throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Change change : changes) {
      counts.merge(change.tenant(), 1L, Long::sum);
    }
    // Only the holder of scim_change_counter's row lock gets here: no other writer can insert a
    // tenant's first row at the same time.
    Map<String, Long> before = new LinkedHashMap<>();
    try (PreparedStatement bump =
        connection.prepareStatement(
            dialect.returning(
                "UPDATE scim_change_tenant_counters SET position = position + ? WHERE tenant = ?",
                "position"))) {
      for (Map.Entry<String, Long> count : counts.entrySet()) {
        bump.setLong(1, count.getValue());
        bump.setString(2, count.getKey());
        try (ResultSet rows = bump.executeQuery()) {
          if (rows.next()) {
            before.put(count.getKey(), rows.getLong(1) - count.getValue());
          }
        }
      }
    }
    if (before.size() < counts.size()) {
      try (PreparedStatement insert =
          connection.prepareStatement(
              "INSERT INTO scim_change_tenant_counters (tenant, position) VALUES (?, ?)")) {
        for (Map.Entry<String, Long> count : counts.entrySet()) {
          if (!before.containsKey(count.getKey())) {
            insert.setString(1, count.getKey());
            insert.setLong(2, count.getValue());
            insert.executeUpdate();
            before.put(count.getKey(), 0L);
          }
        }
      }
    }
    return before;
  }

  /** The position of the last event committed (or reserved by this transaction); 0 for none. */
  static long latestPosition(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement("SELECT position FROM scim_change_counter WHERE id = 1");
        ResultSet rows = select.executeQuery()) {
      if (!rows.next()) {
        throw new SQLException("scim_change_counter has no row 1; is the schema at version 5?");
      }
      return rows.getLong(1);
    }
  }

  /** Reads the event of the current row of a {@code SELECT} of every column of scim_changes. */
  static ChangeEvent readEvent(ResultSet rows) throws SQLException {
    long version = rows.getLong("version");
    String versionToken = rows.wasNull() ? null : Versions.format(version);
    return new ChangeEvent(
        rows.getLong("position"),
        rows.getString("tenant"),
        rows.getString("resource_type"),
        rows.getString("resource_id"),
        versionToken,
        Operation.valueOf(rows.getString("operation")),
        fromJson(rows.getString("changed_attributes")),
        fromJson(rows.getString("added_members")),
        fromJson(rows.getString("removed_members")),
        Database.instant(rows, "recorded_at"));
  }

  private static String toJson(List<String> values) {
    if (values.isEmpty()) {
      return null;
    }
    try {
      return JSON.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e); // a list of strings always writes
    }
  }

  private static List<String> fromJson(String json) {
    if (json == null || json.isEmpty()) {
      return List.of();
    }
    try {
      return JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A list in scim_changes is not a JSON array of strings", e);
    }
  }
}
