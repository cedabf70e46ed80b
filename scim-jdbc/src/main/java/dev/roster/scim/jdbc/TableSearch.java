package dev.roster.scim.jdbc;

import static dev.roster.scim.jdbc.Database.instant;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.Keyset;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Seek;
import dev.roster.scim.core.spi.SortOrder;
import dev.roster.scim.filter.KeysetOrder;
import dev.roster.scim.filter.PageCollector;
import dev.roster.scim.filter.SqlMapping;
import dev.roster.scim.filter.SqlSearch;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Runs {@code search} over one resource table, for users and groups alike, with scim-filter's
 * {@link SqlSearch}.
 *
 * <p>When SQL decides the whole filter and can sort, the database does everything: {@code COUNT(*)}
 * for {@code totalResults}, then one page with {@code ORDER BY ... LIMIT ? OFFSET ?} (without a
 * condition, the page's ids first, then their rows: see {@link #pageByIds}). Otherwise the rows the
 * SQL part of the filter selects are read in batches and given to a {@link PageCollector}, which
 * checks the rest of the filter, sorts and keeps the page.
 *
 * <p>A cursor-paged search (RFC 9865, {@link SearchRequest#seek()}) is a keyset query in the same
 * cases ({@link #seekInSql}); otherwise every match is read and the page cut in memory in {@link
 * KeysetOrder}'s order ({@link #seekInMemory}).
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
  private final Function<Projection, String> selectColumns;
  private final SqlMapping mapping;
  private final RowReader<R> reader;
  private final Completer<R> completer;

  /**
   * @param from the table and its alias, e.g. {@code scim_users u}; the alias is the one the
   *     mapping's expressions use
   * @param selectColumns what to select from {@code from} to read a row, children included, for a
   *     projection
   * @param mapping where filters and sorting find attributes
   */
  TableSearch(
      Database database,
      SchemaRegistry registry,
      String resourceType,
      String from,
      Function<Projection, String> selectColumns,
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
    if (request.seek() != null) {
      return plan.inSql()
          ? database.read(connection -> seekInSql(connection, tenant, plan, request))
          : seekInMemory(tenant, plan, request, schema);
    }
    if (plan.inSql()) {
      return database.read(connection -> searchInSql(connection, tenant, plan, request));
    }
    PageCollector page = plan.collector(request.offset(), request.count());
    collect(tenant, plan, page);
    return page.page();
  }

  /** Offers every row the plan's condition selects, complete, to {@code page}. */
  private void collect(String tenant, SqlSearch plan, PageCollector page) {
    database.read(
        connection -> {
          for (Batch batch = scan(connection, tenant, plan, null); ; ) {
            batch.resources().forEach(page);
            if (batch.last()) {
              return null;
            }
            batch = scan(connection, tenant, plan, batch);
          }
        });
  }

  /**
   * A cursor-paged search that SQL cannot answer alone (a residual filter, or a sort in memory):
   * every match is read, ordered with {@link KeysetOrder} and the page cut from them. Correct, not
   * fast: its cost grows with the number of matches, as an index-paged search's does here.
   */
  private Page seekInMemory(
      String tenant, SqlSearch plan, SearchRequest request, ResourceSchema schema) {
    PageCollector all = plan.collector(0, Integer.MAX_VALUE);
    collect(tenant, plan, all);
    KeysetOrder order = KeysetOrder.of(request.sort(), schema);
    List<ScimResource> matches = new ArrayList<>(all.page().resources());
    List<Keyset> keysets = new ArrayList<>(matches.size());
    matches.forEach(resource -> keysets.add(order.keyset(resource)));
    Integer[] positions = new Integer[matches.size()];
    for (int i = 0; i < positions.length; i++) {
      positions[i] = i;
    }
    Arrays.sort(positions, (a, b) -> order.compare(keysets.get(a), keysets.get(b)));
    Seek seek = request.seek();
    Keyset bound = seek.backward() ? seek.before() : seek.after();
    int size = positions.length;
    // The first position past the bound (after it, or at or after it when reading backwards).
    int edge = 0;
    if (bound != null) {
      while (edge < size) {
        int side = order.compare(keysets.get(positions[edge]), bound);
        if (seek.backward() ? side >= 0 : side > 0) {
          break;
        }
        edge++;
      }
    }
    int from = seek.backward() ? Math.max(0, edge - request.count()) : edge;
    int to = seek.backward() ? edge : Math.min(size, edge + request.count());
    if (from >= to) {
      return new Page(List.of(), size);
    }
    List<ScimResource> page = new ArrayList<>(to - from);
    for (int i = from; i < to; i++) {
      page.add(matches.get(positions[i]));
    }
    return new Page(
        page,
        size,
        to < size ? keysets.get(positions[to - 1]) : null,
        from > 0 ? keysets.get(positions[from]) : null);
  }

  /**
   * A cursor-paged search that SQL answers: {@code COUNT(*)} for {@code totalResults}, then the
   * page with a keyset condition, ordered by the sort expression {@link SqlSearch#orderBy} writes
   * and the id, {@code LIMIT count + 1} to learn whether more follow; read in reverse order for a
   * page before a keyset. Whether matches lie on the page's other side is asked with {@code
   * EXISTS}. Each row's sort value is selected with it, and the keyset holds it as the database
   * returned it.
   */
  private Page seekInSql(
      Connection connection, String tenant, SqlSearch plan, SearchRequest request)
      throws SQLException {
    long total = count(connection, tenant, plan);
    if (request.count() == 0 || total == 0) {
      return new Page(List.of(), total);
    }
    Seek seek = request.seek();
    boolean descending = request.sort() != null && request.sort().order() == SortOrder.DESCENDING;
    String key = sortExpression(plan);
    // Rows are read in the search's order, or in its reverse for a page before a keyset.
    boolean ascending = descending == seek.backward();
    Keyset bound = seek.backward() ? seek.before() : seek.after();
    String select =
        "SELECT "
            + alias
            + ".id"
            + (key == null ? "" : ", " + key + " AS roster_sort_value")
            + keysetFromWhere(plan, key)
            + (bound == null ? "" : " AND " + seekCondition(key, bound, ascending))
            + keysetOrder(key, ascending)
            + " LIMIT ?";
    List<String> rows = new ArrayList<>();
    List<Keyset> keysets = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement(select)) {
      statement.setString(1, tenant);
      int next = Database.bindAll(statement, 2, plan.parameters());
      if (bound != null) {
        next = bindSeek(statement, next, key, bound);
      }
      statement.setInt(next, request.count() + 1);
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          rows.add(result.getString("id"));
          keysets.add(
              new Keyset(
                  key == null ? null : sortValue(result.getObject("roster_sort_value")),
                  result.getString("id")));
        }
      }
    }
    boolean more = rows.size() > request.count();
    if (more) {
      rows = rows.subList(0, request.count());
      keysets = keysets.subList(0, request.count());
    }
    if (rows.isEmpty()) {
      return new Page(List.of(), total);
    }
    if (seek.backward()) {
      rows = new ArrayList<>(rows);
      keysets = new ArrayList<>(keysets);
      Collections.reverse(rows);
      Collections.reverse(keysets);
    }
    Keyset first = keysets.get(0);
    Keyset last = keysets.get(keysets.size() - 1);
    boolean hasNext;
    boolean hasPrevious;
    if (seek.backward()) {
      hasPrevious = more;
      hasNext = exists(connection, tenant, plan, key, last, !descending);
    } else {
      hasNext = more;
      hasPrevious = bound != null && exists(connection, tenant, plan, key, first, descending);
    }
    return new Page(
        completer.complete(
            connection,
            tenant,
            rowsByIds(connection, tenant, rows, request.projection()),
            request.projection()),
        total,
        hasNext ? last : null,
        hasPrevious ? first : null);
  }

  /** Whether a match lies beyond {@code keyset}, reading ascending or descending. */
  private boolean exists(
      Connection connection,
      String tenant,
      SqlSearch plan,
      String key,
      Keyset keyset,
      boolean ascending)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "SELECT 1"
                + keysetFromWhere(plan, key)
                + " AND "
                + seekCondition(key, keyset, ascending)
                + keysetOrder(key, ascending)
                + " LIMIT 1")) {
      statement.setString(1, tenant);
      int next = Database.bindAll(statement, 2, plan.parameters());
      bindSeek(statement, next, key, keyset);
      try (ResultSet result = statement.executeQuery()) {
        return result.next();
      }
    }
  }

  /**
   * The condition for the rows strictly beyond {@code keyset} in the order by {@code key} (nulls
   * last ascending, first descending) then id, reading ascending or descending; its parameters are
   * bound by {@link #bindSeek}.
   */
  private String seekCondition(String key, Keyset keyset, boolean ascending) {
    String id = idExpression();
    String beyond = ascending ? " > ?" : " < ?";
    if (key == null) {
      return id + beyond;
    }
    if (keyset.value() == null) {
      return ascending
          ? "(" + key + " IS NULL AND " + id + beyond + ")"
          : "((" + key + " IS NULL AND " + id + beyond + ") OR " + key + " IS NOT NULL)";
    }
    String byValue = "(" + key + beyond + " OR (" + key + " = ? AND " + id + beyond + ")";
    return ascending ? byValue + " OR " + key + " IS NULL)" : byValue + ")";
  }

  /**
   * {@code " ORDER BY "} the keyset order, ascending or descending: the tenant, equal on every row,
   * first, so that H2 reads the rows from the (tenant, id) index in order from the keyset instead
   * of sorting them, or of testing the keyset condition on the rows of another index (an {@code
   * EXISTS} for the rows before the second page scanned up to the whole tenant); PostgreSQL sees
   * through it either way.
   */
  private String keysetOrder(String key, boolean ascending) {
    return " ORDER BY "
        + alias
        + (ascending ? ".tenant ASC, " : ".tenant DESC, ")
        + (key == null ? "" : key + (ascending ? " ASC NULLS LAST, " : " DESC NULLS FIRST, "))
        + idExpression()
        + (ascending ? " ASC" : " DESC");
  }

  /** Binds {@link #seekCondition}'s parameters from {@code index}; returns the next index. */
  private static int bindSeek(PreparedStatement statement, int index, String key, Keyset keyset)
      throws SQLException {
    int next = index;
    if (key != null && keyset.value() != null) {
      bindValue(statement, next++, keyset.value());
      bindValue(statement, next++, keyset.value());
    }
    statement.setString(next++, keyset.id());
    return next;
  }

  private static void bindValue(PreparedStatement statement, int index, Object value)
      throws SQLException {
    if (value instanceof Instant instant) {
      Database.setInstant(statement, index, instant);
    } else {
      statement.setObject(index, value);
    }
  }

  /** A sort value as the database returned it, as a keyset holds it. */
  private static Object sortValue(Object value) throws SQLException {
    if (value == null
        || value instanceof String
        || value instanceof BigDecimal
        || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof OffsetDateTime time) {
      return time.toInstant();
    }
    if (value instanceof Timestamp time) {
      return time.toInstant();
    }
    if (value instanceof Instant) {
      return value;
    }
    throw new SQLException("A sort value of an unexpected type: " + value.getClass().getName());
  }

  /**
   * The sort expression {@link SqlSearch#orderBy} writes, without its direction, or null without a
   * sort key (no sort, or an undefined sort attribute).
   */
  private String sortExpression(SqlSearch plan) {
    String tieBreak = idExpression();
    String orderBy = plan.orderBy(tieBreak);
    if (orderBy.equals(tieBreak)) {
      return null;
    }
    String key = orderBy.substring(0, orderBy.length() - tieBreak.length() - ", ".length());
    for (String direction : List.of(" ASC NULLS LAST", " DESC NULLS FIRST")) {
      if (key.endsWith(direction)) {
        return key.substring(0, key.length() - direction.length());
      }
    }
    throw new IllegalStateException("Unexpected ORDER BY from SqlSearch: " + orderBy);
  }

  /** The id, compared byte-wise (H2 compares strings so already; PostgreSQL needs "C"). */
  private String idExpression() {
    return database.dialect() == Migrations.Dialect.POSTGRESQL
        ? alias + ".id COLLATE \"C\""
        : alias + ".id";
  }

  /**
   * {@code totalResults}: without a filter, the tenant's count from {@code scim_resource_counts} (a
   * few rows, where {@code COUNT(*)} read an index entry per resource for every page); with one,
   * {@code COUNT(*)} of what it selects, which its index narrows.
   */
  private long count(Connection connection, String tenant, SqlSearch plan) throws SQLException {
    if (plan.condition() == null) {
      return Database.countOf(connection, tenant, resourceType);
    }
    try (PreparedStatement count =
        connection.prepareStatement("SELECT COUNT(*)" + fromWhere(plan))) {
      count.setString(1, tenant);
      Database.bindAll(count, 2, plan.parameters());
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private Page searchInSql(
      Connection connection, String tenant, SqlSearch plan, SearchRequest request)
      throws SQLException {
    if (plan.condition() != null && request.count() > 0) {
      return filteredPage(connection, tenant, plan, request);
    }
    long total = count(connection, tenant, plan);
    if (request.count() == 0 || total <= request.offset()) {
      return new Page(List.of(), total);
    }
    List<R> page = pageByIds(connection, tenant, plan, request, total);
    return new Page(completer.complete(connection, tenant, page, request.projection()), total);
  }

  /**
   * A page of what a condition selects: its ids and the number of matches in one statement ({@code
   * COUNT(*) OVER ()}), where the condition's own index (a {@code userName} lookup) narrows the
   * rows before they are counted and ordered, then their rows ({@link #rowsByIds}). Entra's lookup
   * before a create, which finds nobody, is that one statement; a lookup that finds its user is
   * two, as a GET by id is one. Only a page past the last match counts again, as it has no row to
   * carry the count.
   *
   * <p>The order leaves the tenant out: led by it, the order is the {@code (tenant, created, id)}
   * index's, and H2 (with statistics that say one tenant has every row) read the tenant's users in
   * that order testing the condition on each, 30 ms for a {@code userName eq} among 20,000, rather
   * than look the name up and sort one row.
   */
  private Page filteredPage(
      Connection connection, String tenant, SqlSearch plan, SearchRequest request)
      throws SQLException {
    List<String> ids = new ArrayList<>(request.count());
    long total = -1;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + alias
                + ".id, COUNT(*) OVER () AS roster_total"
                + fromWhere(plan)
                + " ORDER BY "
                + plan.orderBy(alias + ".created, " + alias + ".id")
                + " LIMIT ? OFFSET ?")) {
      select.setString(1, tenant);
      int next = Database.bindAll(select, 2, plan.parameters());
      select.setInt(next, request.count());
      select.setLong(next + 1, request.offset());
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
          total = rows.getLong(2);
        }
      }
    }
    if (ids.isEmpty()) {
      return new Page(List.of(), request.offset() == 0 ? 0 : count(connection, tenant, plan));
    }
    List<R> page = rowsByIds(connection, tenant, ids, request.projection());
    return new Page(completer.complete(connection, tenant, page, request.projection()), total);
  }

  /**
   * One page of a listing without a condition (a client reading everyone, Okta's import) in two
   * statements: the page's ids, stepped to from the index that gives the order ({@code (tenant,
   * created, id)} without a sort), reading index entries only; then those rows by primary key. A
   * page 99,900 rows deep so steps over index entries rather than whole rows, and costs about what
   * the {@code COUNT(*)} every page runs does. (One statement with the ids in a subquery, as
   * before, cost H2 about a second of CPU per page among 100,000 users, deep or not.)
   */
  private List<R> pageByIds(
      Connection connection, String tenant, SqlSearch plan, SearchRequest request, long total)
      throws SQLException {
    // In creation order (no sortBy), a page in the second half is read from the end, in reverse:
    // the last page of 100,000 steps over no entries instead of 99,900. (The count comes from the
    // statement before, so a user created between the two moves such a page by one, as it moves
    // every later page of a walk by index anyway.)
    boolean fromEnd =
        plan.orderBy(creationOrder()).equals(creationOrder()) && request.offset() > total / 2;
    int limit =
        fromEnd ? (int) Math.min(request.count(), total - request.offset()) : request.count();
    long skip = fromEnd ? total - request.offset() - limit : request.offset();
    List<String> ids = new ArrayList<>(limit);
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + alias
                + ".id"
                + fromWhere(plan)
                + " ORDER BY "
                + (fromEnd ? reverseCreationOrder() : plan.orderBy(creationOrder()))
                + " LIMIT ? OFFSET ?")) {
      select.setString(1, tenant);
      select.setInt(2, limit);
      select.setLong(3, skip);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
    }
    if (fromEnd) {
      Collections.reverse(ids);
    }
    if (ids.isEmpty()) {
      return List.of();
    }
    return rowsByIds(connection, tenant, ids, request.projection());
  }

  /**
   * The rows with these ids, in their order, each with its child rows as {@code projection} needs,
   * in one statement by primary key; an id deleted since it was read has none. Pages read their ids
   * first, by a statement that selects nothing but keys, and then this: the rows' correlated
   * subqueries never weigh in the choice of index that finds and orders the page (with them in the
   * statement, H2 chose to read the tenant's users in creation order and test {@code userName eq}
   * on each, 0.8 s a lookup among 100,000).
   */
  private List<R> rowsByIds(
      Connection connection, String tenant, List<String> ids, Projection projection)
      throws SQLException {
    Map<String, R> byId = new HashMap<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + selectColumns.apply(projection)
                + " FROM "
                + Database.IDS
                + " LEFT JOIN "
                + from
                + " ON "
                + alias
                + ".tenant = ? AND "
                + alias
                + ".id = ids.id")) {
      Database.bindIds(select, 1, ids);
      select.setString(2, tenant);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String id = rows.getString("id");
          if (id != null) { // null: deleted since its id was read (the outer join's nulls)
            byId.put(id, reader.read(rows));
          }
        }
      }
    }
    List<R> page = new ArrayList<>(ids.size());
    for (String id : ids) {
      R row = byId.get(id);
      if (row != null) { // deleted between the two statements by another transaction
        page.add(row);
      }
    }
    return page;
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
    List<String> ids = new ArrayList<>();
    Instant lastCreated = null;
    String lastId = null;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + alias
                + ".id, "
                + alias
                + ".created"
                + fromWhere(plan)
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
          lastId = result.getString("id");
          lastCreated = instant(result, "created");
          ids.add(lastId);
        }
      }
    }
    List<R> rows =
        ids.isEmpty() ? List.of() : rowsByIds(connection, tenant, ids, Projection.DEFAULT);
    List<ScimResource> resources = completer.complete(connection, tenant, rows, Projection.DEFAULT);
    return new Batch(resources, lastCreated, lastId, ids.size() < BATCH);
  }

  /**
   * {@link #fromWhere} for a keyset query. A listing in id order (no filter, no sortBy) on H2 names
   * the {@code (tenant, id)} index migration 4 made for it: left to choose, H2's planner at times
   * read another index and sorted every row after the cursor, a whole table for an early page.
   */
  private String keysetFromWhere(SqlSearch plan, String key) {
    if (key != null || plan.condition() != null || database.dialect() != Migrations.Dialect.H2) {
      return fromWhere(plan);
    }
    String table = from.substring(0, from.indexOf(' '));
    return " FROM " + from + " USE INDEX (" + table + "_id_order) WHERE " + alias + ".tenant = ?";
  }

  /** {@code " FROM table alias WHERE alias.tenant = ? AND (condition)"}. */
  private String fromWhere(SqlSearch plan) {
    return " FROM " + from + " WHERE " + alias + ".tenant = ?" + and(plan);
  }

  /** {@code " AND (condition)"}, or nothing when the plan has no condition. */
  private static String and(SqlSearch plan) {
    return plan.condition() == null ? "" : " AND (" + plan.condition() + ")";
  }

  /**
   * Creation order, with the tenant (equal on every row) first, so that H2 sees that the {@code
   * (tenant, created, id)} index gives it: without it H2 sorted every row of the tenant for each
   * page, and a first page among 100,000 users cost what a full sort does.
   */
  private String creationOrder() {
    return alias + ".tenant, " + alias + ".created, " + alias + ".id";
  }

  /** {@link #creationOrder()} reversed: newest first. */
  private String reverseCreationOrder() {
    return alias + ".tenant DESC, " + alias + ".created DESC, " + alias + ".id DESC";
  }
}
