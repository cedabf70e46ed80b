package dev.roster.scim.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The members each round of the large group step creates and replaces, and their bodies. */
class LargeGroupRunTest {
  private static List<String> ids(int n) {
    return IntStream.range(0, n).mapToObj(Integer::toString).toList();
  }

  @Test
  void theReplaceKeepsTheSecondHalfAndAddsAsManyOthers() {
    List<String> users = ids(20_000);

    List<String> create = LargeGroupRun.createMembers(users, 10_000, 0, 2);
    List<String> replace = LargeGroupRun.replaceMembers(users, 10_000, 0, 2);

    assertThat(create).hasSize(10_000).startsWith("0").endsWith("9999");
    assertThat(replace).hasSize(10_000).startsWith("5000").endsWith("14999");
  }

  @Test
  void eachRoundTakesASliceOfItsOwnWrappingAroundTheEnd() {
    List<String> users = ids(20_000);

    assertThat(LargeGroupRun.createMembers(users, 10_000, 1, 2)).startsWith("10000");
    assertThat(LargeGroupRun.replaceMembers(users, 10_000, 1, 2))
        .startsWith("15000")
        .contains("19999", "0")
        .endsWith("4999");
  }

  @Test
  void withOneAndAHalfTimesTheMembersEveryRoundKeepsHalfAndAddsOnlyNewOnes() {
    for (int rounds = 1; rounds <= 5; rounds++) {
      List<String> users = ids(15_000);
      Set<String> firsts = new HashSet<>();
      for (int round = 0; round < rounds; round++) {
        List<String> create = LargeGroupRun.createMembers(users, 10_000, round, rounds);
        List<String> replace = LargeGroupRun.replaceMembers(users, 10_000, round, rounds);
        Set<String> kept = new HashSet<>(replace);
        kept.retainAll(create);

        assertThat(new HashSet<>(create)).hasSize(10_000);
        assertThat(new HashSet<>(replace)).hasSize(10_000);
        assertThat(kept).as("round %d of %d", round, rounds).hasSize(5_000);
        firsts.add(create.get(0));
      }
      assertThat(firsts).as("a different slice each round").hasSize(rounds);
    }
  }

  @Test
  void aTenThousandMemberBodyFitsTheDefaultMebibyteLimit() throws Exception {
    List<String> members = new ArrayList<>();
    for (int i = 0; i < 10_000; i++) {
      members.add(UUID.randomUUID().toString());
    }

    byte[] body = Bodies.groupWithMembers("group-10000-0.tag", members);
    JsonNode group = Bodies.MAPPER.readTree(body);

    assertThat(body.length).isBetween(400_000, 1 << 20);
    assertThat(group.path("displayName").asText()).isEqualTo("group-10000-0.tag");
    assertThat(group.path("members")).hasSize(10_000);
    assertThat(group.path("members").get(0).toString())
        .isEqualTo("{\"value\":\"" + members.get(0) + "\"}");
  }

  @Test
  void theResultCountsErrorsAndSortsTimesByKind() {
    LargeGroupRun.Result result =
        new LargeGroupRun.Result(
            10,
            5,
            2,
            List.of(
                new LargeGroupRun.Timed(0, "create", 30, 201, null),
                new LargeGroupRun.Timed(0, "replace", 20, 200, null),
                new LargeGroupRun.Timed(0, "delete", 1, 204, null),
                new LargeGroupRun.Timed(1, "create", 10, 0, "java.io.IOException")));

    assertThat(result.errors()).isEqualTo(1);
    assertThat(result.sortedMillis("create")).containsExactly(10, 30);
    assertThat(result.of("replace")).hasSize(1);
  }
}
