package dev.roster.scim.filter;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Sort;
import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * Plans a search over resources kept in SQL tables: which part of the filter the database can
 * decide, what is left to check in memory, and whether the database can sort; so that a repository
 * returns exact {@code totalResults} and pages whatever the filter names.
 *
 * <pre>{@code
 * SqlSearch plan = SqlSearch.plan(request.filter(), request.sort(), schema, mapping);
 * String where = "u.tenant = ?" + (plan.condition() == null ? "" : " AND " + plan.condition());
 * if (plan.inSql()) {
 *   // SELECT COUNT(*) ... WHERE <where>, then
 *   // SELECT ... WHERE <where> ORDER BY <plan.orderBy("u.created, u.id")> LIMIT ? OFFSET ?
 * } else {
 *   PageCollector page = plan.collector(request.offset(), request.count());
 *   // SELECT ... WHERE <where> ORDER BY u.created, u.id, in batches: each row's resource to page
 *   return page.page();
 * }
 * }</pre>
 *
 * <p>The filter is split along its {@code and}, {@code or} and {@code not} (with {@code not} pushed
 * down to comparisons by De Morgan's laws, which hold in the evaluator's two-valued logic). Every
 * comparison, presence test or value path that {@link SqlFilter} translates becomes SQL; the
 * condition of an {@code and} is that of its operands that have one, and an {@code or} has a
 * condition only if every operand has one. The condition so selects every row the filter matches,
 * and exactly those when the residual is null; otherwise the residual, tested on the rows the
 * condition selects, finds the matches among them: {@code userName eq "x" and roles[value eq "a"]}
 * looks {@code userName} up in SQL and checks {@code roles} in memory. When the whole filter
 * translates, the condition is exactly {@link SqlFilter#translate}'s.
 *
 * <p>The same rules as {@link SqlFilter}'s apply: filter values become bind parameters, and the
 * mapping's expressions, which the host writes, are the only SQL text.
 *
 * <p>Immutable and thread-safe.
 */
public final class SqlSearch {
  private final ResourceSchema schema;
  private final Filter filter;
  private final Sort sort;
  private final String condition;
  private final List<Object> parameters;
  private final Filter residual;
  private final String sortKey;

  private SqlSearch(ResourceSchema schema, Filter filter, Sort sort, Part part, String sortKey) {
    this.schema = schema;
    this.filter = filter;
    this.sort = sort;
    this.condition = part.sql;
    this.parameters = List.copyOf(part.parameters);
    this.residual = part.residual;
    this.sortKey = sortKey;
  }

  /**
   * Plans a search for {@code filter}, ordered by {@code sort}, over resources of {@code schema}
   * stored as {@code mapping} says.
   *
   * @param filter the filter, or null for every resource
   * @param sort the order, or null for the repository's own
   * @throws dev.roster.scim.core.error.ScimException 400 {@code invalidFilter} for a filter that
   *     cannot apply to the resource type, as {@link SqlFilter#translate} throws it
   * @throws IllegalArgumentException if the sort attribute is {@code caseExact} but mapped to a
   *     folded column ({@link SqlMapping.Builder#foldedColumn}), which has lost its case
   * @throws NullPointerException if {@code schema} or {@code mapping} is null
   */
  public static SqlSearch plan(
      Filter filter, Sort sort, ResourceSchema schema, SqlMapping mapping) {
    requireNonNull(schema, "schema");
    requireNonNull(mapping, "mapping");
    Part part = filter == null ? Part.ALL : split(filter, schema, mapping);
    return new SqlSearch(schema, filter, sort, part, sortKey(sort, schema, mapping));
  }

  /**
   * The SQL condition that selects the rows which may match, with {@code ?} placeholders, to follow
   * {@code WHERE} or {@code AND}; null when SQL cannot narrow the rows at all (or there is no
   * filter). Not to be negated: where it does not hold it may be NULL rather than false.
   */
  public String condition() {
    return condition;
  }

  /**
   * The values to bind to the condition's placeholders, in order: {@link String}, {@link Boolean},
   * {@link java.math.BigDecimal} or {@link java.time.OffsetDateTime}, never null; empty without a
   * condition.
   */
  public List<Object> parameters() {
    return parameters;
  }

  /**
   * What the rows the condition selects must still match, evaluated in memory ({@link #collector}
   * does it); null when the condition alone decides. Equivalent to a part of the filter, possibly
   * rewritten with {@code not} pushed inward.
   */
  public Filter residual() {
    return residual;
  }

  /** Whether the condition alone selects exactly the matches (the residual is null). */
  public boolean filtersInSql() {
    return residual == null;
  }

  /**
   * Whether SQL can order the rows as the sort asks: there is no sort, the sort attribute is
   * undefined (no resource has a value, so only the repository's order counts), or it is a
   * single-valued attribute (or sub-attribute of one) with a column in the row searched.
   * Multi-valued attributes and those without a column sort in memory.
   */
  public boolean sortsInSql() {
    return sortKey != null;
  }

  /**
   * Whether the database can answer the search alone: the condition decides and SQL sorts, so
   * {@code COUNT(*)} gives {@code totalResults} and {@code LIMIT}/{@code OFFSET} the page.
   */
  public boolean inSql() {
    return filtersInSql() && sortsInSql();
  }

  /**
   * The {@code ORDER BY} list that orders rows as {@link ResourceOrder} orders resources: the sort
   * column's value (lower-cased unless {@code caseExact}, with empty strings as missing values,
   * missing values last ascending and first descending), then {@code tieBreak}; just {@code
   * tieBreak} without a sort key; null when the sort is not {@link #sortsInSql() in SQL}.
   *
   * <p>Orderings of strings follow the column's collation, or {@link
   * SqlMapping.Builder#orderingCollation} when set, as the filter's orderings do. The database must
   * know {@code NULLS FIRST} and {@code NULLS LAST} (H2, PostgreSQL and Oracle do).
   *
   * @param tieBreak the host's columns that order rows with equal sort values, in the order
   *     candidates are offered to a {@link PageCollector}, such as {@code u.created, u.id}; SQL
   *     written by the host, used verbatim
   */
  public String orderBy(String tieBreak) {
    requireNonNull(tieBreak, "tieBreak");
    if (sortKey == null) {
      return null;
    }
    return sortKey.isEmpty() ? tieBreak : sortKey + ", " + tieBreak;
  }

  /**
   * A collector that answers the search in memory from the rows the condition selects, offered as
   * resources: it tests each against the residual, counts the matches, sorts them if the search
   * sorts, and keeps the page from {@code offset} (0-based) with at most {@code count} resources.
   * Use it when the search is not {@link #inSql()}.
   */
  public PageCollector collector(long offset, int count) {
    return new PageCollector(residual, sort, offset, count, schema);
  }

  @Override
  public String toString() {
    return "SqlSearch[filter="
        + filter
        + ", condition="
        + condition
        + ", parameters="
        + parameters
        + ", residual="
        + residual
        + ", orderBy="
        + sortKey
        + "]";
  }

  // ---- the split ---------------------------------------------------------------------------

  /**
   * A condition that holds for every row a filter matches (null: no condition), and what the rows
   * it selects must still match (null: nothing).
   */
  private record Part(String sql, List<Object> parameters, Filter residual) {
    static final Part ALL = new Part(null, List.of(), null);
  }

  private static Part split(Filter filter, ResourceSchema schema, SqlMapping mapping) {
    // Also rejects an invalid filter, as the evaluator does.
    SqlFilter.Result whole = SqlFilter.translate(filter, schema, mapping);
    if (whole.translated()) {
      return new Part(whole.sql(), whole.parameters(), null);
    }
    return split(filter, false, schema, mapping);
  }

  /** Splits {@code filter}, or {@code not (filter)} when {@code negated}. */
  private static Part split(
      Filter filter, boolean negated, ResourceSchema schema, SqlMapping mapping) {
    if (filter instanceof Filter.Not not) {
      return split(not.operand(), !negated, schema, mapping);
    }
    Filter self = negated ? new Filter.Not(filter) : filter;
    // not (a and b) is (not a) or (not b); not (a or b) is (not a) and (not b).
    if (filter instanceof Filter.And and) {
      return negated
          ? any(and.operands(), self, schema, mapping)
          : all(and.operands(), false, schema, mapping);
    }
    if (filter instanceof Filter.Or or) {
      return negated
          ? all(or.operands(), true, schema, mapping)
          : any(or.operands(), self, schema, mapping);
    }
    SqlFilter.Result leaf = SqlFilter.translate(self, schema, mapping);
    return leaf.translated()
        ? new Part(leaf.sql(), leaf.parameters(), null)
        : new Part(null, List.of(), self);
  }

  /** The conjunction of the operands (each negated if {@code negated}). */
  private static Part all(
      List<Filter> operands, boolean negated, ResourceSchema schema, SqlMapping mapping) {
    StringJoiner sql = new StringJoiner(" AND ");
    List<Object> parameters = new ArrayList<>();
    List<Filter> residuals = new ArrayList<>();
    for (Filter operand : operands) {
      Part part = split(operand, negated, schema, mapping);
      if (part.sql != null) {
        // SqlFilter's conditions and those built here may follow AND as they are.
        sql.add(part.sql);
        parameters.addAll(part.parameters);
      }
      if (part.residual != null) {
        residuals.add(part.residual);
      }
    }
    return new Part(
        sql.length() == 0 ? null : sql.toString(),
        parameters,
        residuals.isEmpty()
            ? null
            : residuals.size() == 1 ? residuals.get(0) : new Filter.And(residuals));
  }

  /**
   * The disjunction {@code self} of the operands: a condition only if each has one, and {@code
   * self} to check in memory unless each decides alone.
   */
  private static Part any(
      List<Filter> operands, Filter self, ResourceSchema schema, SqlMapping mapping) {
    boolean negated = self instanceof Filter.Not;
    StringJoiner sql = new StringJoiner(" OR ", "(", ")");
    List<Object> parameters = new ArrayList<>();
    boolean exact = true;
    for (Filter operand : operands) {
      Part part = split(operand, negated, schema, mapping);
      if (part.sql == null) {
        return new Part(null, List.of(), self);
      }
      sql.add("(" + part.sql + ")");
      parameters.addAll(part.parameters);
      exact &= part.residual == null;
    }
    return new Part(sql.toString(), parameters, exact ? null : self);
  }

  // ---- the order ---------------------------------------------------------------------------

  /** The sort column's ORDER BY item; empty for no key, null when SQL cannot sort. */
  private static String sortKey(Sort sort, ResourceSchema schema, SqlMapping mapping) {
    if (sort == null) {
      return "";
    }
    ResourceOrder order = ResourceOrder.of(sort, schema);
    if (order == null) {
      return "";
    }
    AttributePath path = order.keyPath();
    String core = schema.coreSchema().id();
    if (order.multiValued() || mapping.table(path.topLevel(), core).isPresent()) {
      return null;
    }
    String column = mapping.column(path, core).orElse(null);
    if (column == null) {
      return null;
    }
    AttributeDefinition definition = order.keyDefinition();
    String key = column;
    if (ResourceOrder.isString(definition.type())) {
      boolean fold = !ResourceOrder.caseExact(definition);
      boolean folded = mapping.isFolded(path, core);
      if (folded && !fold) {
        throw new IllegalArgumentException(
            "'" + path + "' is mapped to a folded column, but its values sort with their case");
      }
      // An empty string is no value (RFC 7644 pr), which sorts with the missing ones.
      key = "NULLIF(" + (fold && !folded ? "LOWER(" + column + ")" : column) + ", '')";
      String collated = key;
      key = mapping.orderingCollation().map(c -> collated + " COLLATE \"" + c + "\"").orElse(key);
    }
    return order.descending() ? key + " DESC NULLS FIRST" : key + " ASC NULLS LAST";
  }
}
