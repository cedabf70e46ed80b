package dev.roster.quickstart.jdbc;

import static dev.roster.quickstart.jdbc.Database.instant;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.filter.PageCollector;
import dev.roster.scim.filter.SqlMapping;
import dev.roster.scim.filter.SqlSearch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@code search} over one resource table, for users and groups alike, with scim-filter's
 * {@link SqlSearch}.
 *
 * <p>When SQL decides the whole filter and can sort, the database does everything: {@code COUNT(*)}
 * for {@code totalResults}, then one page with {@code ORDER BY ... LIMIT ? OFFSET ?} (see {@link
 * #pageQuery}). Otherwise the rows the SQL part of the filter selects are read in batches and given
 * to a {@link PageCollector}, which checks the rest of the filter, sorts and keeps the page.
 *
 * @param <R> a row read from the table, before its child rows are attached
 */
final class TableSearch<R> {
  // Rows read per round trip when a filter is checked in memory.
  private static final int BATCH = 500;

  /** Reads the current row of a result set selected with the table's columns. */
  @FunctionalInterface
  interface RowReader<R> {
    R read(ResultSet rows) throws SQLException;
  }

  /** Turns rows into resources, reading their child rows as {@code projection} needs. */
  @FunctionalInterface
  interface Completer<R> {
    List<ScimResource> complete(
        Connection connection, String tenant, List<R> rows, Projection projection)
        throws SQLException;
  }

  private final Database database;
  private final SchemaRegistry registry;
  private final String resourceType;
  private final String from;
  private final String alias;
  private final String selectColumns;
  private final SqlMapping mapping;
  private final RowReader<R> reader;
  private final Completer<R> completer;

  /**
   * @param from the table and its alias, e.g. {@code scim_users u}; the alias is the one the
   *     mapping's expressions use
   * @param mapping where filters and sorting find attributes
   */
  TableSearch(
      Database database,
      SchemaRegistry registry,
      String resourceType,
      String from,
      String selectColumns,
      SqlMapping mapping,
      RowReader<R> reader,
      Completer<R> completer) {
    this.database = database;
    this.registry = registry;
    this.resourceType = resourceType;
    this.from = from;
    this.alias = from.substring(from.lastIndexOf(' ') + 1);
    this.selectColumns = selectColumns;
    this.mapping = mapping;
    this.reader = reader;
    this.completer = completer;
  }

  /** The plan a filter gets: for tests and for logging what ran where. */
  SqlSearch plan(Filter filter) {
    return SqlSearch.plan(filter, null, registry.resourceSchema(resourceType), mapping);
  }

  Page search(SearchRequest request) {
    String tenant = request.context().tenant();
    ResourceSchema schema = registry.resourceSchema(resourceType);
    SqlSearch plan = SqlSearch.plan(request.filter(), request.sort(), schema, mapping);
    if (plan.inSql()) {
      return database.inTransaction(connection -> searchInSql(connection, tenant, plan, request));
    }
    PageCollector page = plan.collector(request.offset(), request.count());
    database.inTransaction(
        connection -> {
          for (Batch batch = scan(connection, tenant, plan, null); ; ) {
            batch.resources().forEach(page);
            if (batch.last()) {
              return null;
            }
            batch = scan(connection, tenant, plan, batch);
          }
        });
    return page.page();
  }

  private Page searchInSql(
      Connection connection, String tenant, SqlSearch plan, SearchRequest request)
      throws SQLException {
    long total;
    try (PreparedStatement count =
        connection.prepareStatement(
            "SELECT COUNT(*) FROM " + from + " WHERE " + alias + ".tenant = ?" + and(plan))) {
      count.setString(1, tenant);
      Database.bindAll(count, 2, plan.parameters());
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        total = rows.getLong(1);
      }
    }
    if (request.count() == 0 || total <= request.offset()) {
      return new Page(List.of(), total);
    }
    List<R> page = new ArrayList<>();
    try (PreparedStatement select = connection.prepareStatement(pageQuery(plan))) {
      select.setString(1, tenant);
      int next = Database.bindAll(select, 2, plan.parameters());
      if (plan.condition() == null) {
        select.setString(next++, tenant);
      }
      select.setInt(next, request.count());
      select.setLong(next + 1, request.offset());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          page.add(reader.read(rows));
        }
      }
    }
    return new Page(completer.complete(connection, tenant, page, request.projection()), total);
  }

  /**
   * The statement for one page: its parameters are the tenant, the plan's parameters, then (without
   * a condition) the tenant again, then the count and the offset.
   *
   * <p>Without a condition (a client listing everyone, Okta's import), a subquery picks the page's
   * ids from the creation index and the rows are then read by primary key, so that a deep offset
   * steps over index entries instead of whole rows (H2 reads and drops every row before the offset:
   * with 100,000 users a page far in took seconds). With a condition the plain query is kept, since
   * the condition's own index (a {@code userName} lookup) narrows the rows first.
   */
  private String pageQuery(SqlSearch plan) {
    String orderBy = plan.orderBy(creationOrder());
    String where = " WHERE " + alias + ".tenant = ?" + and(plan);
    String limit = " ORDER BY " + orderBy + " LIMIT ? OFFSET ?";
    if (plan.condition() != null) {
      return "SELECT " + selectColumns + " FROM " + from + where + limit;
    }
    String ids = "SELECT " + alias + ".id FROM " + from + " WHERE " + alias + ".tenant = ?" + limit;
    return "SELECT "
        + selectColumns
        + " FROM "
        + from
        + where
        + " AND "
        + alias
        + ".id IN ("
        + ids
        + ") ORDER BY "
        + orderBy;
  }

  /** One batch of a scan, and where the next one starts. */
  private record Batch(
      List<ScimResource> resources, Instant lastCreated, String lastId, boolean last) {}

  /**
   * Reads the next batch of what the plan's condition selects, complete with every attribute, in
   * order of creation: keyset pagination on {@code (created, id)} after {@code previous}.
   */
  private Batch scan(Connection connection, String tenant, SqlSearch plan, Batch previous)
      throws SQLException {
    String after =
        previous == null
            ? ""
            : String.format(" AND (%1$s.created > ? OR (%1$s.created = ? AND %1$s.id > ?))", alias);
    List<R> rows = new ArrayList<>();
    Instant lastCreated = null;
    String lastId = null;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + selectColumns
                + " FROM "
                + from
                + " WHERE "
                + alias
                + ".tenant = ?"
                + and(plan)
                + after
                + " ORDER BY "
                + creationOrder()
                + " LIMIT "
                + BATCH)) {
      select.setString(1, tenant);
      int next = Database.bindAll(select, 2, plan.parameters());
      if (previous != null) {
        Database.setInstant(select, next, previous.lastCreated());
        Database.setInstant(select, next + 1, previous.lastCreated());
        select.setString(next + 2, previous.lastId());
      }
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(reader.read(result));
          lastCreated = instant(result, "created");
          lastId = result.getString("id");
        }
      }
    }
    List<ScimResource> resources = completer.complete(connection, tenant, rows, Projection.DEFAULT);
    return new Batch(resources, lastCreated, lastId, rows.size() < BATCH);
  }

  /** {@code " AND (condition)"}, or nothing when the plan has no condition. */
  private static String and(SqlSearch plan) {
    return plan.condition() == null ? "" : " AND (" + plan.condition() + ")";
  }

  private String creationOrder() {
    return alias + ".created, " + alias + ".id";
  }
}
