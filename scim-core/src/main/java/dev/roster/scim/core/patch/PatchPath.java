package dev.roster.scim.core.patch;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The target of a PATCH operation (RFC 7644 §3.5.2 {@code PATH = attrPath / valuePath [subAttr]}):
 * {@code name.givenName}, {@code members[value eq "2819c223"]}, {@code emails[type eq
 * "work"].value}, or {@code urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager}.
 *
 * <p>A path with a value filter selects the values of a multi-valued attribute that match it, and
 * optionally one sub-attribute of each. Parsing text into a path is scim-filter's job.
 *
 * @param attribute the attribute; it names a sub-attribute only when there is no value filter
 * @param valueFilter the filter selecting values, or null
 * @param subAttribute the sub-attribute of the selected values, or null; only with a value filter
 */
public record PatchPath(AttributePath attribute, Filter valueFilter, String subAttribute) {
  public PatchPath {
    requireNonNull(attribute, "attribute");
    if (valueFilter == null && subAttribute != null) {
      throw new IllegalArgumentException("A sub-attribute after the filter needs a value filter");
    }
    if (valueFilter != null && attribute.hasSubAttribute()) {
      throw new IllegalArgumentException(
          "A value filter applies to a top-level attribute, not '" + attribute + "'");
    }
    if (subAttribute != null && !AttributePath.isAttributeName(subAttribute)) {
      throw new IllegalArgumentException("'" + subAttribute + "' is not a valid attribute name");
    }
  }

  /** A path without a value filter. */
  public static PatchPath of(AttributePath attribute) {
    return new PatchPath(attribute, null, null);
  }

  /** The value filter, if any. */
  public Optional<Filter> filter() {
    return Optional.ofNullable(valueFilter);
  }

  /**
   * The sub-attribute the path ends at, whether written {@code name.givenName} or {@code
   * emails[...].value}.
   */
  public Optional<String> targetSubAttribute() {
    return Optional.ofNullable(subAttribute != null ? subAttribute : attribute.subAttribute());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PatchPath other
        && attribute.equals(other.attribute)
        && Objects.equals(valueFilter, other.valueFilter)
        && (subAttribute == null
            ? other.subAttribute == null
            : subAttribute.equalsIgnoreCase(other.subAttribute));
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        attribute,
        valueFilter,
        subAttribute == null ? null : subAttribute.toLowerCase(Locale.ROOT));
  }

  /** The canonical text, e.g. {@code emails[type eq "work"].value}. */
  @Override
  public String toString() {
    if (valueFilter == null) {
      return attribute.toString();
    }
    return attribute + "[" + valueFilter + "]" + (subAttribute == null ? "" : "." + subAttribute);
  }
}
