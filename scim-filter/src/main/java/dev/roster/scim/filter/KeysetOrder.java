package dev.roster.scim.filter;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.Keyset;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.core.spi.SortOrder;
import java.util.Comparator;

/**
 * The order of a cursor-paged search (RFC 9865) in memory: by the sort value under {@link
 * ResourceOrder}'s rules, then by id, both in the sort's direction (by id ascending without a
 * sort), over {@link Keyset}s. A repository that pages in memory reads each match's keyset once and
 * compares keysets, so that it can keep just the page after or before a cursor's keyset.
 *
 * <pre>{@code
 * KeysetOrder order = KeysetOrder.of(request.sort(), schema);
 * Keyset at = order.keyset(resource);
 * boolean onNextPage = order.compare(at, request.seek().after()) > 0;
 * }</pre>
 *
 * <p>Ids compare by UTF-16 code unit ({@link String#compareTo}). A descending sort is exactly the
 * reverse of the ascending one, resources without a value included (last ascending, first
 * descending). Stateless and thread-safe.
 */
public final class KeysetOrder implements Comparator<Keyset> {
  private final ResourceOrder order;
  private final boolean descending;

  private KeysetOrder(ResourceOrder order, boolean descending) {
    this.order = order;
    this.descending = descending;
  }

  /**
   * The order of a search with {@code sort} (null for none) over resources of {@code schema}'s
   * type.
   *
   * @throws NullPointerException if {@code schema} is null
   */
  public static KeysetOrder of(Sort sort, ResourceSchema schema) {
    requireNonNull(schema, "schema");
    if (sort == null) {
      return new KeysetOrder(null, false);
    }
    return new KeysetOrder(ResourceOrder.of(sort, schema), sort.order() == SortOrder.DESCENDING);
  }

  /**
   * The keyset of {@code resource}: its sort value as {@link ResourceOrder} compares it ({@link
   * String}, {@link java.math.BigDecimal}, {@link Boolean} or {@link java.time.Instant}; null
   * without a sort or a value) and {@code id}.
   *
   * @param resource what the sort value is read from
   * @param id the resource's id (a view of a stored entry may not carry it)
   */
  public Keyset keyset(ScimResource resource, String id) {
    requireNonNull(resource, "resource");
    return new Keyset(order == null ? null : order.key(resource), id);
  }

  /** The keyset of {@code resource}, whose id it carries. */
  public Keyset keyset(ScimResource resource) {
    return keyset(resource, requireNonNull(resource.id(), "the resource's id"));
  }

  /**
   * Compares two keysets of this order: negative when {@code a} comes first.
   *
   * @throws IllegalArgumentException if a sort value is not of the type this order compares
   */
  @Override
  public int compare(Keyset a, Keyset b) {
    if (order != null) {
      int byValue;
      try {
        byValue = order.compareKeys(a.value(), b.value());
      } catch (ClassCastException e) {
        throw new IllegalArgumentException("A keyset value is not of the sort's type", e);
      }
      if (byValue != 0) {
        return byValue;
      }
    }
    int byId = a.id().compareTo(b.id());
    return descending ? -byId : byId;
  }
}
