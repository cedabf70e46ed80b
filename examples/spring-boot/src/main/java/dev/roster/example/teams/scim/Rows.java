package dev.roster.example.teams.scim;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.filter.PageCollector;
import dev.roster.scim.filter.SqlMapping;
import dev.roster.scim.filter.SqlSearch;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;

/**
 * What the two directories share: searching a table with Roster's {@link SqlSearch} (the part of a
 * filter SQL can take runs in the database, the rest in memory with exact totals), and the
 * conditional writes that keep {@code row_version} the resource's version.
 */
final class Rows {
  private Rows() {}

  /**
   * One page of a table's rows as resources.
   *
   * @param from the {@code FROM} clause, e.g. {@code app_user u}
   * @param tieBreak the stable order that ends every {@code ORDER BY}, e.g. {@code u.created_at,
   *     u.id}
   * @param toResource reads a row and turns it into the resource the page shows
   */
  static <R> Page search(
      JdbcTemplate jdbc,
      SearchRequest request,
      ResourceSchema schema,
      SqlMapping mapping,
      String select,
      String from,
      String tieBreak,
      RowMapper<R> rows,
      Function<List<R>, List<ScimResource>> toResources) {
    SqlSearch plan = SqlSearch.plan(request.filter(), request.sort(), schema, mapping);
    String where = plan.condition() == null ? "" : " WHERE " + plan.condition();
    Object[] parameters = plan.parameters().toArray();
    if (plan.inSql()) {
      Long total =
          jdbc.queryForObject("SELECT COUNT(*) FROM " + from + where, Long.class, parameters);
      if (request.count() == 0 || total == null || total <= request.offset()) {
        return new Page(List.of(), total == null ? 0 : total);
      }
      List<Object> paged = new ArrayList<>(plan.parameters());
      paged.add(request.count());
      paged.add(request.offset());
      List<R> page =
          jdbc.query(
              select
                  + " FROM "
                  + from
                  + where
                  + " ORDER BY "
                  + plan.orderBy(tieBreak)
                  + " LIMIT ? OFFSET ?",
              rows,
              paged.toArray());
      return new Page(toResources.apply(page), total);
    }
    // Part of the filter, or the sort, is not SQL's to decide: read the candidates in a stable
    // order and let Roster keep the exact total and the page.
    PageCollector collector = plan.collector(request.offset(), request.count());
    List<R> candidates =
        jdbc.query(select + " FROM " + from + where + " ORDER BY " + tieBreak, rows, parameters);
    toResources.apply(candidates).forEach(collector);
    return collector.page();
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.from(instant);
  }

  /**
   * The failure of a conditional write that changed no row: 404 when the row is gone, 412 when it
   * has another version.
   */
  static ScimException notWritten(JdbcTemplate jdbc, String table, String id) {
    Integer found =
        jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE id = ?", Integer.class, id);
    if (found == null || found == 0) {
      return ScimException.notFound("Resource " + id + " not found");
    }
    return ScimException.versionMismatch("Resource " + id + " has changed; read it again");
  }
}
