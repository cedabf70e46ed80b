package dev.roster.scim.jdbc;

import static dev.roster.scim.jdbc.Database.instant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.internal.ResourceTrees;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.filter.SqlMapping;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How a Group resource is laid out in {@code scim_groups} and {@code scim_group_members}, and where
 * filters and sorting find each attribute.
 */
final class GroupTable {
  /** Top-level members (lower case) kept in columns or in the membership table. */
  static final Set<String> STORED_ELSEWHERE =
      Set.of("schemas", "id", "meta", "externalid", "displayname", "members");

  static final String SELECT_COLUMNS =
      "g.id, g.version, g.created, g.last_modified, g.display_name, g.external_id,"
          + " g.other_attributes";

  /**
   * Where filters and sorting find group attributes; {@code members.display} is filtered in memory.
   * On H2 {@code displayName} compares through the indexed generated column {@code
   * display_name_key} (see {@link UserTable#filterMapping}).
   */
  static SqlMapping filterMapping(Migrations.Dialect dialect) {
    SqlMapping.Builder mapping = SqlMapping.builder();
    if (dialect == Migrations.Dialect.H2) {
      mapping.foldedColumn("displayName", "g.display_name_key");
    } else {
      mapping.column("displayName", "g.display_name");
    }
    return mapping
        .column("id", "g.id")
        .column("externalId", "g.external_id")
        .column("meta.created", "g.created")
        .column("meta.lastModified", "g.last_modified")
        .table("members", "scim_group_members", "m", "m.tenant = g.tenant AND m.group_id = g.id")
        .column("members.value", "m.member_id")
        .column("members.type", "m.member_type")
        .build();
  }

  private GroupTable() {}

  /** One {@code scim_groups} row, read, waiting for its members. */
  record Row(String id, Group.Builder group, String otherAttributes) {}

  /** Reads the row {@code rows} is on, selected with {@link #SELECT_COLUMNS}. */
  static Row readRow(ResultSet rows) throws SQLException {
    String id = rows.getString("id");
    Group.Builder group =
        Group.builder()
            .id(id)
            .externalId(rows.getString("external_id"))
            .displayName(rows.getString("display_name"))
            .meta(
                new Meta(
                    "Group",
                    instant(rows, "created"),
                    instant(rows, "last_modified"),
                    null,
                    Versions.format(rows.getLong("version"))));
    return new Row(id, group, rows.getString("other_attributes"));
  }

  /**
   * Completes the rows, in the order given, reading members only if {@code projection} includes
   * them: Entra ID reads groups with {@code excludedAttributes=members}, and then the membership
   * table is not touched.
   */
  static List<ScimResource> complete(
      Connection connection, String tenant, List<Row> rows, Projection projection)
      throws SQLException {
    Map<String, List<ResourceRef>> members =
        projection.includes("members") && !rows.isEmpty()
            ? readMembers(connection, tenant, rows.stream().map(Row::id).toList())
            : Map.of();
    List<ScimResource> resources = new ArrayList<>(rows.size());
    for (Row row : rows) {
      List<ResourceRef> groupMembers = members.get(row.id());
      if (groupMembers != null) {
        row.group().members(groupMembers);
      }
      ObjectNode group = row.group().build().toJson();
      OtherAttributes.merge(group, row.otherAttributes(), row.id());
      resources.add(ResourceTrees.adopt(group)); // a copy made here, which nothing else holds
    }
    return resources;
  }

  /** The members of each group, with the member's name as {@code display}. */
  private static Map<String, List<ResourceRef>> readMembers(
      Connection connection, String tenant, List<String> groupIds) throws SQLException {
    Map<String, List<ResourceRef>> byGroup = new HashMap<>();
    String sql =
        "SELECT m.group_id, m.member_id, m.member_type,"
            + " COALESCE(u.display_name, u.user_name, g.display_name) AS display"
            + " FROM "
            + Database.IDS
            + " LEFT JOIN scim_group_members m ON m.tenant = ? AND m.group_id = ids.id"
            + " LEFT JOIN scim_users u ON m.member_type = 'User'"
            + " AND u.tenant = m.tenant AND u.id = m.member_id"
            + " LEFT JOIN scim_groups g ON m.member_type = 'Group'"
            + " AND g.tenant = m.tenant AND g.id = m.member_id"
            + " ORDER BY m.group_id, m.member_id";
    try (PreparedStatement select = connection.prepareStatement(sql)) {
      Database.bindIds(select, 1, groupIds);
      select.setString(2, tenant);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String owner = rows.getString("group_id");
          if (owner == null) {
            continue; // an id without rows here: the outer join's row of nulls
          }
          byGroup
              .computeIfAbsent(owner, k -> new ArrayList<>())
              .add(
                  new ResourceRef(
                      rows.getString("member_id"),
                      null,
                      rows.getString("display"),
                      rows.getString("member_type")));
        }
      }
    }
    return byGroup;
  }
}
