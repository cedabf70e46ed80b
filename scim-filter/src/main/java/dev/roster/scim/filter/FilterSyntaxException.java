package dev.roster.scim.filter;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.error.ScimType;

/**
 * A filter or PATCH path that does not parse, or exceeds a limit: 400 {@code invalidFilter} for
 * filters, 400 {@code invalidPath} for paths, with the position of the offending token.
 */
public final class FilterSyntaxException extends ScimException {
  private static final long serialVersionUID = 1L;

  private final int position;

  FilterSyntaxException(ScimType type, int position, String detail) {
    super(type, detail);
    this.position = position;
  }

  /**
   * The 0-based index, in code points, of the first character of the offending token; the input's
   * length when the input ended too soon.
   */
  public int position() {
    return position;
  }
}
