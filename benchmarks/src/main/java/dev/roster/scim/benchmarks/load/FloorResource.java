package dev.roster.scim.benchmarks.load;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.roster.scim.core.spi.RequestContext;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The floor of a database-backed GET: a JAX-RS resource that answers {@code GET /floor/Users/{id}}
 * with the one row of {@code scim_users} that the primary key names, read by a single {@code
 * SELECT} through the store's own connection pool and written as a flat JSON object (column name to
 * value). No token, no engine, no child tables, no SCIM shape: whatever Roster's {@code GET
 * /Users/{id}} on the same database costs, it costs at least this much.
 *
 * <p>The tenant is the one the quickstart's {@code --token} authenticates as ({@link
 * RequestContext#SINGLE_TENANT}), so that the ids the load run seeded are found.
 */
@Path("/floor")
public final class FloorResource {
  private static final String SCIM_JSON = "application/scim+json";

  private static final JsonFactory JSON = new JsonFactory();

  /** How a column is read and written. */
  private enum Kind {
    TEXT,
    NUMBER,
    BOOLEAN,
    TIMESTAMP
  }

  /** A column of {@code scim_users} and how to read it. */
  private record Column(String name, Kind kind) {}

  /** Every column of {@code scim_users} but the tenant, as migration 1 creates them. */
  private static final List<Column> COLUMNS =
      List.of(
          new Column("id", Kind.TEXT),
          new Column("version", Kind.NUMBER),
          new Column("created", Kind.TIMESTAMP),
          new Column("last_modified", Kind.TIMESTAMP),
          new Column("user_name", Kind.TEXT),
          new Column("external_id", Kind.TEXT),
          new Column("display_name", Kind.TEXT),
          new Column("nick_name", Kind.TEXT),
          new Column("profile_url", Kind.TEXT),
          new Column("title", Kind.TEXT),
          new Column("user_type", Kind.TEXT),
          new Column("preferred_language", Kind.TEXT),
          new Column("locale", Kind.TEXT),
          new Column("timezone", Kind.TEXT),
          new Column("active", Kind.BOOLEAN),
          new Column("name_formatted", Kind.TEXT),
          new Column("family_name", Kind.TEXT),
          new Column("given_name", Kind.TEXT),
          new Column("middle_name", Kind.TEXT),
          new Column("honorific_prefix", Kind.TEXT),
          new Column("honorific_suffix", Kind.TEXT),
          new Column("employee_number", Kind.TEXT),
          new Column("cost_center", Kind.TEXT),
          new Column("organization", Kind.TEXT),
          new Column("division", Kind.TEXT),
          new Column("department", Kind.TEXT),
          new Column("manager_id", Kind.TEXT),
          new Column("manager_ref", Kind.TEXT),
          new Column("manager_display_name", Kind.TEXT),
          new Column("other_attributes", Kind.TEXT));

  /** The primary-key lookup, with bind parameters for the tenant and the id. */
  static final String SELECT =
      "SELECT "
          + COLUMNS.stream().map(Column::name).collect(Collectors.joining(", "))
          + " FROM scim_users WHERE tenant = ? AND id = ?";

  private final DataSource dataSource;

  /** A resource reading through {@code dataSource}, the pool the store uses (Jersey injects it). */
  @Inject
  public FloorResource(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The row of user {@code id} as a JSON object, 404 if there is none, or 500 with the database's
   * message if the query fails. The connection goes back to the pool before the answer is written.
   */
  @GET
  @Path("/Users/{id}")
  public Response user(@PathParam("id") String id) {
    byte[] body;
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(SELECT)) {
      select.setString(1, RequestContext.SINGLE_TENANT);
      select.setString(2, id);
      try (ResultSet rows = select.executeQuery()) {
        if (!rows.next()) {
          return Response.status(Response.Status.NOT_FOUND).build();
        }
        body = json(rows);
      }
    } catch (SQLException e) {
      return Response.serverError()
          .entity(String.valueOf(e.getMessage()))
          .type(MediaType.TEXT_PLAIN_TYPE)
          .build();
    }
    return Response.ok(body, SCIM_JSON).build();
  }

  /** The row {@code rows} is on, column name to value; timestamps as ISO 8601 with their offset. */
  private static byte[] json(ResultSet rows) throws SQLException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024);
    try (JsonGenerator json = JSON.createGenerator(out)) {
      json.writeStartObject();
      for (int i = 0; i < COLUMNS.size(); i++) {
        Column column = COLUMNS.get(i);
        int index = i + 1;
        json.writeFieldName(column.name());
        switch (column.kind()) {
          case TEXT -> {
            String value = rows.getString(index);
            if (value == null) {
              json.writeNull();
            } else {
              json.writeString(value);
            }
          }
          case NUMBER -> {
            long value = rows.getLong(index);
            if (rows.wasNull()) {
              json.writeNull();
            } else {
              json.writeNumber(value);
            }
          }
          case BOOLEAN -> {
            boolean value = rows.getBoolean(index);
            if (rows.wasNull()) {
              json.writeNull();
            } else {
              json.writeBoolean(value);
            }
          }
          case TIMESTAMP -> {
            OffsetDateTime value = rows.getObject(index, OffsetDateTime.class);
            if (value == null) {
              json.writeNull();
            } else {
              json.writeString(value.toString());
            }
          }
        }
      }
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    return out.toByteArray();
  }
}
