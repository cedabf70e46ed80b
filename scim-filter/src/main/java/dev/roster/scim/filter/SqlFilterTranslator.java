package dev.roster.scim.filter;

import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.schema.AttributeDefinition;
import dev.roster.scim.core.schema.AttributeType;
import dev.roster.scim.core.schema.ResolvedAttribute;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.filter.SqlMapping.ChildTable;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;

/**
 * One translation of a filter to SQL, under the rules {@link SqlFilter} and {@link FilterEvaluator}
 * describe. Not thread-safe: one instance per call.
 *
 * <p>The filter has passed the evaluator's compiler, so it is valid for the schema; anything this
 * class still cannot express exactly is reported as untranslatable rather than guessed.
 *
 * <p>Conditions must select what the evaluator's two-valued logic selects, although SQL has a third
 * value, unknown, for comparisons with {@code NULL}. Outside any {@code NOT} (counted within one
 * query level; an {@code EXISTS} is never unknown) unknown and false select the same rows, so a
 * plain comparison suffices; under an odd number of {@code NOT}s a comparison is guarded with
 * {@code IS NOT NULL}. Conditions that the evaluator makes true on a missing value ({@code ne},
 * {@code eq null}) test for {@code NULL} themselves and are never unknown.
 */
final class SqlFilterTranslator implements Filter.Visitor<SqlFilterTranslator.Sql> {
  private static final Sql UNTRANSLATABLE = Sql.atom("1 = 0");
  private static final String ESCAPE = " ESCAPE '\\'";

  private final ResourceSchema schema;
  private final SqlMapping mapping;
  private final List<Object> parameters = new ArrayList<>();
  private final Set<AttributePath> untranslatable = new LinkedHashSet<>();
  private final Set<String> aliases = new HashSet<>();

  /** Whether the node being visited is under an odd number of {@code NOT}s in its query level. */
  private boolean negated;

  /** The value path being visited, or null outside one. */
  private Scope scope;

  SqlFilterTranslator(ResourceSchema schema, SqlMapping mapping) {
    this.schema = schema;
    this.mapping = mapping;
  }

  SqlFilter.Result translate(Filter filter) {
    // The evaluator's compiler decides which filters are valid, so both paths reject the same ones.
    EvaluatorCompiler.forResources(schema, FilterEvaluator.Mode.LENIENT, filter);
    Sql sql = filter.accept(this);
    if (!untranslatable.isEmpty()) {
      return new SqlFilter.Result(null, List.of(), List.copyOf(untranslatable));
    }
    return new SqlFilter.Result(sql.operand(Precedence.AND), parameters, List.of());
  }

  // ---- logic -------------------------------------------------------------------------------

  @Override
  public Sql visitAnd(Filter.And filter) {
    StringJoiner sql = new StringJoiner(" AND ");
    for (Filter operand : filter.operands()) {
      sql.add(operand.accept(this).operand(Precedence.AND));
    }
    return new Sql(sql.toString(), Precedence.AND);
  }

  @Override
  public Sql visitOr(Filter.Or filter) {
    StringJoiner sql = new StringJoiner(" OR ");
    for (Filter operand : filter.operands()) {
      sql.add(operand.accept(this).text());
    }
    return new Sql(sql.toString(), Precedence.OR);
  }

  @Override
  public Sql visitNot(Filter.Not filter) {
    negated = !negated;
    Sql operand = filter.operand().accept(this);
    negated = !negated;
    return not(operand);
  }

  // ---- value paths -------------------------------------------------------------------------

  @Override
  public Sql visitValuePath(Filter.ValuePath filter) {
    if (scope != null) {
      return untranslatable(filter.attribute());
    }
    Optional<ResolvedAttribute> resolved = schema.resolve(filter.attribute());
    if (resolved.isEmpty()) {
      return untranslatable(filter.attribute());
    }
    AttributeDefinition attribute = resolved.get().attribute();
    AttributePath path = resolved.get().canonicalPath();
    Optional<ChildTable> table = table(path);
    if (table.isPresent()) {
      String alias = alias(table.get());
      boolean outerNegated = negated;
      negated = false;
      scope = new Scope(path, attribute, table.get(), alias);
      Sql inner = filter.filter().accept(this);
      scope = null;
      negated = outerNegated;
      if (!attribute.isComplex()) {
        // Each row holds one simple value; a NULL one is no value, which no value filter matches.
        String self = column(path).map(c -> table.get().requalify(c, alias)).orElse(null);
        if (self == null) {
          return untranslatable(path);
        }
        inner = Sql.and(self + " IS NOT NULL AND " + inner.operand(Precedence.AND));
      }
      return exists(table.get(), alias, inner);
    }
    if (attribute.multiValued() || !attribute.isComplex()) {
      return untranslatable(path);
    }
    // A single complex value in the filtered row: there if any of its columns holds something.
    Sql there = anyColumn(path, attribute, " IS NOT NULL");
    scope = new Scope(path, attribute, null, null);
    Sql inner = filter.filter().accept(this);
    scope = null;
    return Sql.and(there.operand(Precedence.AND) + " AND " + inner.operand(Precedence.AND));
  }

