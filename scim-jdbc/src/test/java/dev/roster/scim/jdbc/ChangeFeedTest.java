package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.resource.EnterpriseUser;
import dev.roster.scim.core.resource.Group;
import dev.roster.scim.core.resource.MultiValue;
import dev.roster.scim.core.resource.Name;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.resource.User;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.jdbc.ChangeEvent.Operation;
import dev.roster.scim.jdbc.RecordingDataSource.Execution;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The change feed: each write's events, in the write's transaction and nowhere else, in commit
 * order, with durable consumer positions, each tenant's own feed, and pruning, by a call or by the
 * store itself. PostgreSQL's database is shared with other tests and runs, so each test uses fresh
 * tenants and a fresh consumer, starts its consumer of the store's feed at the latest position, and
 * looks at its own tenants' events.
 */
class ChangeFeedTest {
  private static final String MANAGER = SchemaUrns.ENTERPRISE_USER + ":manager";

  @TempDir Path tempDir;

  private final String tenant = TestDatabases.freshTenant();
  private final RequestContext context = RequestContext.of(tenant, "test", "request");
  private final String consumer = "test-" + UUID.randomUUID();
  private final String otherTenant = TestDatabases.freshTenant();
  private final RequestContext other = RequestContext.of(otherTenant, "test", "request");

  private DataSource dataSource(String database) {
    return database.equals("postgresql")
        ? TestDatabases.postgres()
        : TestDatabases.h2(TestDatabases.h2Url(tempDir));
  }

  private JdbcStore open(String database) {
    return JdbcStore.builder(dataSource(database)).build();
  }

  /** Starts {@link #consumer} at the latest position. */
  private ChangeFeed startConsumer(JdbcStore store) {
    ChangeFeed feed = store.changes();
    feed.acknowledge(consumer, feed.latestPosition());
    return feed;
  }

