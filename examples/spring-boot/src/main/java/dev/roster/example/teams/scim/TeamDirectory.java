package dev.roster.example.teams.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.filter.SqlMapping;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SCIM Groups over the application's own {@code team} and {@code team_member} tables. Membership
 * changes arrive as deltas and become single INSERT and DELETE statements, so a large team costs no
 * more to change than a small one; members are read only when the response carries them.
 */
public final class TeamDirectory extends TableDirectory<TeamDirectory.Row>
    implements GroupRepository {
  private static final String COLUMNS =
      "SELECT t.id, t.title, t.external_ref, t.created_at, t.updated_at, t.row_version";

  private static final SqlMapping MAPPING =
      SqlMapping.builder()
          .column("id", "t.id")
          .foldedColumn("displayName", "t.title_key")
          .column("externalId", "t.external_ref")
          .column("meta.created", "t.created_at")
          .column("meta.lastModified", "t.updated_at")
          .table("members", "team_member", "m", "m.team_id = t.id")
          .column("members.value", "m.user_id")
          .build();

  /**
   * @param schema the Group schema the server serves (what filters and sorting may name)
   */
  public TeamDirectory(JdbcTemplate jdbc, TransactionTemplate transactions, ResourceSchema schema) {
    super(jdbc, transactions, schema, MAPPING, COLUMNS, "team", "t");
  }

  /** A row of {@code team}. */
  record Row(
      String id,
      String title,
      String externalRef,
      Instant created,
      Instant updated,
      long version) {}

  @Override
  public ScimResource create(CreateRequest request) {
    ScimResource group = request.resource();
    String title = text(group.get("displayName"));
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    transactions.executeWithoutResult(
        status -> {
          try {
            jdbc.update(
                "INSERT INTO team (id, title, title_key, external_ref, created_at, updated_at,"
                    + " row_version) VALUES (?, ?, ?, ?, ?, ?, 1)",
                id,
                title,
                title.toLowerCase(Locale.ROOT),
                text(group.get("externalId")),
                timestamp(now),
                timestamp(now));
          } catch (DuplicateKeyException e) {
            throw ScimException.uniqueness("displayName " + title + " is taken");
          }
          addMembers(id, memberIds(group.get("members")));
        });
    return read(id, Projection.DEFAULT).orElseThrow();
  }

  @Override
  public ScimResource replace(ReplaceRequest request) {
    ScimResource group = request.resource();
    String title = text(group.get("displayName"));
    JsonNode members = group.get("members");
    transactions.executeWithoutResult(
        status -> {
          int changed;
          try {
            changed =
                jdbc.update(
                    "UPDATE team SET title = ?, title_key = ?, external_ref = ?, updated_at = ?,"
                        + " row_version = row_version + 1 WHERE id = ?"
                        + Versions.condition(request.expectedVersion()),
                    Versions.arguments(
                        request.expectedVersion(),
                        title,
                        title.toLowerCase(Locale.ROOT),
                        text(group.get("externalId")),
                        timestamp(Instant.now()),
                        request.id()));
          } catch (DuplicateKeyException e) {
            throw ScimException.uniqueness("displayName " + title + " is taken");
          }
          if (changed == 0) {
            throw notWritten(request.id());
          }
          // GroupRepository.replace: a members key replaces the members, no key keeps them.
          if (members != null) {
            jdbc.update("DELETE FROM team_member WHERE team_id = ?", request.id());
            addMembers(request.id(), memberIds(members));
          }
        });
    return read(request.id(), Projection.DEFAULT).orElseThrow();
  }

  @Override
  public void delete(DeleteRequest request) {
    int deleted =
        jdbc.update(
            "DELETE FROM team WHERE id = ?" + Versions.condition(request.expectedVersion()),
            Versions.arguments(request.expectedVersion(), request.id()));
    if (deleted == 0) {
      throw notWritten(request.id());
    }
  }

  @Override
  public MembershipResult updateMembers(MembershipRequest request) {
    MemberDelta delta = request.delta();
    String id = request.groupId();
    return transactions.execute(
        status -> {
          // Bumping the version first takes the team's row lock, so concurrent deltas of one team
          // apply one after another, and a stale If-Match changes nothing.
          int bumped =
              jdbc.update(
                  "UPDATE team SET row_version = row_version + 1, updated_at = ? WHERE id = ?"
                      + Versions.condition(request.expectedVersion()),
                  Versions.arguments(request.expectedVersion(), timestamp(Instant.now()), id));
          if (bumped == 0) {
            throw notWritten(id);
          }
          if (delta.removeAll()) {
            jdbc.update("DELETE FROM team_member WHERE team_id = ?", id);
          }
          if (!delta.removed().isEmpty()) {
            jdbc.batchUpdate(
                "DELETE FROM team_member WHERE team_id = ? AND user_id = ?",
                delta.removed().stream().map(user -> new Object[] {id, user}).toList());
          }
          addMembers(id, delta.added().stream().map(ResourceRef::value).toList());
          Row row = readRow(id).orElseThrow();
          return new MembershipResult(
              new Meta("Group", row.created(), row.updated(), null, Long.toString(row.version())));
        });
  }

  /**
   * Adds members that are not members yet, in batches; an id that names no user is a 400 and the
   * transaction it runs in changes nothing.
   */
  private void addMembers(String teamId, Collection<String> userIds) {
    Set<String> ids = new LinkedHashSet<>(userIds);
    if (ids.isEmpty()) {
      return;
    }
    String marks = String.join(", ", Collections.nCopies(ids.size(), "?"));
    Integer known =
        jdbc.queryForObject(
            "SELECT COUNT(*) FROM app_user WHERE id IN (" + marks + ")",
            Integer.class,
            ids.toArray());
    if (known == null || known != ids.size()) {
      throw ScimException.invalidValue("A member of the group is not a user of this application");
    }
    jdbc.batchUpdate(
        "INSERT INTO team_member (team_id, user_id) SELECT ?, ? WHERE NOT EXISTS"
            + " (SELECT 1 FROM team_member WHERE team_id = ? AND user_id = ?)",
        ids.stream().map(user -> new Object[] {teamId, user, teamId, user}).toList());
  }

  /** The rows as SCIM Groups, with their members (one query for all of them) when asked for. */
  @Override
  List<ScimResource> resources(List<Row> rows, Projection projection) {
    boolean members = projection.includes("members");
    Map<String, List<ObjectNode>> byTeam = members ? membersOf(rows) : Map.of();
    List<ScimResource> resources = new ArrayList<>(rows.size());
    for (Row row : rows) {
      resources.add(resource(row, members ? byTeam.getOrDefault(row.id(), List.of()) : null));
    }
    return resources;
  }

  private Map<String, List<ObjectNode>> membersOf(List<Row> rows) {
    Map<String, List<ObjectNode>> byTeam = new LinkedHashMap<>();
    if (rows.isEmpty()) {
      return byTeam;
    }
    String marks = String.join(", ", Collections.nCopies(rows.size(), "?"));
    jdbc.query(
        "SELECT m.team_id, u.id, u.login_name FROM team_member m JOIN app_user u"
            + " ON u.id = m.user_id WHERE m.team_id IN ("
            + marks
            + ") ORDER BY u.login_key",
        rs -> {
          ObjectNode member = JsonNodeFactory.instance.objectNode();
          member.put("value", rs.getString(2));
          member.put("display", rs.getString(3));
          member.put("type", "User");
          byTeam.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(member);
        },
        rows.stream().map(Row::id).toArray());
    return byTeam;
  }

  /**
   * @param members the members to show, or null when the response leaves them out
   */
  private static ScimResource resource(Row row, List<ObjectNode> members) {
    ObjectNode group = JsonNodeFactory.instance.objectNode();
    group.putArray("schemas").add(SchemaUrns.GROUP);
    group.put("id", row.id());
    group.put("displayName", row.title());
    if (row.externalRef() != null) {
      group.put("externalId", row.externalRef());
    }
    if (members != null && !members.isEmpty()) {
      ArrayNode list = group.putArray("members");
      members.forEach(list::add);
    }
    ObjectNode meta = group.putObject("meta");
    meta.put("resourceType", "Group");
    meta.put("created", row.created().toString());
    meta.put("lastModified", row.updated().toString());
    meta.put("version", Long.toString(row.version()));
    return ScimResource.fromJson(group);
  }

  @Override
  Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("id"),
        rs.getString("title"),
        rs.getString("external_ref"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getLong("row_version"));
  }

  private static List<String> memberIds(JsonNode members) {
    List<String> ids = new ArrayList<>();
    if (members != null && members.isArray()) {
      members.forEach(member -> ids.add(member.path("value").asText()));
    }
    return ids;
  }

  private static String text(JsonNode value) {
    return value == null || value.isNull() ? null : value.asText();
  }
}