  // ---- comparisons -------------------------------------------------------------------------

  @Override
  public Sql visitPresent(Filter.Present filter) {
    Target target = target(filter.attribute());
    return target == null ? UNTRANSLATABLE : present(target);
  }

  @Override
  public Sql visitCompare(Filter.Compare filter) {
    ComparisonOperator op = filter.operator();
    Object literal = filter.value();
    Target target = target(filter.attribute());
    if (target == null) {
      return UNTRANSLATABLE;
    }
    if (literal == null) {
      // eq null is "not present" and ne null is "present", as in the evaluator.
      Sql present = present(target);
      return op == ComparisonOperator.NE ? present : not(present);
    }
    if (target.definition.isComplex()) {
      target = valueOf(target);
      if (target == null) {
        return UNTRANSLATABLE;
      }
    }
    Object bound = bindable(target.definition, op, literal);
    if (bound == null || target.column == null) {
      return untranslatable(target.path);
    }
    if (target.table == null) {
      // ne is "not eq": true where the column is NULL.
      return op == ComparisonOperator.NE
          ? Sql.or(target.column + " IS NULL OR " + test(target, target.column, op, bound))
          : guarded(target.column, test(target, target.column, op, bound));
    }
    String alias = alias(target.table);
    String column = target.table.requalify(target.column, alias);
    ComparisonOperator positive = op == ComparisonOperator.NE ? ComparisonOperator.EQ : op;
    Sql exists = exists(target.table, alias, Sql.atom(test(target, column, positive, bound)));
    // On a multi-valued attribute ne means that no value equals the literal.
    return op == ComparisonOperator.NE ? not(exists) : exists;
  }

  /** Whether the target has a present value ({@code pr}). */
  private Sql present(Target target) {
    if (target.table != null && target.column == null) {
      // A complex multi-valued attribute: each child row is one value.
      String alias = alias(target.table);
      return Sql.atom(
          "EXISTS (SELECT 1 FROM "
              + target.table.table()
              + " "
              + alias
              + " WHERE "
              + target.table.requalify(target.table.correlation(), alias)
              + ")");
    }
    if (target.definition.isComplex()) {
      // A single complex value in the filtered row: present if one of its sub-attributes is.
      return anyColumn(target.path, target.definition, null);
    }
    if (target.column == null) {
      return untranslatable(target.path);
    }
    if (target.table == null) {
      return presentColumn(target.column, target.definition);
    }
    String alias = alias(target.table);
    return exists(
        target.table,
        alias,
        presentColumn(target.table.requalify(target.column, alias), target.definition));
  }

  /**
   * Whether any column of the single complex attribute at {@code path} passes {@code test} (a
   * presence test if null); every sub-attribute the schema declares must be mapped.
   */
  private Sql anyColumn(AttributePath path, AttributeDefinition attribute, String test) {
    StringJoiner any = new StringJoiner(" OR ");
    for (AttributeDefinition sub : attribute.subAttributes()) {
      AttributePath subPath = path.withSubAttribute(sub.name());
      Optional<String> column = column(subPath);
      if (column.isEmpty()) {
        untranslatable.add(subPath);
      } else {
        any.add(test == null ? presentColumn(column.get(), sub).text() : column.get() + test);
      }
    }
    return Sql.atom("(" + any + ")");
  }

  private static Sql presentColumn(String column, AttributeDefinition definition) {
    if (isString(definition.type())) {
      return Sql.and(column + " IS NOT NULL AND " + column + " <> ''");
    }
    return Sql.atom(column + " IS NOT NULL");
  }

