package dev.roster.example.teams.scim;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.filter.PageCollector;
import dev.roster.scim.filter.SqlMapping;
import dev.roster.scim.filter.SqlSearch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What the two directories share: reading one row or a page of a table as resources, searching with
 * Roster's {@link SqlSearch} (the part of a filter SQL can take runs in the database, the rest in
 * memory with exact totals), and the failure of a conditional write.
 *
 * @param <R> a row of the table
 */
abstract class TableDirectory<R> {
  final JdbcTemplate jdbc;
  final TransactionTemplate transactions;
  private final ResourceSchema schema;
  private final SqlMapping mapping;
  private final String select;
  private final String table;
  private final String alias;

  /**
   * @param schema the schema the server serves for the type (what filters and sorting may name)
   * @param select the {@code SELECT} list of a row, its columns qualified by {@code alias}
   * @param table the table, e.g. {@code app_user}
   * @param alias its alias in {@code select} and {@code mapping}, e.g. {@code u}
   */
  TableDirectory(
      JdbcTemplate jdbc,
      TransactionTemplate transactions,
      ResourceSchema schema,
      SqlMapping mapping,
      String select,
      String table,
      String alias) {
    this.jdbc = jdbc;
    this.transactions = transactions;
    this.schema = schema;
    this.mapping = mapping;
    this.select = select;
    this.table = table;
    this.alias = alias;
  }

  /** Reads the current row of the result set. */
  abstract R row(ResultSet rs) throws SQLException;

  /** The rows as resources, with what the projection asks for (children in one query for all). */
  abstract List<ScimResource> resources(List<R> rows, Projection projection);

  /** One resource, as {@code ResourceRepository.get} reads it. */
  public Optional<ScimResource> get(GetRequest request) {
    return read(request.id(), request.projection());
  }

  /** One page of resources, as {@code ResourceRepository.search} asks for it. */
  public Page search(SearchRequest request) {
    SqlSearch plan = SqlSearch.plan(request.filter(), request.sort(), schema, mapping);
    String from = " FROM " + table + " " + alias;
    String where = plan.condition() == null ? "" : " WHERE " + plan.condition();
    String tieBreak = alias + ".created_at, " + alias + ".id";
    RowMapper<R> rows = (rs, n) -> row(rs);
    if (plan.inSql()) {
      Long total =
          jdbc.queryForObject(
              "SELECT COUNT(*)" + from + where, Long.class, plan.parameters().toArray());
      if (request.count() == 0 || total == null || total <= request.offset()) {
        return new Page(List.of(), total == null ? 0 : total);
      }
      List<Object> paged = new ArrayList<>(plan.parameters());
      paged.add(request.count());
      paged.add(request.offset());
      List<R> page =
          jdbc.query(
              select + from + where + " ORDER BY " + plan.orderBy(tieBreak) + " LIMIT ? OFFSET ?",
              rows,
              paged.toArray());
      return new Page(resources(page, request.projection()), total);
    }
    // Part of the filter, or the sort, is not SQL's to decide: read the candidates in a stable
    // order and let Roster keep the exact total and the page.
    PageCollector collector = plan.collector(request.offset(), request.count());
    List<R> candidates =
        jdbc.query(
            select + from + where + " ORDER BY " + tieBreak, rows, plan.parameters().toArray());
    resources(candidates, request.projection()).forEach(collector);
    return collector.page();
  }

  /** Both directories sort in SQL where the mapping allows, in memory otherwise. */
  public boolean supportsSort() {
    return true;
  }

  Optional<ScimResource> read(String id, Projection projection) {
    return readRow(id).map(row -> resources(List.of(row), projection).get(0));
  }

  Optional<R> readRow(String id) {
    return jdbc
        .query(
            select + " FROM " + table + " " + alias + " WHERE " + alias + ".id = ?",
            (rs, n) -> row(rs),
            id)
        .stream()
        .findFirst();
  }

  /**
   * The failure of a conditional write that changed no row: 404 when the row is gone, 412 when it
   * has another version.
   */
  ScimException notWritten(String id) {
    Integer found =
        jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE id = ?", Integer.class, id);
    if (found == null || found == 0) {
      return ScimException.notFound("Resource " + id + " not found");
    }
    return ScimException.versionMismatch("Resource " + id + " has changed; read it again");
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.from(instant);
  }
}
