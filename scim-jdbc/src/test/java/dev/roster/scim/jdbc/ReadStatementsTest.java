package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.filter.ComparisonOperator;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.Address;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.MultiValue;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.SearchRequest;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How many statements a read costs: a user by id is one statement with its emails, phone numbers,
 * addresses and groups aggregated in it, and a page costs the same few statements whether it holds
 * five users or fifty. Each also checks that what comes back from the aggregated columns is what
 * was stored, nulls and flags included.
 */
class ReadStatementsTest {
  @TempDir Path tempDir;

  private RecordingDataSource recording;
  private JdbcUserRepository users;
  private JdbcGroupRepository groups;
  private final RequestContext context =
      RequestContext.of(TestDatabases.freshTenant(), "test", "request");

  private void open(String database) throws SQLException {
    recording = RecordingDataSource.of(database, tempDir);
    Migrations.migrate(recording.dataSource());
    Database db = new Database(recording.dataSource(), Clock.systemUTC());
    SchemaRegistry registry = SchemaRegistry.standard();
    users = new JdbcUserRepository(db, registry);
    groups = new JdbcGroupRepository(db, registry);
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aUserByIdIsOneStatementWithEveryChildRow(String database) throws SQLException {
    open(database);
    User stored =
        User.of(
            User.builder()
                .userName("ada@example.com")
                .email(new MultiValue("ada@example.com", null, "work", true))
                .email(new MultiValue("ada@home.example", "Home \"mail\"", null, null))
                .phoneNumber(new MultiValue("+1 555 0100", null, "mobile", false))
                .address(
                    new Address(
                        null, "1 Main St", "Springfield", null, "12345", "US", "work", true))
                .build());
    ScimResource ada = users.create(new CreateRequest(context, stored.resource()));
    List<String> groupIds = new ArrayList<>();
    for (String name : List.of("Writers", "Admins")) {
      groupIds.add(
          groups
              .create(
                  new CreateRequest(
                      context,
                      Group.builder().displayName(name).member(ResourceRef.of(ada.id())).build()))
              .id());
    }
    recording.takeExecutions();

    User read =
        User.of(users.get(new GetRequest(context, ada.id(), Projection.DEFAULT)).orElseThrow());

    assertThat(recording.takeExecutions()).hasSize(1);
    assertThat(read.emails()).isEqualTo(stored.emails());
    assertThat(read.phoneNumbers()).isEqualTo(stored.phoneNumbers());
    assertThat(read.addresses()).isEqualTo(stored.addresses());
    assertThat(read.groups())
        .containsExactly(
            new ResourceRef(groupIds.get(1), null, "Admins", "direct"),
            new ResourceRef(groupIds.get(0), null, "Writers", "direct"));

    users.get(new GetRequest(context, ada.id(), Projection.excluding("groups")));
    assertThat(recording.takeExecutions())
        .singleElement()
        .satisfies(e -> assertThat(e.sql()).doesNotContain("scim_group_members"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aPageCostsTheSameStatementsWhateverItsSize(String database) throws SQLException {
    open(database);
    for (int i = 0; i < 50; i++) {
      users.create(
          new CreateRequest(
              context,
              User.builder()
                  .userName("user" + i + "@example.com")
                  .email(MultiValue.of("user" + i + "@example.com"))
                  .phoneNumber(MultiValue.of("+1 555 01" + i))
                  .build()));
    }
    recording.takeExecutions();

    Page five = users.search(new SearchRequest(context, null, null, 1, 5, Projection.DEFAULT));
    int forFive = recording.takeExecutions().size();
    Page fifty = users.search(new SearchRequest(context, null, null, 1, 50, Projection.DEFAULT));
    int forFifty = recording.takeExecutions().size();

    assertThat(five.resources()).hasSize(5);
    assertThat(fifty.resources()).hasSize(50);
    assertThat(fifty.resources())
        .allSatisfy(
            resource -> {
              User user = User.of(resource);
              assertThat(user.emails())
                  .containsExactly(MultiValue.of(user.userName().orElseThrow()));
            });
    // The count for totalResults, the page's ids, their rows with every child row.
    assertThat(forFifty).isEqualTo(forFive).isLessThanOrEqualTo(3);

    users.search(
        new SearchRequest(
            context,
            Filter.eq("userName", "nobody@example.com"),
            null,
            1,
            100,
            Projection.DEFAULT));
    assertThat(recording.takeExecutions()).as("a lookup that finds nobody").hasSize(1);
    Page found =
        users.search(
            new SearchRequest(
                context,
                Filter.eq("userName", "USER7@example.com"),
                null,
                1,
                100,
                Projection.DEFAULT));
    assertThat(found.totalResults()).isEqualTo(1);
    assertThat(found.resources()).hasSize(1);
    assertThat(recording.takeExecutions()).as("a lookup that finds its user").hasSize(2);
    Page pastTheEnd =
        users.search(
            new SearchRequest(
                context,
                Filter.compare("userName", ComparisonOperator.SW, "user1"),
                null,
                20,
                10,
                Projection.DEFAULT));
    assertThat(pastTheEnd.totalResults()).isEqualTo(11); // user1, user10 ... user19
    assertThat(pastTheEnd.resources()).isEmpty();
  }
}