  /** The comparison of {@code column} with the next parameter, which it adds; never for ne. */
  private String test(Target target, String column, ComparisonOperator op, Object bound) {
    AttributeDefinition definition = target.definition;
    // RFC 7643 §2.3.6: binary values are case-exact whatever the schema says.
    boolean fold =
        isString(definition.type())
            && definition.type() != AttributeType.BINARY
            && !definition.caseExact();
    boolean folded = isFolded(target.path);
    if (folded && !fold) {
      throw new IllegalArgumentException(
          "'"
              + target.path
              + "' is mapped to a folded column, but its values compare with their case");
    }
    String left = fold && !folded ? "LOWER(" + column + ")" : column;
    String right = fold ? "LOWER(?)" : "?";
    Object parameter = bound;
    String sql;
    switch (op) {
      case EQ:
        sql = left + " = " + right;
        break;
      case NE:
        sql = left + " <> " + right;
        break;
      case CO:
        parameter = "%" + escapeLike((String) bound) + "%";
        sql = left + " LIKE " + right + ESCAPE;
        break;
      case SW:
        parameter = escapeLike((String) bound) + "%";
        sql = left + " LIKE " + right + ESCAPE;
        break;
      case EW:
        parameter = "%" + escapeLike((String) bound);
        sql = left + " LIKE " + right + ESCAPE;
        break;
      case GT:
        sql = ordered(left, definition) + " > " + right;
        break;
      case GE:
        sql = ordered(left, definition) + " >= " + right;
        break;
      case LT:
        sql = ordered(left, definition) + " < " + right;
        break;
      case LE:
        sql = ordered(left, definition) + " <= " + right;
        break;
      default:
        throw new AssertionError(op);
    }
    parameters.add(parameter);
    return sql;
  }

  /** {@code left}, under the mapping's ordering collation if it is a string and one is set. */
  private String ordered(String left, AttributeDefinition definition) {
    return isString(definition.type())
        ? mapping.orderingCollation().map(c -> left + " COLLATE \"" + c + "\"").orElse(left)
        : left;
  }

  /**
   * The parameter to bind for comparing a value of {@code definition} with {@code literal}, or null
   * where SQL cannot compare as the evaluator does.
   */
  private static Object bindable(
      AttributeDefinition definition, ComparisonOperator op, Object literal) {
    switch (definition.type()) {
      case STRING:
      case REFERENCE:
      case BINARY:
        // PostgreSQL text cannot hold U+0000, so such a value would fail the query there.
        return literal instanceof String && ((String) literal).indexOf('\u0000') < 0
            ? literal
            : null;
      case BOOLEAN:
        if (op.isSubstring() || op.isOrdering()) {
          return null;
        }
        // Microsoft Entra ID sends primary eq "True"; the evaluator reads it as a boolean.
        return literal instanceof Boolean
            ? literal
            : literal instanceof String ? Comparisons.parseBoolean((String) literal) : null;
      case INTEGER:
      case DECIMAL:
        return literal instanceof BigDecimal && !op.isSubstring() ? literal : null;
      case DATE_TIME:
        // co, sw and ew test a dateTime's text, which a timestamp column does not keep.
        return literal instanceof String && !op.isSubstring() ? dateTime((String) literal) : null;
      default:
        return null;
    }
  }

