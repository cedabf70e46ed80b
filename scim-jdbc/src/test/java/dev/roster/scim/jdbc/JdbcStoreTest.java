package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.RequestContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store over a data source the host owns: it borrows connections and never closes it. */
class JdbcStoreTest {
  @TempDir Path tempDir;

  private final RequestContext context =
      RequestContext.of(TestDatabases.freshTenant(), "test", "request");

  /** A host's pool: a data source that can be closed, and says whether it was. */
  interface Pool extends DataSource, AutoCloseable {}

  @Test
  void closingTheStoreStopsItAndLeavesTheHostsDataSourceOpen() throws SQLException {
    AtomicBoolean poolClosed = new AtomicBoolean();
    Pool pool = closeable(TestDatabases.h2(TestDatabases.h2Url(tempDir)), poolClosed);
    JdbcStore store = JdbcStore.builder(pool).build();
    ScimResource created =
        store
            .users()
            .create(new CreateRequest(context, User.builder().userName("bjensen").build()));

    store.close();

    assertThatThrownBy(
            () -> store.users().get(new GetRequest(context, created.id(), Projection.DEFAULT)))
        .isInstanceOf(StorageException.class)
        .hasMessage("The JDBC store is closed");
    assertThat(poolClosed).isFalse();
    try (Connection connection = pool.getConnection();
        PreparedStatement count =
            connection.prepareStatement("SELECT count(*) FROM scim_users WHERE tenant = ?")) {
      count.setString(1, context.tenant());
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        assertThat(rows.getInt(1)).isEqualTo(1);
      }
    }
  }

  @Test
  void timesComeFromTheBuildersClock() {
    Instant now = Instant.parse("2031-02-03T04:05:06.789Z");
    try (JdbcStore store =
        JdbcStore.builder(TestDatabases.h2(TestDatabases.h2Url(tempDir)))
            .clock(Clock.fixed(now, ZoneOffset.UTC))
            .build()) {
      ScimResource created =
          store
              .users()
              .create(new CreateRequest(context, User.builder().userName("bjensen").build()));

      assertThat(created.meta().created()).isEqualTo(now);
    }
  }

  private static Pool closeable(DataSource dataSource, AtomicBoolean closed) {
    return (Pool)
        Proxy.newProxyInstance(
            JdbcStoreTest.class.getClassLoader(),
            new Class<?>[] {Pool.class},
            (self, method, args) -> {
              if (method.getName().equals("close")) {
                closed.set(true);
                return null;
              }
              try {
                return method.invoke(dataSource, args);
              } catch (InvocationTargetException e) {
                throw e.getCause();
              }
            });
  }
}
