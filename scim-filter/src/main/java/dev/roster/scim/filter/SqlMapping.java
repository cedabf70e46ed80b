package dev.roster.scim.filter;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.path.AttributePath;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a resource type's attributes live in SQL tables, so that {@link SqlFilter} can translate
 * filters over them.
 *
 * <pre>{@code
 * SqlMapping users = SqlMapping.builder()
 *     .column("id", "u.id")
 *     .column("userName", "u.user_name")
 *     .column("name.givenName", "u.given_name")
 *     .column("meta.lastModified", "u.last_modified")
 *     .column("active", "u.active")
 *     .table("emails", "user_emails", "e", "e.user_id = u.id")
 *     .column("emails.value", "e.value")
 *     .column("emails.type", "e.type")
 *     .column("emails.primary", "e.is_primary")
 *     .build();
 * }</pre>
 *
 * <p>A single-valued attribute, or a sub-attribute of a single-valued complex attribute, maps to a
 * column expression of the row being filtered. A multi-valued attribute maps to a child table with
 * one row per value: the table, the alias its expressions use, and the condition that correlates a
 * child row with the parent row; its sub-attributes then map to column expressions of the child
 * table (through the alias). A multi-valued attribute of simple values maps its values' column to
 * the attribute's own path: {@code .table("tags", "user_tags", "t", "t.user_id = u.id")} and {@code
 * .column("tags", "t.tag")}. A single-valued complex attribute may also have a table of its own,
 * with at most one row per resource.
 *
 * <p>Paths are matched ignoring case. Extension attributes are mapped by their qualified path
 * ({@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber}); core
 * attributes by their plain name, which filters that qualify them with the core schema's URN find
 * too.
 *
 * <p>Table names, aliases and expressions are SQL written by the host application and are used
 * verbatim; never build them from request data. When a filter uses one child table more than once,
 * later uses get fresh aliases ({@code e2}, {@code e3}, ...) and the alias is rewritten where it
 * qualifies a column in the correlation and column expressions ({@code e.value} becomes {@code
 * e2.value}); text inside quotes is left alone.
 *
 * <p>Immutable and thread-safe.
 */
public final class SqlMapping {
  private static final Pattern COLLATION = Pattern.compile("[A-Za-z0-9_.@-]+");

  private final Map<AttributePath, String> columns;
  private final Map<AttributePath, ChildTable> tables;
  private final Set<AttributePath> folded;
  private final String orderingCollation;

  private SqlMapping(Builder builder) {
    this.columns = Collections.unmodifiableMap(new LinkedHashMap<>(builder.columns));
    this.folded = Set.copyOf(builder.folded);
    this.tables = Collections.unmodifiableMap(new LinkedHashMap<>(builder.tables));
    this.orderingCollation = builder.orderingCollation;
  }

  /** Starts an empty mapping. */
  public static Builder builder() {
    return new Builder();
  }

  /** The column expression mapped to {@code path}, matched ignoring case. */
  Optional<String> column(AttributePath path) {
    return Optional.ofNullable(columns.get(path));
  }

  /**
   * Whether {@code path}'s column holds its values already lower-cased ({@link
   * Builder#foldedColumn}).
   */
  boolean isFolded(AttributePath path) {
    return folded.contains(path);
  }

  /** The child table mapped to the top-level attribute {@code attribute}. */
  Optional<ChildTable> table(AttributePath attribute) {
    return Optional.ofNullable(tables.get(attribute));
  }

  /**
   * The column expression mapped to the canonical path {@code canonical}; a core attribute is also
   * found under its qualified path (the core schema {@code coreSchema}'s URN).
   */
  Optional<String> column(AttributePath canonical, String coreSchema) {
    Optional<String> column = column(canonical);
    return column.isEmpty() && canonical.schema() == null
        ? column(canonical.withSchema(coreSchema))
        : column;
  }

  /**
   * Whether the canonical path's column is folded, found as {@link #column(AttributePath, String)}.
   */
  boolean isFolded(AttributePath canonical, String coreSchema) {
    return isFolded(canonical)
        || (canonical.schema() == null && isFolded(canonical.withSchema(coreSchema)));
  }

  /**
   * The child table of a canonical top-level path, found as {@link #column(AttributePath, String)}.
   */
  Optional<ChildTable> table(AttributePath canonical, String coreSchema) {
    Optional<ChildTable> table = table(canonical);
    return table.isEmpty() && canonical.schema() == null
        ? table(canonical.withSchema(coreSchema))
        : table;
  }

  /** The collation string orderings use, or empty for the columns' own. */
  Optional<String> orderingCollation() {
    return Optional.ofNullable(orderingCollation);
  }