  private static OffsetDateTime dateTime(String text) {
    try {
      return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static boolean isString(AttributeType type) {
    return type == AttributeType.STRING
        || type == AttributeType.REFERENCE
        || type == AttributeType.BINARY;
  }

  /** {@code value} as a literal {@code LIKE} pattern with escape character {@code \}. */
  private static String escapeLike(String value) {
    StringBuilder out = new StringBuilder(value.length() + 4);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\' || c == '%' || c == '_') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }

  /** {@code condition}, made false rather than unknown on NULL where that could show. */
  private Sql guarded(String column, String condition) {
    return negated ? Sql.and(column + " IS NOT NULL AND " + condition) : Sql.atom(condition);
  }

  private static Sql not(Sql operand) {
    return Sql.atom("NOT (" + operand.text() + ")");
  }

  private Sql exists(ChildTable table, String alias, Sql condition) {
    return Sql.atom(
        "EXISTS (SELECT 1 FROM "
            + table.table()
            + " "
            + alias
            + " WHERE "
            + table.requalify(table.correlation(), alias)
            + " AND "
            + condition.operand(Precedence.AND)
            + ")");
  }

  private Sql untranslatable(AttributePath path) {
    untranslatable.add(path);
    return UNTRANSLATABLE;
  }

  // ---- attributes --------------------------------------------------------------------------

  /**
   * Where the values at {@code path} live, or null (with the path noted as untranslatable) when the
   * schema or the mapping lacks it.
   */
  private Target target(AttributePath path) {
    return scope == null ? targetInResource(path) : targetInElement(path);
  }

  private Target targetInResource(AttributePath path) {
    Optional<ResolvedAttribute> found = schema.resolve(path);
    if (found.isEmpty()) {
      untranslatable.add(path);
      return null;
    }
    ResolvedAttribute resolved = found.get();
    AttributePath canonical = resolved.canonicalPath();
    AttributeDefinition attribute = resolved.attribute();
    ChildTable table = table(canonical.topLevel()).orElse(null);
    if (attribute.multiValued() && table == null) {
      untranslatable.add(canonical.topLevel());
      return null;
    }
    if (resolved.definition().isComplex() && !canonical.hasSubAttribute()) {
      // The attribute as a whole: its rows, or its columns; value() finds its value column.
      return new Target(canonical, attribute, null, table);
    }
    Optional<String> column = column(canonical);
    if (column.isEmpty()) {
      untranslatable.add(canonical);
      return null;
    }
    return new Target(canonical, resolved.definition(), column.get(), table);
  }

  private Target targetInElement(AttributePath path) {
    AttributeDefinition element = scope.attribute;
    AttributeDefinition definition;
    AttributePath full;
    if (path.schema() != null || path.hasSubAttribute()) {
      definition = null;
      full = path;
    } else if (element.isComplex()) {
      definition = element.subAttribute(path.attribute()).orElse(null);
      full = scope.path.withSubAttribute(definition == null ? path.attribute() : definition.name());
    } else {
      // A simple multi-valued attribute's elements are addressed as "value".
      definition = path.attribute().equalsIgnoreCase("value") ? element : null;
      full = scope.path;
    }
    Optional<String> column = definition == null ? Optional.empty() : column(full);
    if (column.isEmpty() || definition.isComplex()) {
      untranslatable.add(full);
      return null;
    }
    String expression =
        scope.table == null ? column.get() : scope.table.requalify(column.get(), scope.alias);
    return new Target(full, definition, expression, null);
  }

  /**
   * The {@code value} sub-attribute of a complex attribute, which a comparison without a
   * sub-attribute compares (RFC 7644 §3.4.2.2: {@code emails co "example.com"}).
   */
  private Target valueOf(Target whole) {
    Optional<AttributeDefinition> value = whole.definition.subAttribute("value");
    if (value.isEmpty() || whole.path.hasSubAttribute()) {
      untranslatable.add(whole.path);
      return null;
    }
    AttributePath path = whole.path.withSubAttribute(value.get().name());
    Optional<String> column = column(path);
    if (column.isEmpty()) {
      untranslatable.add(path);
      return null;
    }
    return new Target(path, value.get(), column.get(), whole.table);
  }

  private Optional<String> column(AttributePath canonical) {
    return mapping.column(canonical, schema.coreSchema().id());
  }

  private boolean isFolded(AttributePath canonical) {
    return mapping.isFolded(canonical, schema.coreSchema().id());
  }

  private Optional<ChildTable> table(AttributePath canonical) {
    return mapping.table(canonical, schema.coreSchema().id());
  }

  /** A fresh alias for one use of {@code table}: its own, else its own with a number appended. */
  private String alias(ChildTable table) {
    String alias = table.alias();
    int n = 1;
    while (aliases.contains(alias.toLowerCase(Locale.ROOT))
        || (n > 1 && mapping.declaresAlias(alias))) {
      n++;
      alias = table.alias() + n;
    }
    aliases.add(alias.toLowerCase(Locale.ROOT));
    return alias;
  }

  // ---- values ------------------------------------------------------------------------------

  /** How loosely a piece of SQL holds together: its top-level operator. */
  enum Precedence {
    ATOM,
    AND,
    OR
  }

  /** A piece of SQL and its top-level operator. */
  record Sql(String text, Precedence precedence) {
    static Sql atom(String text) {
      return new Sql(text, Precedence.ATOM);
    }

    static Sql and(String text) {
      return new Sql(text, Precedence.AND);
    }

    static Sql or(String text) {
      return new Sql(text, Precedence.OR);
    }

    /** The text as an operand of {@code operator}, parenthesised if it binds more loosely. */
    String operand(Precedence operator) {
      return precedence.compareTo(operator) > 0 ? "(" + text + ")" : text;
    }
  }

  /**
   * Where compared values live.
   *
   * @param path the canonical path, to report
   * @param definition the definition of the values compared
   * @param column the column expression; null for a complex attribute as a whole
   * @param table the child table whose rows hold the values, or null for the filtered row (or the
   *     value path's row)
   */
  private record Target(
      AttributePath path, AttributeDefinition definition, String column, ChildTable table) {}

  /**
   * The value path being translated.
   *
   * @param path its attribute's canonical path
   * @param attribute its attribute
   * @param table the child table with its values, or null for a single value in the filtered row
   * @param alias the alias of this use of {@code table}
   */
  private record Scope(
      AttributePath path, AttributeDefinition attribute, ChildTable table, String alias) {}
}
