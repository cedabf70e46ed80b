package dev.roster.scim.filter;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.ResourceSchema;
import java.util.List;

/**
 * Translates a SCIM filter into a parameterised SQL {@code WHERE} condition, so that a repository
 * can let its database select resources by their indexes.
 *
 * <pre>{@code
 * SqlFilter.Result where = SqlFilter.translate(request.filter(), users, mapping);
 * if (where.translated()) {
 *   String sql = "SELECT u.* FROM users u WHERE u.tenant_id = ? AND " + where.sql();
 *   // bind the tenant, then where.parameters() in order with PreparedStatement.setObject
 * } else {
 *   // where.untranslatable() names what stopped it: load candidates, filter with FilterEvaluator
 * }
 * }</pre>
 *
 * <p>The condition selects exactly the resources {@link FilterEvaluator} matches, given resources
 * whose JSON holds what the mapped columns hold (see below), and rejects the same filters with
 * {@code invalidFilter}. Filter values only ever become bind parameters, never SQL text. For a
 * mapped column {@code c}:
 *
 * <ul>
 *   <li>Strings of attributes that are not {@code caseExact} compare as {@code LOWER(c)} with
 *       {@code LOWER(?)}: the database folds both sides alike, and an expression index on {@code
 *       LOWER(c)} keeps them fast. {@code caseExact} and {@code binary} values compare as they are.
 *   <li>{@code co}, {@code sw} and {@code ew} become {@code LIKE ? ESCAPE '\'} with {@code %},
 *       {@code _} and {@code \} escaped in the value.
 *   <li>{@code pr} becomes {@code IS NOT NULL}, and not empty for strings; {@code eq null} is its
 *       negation and {@code ne null} the same test.
 *   <li>{@code ne} is {@code not eq}, so it holds where {@code c} is NULL; under {@code not (...)}
 *       comparisons are guarded so that SQL's unknown on NULL cannot differ from the evaluator's
 *       false.
 *   <li>Booleans bind as {@link Boolean} ({@code "True"} in any case counts as {@code true}),
 *       numbers as {@link java.math.BigDecimal}, dateTimes as {@link java.time.OffsetDateTime} in
 *       UTC, compared as instants by a {@code TIMESTAMP WITH TIME ZONE} column, and strings as
 *       {@link String}.
 *   <li>A multi-valued attribute's condition becomes {@code EXISTS (SELECT 1 FROM child alias WHERE
 *       correlation AND ...)}, {@code ne} becomes {@code NOT EXISTS} (no value equals), and all
 *       conditions inside one value path ({@code emails[type eq "work" and value co "@x"]}) go into
 *       one {@code EXISTS}, so one value must satisfy them all. A child table used twice gets a
 *       fresh alias the second time. A complex attribute compared without a sub-attribute ({@code
 *       emails co "x"}) compares its {@code value}.
 * </ul>
 *
 * <p>What the mapped columns must hold for the results to agree with the evaluator: each row of a
 * complex multi-valued attribute's table is one value with at least one present sub-attribute; a
 * single-valued complex attribute (such as {@code name}) is present in the JSON exactly when one of
 * its columns is not NULL, and {@code name pr} or {@code name[...]} need every sub-attribute the
 * schema declares to be mapped.
 *
 * <p>Not everything translates: attributes the schema does not define or the mapping lacks, {@code
 * co}, {@code sw} or {@code ew} on a dateTime (whose text a timestamp column does not keep), and
 * strings holding U+0000 (which PostgreSQL rejects) leave the filter untranslated; evaluate it in
 * memory then.
 *
 * <p>Two differences come from the database, not from this class. Case folding is the database's
 * {@code LOWER}, which agrees with the evaluator's {@link String#equalsIgnoreCase} for every letter
 * with a one-to-one case mapping (including "Zoë" and "ÆRØ"), but not for the few without one, such
 * as the dotted capital {@code İ}, {@code ſ} and a word-final sigma. Orderings ({@code gt}, {@code
 * ge}, {@code lt}, {@code le}) of strings follow the column's collation, while the evaluator orders
 * by UTF-16 code unit: H2's default agrees, and so do PostgreSQL's {@code C} and {@code C.UTF-8};
 * for linguistic collations set {@link SqlMapping.Builder#orderingCollation} to {@code "C"}.
 *
 * <p>Stateless and thread-safe.
 */
public final class SqlFilter {
  private SqlFilter() {}

  /**
   * Translates {@code filter} over resources of {@code schema} stored as {@code mapping} says.
   *
   * <p>Returns the SQL condition with its parameters or, when some path of the filter does not
   * translate (see the class description), no SQL and those paths: the caller then evaluates the
   * whole filter in memory.
   *
   * @throws dev.roster.scim.core.error.ScimException 400 {@code invalidFilter} if the filter cannot
   *     apply to {@code schema}'s resource type, exactly when {@link FilterEvaluator#matches} would
   *     throw it in lenient mode
   * @throws NullPointerException if an argument is null (a search without a filter needs no
   *     condition)
   */
  public static Result translate(Filter filter, ResourceSchema schema, SqlMapping mapping) {
    requireNonNull(filter, "filter");
    requireNonNull(schema, "schema");
    requireNonNull(mapping, "mapping");
    return new SqlFilterTranslator(schema, mapping).translate(filter);
  }

  /**
   * The outcome of {@link #translate}: a condition with its parameters, or the attribute paths that
   * kept the filter out of SQL.
   *
   * @param sql the condition, using {@code ?} placeholders, to follow {@code WHERE} or {@code AND}
   *     (a top-level {@code OR} comes parenthesised); not to be negated in SQL, since where it does
   *     not hold it may be NULL rather than false (negate the filter instead); null when not {@link
   *     #translated()}
   * @param parameters the values to bind to the placeholders, in order: {@link String}, {@link
   *     Boolean}, {@link java.math.BigDecimal} or {@link java.time.OffsetDateTime}, never null;
   *     empty when not translated
   * @param untranslatable the paths that did not translate, in the order the filter uses them:
   *     undefined by the schema (as written), missing from the mapping or compared in a way the
   *     database cannot reproduce (canonical, like {@code name.givenName}); empty when translated
   */
  public record Result(String sql, List<Object> parameters, List<AttributePath> untranslatable) {
    public Result {
      parameters = List.copyOf(parameters);
      untranslatable = List.copyOf(untranslatable);
      if ((sql == null) == untranslatable.isEmpty()) {
        throw new IllegalArgumentException(
            "A result has either SQL or untranslatable paths, not "
                + sql
                + " and "
                + untranslatable);
      }
      if (sql == null && !parameters.isEmpty()) {
        throw new IllegalArgumentException("A result without SQL has no parameters");
      }
    }

    /** Whether the filter was translated, so that {@link #sql()} is not null. */
    public boolean translated() {
      return sql != null;
    }
  }
}
