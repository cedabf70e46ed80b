package dev.roster.scim.server;

import dev.roster.scim.core.spi.Keyset;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Seek;

/**
 * Cursor paging (RFC 9865) of one resource type's list and search requests: reads the client's
 * {@code cursor} into a {@link Seek} with {@link Cursors}, has the repository page by keyset from
 * there, and signs the page's neighbouring keysets into {@code nextCursor} and {@code
 * previousCursor}. Immutable.
 */
final class CursorPages {
  private final Cursors cursors;

  CursorPages(Cursors cursors) {
    this.cursors = cursors;
  }

  /** How long a cursor is valid, in seconds. */
  long timeoutSeconds() {
    return cursors.timeoutSeconds();
  }

  /** Answers a query whose {@link Queries#cursor()} is not null. */
  ScimResponse list(Endpoint endpoint, Resources.Call call, Queries query) {
    query.requireCursorPaging(endpoint);
    byte[] scope = Cursors.scope(call.context(), endpoint.name(), query.filter(), query.sort());
    Seek seek = cursors.read(query.cursor(), scope);
    Page page = endpoint.repository().search(query.toSearch(call.context(), seek));
    return ScimResponse.of(
        200,
        Responses.cursorListResponse(
            page.totalResults(),
            Presenter.presentAll(
                endpoint, page.resources(), query.count(), query.projection(), call.base()),
            cursor(scope, page.next(), false),
            cursor(scope, page.previous(), true)));
  }

  private String cursor(byte[] scope, Keyset keyset, boolean before) {
    return keyset == null ? null : cursors.issue(scope, keyset, before);
  }
}
