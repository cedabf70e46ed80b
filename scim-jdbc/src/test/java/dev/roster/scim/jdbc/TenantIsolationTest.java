package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** No tenant sees or changes another tenant's users, groups or memberships. */
class TenantIsolationTest {
  @TempDir Path tempDir;

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void noTenantSeesOrChangesAnotherTenantsResources(String database) {
    try (JdbcStore store = TestDatabases.open(database, tempDir, SchemaRegistry.standard())) {
      RequestContext acme = RequestContext.of(TestDatabases.freshTenant(), "acme", "r1");
      RequestContext globex = RequestContext.of(TestDatabases.freshTenant(), "globex", "r2");
      ScimResource alice =
          store.users().create(new CreateRequest(acme, User.builder().userName("alice").build()));
      ScimResource team =
          store
              .groups()
              .create(new CreateRequest(acme, Group.builder().displayName("Team").build()));

      // The same unique names are free in another tenant.
      ScimResource otherAlice =
          store.users().create(new CreateRequest(globex, User.builder().userName("ALICE").build()));
      store.groups().create(new CreateRequest(globex, Group.builder().displayName("team").build()));
      assertThat(otherAlice.id()).isNotEqualTo(alice.id());

      assertThat(store.users().get(new GetRequest(globex, alice.id(), Projection.DEFAULT)))
          .isEmpty();
      assertThat(store.groups().get(new GetRequest(globex, team.id(), Projection.DEFAULT)))
          .isEmpty();
      assertThat(
              store
                  .users()
                  .search(
                      new SearchRequest(
                          globex, Filter.eq("userName", "alice"), null, 1, 10, Projection.DEFAULT))
                  .resources())
          .extracting(ScimResource::id)
          .containsExactly(otherAlice.id());
      assertThat(
              store
                  .users()
                  .search(new SearchRequest(globex, null, null, 1, 10, Projection.DEFAULT))
                  .totalResults())
          .isEqualTo(1);

      assertNotFound(
          () ->
              store
                  .users()
                  .replace(
                      new ReplaceRequest(
                          globex, alice.id(), User.builder().userName("mallory").build(), null)));
      assertNotFound(() -> store.users().delete(new DeleteRequest(globex, alice.id(), null)));
      assertNotFound(() -> store.groups().delete(new DeleteRequest(globex, team.id(), null)));
      assertNotFound(
          () ->
              store
                  .groups()
                  .updateMembers(
                      new MembershipRequest(
                          globex, team.id(), new MemberDelta(true, List.of(), List.of()), null)));
      // A group of one tenant cannot take a member of another.
      ScimResource globexTeam =
          store
              .groups()
              .search(
                  new SearchRequest(
                      globex, Filter.eq("displayName", "team"), null, 1, 1, Projection.DEFAULT))
              .resources()
              .get(0);
      assertThatThrownBy(
              () ->
                  store
                      .groups()
                      .updateMembers(
                          new MembershipRequest(
                              globex,
                              globexTeam.id(),
                              new MemberDelta(
                                  false, List.of(), List.of(ResourceRef.of(alice.id()))),
                              null)))
          .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(400));

      // Acme's resources are untouched.
      assertThat(store.users().get(new GetRequest(acme, alice.id(), Projection.DEFAULT)))
          .hasValueSatisfying(user -> assertThat(User.of(user).userName()).contains("alice"));
      assertThat(store.groups().get(new GetRequest(acme, team.id(), Projection.DEFAULT)))
          .isPresent();
    }
  }

  private static void assertNotFound(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(404));
  }
}