  /** Whether some child table is declared with {@code alias}, ignoring case. */
  boolean declaresAlias(String alias) {
    return tables.values().stream().anyMatch(t -> t.alias().equalsIgnoreCase(alias));
  }

  @Override
  public String toString() {
    return "SqlMapping[columns="
        + columns
        + ", tables="
        + tables
        + ", orderingCollation="
        + orderingCollation
        + "]";
  }

  /**
   * Builds a {@link SqlMapping}; not thread-safe.
   *
   * <p>Arguments must not be null. Methods throw {@link IllegalArgumentException} for a malformed
   * path, a blank expression, an alias that is not a plain SQL identifier, or a path mapped twice.
   */
  public static final class Builder {
    private final Map<AttributePath, String> columns = new LinkedHashMap<>();
    private final Map<AttributePath, ChildTable> tables = new LinkedHashMap<>();
    private final Set<AttributePath> folded = new LinkedHashSet<>();
    private String orderingCollation;

    private Builder() {}

    /**
     * Maps an attribute path such as {@code userName}, {@code name.givenName} or {@code
     * emails.value} to a column expression such as {@code u.user_name}.
     *
     * @return this builder
     */
    public Builder column(String path, String expression) {
      return column(parse(path), expression);
    }

    /**
     * Maps an attribute path to a column expression.
     *
     * @return this builder
     */
    public Builder column(AttributePath path, String expression) {
      requireNonNull(path, "path");
      String sql = nonBlank(expression, "expression of " + path);
      String previous = columns.putIfAbsent(path, sql);
      if (previous != null) {
        throw new IllegalArgumentException(
            "Attribute '"
                + path
                + "' is already mapped to column '"
                + previous
                + "'; map each path once");
      }
      return this;
    }

    /**
     * Maps an attribute that is not {@code caseExact} to a column holding its values as the
     * database's {@code LOWER} folds them, such as a generated column {@code user_name_key
     * GENERATED ALWAYS AS (LOWER(user_name))}, for databases that cannot index an expression (H2,
     * for one). Comparisons then read {@code c = LOWER(?)} instead of {@code LOWER(c) = LOWER(?)},
     * so an index on the column serves them.
     *
     * <p>Translating a filter that compares a {@code caseExact} attribute mapped this way throws
     * {@link IllegalArgumentException}: the column has lost the case it would need.
     *
     * @return this builder
     */
    public Builder foldedColumn(String path, String expression) {
      AttributePath parsed = parse(path);
      column(parsed, expression);
      folded.add(parsed);
      return this;
    }

    /**
     * Maps a multi-valued attribute to a child table holding one row per value.
     *
     * @param attribute the top-level attribute, e.g. {@code emails}
     * @param table the table, e.g. {@code user_emails} (may be schema-qualified)
     * @param alias the alias the correlation and the sub-attributes' column expressions qualify
     *     columns with, e.g. {@code e}; a plain SQL identifier
     * @param correlation the condition that ties a child row to the row being filtered, e.g. {@code
     *     e.user_id = u.id}
     * @return this builder
     */
    public Builder table(String attribute, String table, String alias, String correlation) {
      return table(parse(attribute), table, alias, correlation);
    }

    /**
     * Maps a multi-valued attribute to a child table; see {@link #table(String, String, String,
     * String)}.
     *
     * @return this builder
     */
    public Builder table(AttributePath attribute, String table, String alias, String correlation) {
      requireNonNull(attribute, "attribute");
      if (attribute.hasSubAttribute()) {
        throw new IllegalArgumentException(
            "A child table maps a top-level attribute, not '" + attribute + "'");
      }
      ChildTable child =
          new ChildTable(
              nonBlank(table, "table of " + attribute),
              requireNonNull(alias, "alias"),
              nonBlank(correlation, "correlation of " + attribute));
      if (!child.refersToAlias(child.correlation())) {
        throw new IllegalArgumentException(
            "The correlation '"
                + correlation
                + "' of table '"
                + table
                + "' does not qualify any column with its alias '"
                + alias
                + "'; write it like '"
                + alias
                + ".user_id = u.id'");
      }
      ChildTable previous = tables.putIfAbsent(attribute, child);
      if (previous != null) {
        throw new IllegalArgumentException(
            "Attribute '"
                + attribute
                + "' is already mapped to table '"
                + previous.table()
                + "'; map each attribute once");
      }
      return this;
    }

