package dev.roster.scim.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Reads the child rows a statement aggregated into one column with {@link
 * Migrations.Dialect#jsonRows}: a JSON array with one array of column values per child row, in the
 * order the subquery gave, or SQL {@code NULL} when there were none.
 */
final class ChildRows {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChildRows() {}

  /** Each child row in {@code json} made into a value by {@code value}, in order; a new list. */
  static <T> List<T> map(String json, Function<JsonNode, T> value) throws SQLException {
    List<T> values = new ArrayList<>();
    for (JsonNode row : parse(json)) {
      values.add(value.apply(row));
    }
    return values;
  }

  /** The child rows in {@code json}, none if it is {@code null}. */
  private static Iterable<JsonNode> parse(String json) throws SQLException {
    if (json == null) {
      return List.of();
    }
    try {
      JsonNode rows = JSON.readTree(json);
      if (!rows.isArray()) {
        throw new SQLException("Aggregated child rows are not a JSON array");
      }
      return rows;
    } catch (JsonProcessingException e) {
      // Never the database's text in the message: it holds directory data.
      throw new SQLException("Aggregated child rows are not valid JSON");
    }
  }

  /** The text at {@code index} of a child row, {@code null} for JSON null. */
  static String text(JsonNode row, int index) {
    JsonNode value = row.get(index);
    return value == null || value.isNull() ? null : value.asText();
  }

  /** The boolean at {@code index} of a child row, {@code null} for JSON null. */
  static Boolean bool(JsonNode row, int index) {
    JsonNode value = row.get(index);
    return value == null || value.isNull() ? null : value.asBoolean();
  }
}
