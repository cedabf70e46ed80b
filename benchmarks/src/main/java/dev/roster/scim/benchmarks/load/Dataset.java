package dev.roster.scim.benchmarks.load;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What the seeding stored, for the scenarios to address.
 *
 * @param tag this run's tag, in every userName and displayName, so that runs never collide
 * @param userIds ids of the users searched and read, in creation order
 * @param userNames their userNames, same order
 * @param poolIds ids of further users, members of no group, that the member scenarios add and
 *     remove
 * @param bigGroupId the group whose members are all of {@code userIds}
 * @param smallGroupId the group whose members are the first few of {@code userIds}
 * @param smallGroupSize how many
 */
record Dataset(
    String tag,
    List<String> userIds,
    List<String> userNames,
    List<String> poolIds,
    String bigGroupId,
    String smallGroupId,
    int smallGroupSize) {

  Dataset {
    requireNonNull(tag, "tag");
    userIds = List.copyOf(userIds);
    userNames = List.copyOf(userNames);
    poolIds = List.copyOf(poolIds);
    requireNonNull(bigGroupId, "bigGroupId");
    requireNonNull(smallGroupId, "smallGroupId");
  }

  int users() {
    return userIds.size();
  }
}
