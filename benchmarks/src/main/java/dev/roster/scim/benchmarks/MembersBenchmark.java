package dev.roster.scim.benchmarks;

import static dev.roster.scim.benchmarks.Fixtures.CONTEXT;
import static dev.roster.scim.benchmarks.Fixtures.operation;

import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.server.ScimServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Adding a member to a group and removing it again, through the delta path, for groups of 10, 1,000
 * and 100,000 members: the group's size must not matter. Each invocation is one add and one remove
 * (so the group keeps its size) of the next of {@value #SPARES} users who are not members.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 8, time = 2)
@Measurement(iterations = 5, time = 2)
public class MembersBenchmark {
  static final int SPARES = 256;

  /** The group's size. */
  @Param({"10", "1000", "100000"})
  public int members;

  private GroupRepository groups;
  private ScimServer server;
  private String groupId;
  private String groupPath;
  private String[] spareIds;
  private byte[][] addBodies;
  private byte[][] removeBodies;
  private int next;

  @Setup
  public void setUp() {
    Fixtures.Store store = Fixtures.store(members + SPARES);
    groups = store.store().groups();
    server = store.server();
    groupId = store.group("Benchmark group", members);
    groupPath = "/Groups/" + groupId;
    spareIds = new String[SPARES];
    addBodies = new byte[SPARES][];
    removeBodies = new byte[SPARES][];
    for (int i = 0; i < SPARES; i++) {
      String id = store.userIds().get(members + i);
      List<Map<String, String>> member = List.of(Map.of("value", id));
      spareIds[i] = id;
      // What Microsoft Entra ID sends to add and to remove one member.
      addBodies[i] = Fixtures.patchBody(operation("Add", "members", member));
      removeBodies[i] = Fixtures.patchBody(operation("Remove", "members", member));
    }
    // The store is built once; move it to the old generation now, or young collections copy it
    // again and again while measuring.
    System.gc();
  }

  private int nextSpare() {
    int spare = next;
    next = next + 1 == SPARES ? 0 : next + 1;
    return spare;
  }

  /** {@link GroupRepository#updateMembers} on the in-memory store: add one, remove it. */
  @Benchmark
  public MembershipResult repositoryAddRemove() {
    String id = spareIds[nextSpare()];
    groups.updateMembers(
        new MembershipRequest(
            CONTEXT,
            groupId,
            new MemberDelta(false, List.of(), List.of(ResourceRef.of(id))),
            null));
    return groups.updateMembers(
        new MembershipRequest(
            CONTEXT, groupId, new MemberDelta(false, List.of(id), List.of()), null));
  }

  /**
   * {@code PATCH /Groups/{id}} through {@link ScimServer#handle}, which turns member-only
   * operations into a delta: add one, remove it. Returns the sum of both statuses (204 each).
   */
  @Benchmark
  public int engineAddRemove() {
    int spare = nextSpare();
    int added =
        server.handle(Fixtures.request("PATCH", groupPath, Map.of(), addBodies[spare])).status();
    int removed =
        server.handle(Fixtures.request("PATCH", groupPath, Map.of(), removeBodies[spare])).status();
    return added + removed;
  }
}
