package dev.roster.example.teams.scim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.filter.SqlMapping;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * SCIM Users over the application's own {@code app_user} table: {@code userName} is {@code
 * login_name}, the work email and the mobile phone are one column each, and nothing else is stored
 * (the schema the server declares says exactly that, see {@code ScimSchemas}).
 */
public final class AppUserDirectory extends TableDirectory<AppUserDirectory.Row>
    implements UserRepository {
  private static final String COLUMNS =
      "SELECT u.id, u.login_name, u.external_id, u.is_active, u.first_name, u.last_name,"
          + " u.work_email, u.mobile_phone, u.created_at, u.updated_at, u.row_version";

  private static final SqlMapping MAPPING =
      SqlMapping.builder()
          .column("id", "u.id")
          .foldedColumn("userName", "u.login_key")
          .column("externalId", "u.external_id")
          .column("active", "u.is_active")
          .column("name.givenName", "u.first_name")
          .column("name.familyName", "u.last_name")
          .column("meta.created", "u.created_at")
          .column("meta.lastModified", "u.updated_at")
          .build();

  /**
   * @param schema the User schema the server serves (what filters and sorting may name)
   */
  public AppUserDirectory(
      JdbcTemplate jdbc, TransactionTemplate transactions, ResourceSchema schema) {
    super(jdbc, transactions, schema, MAPPING, COLUMNS, "app_user", "u");
  }

  /** A row of {@code app_user}. */
  record Row(
      String id,
      String loginName,
      String externalId,
      boolean active,
      String firstName,
      String lastName,
      String workEmail,
      String mobilePhone,
      Instant created,
      Instant updated,
      long version) {}

  @Override
  public ScimResource create(CreateRequest request) {
    Columns c = Columns.of(request.resource());
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    try {
      jdbc.update(
          "INSERT INTO app_user (id, login_name, login_key, external_id, is_active, first_name,"
              + " last_name, work_email, mobile_phone, created_at, updated_at, row_version)"
              + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
          id,
          c.loginName,
          c.loginName.toLowerCase(Locale.ROOT),
          c.externalId,
          c.active,
          c.firstName,
          c.lastName,
          c.workEmail,
          c.mobilePhone,
          timestamp(now),
          timestamp(now));
    } catch (DuplicateKeyException e) {
      throw ScimException.uniqueness("userName " + c.loginName + " is taken");
    }
    return read(id, Projection.DEFAULT).orElseThrow();
  }

  @Override
  public ScimResource replace(ReplaceRequest request) {
    Columns c = Columns.of(request.resource());
    String version = request.expectedVersion();
    int changed;
    try {
      changed =
          jdbc.update(
              "UPDATE app_user SET login_name = ?, login_key = ?, external_id = ?, is_active = ?,"
                  + " first_name = ?, last_name = ?, work_email = ?, mobile_phone = ?,"
                  + " updated_at = ?, row_version = row_version + 1 WHERE id = ?"
                  + Versions.condition(version),
              Versions.arguments(
                  version,
                  c.loginName,
                  c.loginName.toLowerCase(Locale.ROOT),
                  c.externalId,
                  c.active,
                  c.firstName,
                  c.lastName,
                  c.workEmail,
                  c.mobilePhone,
                  timestamp(Instant.now()),
                  request.id()));
    } catch (DuplicateKeyException e) {
      throw ScimException.uniqueness("userName " + c.loginName + " is taken");
    }
    if (changed == 0) {
      throw notWritten(request.id());
    }
    return read(request.id(), Projection.DEFAULT).orElseThrow();
  }

  @Override
  public void delete(DeleteRequest request) {
    transactions.executeWithoutResult(
        status -> {
          // The teams the user leaves change too.
          jdbc.update(
              "UPDATE team SET row_version = row_version + 1, updated_at = ? WHERE id IN"
                  + " (SELECT team_id FROM team_member WHERE user_id = ?)",
              timestamp(Instant.now()),
              request.id());
          int deleted =
              jdbc.update(
                  "DELETE FROM app_user WHERE id = ?"
                      + Versions.condition(request.expectedVersion()),
                  Versions.arguments(request.expectedVersion(), request.id()));
          if (deleted == 0) {
            throw notWritten(request.id());
          }
        });
  }

  /** The rows as SCIM Users, with {@code groups} (one query for all of them) when asked for. */
  @Override
  List<ScimResource> resources(List<Row> rows, Projection projection) {
    boolean groups = projection.includes("groups");
    Map<String, List<ObjectNode>> teams = groups ? teamsOf(rows) : Map.of();
    List<ScimResource> resources = new ArrayList<>(rows.size());
    for (Row row : rows) {
      resources.add(resource(row, teams.getOrDefault(row.id(), List.of())));
    }
    return resources;
  }

  private Map<String, List<ObjectNode>> teamsOf(List<Row> rows) {
    Map<String, List<ObjectNode>> teams = new LinkedHashMap<>();
    if (rows.isEmpty()) {
      return teams;
    }
    String marks = String.join(", ", java.util.Collections.nCopies(rows.size(), "?"));
    jdbc.query(
        "SELECT m.user_id, t.id, t.title FROM team_member m JOIN team t ON t.id = m.team_id"
            + " WHERE m.user_id IN ("
            + marks
            + ") ORDER BY t.title_key",
        rs -> {
          ObjectNode team = JsonNodeFactory.instance.objectNode();
          team.put("value", rs.getString(2));
          team.put("display", rs.getString(3));
          team.put("type", "direct");
          teams.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(team);
        },
        rows.stream().map(Row::id).toArray());
    return teams;
  }

  private static ScimResource resource(Row row, List<ObjectNode> teams) {
    ObjectNode user = JsonNodeFactory.instance.objectNode();
    user.putArray("schemas").add(SchemaUrns.USER);
    user.put("id", row.id());
    user.put("userName", row.loginName());
    if (row.externalId() != null) {
      user.put("externalId", row.externalId());
    }
    user.put("active", row.active());
    if (row.firstName() != null || row.lastName() != null) {
      ObjectNode name = user.putObject("name");
      putIfPresent(name, "givenName", row.firstName());
      putIfPresent(name, "familyName", row.lastName());
    }
    if (row.workEmail() != null) {
      user.putArray("emails")
          .addObject()
          .put("value", row.workEmail())
          .put("type", "work")
          .put("primary", true);
    }
    if (row.mobilePhone() != null) {
      user.putArray("phoneNumbers")
          .addObject()
          .put("value", row.mobilePhone())
          .put("type", "mobile");
    }
    if (!teams.isEmpty()) {
      ArrayNode groups = user.putArray("groups");
      teams.forEach(groups::add);
    }
    ObjectNode meta = user.putObject("meta");
    meta.put("resourceType", "User");
    meta.put("created", row.created().toString());
    meta.put("lastModified", row.updated().toString());
    meta.put("version", Long.toString(row.version()));
    return ScimResource.fromJson(user);
  }

  @Override
  Row row(ResultSet rs) throws SQLException {
    return new Row(
        rs.getString("id"),
        rs.getString("login_name"),
        rs.getString("external_id"),
        rs.getBoolean("is_active"),
        rs.getString("first_name"),
        rs.getString("last_name"),
        rs.getString("work_email"),
        rs.getString("mobile_phone"),
        rs.getTimestamp("created_at").toInstant(),
        rs.getTimestamp("updated_at").toInstant(),
        rs.getLong("row_version"));
  }

  private static void putIfPresent(ObjectNode object, String name, String value) {
    if (value != null) {
      object.put(name, value);
    }
  }

  /**
   * The columns a SCIM User fills: the work email is the element typed {@code work} (or the untyped
   * primary one), the mobile phone the one typed {@code mobile}; other values have no column and
   * are not kept.
   */
  private record Columns(
      String loginName,
      String externalId,
      boolean active,
      String firstName,
      String lastName,
      String workEmail,
      String mobilePhone) {

    static Columns of(ScimResource user) {
      JsonNode active = user.get("active");
      JsonNode name = user.get("name");
      return new Columns(
          text(user.get("userName")),
          text(user.get("externalId")),
          active == null || active.isNull() ? true : active.asBoolean(),
          name == null ? null : text(name.get("givenName")),
          name == null ? null : text(name.get("familyName")),
          typed(user.get("emails"), "work"),
          typed(user.get("phoneNumbers"), "mobile"));
    }

    private static String typed(JsonNode values, String type) {
      if (values == null || !values.isArray()) {
        return null;
      }
      for (JsonNode value : values) {
        if (type.equalsIgnoreCase(value.path("type").asText())) {
          return text(value.get("value"));
        }
      }
      for (JsonNode value : values) {
        if (value.path("type").isMissingNode() && value.path("primary").asBoolean(false)) {
          return text(value.get("value"));
        }
      }
      return null;
    }

    private static String text(JsonNode value) {
      return value == null || value.isNull() ? null : value.asText();
    }
  }
}
