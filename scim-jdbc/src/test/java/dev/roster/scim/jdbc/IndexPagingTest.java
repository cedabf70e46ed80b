package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.UserRepository;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Index paging ({@code startIndex}) without a filter: every page, those read from the front and
 * those in the second half read from the end in reverse, is the same slice of the listing in
 * creation order, with the same {@code totalResults}.
 */
class IndexPagingTest {
  @TempDir Path tempDir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void everyPageIsItsSliceOfTheListingFromTheFrontOrFromTheEnd(String database) {
    try (JdbcStore store = TestDatabases.open(database, tempDir, SchemaRegistry.standard())) {
      UserRepository users = store.users();
      RequestContext context = RequestContext.of(TestDatabases.freshTenant(), "test", "r1");
      for (int i = 0; i < 31; i++) {
        users.create(new CreateRequest(context, User.builder().userName("u" + i).build()));
      }
      // A gap where a user was deleted, and another tenant's users, are no part of any page.
      String deleted =
          users.create(new CreateRequest(context, User.builder().userName("gone").build())).id();
      users.create(new CreateRequest(context, User.builder().userName("u31").build()));
      users.delete(new DeleteRequest(context, deleted, null));
      users.create(
          new CreateRequest(
              RequestContext.of(TestDatabases.freshTenant(), "other", "r2"),
              User.builder().userName("u0").build()));
      List<String> listing = ids(users.search(page(context, 0, 1_000)));
      assertThat(listing).hasSize(32).doesNotContain(deleted);

      for (int count : new int[] {1, 5, 7, 32}) {
        for (int offset = 0; offset <= 33; offset++) {
          Page page = users.search(page(context, offset, count));

          assertThat(page.totalResults()).isEqualTo(32);
          assertThat(ids(page))
              .as("offset %d, count %d", offset, count)
              .isEqualTo(listing.subList(Math.min(offset, 32), Math.min(offset + count, 32)));
        }
      }
    }
  }

  /** The page of at most {@code count} users after the first {@code offset}. */
  private static SearchRequest page(RequestContext context, int offset, int count) {
    return new SearchRequest(context, null, null, offset + 1, count, Projection.DEFAULT);
  }

  private static List<String> ids(Page page) {
    return page.resources().stream().map(ScimResource::id).toList();
  }
}