  /** Everything after the consumer's position, acknowledged, of this test's tenant. */
  private List<ChangeEvent> drain(ChangeFeed feed) {
    List<ChangeEvent> events = new ArrayList<>();
    for (ChangeBatch batch = feed.poll(consumer, 50); !batch.isEmpty(); ) {
      batch.events().stream().filter(e -> e.tenant().equals(tenant)).forEach(events::add);
      feed.acknowledge(consumer, batch.lastPosition());
      batch = feed.poll(consumer, 50);
    }
    return events;
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void userWritesRecordTheirEvents(String database) {
    try (JdbcStore store = open(database)) {
      ChangeFeed feed = startConsumer(store);
      ScimResource alice =
          store
              .users()
              .create(
                  new CreateRequest(
                      context,
                      User.builder()
                          .userName("alice")
                          .name(Name.of("Alice", "Smith"))
                          .active(true)
                          .email(MultiValue.of("work", "alice@example.com"))
                          .enterprise(
                              EnterpriseUser.builder().manager(ResourceRef.of("boss-1")).build())
                          .build()));
      ScimResource team =
          store
              .groups()
              .create(
                  new CreateRequest(
                      context,
                      Group.builder()
                          .displayName("Team")
                          .member(ResourceRef.of(alice.id()))
                          .build()));
      store
          .users()
          .replace(
              new ReplaceRequest(
                  context,
                  alice.id(),
                  User.builder()
                      .userName("alice")
                      .name(Name.of("Alice", "Smith"))
                      .active(false)
                      .email(MultiValue.of("work", "alice@example.org"))
                      .enterprise(
                          EnterpriseUser.builder().manager(ResourceRef.of("boss-2")).build())
                      .build(),
                  alice.version()));
      store.users().delete(new DeleteRequest(context, alice.id(), null));

      List<ChangeEvent> events = drain(feed);
      assertThat(events)
          .extracting(ChangeEvent::operation)
          .containsExactly(
              Operation.CREATED,
              Operation.CREATED,
              Operation.REPLACED,
              Operation.DELETED,
              Operation.MEMBERS);
      ChangeEvent created = events.get(0);
      assertThat(created.tenant()).isEqualTo(tenant);
      assertThat(created.resourceType()).isEqualTo("User");
      assertThat(created.id()).isEqualTo(alice.id());
      assertThat(created.version()).isEqualTo("1");
      assertThat(created.changedAttributes())
          .containsExactlyInAnyOrder("userName", "name", "active", "emails", MANAGER);
      assertThat(created.addedMembers()).isEmpty();
      assertThat(created.time()).isNotNull();

      ChangeEvent replaced = events.get(2);
      assertThat(replaced.id()).isEqualTo(alice.id());
      assertThat(replaced.version()).isEqualTo("2");
      assertThat(replaced.changedAttributes())
          .containsExactlyInAnyOrder("active", "emails", MANAGER);

      ChangeEvent deleted = events.get(3);
      assertThat(deleted.resourceType()).isEqualTo("User");
      assertThat(deleted.id()).isEqualTo(alice.id());
      assertThat(deleted.version()).isNull();
      assertThat(deleted.changedAttributes()).isEmpty();

      // The group she was in lost her, at its new version.
      ChangeEvent lost = events.get(4);
      assertThat(lost.resourceType()).isEqualTo("Group");
      assertThat(lost.id()).isEqualTo(team.id());
      assertThat(lost.version()).isEqualTo("2");
      assertThat(lost.changedAttributes()).containsExactly("members");
      assertThat(lost.addedMembers()).isEmpty();
      assertThat(lost.removedMembers()).containsExactly(alice.id());
      assertIncreasing(events);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void groupWritesRecordTheirEventsWithMemberDeltas(String database) {
    try (JdbcStore store = open(database)) {
      ChangeFeed feed = startConsumer(store);
      String alice = user(store, "alice");
      String bob = user(store, "bob");
      String carol = user(store, "carol");
      drain(feed);

      String id = team(store, alice);
      members(store, id, false, List.of(alice), List.of(bob, carol));
      members(store, id, false, List.of(), List.of(bob)); // changes nothing: no event
      store
          .groups()
          .replace(
              new ReplaceRequest(
                  context,
                  id,
                  Group.builder()
                      .displayName("Team B")
                      .members(List.of(ResourceRef.of(bob), ResourceRef.of(alice)))
                      .build(),
                  null));
      store
          .groups()
          .replace(
              new ReplaceRequest(
                  context,
                  id,
                  Group.builder().displayName("Team B").externalId("ext-1").build(),
                  null)); // no members: they stay
      members(store, id, true, List.of(), List.of(carol)); // Okta's replace of the list
      store.groups().delete(new DeleteRequest(context, id, null));

      List<ChangeEvent> events = drain(feed);
      assertThat(events).allSatisfy(e -> assertThat(e.resourceType()).isEqualTo("Group"));
      assertThat(events).allSatisfy(e -> assertThat(e.id()).isEqualTo(id));
      assertThat(events)
          .extracting(ChangeEvent::operation)
          .containsExactly(
              Operation.CREATED,
              Operation.MEMBERS,
              Operation.REPLACED,
              Operation.REPLACED,
              Operation.MEMBERS,
              Operation.DELETED);
      assertThat(events)
          .extracting(ChangeEvent::version)
          .containsExactly("1", "2", "3", "4", "5", null);

      assertThat(events.get(0).changedAttributes())
          .containsExactlyInAnyOrder("displayName", "members");
      assertThat(events.get(0).addedMembers()).containsExactly(alice);

      assertThat(events.get(1).changedAttributes()).containsExactly("members");
      assertThat(events.get(1).addedMembers()).containsExactlyInAnyOrder(bob, carol);
      assertThat(events.get(1).removedMembers()).containsExactly(alice);

      assertThat(events.get(2).changedAttributes())
          .containsExactlyInAnyOrder("displayName", "members");
      assertThat(events.get(2).addedMembers()).containsExactly(alice);
      assertThat(events.get(2).removedMembers()).containsExactly(carol);

      assertThat(events.get(3).changedAttributes()).containsExactly("externalId");
      assertThat(events.get(3).addedMembers()).isEmpty();
      assertThat(events.get(3).removedMembers()).isEmpty();

      // Remove-all-then-add tells only the net change: bob and alice went, carol came.
      assertThat(events.get(4).addedMembers()).containsExactly(carol);
      assertThat(events.get(4).removedMembers()).containsExactlyInAnyOrder(alice, bob);

      // A deleted group names the members it had.
      assertThat(events.get(5).changedAttributes()).isEmpty();
      assertThat(events.get(5).removedMembers()).containsExactly(carol);
      assertIncreasing(events);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void failedWritesRecordNothing(String database) {
    try (JdbcStore store = open(database)) {
      ChangeFeed feed = startConsumer(store);
      String alice = user(store, "alice");
      String team =
          store
              .groups()
              .create(new CreateRequest(context, Group.builder().displayName("Team").build()))
              .id();
      drain(feed);

      assertThatThrownBy(() -> user(store, "ALICE")) // 409 uniqueness
          .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(409));
      assertThatThrownBy(
              () ->
                  store
                      .users()
                      .replace(
                          new ReplaceRequest(
                              context,
                              alice,
                              User.builder().userName("alice2").build(),
                              "7"))) // 412
          .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(412));
      assertThatThrownBy(() -> store.users().delete(new DeleteRequest(context, alice, "9")))
          .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(412));
      assertThatThrownBy(
              () -> members(store, team, false, List.of(), List.of(alice, "no-such-user")))
          .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(400));
      assertThatThrownBy(
              () ->
                  store
                      .groups()
                      .create(
                          new CreateRequest(context, Group.builder().displayName("team").build())))
          .isInstanceOfSatisfying(ScimException.class, e -> assertThat(e.status()).isEqualTo(409));

      assertThat(drain(feed)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aBulkRequestsEventsAreConsecutiveAndAFailedOperationsAreGone(String database) {
    try (JdbcStore store = open(database)) {
      ChangeFeed feed = startConsumer(store);
      List<String> created = new ArrayList<>();
      store
          .bulkScope()
          .run(
              context,
              () -> {
                created.add(user(store, "one"));
                assertThatThrownBy(() -> user(store, "ONE")).isInstanceOf(ScimException.class);
                created.add(user(store, "two"));
                assertThatThrownBy(
                        () -> store.users().delete(new DeleteRequest(context, "missing", null)))
                    .isInstanceOf(ScimException.class);
                created.add(user(store, "three"));
              });
      List<ChangeEvent> events = drain(feed);
      assertThat(events).extracting(ChangeEvent::id).containsExactlyElementsOf(created);
      long first = events.get(0).position();
      assertThat(events)
          .extracting(ChangeEvent::position)
          .containsExactly(first, first + 1, first + 2);
    }
  }

  /**
   * Several processes starting one new consumer at once all acknowledge without an error, and the
   * position ends at the furthest of theirs, whichever insert of the consumer's row won.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aNewConsumerAcknowledgedConcurrentlyEndsAtTheFurthestPosition(String database)
      throws Exception {
    ExecutorService threads = Executors.newFixedThreadPool(6);
    try (JdbcStore store = open(database)) {
      ChangeFeed feed = store.changes();
      for (int i = 0; i < 6; i++) {
        user(store, "ack" + i);
      }
      long latest = feed.latestPosition();
      for (int round = 0; round < 10; round++) {
        String name = consumer + "-" + round;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> acknowledged = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          long position = latest - t;
          acknowledged.add(
              threads.submit(
                  () -> {
                    start.await();
                    feed.acknowledge(name, position);
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> future : acknowledged) {
          future.get(30, TimeUnit.SECONDS);
        }
        assertThat(feed.position(name)).isEqualTo(latest);
      }
    } finally {
      threads.shutdownNow();
    }
  }

  /**
   * Events a unit of work recorded before it failed go with its savepoint: the repositories record
   * last, so this drives {@link Database} directly with a unit that records and then fails.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void eventsRecordedBeforeABulkOperationFailedAreRolledBackWithIt(String database) {
    try (JdbcStore store = open(database)) {
      ChangeFeed feed = startConsumer(store);
      Database db = new Database(dataSource(database), Clock.systemUTC(), true);
      db.inOneTransaction(
          () -> {
            db.inTransaction(
                connection -> {
                  db.record(change("kept-1"));
                  return null;
                });
            assertThatThrownBy(
                    () ->
                        db.inTransaction(
                            connection -> {
                              db.record(change("dropped"));
                              throw ScimException.invalidValue("fails after recording");
                            }))
                .isInstanceOf(ScimException.class);
            db.inTransaction(
                connection -> {
                  db.record(change("kept-2"));
                  return null;
                });
          });
      assertThat(drain(feed)).extracting(ChangeEvent::id).containsExactly("kept-1", "kept-2");

      // A whole bulk that fails leaves nothing.
      assertThatThrownBy(
              () ->
                  db.inOneTransaction(
                      () -> {
                        db.inTransaction(
                            connection -> {
                              db.record(change("lost"));
                              return null;
                            });
                        throw new IllegalStateException("the request fails");
                      }))
          .isInstanceOf(IllegalStateException.class);
      assertThat(drain(feed)).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aConsumerPollingWhileThreadsWriteSeesEveryEventOnceInCommitOrder(String database)
      throws Exception {
    try (JdbcStore store = open(database)) {
      ChangeFeed feed = startConsumer(store);
      String team =
          store
              .groups()
              .create(new CreateRequest(context, Group.builder().displayName("Everyone").build()))
              .id();
      int threads = 4;
      int usersPerThread = 15;
      AtomicBoolean writing = new AtomicBoolean(true);
      List<ChangeEvent> seen = Collections.synchronizedList(new ArrayList<>());
      List<String> gaps = Collections.synchronizedList(new ArrayList<>());
      ExecutorService pool = Executors.newFixedThreadPool(threads + 1);
      try {
        Future<?> reader =
            pool.submit(
                () -> {
                  long last = feed.position(consumer);
                  boolean done = false;
                  while (!done) {
                    // Read before polling: a poll that began after the writers ended sees all.
                    boolean writersDone = !writing.get();
                    ChangeBatch batch = feed.poll(consumer, 7);
                    for (ChangeEvent event : batch.events()) {
                      // Dense and in order: each event is the one right after the last.
                      if (event.position() != last + 1) {
                        gaps.add(last + " -> " + event.position());
                      }
                      last = event.position();
                      if (event.tenant().equals(tenant)) {
                        seen.add(event);
                      }
                    }
                    feed.acknowledge(consumer, batch.lastPosition());
                    done = writersDone && batch.isEmpty();
                  }
                  return null;
                });
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
          int thread = t;
          writers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < usersPerThread; i++) {
                      ScimResource user =
                          store
                              .users()
                              .create(
                                  new CreateRequest(
                                      context,
                                      User.builder().userName("u" + thread + "-" + i).build()));
                      store
                          .users()
                          .replace(
                              new ReplaceRequest(
                                  context,
                                  user.id(),
                                  User.builder()
                                      .userName("u" + thread + "-" + i)
                                      .active(false)
                                      .build(),
                                  null));
                      members(store, team, false, List.of(), List.of(user.id()));
                    }
                    return null;
                  }));
        }
        for (Future<?> writer : writers) {
          writer.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        reader.get(120, TimeUnit.SECONDS);
      } finally {
        pool.shutdownNow();
      }
      assertThat(gaps).isEmpty();
      assertThat(seen).hasSize(1 + threads * usersPerThread * 3);
      assertIncreasing(seen);
      // Each resource's versions rise with the positions: commit order is the order of changes.
      Map<String, Long> lastVersion = new HashMap<>();
      for (ChangeEvent event : seen) {
        long version = Long.parseLong(event.version());
        Long before = lastVersion.put(event.id(), version);
        assertThat(before == null ? 0 : before).as(event.toString()).isLessThan(version);
      }
      assertThat(lastVersion.get(team)).isEqualTo(1L + threads * usersPerThread);
    }
  }

  /**
   * A transaction that began first but commits last gets the later position: a consumer that has
   * read and acknowledged what committed meanwhile still gets it. (Positions taken when the change
   * is made, as from a sequence, would put it below the acknowledged one, and it would be lost.)
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aTransactionCommittingLastGetsTheLaterPosition(String database) throws Exception {
    try (JdbcStore store = open(database)) {
      ChangeFeed feed = startConsumer(store);
      CountDownLatch made = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      ExecutorService thread = Executors.newSingleThreadExecutor();
      try {
        Future<?> slow =
            thread.submit(
                () ->
                    store
                        .bulkScope()
                        .run(
                            context,
                            () -> {
                              user(store, "slow");
                              made.countDown();
                              try {
                                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
                              } catch (InterruptedException e) {
                                throw new IllegalStateException(e);
                              }
                            }));
        assertThat(made.await(60, TimeUnit.SECONDS)).isTrue();
        String fast = user(store, "fast"); // commits while the slow one is still open
        List<ChangeEvent> first = drain(feed);
        assertThat(first).extracting(ChangeEvent::id).containsExactly(fast);

        release.countDown();
        slow.get(60, TimeUnit.SECONDS);
        List<ChangeEvent> second = drain(feed);
        assertThat(second).hasSize(1);
        assertThat(second.get(0).position()).isGreaterThan(first.get(0).position());
      } finally {
        release.countDown();
        thread.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aConsumerResumesAfterWhatItAcknowledged(String database) throws Exception {
    ChangeFeed feed;
    List<String> ids = new ArrayList<>();
    try (JdbcStore store = open(database)) {
      feed = startConsumer(store);
      long start = feed.position(consumer);
      for (int i = 0; i < 5; i++) {
        ids.add(user(store, "user" + i));
      }
      ChangeBatch first = feed.poll(consumer, 3);
      assertThat(first.after()).isEqualTo(start);
      assertThat(first.missed()).isZero();
      // Not acknowledged: the same events again.
      assertThat(feed.poll(consumer, 3)).isEqualTo(first);
      feed.acknowledge(consumer, first.events().get(1).position());
      feed.acknowledge(consumer, first.events().get(1).position()); // idempotent
      feed.acknowledge(consumer, start); // never backwards
      assertThat(feed.position(consumer)).isEqualTo(first.events().get(1).position());

      assertThatThrownBy(() -> feed.acknowledge(consumer, feed.latestPosition() + 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> feed.acknowledge(consumer, -1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> feed.poll("bad name", 10))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> feed.poll("", 10)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> feed.poll("x".repeat(129), 10))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> feed.poll(consumer, 0)).isInstanceOf(IllegalArgumentException.class);

      // On the caller's connection: rolled back with its transaction, committed with it.
      long third = first.events().get(2).position();
      try (Connection connection = dataSource(database).getConnection()) {
        connection.setAutoCommit(false);
        feed.acknowledge(connection, consumer, third);
        connection.rollback();
        assertThat(feed.position(consumer)).isEqualTo(first.events().get(1).position());
        feed.acknowledge(connection, consumer, third);
        connection.commit();
      }
      assertThat(feed.position(consumer)).isEqualTo(third);
    }
    // A restarted process, with a new store, resumes after the acknowledged position.
    try (JdbcStore store = open(database)) {
      assertThat(drain(store.changes()))
          .extracting(ChangeEvent::id)
          .containsExactlyElementsOf(ids.subList(3, 5));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void pruneDeletesEventsOlderThanTheRetention(String database) {
    // In 2000, so that on a shared database only this test's events are that old.
    MutableClock clock = new MutableClock(Instant.parse("2000-01-01T00:00:00Z"));
    try (JdbcStore store =
        JdbcStore.builder(dataSource(database))
            .clock(clock)
            .changeRetention(Duration.ofDays(7))
            .build()) {
      ChangeFeed feed = startConsumer(store);
      assertThat(feed.retention()).isEqualTo(Duration.ofDays(7));
      String old = user(store, "old");
      clock.set(Instant.parse("2000-01-07T00:00:00Z"));
      String recent = user(store, "recent");
      clock.set(Instant.parse("2000-01-09T00:00:00Z"));

      assertThat(feed.prune()).isGreaterThanOrEqualTo(1);
      assertThat(feed.prune()).isZero();
      ChangeBatch batch = feed.poll(consumer, 50);
      assertThat(batch.missed()).isEqualTo(1);
      assertThat(batch.events())
          .filteredOn(e -> e.tenant().equals(tenant))
          .extracting(ChangeEvent::id)
          .containsExactly(recent)
          .doesNotContain(old);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aStoreWithTheFeedOffRecordsNothing(String database) {
    try (JdbcStore store = JdbcStore.builder(dataSource(database)).changeFeed(false).build()) {
      ChangeFeed feed = startConsumer(store);
      String alice = user(store, "alice");
      String team = team(store, alice);
      store
          .users()
          .replace(
              new ReplaceRequest(
                  context, alice, User.builder().userName("alice").active(false).build(), null));
      store.bulkScope().run(context, () -> members(store, team, true, List.of(), List.of()));
      store.users().delete(new DeleteRequest(context, alice, null));
      store.groups().delete(new DeleteRequest(context, team, null));
      assertThat(drain(feed)).isEmpty();
    }
  }

  @Test
  void aLargeMembershipChangeIsSplitIntoBoundedEventsOfOneVersion() {
    List<String> added = new ArrayList<>();
    for (int i = 0; i < 1500; i++) {
      added.add("a" + i);
    }
    List<String> removed = new ArrayList<>();
    for (int i = 0; i < 700; i++) {
      removed.add("r" + i);
    }
    List<ChangeLog.Change> changes =
        ChangeLog.Change.of(
            "t", "Group", "g", 4L, Operation.MEMBERS, List.of("members"), added, removed);
    assertThat(changes).hasSize(3);
    assertThat(changes)
        .allSatisfy(
            c -> {
              assertThat(c.addedMembers().size() + c.removedMembers().size())
                  .isLessThanOrEqualTo(ChangeLog.MAX_MEMBER_IDS);
              assertThat(c.version()).isEqualTo(4L);
            });
    assertThat(changes.stream().flatMap(c -> c.addedMembers().stream()).toList()).isEqualTo(added);
    assertThat(changes.stream().flatMap(c -> c.removedMembers().stream()).toList())
        .isEqualTo(removed);
    assertThat(
            ChangeLog.Change.of(
                "t", "User", "u", null, Operation.DELETED, List.of(), List.of(), List.of()))
        .hasSize(1);
  }

  // ---- one tenant's feed --------------------------------------------------------------------

  /**
   * A tenant's feed holds that tenant's events alone, numbered 1, 2, 3, ... in the order the
   * store's feed has them, and its consumers are its own: the same name in another tenant, or in
   * the store's feed, is another consumer.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aTenantsFeedHoldsItsEventsAloneInCommitOrderWithConsumersOfItsOwn(String database) {
    try (JdbcStore store = open(database)) {
      ChangeFeed all = startConsumer(store);
      TenantChangeFeed mine = store.changes().tenant(tenant);
      TenantChangeFeed theirs = store.changes().tenant(otherTenant);
      assertThat(mine.tenant()).isEqualTo(tenant);
      String alice = user(store, "alice");
      String olga = user(store, other, "olga");
      team(store, alice);
      user(store, "bob");
      String oscar = user(store, other, "oscar");
      store.users().delete(new DeleteRequest(context, alice, null)); // and the team loses her
      store.users().delete(new DeleteRequest(other, olga, null));

      ChangeBatch batch = mine.poll(consumer, 50);
      assertThat(batch.after()).isZero();
      assertThat(batch.missed()).isZero();
      assertThat(batch.events()).allSatisfy(e -> assertThat(e.tenant()).isEqualTo(tenant));
      assertThat(batch.events())
          .extracting(ChangeEvent::position)
          .containsExactly(1L, 2L, 3L, 4L, 5L);
      assertThat(mine.latestPosition()).isEqualTo(5);
      List<ChangeEvent> inTheStoresFeed = drain(all);
      assertThat(batch.events())
          .extracting(ChangeEvent::id, ChangeEvent::operation, ChangeEvent::version)
          .containsExactlyElementsOf(
              inTheStoresFeed.stream()
                  .map(e -> tuple(e.id(), e.operation(), e.version()))
                  .toList());

      ChangeBatch theirBatch = theirs.poll(consumer, 50);
      assertThat(theirBatch.events())
          .extracting(ChangeEvent::tenant, ChangeEvent::id, ChangeEvent::operation)
          .containsExactly(
              tuple(otherTenant, olga, Operation.CREATED),
              tuple(otherTenant, oscar, Operation.CREATED),
              tuple(otherTenant, olga, Operation.DELETED));
      assertThat(theirBatch.events()).extracting(ChangeEvent::position).containsExactly(1L, 2L, 3L);

      long storesConsumer = all.position(consumer);
      mine.acknowledge(consumer, batch.lastPosition());
      assertThat(mine.position(consumer)).isEqualTo(5);
      assertThat(mine.poll(consumer, 50).isEmpty()).isTrue();
      assertThat(theirs.position(consumer)).isZero();
      assertThat(theirs.poll(consumer, 50)).isEqualTo(theirBatch);
      assertThat(all.position(consumer)).isEqualTo(storesConsumer);
    }
  }

  /**
   * Whatever the other tenants write, a tenant's consumer is up to date as long as its tenant
   * writes nothing, and its next event is the next of its tenant's positions.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aTenantsConsumerIsUpToDateWhateverOtherTenantsWrite(String database) {
    try (JdbcStore store = open(database)) {
      TenantChangeFeed mine = store.changes().tenant(tenant);
      long before = store.changes().latestPosition();
      othersWrite(store, 40);
      assertThat(store.changes().latestPosition()).isGreaterThanOrEqualTo(before + 40);

      ChangeBatch idle = mine.poll(consumer, 10);
      assertThat(idle.isEmpty()).isTrue();
      assertThat(idle.missed()).isZero();
      assertThat(idle.lastPosition()).isZero();
      assertThat(mine.latestPosition()).isZero();
      mine.acknowledge(consumer, idle.lastPosition());

      String alice = user(store, "alice");
      othersWrite(store, 40);
      ChangeBatch next = mine.poll(consumer, 1);
      assertThat(next.events()).extracting(ChangeEvent::id).containsExactly(alice);
      assertThat(next.lastPosition()).isEqualTo(1);
      assertThat(next.missed()).isZero();
    }
  }

  /**
   * A tenant's poll is one statement on a range of the (tenant, tenant_position) index, which holds
   * no other tenant's event, with the tenant a bound value. The other tenant's 600 events make the
   * table larger than one that PostgreSQL would rather scan whole (its size on a fresh database).
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aTenantsPollReadsItsTenantsRangeOfTheIndex(String database) throws SQLException {
    RecordingDataSource recording = RecordingDataSource.of(database, tempDir);
    try (JdbcStore store = JdbcStore.builder(recording.dataSource()).build()) {
      user(store, "alice");
      Database db = new Database(recording.dataSource(), Clock.systemUTC(), true);
      db.inTransaction(
          connection -> {
            for (int i = 0; i < 600; i++) {
              db.record(
                  ChangeLog.Change.of(
                      otherTenant,
                      "User",
                      "u" + i,
                      1L,
                      Operation.CREATED,
                      List.of("userName"),
                      List.of(),
                      List.of()));
            }
            return null;
          });
      recording.takeExecutions();
      assertThat(store.changes().tenant(tenant).poll(consumer, 10).events()).hasSize(1);

      List<Execution> reads =
          recording.takeExecutions().stream()
              .filter(e -> e.sql().contains("FROM scim_changes"))
              .toList();
      assertThat(reads).hasSize(1);
      Execution poll = reads.get(0);
      assertThat(poll.sql()).doesNotContain(tenant);
      assertThat(poll.parameters()).contains(tenant);
      try (Connection connection = recording.dataSource().getConnection();
          PreparedStatement explain = connection.prepareStatement("EXPLAIN " + poll.sql())) {
        poll.bind(explain);
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = explain.executeQuery()) {
          while (rows.next()) {
            plan.append(rows.getString(1)).append('\n');
          }
        }
        assertThat(plan.toString().toLowerCase(Locale.ROOT))
            .contains("scim_changes_tenant_position");
      }
    }
  }

  /**
   * A tenant's consumer that dies between applying a batch and acknowledging it gets exactly the
   * unacknowledged events again, in order, after a restart: none skipped, none it acknowledged.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aTenantsConsumerThatDiedGetsExactlyTheUnacknowledgedEventsAgain(String database)
      throws SQLException {
    List<String> ids = new ArrayList<>();
    try (JdbcStore store = open(database)) {
      TenantChangeFeed mine = store.changes().tenant(tenant);
      for (int i = 0; i < 5; i++) {
        ids.add(user(store, "user" + i));
        user(store, other, "other" + i);
      }
      ChangeBatch first = mine.poll(consumer, 2);
      mine.acknowledge(consumer, first.lastPosition());
      ChangeBatch second = mine.poll(consumer, 2);
      assertThat(second.events()).extracting(ChangeEvent::position).containsExactly(3L, 4L);
      // Applied in the consumer's own transaction, which dies with the process: not acknowledged.
      try (Connection connection = dataSource(database).getConnection()) {
        connection.setAutoCommit(false);
        mine.acknowledge(connection, consumer, second.lastPosition());
        connection.rollback();
      }
    }
    try (JdbcStore store = open(database)) {
      TenantChangeFeed mine = store.changes().tenant(tenant);
      assertThat(mine.position(consumer)).isEqualTo(2);
      ChangeBatch again = mine.poll(consumer, 50);
      assertThat(again.after()).isEqualTo(2);
      assertThat(again.missed()).isZero();
      assertThat(again.events())
          .extracting(ChangeEvent::id)
          .containsExactlyElementsOf(ids.subList(2, 5));
      assertThat(again.events()).extracting(ChangeEvent::position).containsExactly(3L, 4L, 5L);
      mine.acknowledge(consumer, again.lastPosition());
      mine.acknowledge(consumer, 1); // never backwards
      assertThat(mine.poll(consumer, 50).isEmpty()).isTrue();
    }
  }

  /**
   * Tenants of two writers each poll while four threads write to both: each tenant's consumer sees
   * every event of its tenant once, at positions 1, 2, 3, ... without a gap, and each resource's
   * versions rise with them.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void tenantsConsumersPollingWhileThreadsWriteSeeTheirEventsOnceInCommitOrder(String database)
      throws Exception {
    try (JdbcStore store = open(database)) {
      List<RequestContext> tenants = List.of(context, other);
      int usersPerThread = 6;
      AtomicBoolean writing = new AtomicBoolean(true);
      ExecutorService pool = Executors.newFixedThreadPool(6);
      try {
        List<Future<List<ChangeEvent>>> readers = new ArrayList<>();
        for (RequestContext reader : tenants) {
          TenantChangeFeed feed = store.changes().tenant(reader.tenant());
          readers.add(
              pool.submit(
                  () -> {
                    List<ChangeEvent> seen = new ArrayList<>();
                    boolean done = false;
                    while (!done) {
                      boolean writersDone = !writing.get();
                      ChangeBatch batch = feed.poll(consumer, 3);
                      seen.addAll(batch.events());
                      feed.acknowledge(consumer, batch.lastPosition());
                      done = writersDone && batch.isEmpty();
                    }
                    return seen;
                  }));
        }
        List<Future<?>> writers = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          RequestContext writer = tenants.get(t % 2);
          int thread = t;
          writers.add(
              pool.submit(
                  () -> {
                    for (int i = 0; i < usersPerThread; i++) {
                      String name = "u" + thread + "-" + i;
                      String id = user(store, writer, name);
                      store
                          .users()
                          .replace(
                              new ReplaceRequest(
                                  writer,
                                  id,
                                  User.builder().userName(name).active(false).build(),
                                  null));
                    }
                    return null;
                  }));
        }
        for (Future<?> writer : writers) {
          writer.get(120, TimeUnit.SECONDS);
        }
        writing.set(false);
        for (int r = 0; r < tenants.size(); r++) {
          List<ChangeEvent> seen = readers.get(r).get(120, TimeUnit.SECONDS);
          String expected = tenants.get(r).tenant();
          assertThat(seen).allSatisfy(e -> assertThat(e.tenant()).isEqualTo(expected));
          assertThat(seen)
              .extracting(ChangeEvent::position)
              .containsExactlyElementsOf(
                  LongStream.rangeClosed(1, 2 * usersPerThread * 2).boxed().toList());
          Map<String, Long> lastVersion = new HashMap<>();
          for (ChangeEvent event : seen) {
            Long before = lastVersion.put(event.id(), Long.parseLong(event.version()));
            assertThat(before == null ? 0 : before)
                .as(event.toString())
                .isLessThan(Long.parseLong(event.version()));
          }
        }
      } finally {
        writing.set(false);
        pool.shutdownNow();
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aTenantsFeedRefusesInvalidArguments(String database) {
    try (JdbcStore store = open(database)) {
      ChangeFeed feed = store.changes();
      assertThatThrownBy(() -> feed.tenant(null)).isInstanceOf(NullPointerException.class);
      for (String invalid : List.of("", "   ", "x".repeat(65))) {
        assertThatThrownBy(() -> feed.tenant(invalid))
            .as("'%s'", invalid)
            .isInstanceOf(IllegalArgumentException.class);
      }
      assertThat(feed.tenant("x".repeat(64)).latestPosition()).isZero();

      othersWrite(store, 3);
      user(store, "alice");
      TenantChangeFeed mine = feed.tenant(tenant);
      assertThatThrownBy(() -> mine.poll("bad name", 10))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> mine.poll(consumer, 0)).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> mine.poll(consumer, ChangeFeed.MAX_BATCH + 1))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> mine.acknowledge(consumer, -1))
          .isInstanceOf(IllegalArgumentException.class);
      // Its positions are the tenant's: the store's latest is beyond the tenant's one event.
      assertThat(feed.latestPosition()).isGreaterThan(3);
      assertThatThrownBy(() -> mine.acknowledge(consumer, 2))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(mine.position(consumer)).isZero();

      // A tenant is a bound value: quotes in it reach no other tenant's events.
      TenantChangeFeed quoted = feed.tenant("x' OR '1'='1");
      assertThat(quoted.poll(consumer, 10).isEmpty()).isTrue();
      assertThat(quoted.latestPosition()).isZero();
      assertThatThrownBy(() -> quoted.acknowledge(consumer, 1))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * {@link ChangeBatch#missed()} of a tenant's consumer counts the events of its tenant that were
   * pruned before it read them, and none of the other tenants'.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void aTenantsConsumerMissesOnlyItsTenantsPrunedEvents(String database) {
    // In 2000, so that on a shared database only this test's events are that old.
    MutableClock clock = new MutableClock(Instant.parse("2000-01-01T00:00:00Z"));
    try (JdbcStore store =
        JdbcStore.builder(dataSource(database)).clock(clock).changePruning(false).build()) {
      TenantChangeFeed mine = store.changes().tenant(tenant);
      TenantChangeFeed theirs = store.changes().tenant(otherTenant);
      user(store, "old1");
      othersWrite(store, 5);
      user(store, "old2");
      mine.acknowledge("behind", 1); // had read old1
      theirs.acknowledge(consumer, 5); // had read all five
      clock.set(Instant.parse("2000-01-07T00:00:00Z"));
      String recent = user(store, "recent");
      clock.set(Instant.parse("2000-01-09T00:00:00Z"));
      assertThat(store.changes().prune()).isGreaterThanOrEqualTo(7);

      ChangeBatch fresh = mine.poll(consumer, 50);
      assertThat(fresh.missed()).isEqualTo(2);
      assertThat(fresh.events()).extracting(ChangeEvent::id).containsExactly(recent);
      assertThat(fresh.lastPosition()).isEqualTo(3);
      assertThat(mine.poll("behind", 50).missed()).isEqualTo(1);

      // Every event of the tenant pruned: an empty batch that says how many.
      ChangeBatch gone = theirs.poll("new-" + consumer, 50);
      assertThat(gone.isEmpty()).isTrue();
      assertThat(gone.missed()).isEqualTo(5);
      assertThat(theirs.poll(consumer, 50).missed()).isZero();
    }
  }

  /** Migration 7 numbers each tenant's events that a database at version 6 holds. */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void theMigrationNumbersEachTenantsEventsThatAreThere(String database) throws SQLException {
    try (EmptyDatabase empty = EmptyDatabase.of(database, tempDir)) {
      List<String> mine = new ArrayList<>();
      List<String> theirs = new ArrayList<>();
      try (JdbcStore store = JdbcStore.builder(empty.dataSource()).build()) {
        mine.add(user(store, "a1"));
        theirs.add(user(store, other, "b1"));
        mine.add(user(store, "a2"));
        theirs.add(user(store, other, "b2"));
        theirs.add(user(store, other, "b3"));
        mine.add(user(store, "a3"));
      }
      TestDatabases.rewind(empty.dataSource(), 6);

      try (JdbcStore store = JdbcStore.builder(empty.dataSource()).build()) {
        assertThat(store.schemaVersion()).isEqualTo(7);
        TenantChangeFeed feed = store.changes().tenant(tenant);
        assertThat(feed.poll(consumer, 50).events())
            .extracting(ChangeEvent::position, ChangeEvent::id)
            .containsExactly(
                tuple(1L, mine.get(0)), tuple(2L, mine.get(1)), tuple(3L, mine.get(2)));
        assertThat(store.changes().tenant(otherTenant).poll(consumer, 50).events())
            .extracting(ChangeEvent::id)
            .containsExactlyElementsOf(theirs);
        String a4 = user(store, "a4");
        assertThat(feed.latestPosition()).isEqualTo(4);
        assertThat(feed.poll(consumer, 50).events())
            .extracting(ChangeEvent::position, ChangeEvent::id)
            .endsWith(tuple(4L, a4));
      }
    }
  }

  // ---- pruning ------------------------------------------------------------------------------

  /** The store prunes by itself, on a thread of its own, by its clock, until it is closed. */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void theStorePrunesOldEventsByItselfUntilClosed(String database) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2000-01-01T00:00:00Z"));
    JdbcStore store =
        JdbcStore.builder(dataSource(database))
            .clock(clock)
            .changeRetention(Duration.ofDays(7))
            .changePruneInterval(Duration.ofMillis(50))
            .build();
    Pruner pruner = store.pruner();
    try {
      TenantChangeFeed mine = store.changes().tenant(tenant);
      user(store, "old");
      Await.until(() -> pruner.runs() >= 2); // nothing to prune yet
      assertThat(mine.latestPosition()).isEqualTo(1);
      assertThat(mine.poll(consumer, 10).events()).hasSize(1);

      clock.set(Instant.parse("2000-01-09T00:00:00Z"));
      String recent = user(store, "recent");
      Await.until(() -> mine.poll(consumer, 10).missed() == 1);
      assertThat(mine.poll(consumer, 10).events())
          .extracting(ChangeEvent::id)
          .containsExactly(recent);
      assertThat(pruner.failures()).isZero();
    } finally {
      store.close();
    }
    assertThat(pruner.isTerminated()).isTrue();
  }

  @Test
  void theStorePrunesByDefaultUnlessTurnedOff() {
    DataSource dataSource = dataSource("h2");
    try (JdbcStore store = JdbcStore.builder(dataSource).build()) {
      assertThat(store.pruner()).isNotNull();
    }
    try (JdbcStore store = JdbcStore.builder(dataSource).changePruning(false).build()) {
      assertThat(store.pruner()).isNull();
    }
    try (JdbcStore store = JdbcStore.builder(dataSource).changeFeed(false).build()) {
      assertThat(store.pruner()).isNull();
    }
    JdbcStore.Builder builder = JdbcStore.builder(dataSource);
    assertThatThrownBy(() -> builder.changePruneInterval(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.changePruneInterval(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.changePruneInterval(null))
        .isInstanceOf(NullPointerException.class);
  }

  /**
   * A run that fails (here: the table is away) leaves the thread running, and the next run after
   * the failure is over prunes. H2 alone: the test renames a table that the shared PostgreSQL
   * database's other tests need.
   */
  @Test
  void aFailedPruneIsTriedAgainAtTheNextRun() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2000-01-01T00:00:00Z"));
    DataSource dataSource = dataSource("h2");
    try (JdbcStore store =
        JdbcStore.builder(dataSource)
            .clock(clock)
            .changePruneInterval(Duration.ofMillis(50))
            .build()) {
      TenantChangeFeed mine = store.changes().tenant(tenant);
      user(store, "old");
      execute(dataSource, "ALTER TABLE scim_changes RENAME TO scim_changes_away");
      clock.set(Instant.parse("2000-01-09T00:00:00Z"));
      Await.until(() -> store.pruner().failures() >= 2);
      execute(dataSource, "ALTER TABLE scim_changes_away RENAME TO scim_changes");
      Await.until(() -> mine.poll(consumer, 10).missed() == 1);
      assertThat(mine.poll(consumer, 10).isEmpty()).isTrue();
    }
  }

  @Test
  void aFailedPruneIsLoggedWithoutTheMessagesOfItsExceptions() {
    SQLException driver =
        new SQLException(
            "Connection to jdbc:postgresql://db/roster?password=hunter2 refused", "08001", 7);
    String logged = Pruner.describe(new StorageException("Database error", driver));
    assertThat(logged)
        .contains(StorageException.class.getName(), "SQLException", "08001", "7")
        .doesNotContain("hunter2", "jdbc:");
  }

  /**
   * A prune deletes in transactions of a bounded number of events, and stops between two when told
   * to.
   */
  @ParameterizedTest
  @ValueSource(strings = {"h2", "postgresql"})
  void pruneDeletesInChunks(String database) {
    MutableClock clock = new MutableClock(Instant.parse("2000-01-01T00:00:00Z"));
    RecordingDataSource recording = RecordingDataSource.of(database, tempDir);
    try (JdbcStore store =
        JdbcStore.builder(recording.dataSource()).clock(clock).changePruning(false).build()) {
      TenantChangeFeed mine = store.changes().tenant(tenant);
      for (int i = 0; i < 5; i++) {
        clock.set(Instant.parse("2000-01-01T00:00:00Z").plusMillis(i));
        user(store, "old" + i);
      }
      clock.set(Instant.parse("2000-01-09T00:00:00Z"));
      String recent = user(store, "recent");
      ChangeFeed inPairs =
          new ChangeFeed(new Database(recording.dataSource(), clock, false), Duration.ofDays(7), 2);

      assertThat(inPairs.pruneInBackground(() -> true)).isZero();
      assertThat(mine.poll(consumer, 10).missed()).isZero();
      recording.take();
      assertThat(inPairs.prune()).isGreaterThanOrEqualTo(5);
      assertThat(recording.take())
          .filteredOn(sql -> sql.startsWith("DELETE FROM scim_changes"))
          .hasSizeGreaterThanOrEqualTo(3);
      ChangeBatch batch = mine.poll(consumer, 10);
      assertThat(batch.missed()).isEqualTo(5);
      assertThat(batch.events()).extracting(ChangeEvent::id).containsExactly(recent);
    }
  }

  /**
   * On PostgreSQL, the store's pruner leaves the work to another process that is pruning (holds the
   * prune lock), where {@link ChangeFeed#prune()} would wait for it.
   */
  @Test
  void theStoresPrunerGivesWayToAnotherProcessPruning() throws SQLException {
    MutableClock clock = new MutableClock(Instant.parse("2000-01-01T00:00:00Z"));
    DataSource dataSource = dataSource("postgresql");
    try (JdbcStore store =
        JdbcStore.builder(dataSource).clock(clock).changePruning(false).build()) {
      TenantChangeFeed mine = store.changes().tenant(tenant);
      user(store, "old");
      clock.set(Instant.parse("2000-01-09T00:00:00Z"));
      try (Connection otherProcess = dataSource.getConnection()) {
        execute(otherProcess, "SELECT pg_advisory_lock(" + ChangeFeed.PRUNE_LOCK + ")");
        try {
          assertThat(store.changes().pruneInBackground(() -> false)).isZero();
          assertThat(mine.poll(consumer, 10).events()).hasSize(1);
        } finally {
          execute(otherProcess, "SELECT pg_advisory_unlock(" + ChangeFeed.PRUNE_LOCK + ")");
        }
      }
      assertThat(store.changes().pruneInBackground(() -> false)).isGreaterThanOrEqualTo(1);
      assertThat(mine.poll(consumer, 10).missed()).isEqualTo(1);
    }
  }

  // ---- helpers ------------------------------------------------------------------------------

  private String user(JdbcStore store, String userName) {
    return user(store, context, userName);
  }

  private static String user(JdbcStore store, RequestContext context, String userName) {
    return store
        .users()
        .create(new CreateRequest(context, User.builder().userName(userName).build()))
        .id();
  }

  /** A group "Team" of the test's tenant with {@code member}; its id. */
  private String team(JdbcStore store, String member) {
    return store
        .groups()
        .create(
            new CreateRequest(
                context,
                Group.builder().displayName("Team").member(ResourceRef.of(member)).build()))
        .id();
  }

  /** {@code count} events of the other tenant, in one commit. */
  private void othersWrite(JdbcStore store, int count) {
    store
        .bulkScope()
        .run(
            other,
            () -> {
              for (int i = 0; i < count; i++) {
                user(store, other, "other-" + UUID.randomUUID());
              }
            });
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      execute(connection, sql);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private void members(
      JdbcStore store, String group, boolean removeAll, List<String> remove, List<String> add) {
    store
        .groups()
        .updateMembers(
            new MembershipRequest(
                context,
                group,
                new MemberDelta(removeAll, remove, add.stream().map(ResourceRef::of).toList()),
                null));
  }

  private List<ChangeLog.Change> change(String id) {
    return ChangeLog.Change.of(
        tenant, "User", id, 1L, Operation.CREATED, List.of("userName"), List.of(), List.of());
  }

  private static void assertIncreasing(List<ChangeEvent> events) {
    for (int i = 1; i < events.size(); i++) {
      assertThat(events.get(i).position()).isGreaterThan(events.get(i - 1).position());
    }
  }

  /** A clock the test moves. */
  private static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void set(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