    /**
     * Makes {@code gt}, {@code ge}, {@code lt} and {@code le} on strings compare under the named
     * collation ({@code LOWER(c) COLLATE "C" > LOWER(?)}), for databases whose columns collate
     * linguistically. The evaluator orders strings by UTF-16 code unit; {@code "C"} in PostgreSQL
     * orders by code point, which differs from that only between characters above U+FFFF and those
     * from U+E000 to U+FFFF. By default orderings use the columns' own collation, which in H2
     * already orders as the evaluator does.
     *
     * @param collation a collation name of letters, digits and {@code _ . @ -}, such as {@code C}
     * @return this builder
     */
    public Builder orderingCollation(String collation) {
      requireNonNull(collation, "collation");
      if (!COLLATION.matcher(collation).matches()) {
        throw new IllegalArgumentException(
            "'"
                + collation
                + "' is not a collation name; use letters, digits and _ . @ - only, like C");
      }
      this.orderingCollation = collation;
      return this;
    }

    /**
     * Builds the mapping.
     *
     * @throws IllegalArgumentException if a column of a child table's attribute does not qualify a
     *     column with the table's alias
     */
    public SqlMapping build() {
      for (Map.Entry<AttributePath, String> column : columns.entrySet()) {
        ChildTable table = tables.get(column.getKey().topLevel());
        if (table != null && !table.refersToAlias(column.getValue())) {
          throw new IllegalArgumentException(
              "The column '"
                  + column.getValue()
                  + "' of '"
                  + column.getKey()
                  + "' does not qualify a column with the alias '"
                  + table.alias()
                  + "' of table '"
                  + table.table()
                  + "'; qualify the child table's columns with it, as in '"
                  + table.alias()
                  + ".value'");
        }
      }
      return new SqlMapping(this);
    }

    private static AttributePath parse(String path) {
      requireNonNull(path, "path");
      try {
        return FilterParser.withDefaults().parseAttributePath(path);
      } catch (FilterSyntaxException e) {
        throw new IllegalArgumentException(e.detail(), e);
      }
    }

    private static String nonBlank(String sql, String what) {
      requireNonNull(sql, what);
      if (sql.isBlank()) {
        throw new IllegalArgumentException("The " + what + " is blank");
      }
      return sql.strip();
    }
  }

  /**
   * A child table: {@code table} aliased as {@code alias}, tied to the parent row by {@code
   * correlation}.
   */
  record ChildTable(String table, String alias, String correlation) {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    ChildTable {
      requireNonNull(table, "table");
      requireNonNull(alias, "alias");
      requireNonNull(correlation, "correlation");
      if (!IDENTIFIER.matcher(alias).matches()) {
        throw new IllegalArgumentException(
            "The alias '" + alias + "' of table '" + table + "' is not a plain SQL identifier");
      }
    }

    /** Whether {@code expression} qualifies some column with this table's alias. */
    boolean refersToAlias(String expression) {
      return !requalify(expression, alias + "_").equals(expression);
    }

    /**
     * {@code expression} with every column qualified by this table's alias qualified by {@code
     * newAlias} instead, outside quoted text.
     */
    String requalify(String expression, String newAlias) {
      StringBuilder out = new StringBuilder(expression.length() + 8);
      int i = 0;
      int n = expression.length();
      while (i < n) {
        char c = expression.charAt(i);
        if (c == '\'' || c == '"') {
          int end = closingQuote(expression, i);
          out.append(expression, i, end);
          i = end;
        } else if (isIdentifierStart(c)) {
          int end = i + 1;
          while (end < n && isIdentifierPart(expression.charAt(end))) {
            end++;
          }
          String word = expression.substring(i, end);
          boolean qualifier =
              end < n
                  && expression.charAt(end) == '.'
                  && (i == 0 || !isQualifiedOrPartOfWord(expression.charAt(i - 1)))
                  && word.equalsIgnoreCase(alias);
          out.append(qualifier ? newAlias : word);
          i = end;
        } else {
          out.append(c);
          i++;
        }
      }
      return out.toString();
    }

    /** The index just after the quote that closes the one at {@code start}; doubled quotes stay. */
    private static int closingQuote(String text, int start) {
      char quote = text.charAt(start);
      int i = start + 1;
      while (i < text.length()) {
        if (text.charAt(i) == quote) {
          if (i + 1 < text.length() && text.charAt(i + 1) == quote) {
            i += 2;
            continue;
          }
          return i + 1;
        }
        i++;
      }
      return text.length();
    }

    private static boolean isQualifiedOrPartOfWord(char previous) {
      return previous == '.' || isIdentifierPart(previous);
    }

    private static boolean isIdentifierStart(char c) {
      return Character.isLetter(c) || c == '_';
    }

    private static boolean isIdentifierPart(char c) {
      return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }
  }
}
