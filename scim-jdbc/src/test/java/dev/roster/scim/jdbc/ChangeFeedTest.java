package dev.roster.scim.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The change feed: each write's events, in the write's transaction and nowhere else, in commit
 * order, with durable consumer positions and pruning. PostgreSQL's database is shared with other
 * tests and runs, so each test uses a fresh tenant and consumer, starts its consumer at the latest
 * position, and looks at its own tenant's events.
 */
class ChangeFeedTest {
  private static final String MANAGER = SchemaUrns.ENTERPRISE_USER + ":manager";

  @TempDir Path tempDir;

  private final String tenant = TestDatabases.freshTenant();
  private final RequestContext context = RequestContext.of(tenant, "test", "request");
  private final String consumer = "test-" + UUID.randomUUID();

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

      ScimResource team =
          store
              .groups()
              .create(
                  new CreateRequest(
                      context,
                      Group.builder().displayName("Team").member(ResourceRef.of(alice)).build()));
      String id = team.id();
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
      String team =
          store
              .groups()
              .create(
                  new CreateRequest(
                      context,
                      Group.builder().displayName("Team").member(ResourceRef.of(alice)).build()))
              .id();
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

  // ---- helpers ------------------------------------------------------------------------------

  private String user(JdbcStore store, String userName) {
    return store
        .users()
        .create(new CreateRequest(context, User.builder().userName(userName).build()))
        .id();
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
