package dev.roster.scim.server.memory;

import dev.roster.scim.core.resource.ResourceRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * One tenant's resources of every type, and the group memberships between them.
 *
 * <p>Not thread-safe by itself: callers hold {@link #lock()}'s read lock to read and its write lock
 * to change anything.
 */
final class Tenant {
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Map<String, Table> tables = new HashMap<>();
  // Reverse of every group's members: member id -> ids of the groups it is a direct member of.
  private final Map<String, Set<String>> groupsOf = new HashMap<>();

  ReentrantReadWriteLock lock() {
    return lock;
  }

  /** The repository's table, created on first use; under the write lock. */
  Table table(MemoryRepository repository) {
    return tables.computeIfAbsent(repository.tableKey(), k -> new Table(repository));
  }

  /** The repository's table, or null if nothing was stored in it yet. */
  Table existingTable(MemoryRepository repository) {
    return tables.get(repository.tableKey());
  }

  /**
   * The stored id of the user or group {@code id} names (exactly, else ignoring case as {@code
   * members.value} compares) and the table holding it; null if there is none.
   */
  Map.Entry<Table, String> memberTarget(String id) {
    for (Table table : tables.values()) {
      if (table.repository().canBeMember()) {
        if (table.get(id) != null) {
          return Map.entry(table, id);
        }
      }
    }
    String folded = IndexedAttribute.fold(id);
    if (!folded.equals(id)) {
      for (Table table : tables.values()) {
        if (table.repository().canBeMember() && table.get(folded) != null) {
          return Map.entry(table, folded);
        }
      }
    }
    return null;
  }

  /** The group with id {@code id}, or null. */
  Entry group(String id) {
    for (Table table : tables.values()) {
      if (table.repository() instanceof MemoryGroups) {
        Entry group = table.get(id);
        if (group != null) {
          return group;
        }
      }
    }
    return null;
  }

  /** The ids of the groups {@code memberId} is a direct member of, in the order it joined them. */
  Set<String> groupsOf(String memberId) {
    Set<String> groups = groupsOf.get(memberId);
    return groups == null ? Set.of() : Collections.unmodifiableSet(groups);
  }

  /** Adds {@code member} to {@code group} unless present; whether membership changed. */
  boolean addMember(Entry group, ResourceRef member) {
    if (group.members().putIfAbsent(member.value(), member) != null) {
      return false;
    }
    groupsOf.computeIfAbsent(member.value(), k -> new LinkedHashSet<>()).add(group.id());
    return true;
  }

  /** Removes the member {@code memberId} from {@code group}; whether it was a member. */
  boolean removeMember(Entry group, String memberId) {
    if (group.members().remove(memberId) == null) {
      return false;
    }
    unlink(group.id(), memberId);
    return true;
  }

  /**
   * Makes {@code members} (first occurrence of each id wins) the group's members, touching only the
   * links that change; whether membership changed.
   */
  boolean setMembers(Entry group, List<ResourceRef> members) {
    Map<String, ResourceRef> wanted = new LinkedHashMap<>();
    members.forEach(m -> wanted.putIfAbsent(m.value(), m));
    Map<String, ResourceRef> current = group.members();
    if (wanted.keySet().equals(current.keySet())) {
      return false;
    }
    for (String id : current.keySet()) {
      if (!wanted.containsKey(id)) {
        unlink(group.id(), id);
      }
    }
    for (String id : wanted.keySet()) {
      if (!current.containsKey(id)) {
        groupsOf.computeIfAbsent(id, k -> new LinkedHashSet<>()).add(group.id());
      }
    }
    current.clear();
    current.putAll(wanted);
    return true;
  }

  /**
   * Forgets a deleted resource's memberships: a deleted group's own members, and its (or a deleted
   * user's) place in every group, bumping those groups' versions.
   */
  void forget(Entry deleted, Instant now) {
    if (deleted.members() != null) {
      for (String id : new ArrayList<>(deleted.members().keySet())) {
        removeMember(deleted, id);
      }
    }
    Set<String> parents = groupsOf.remove(deleted.id());
    if (parents != null) {
      for (String parentId : parents) {
        Entry parent = group(parentId);
        if (parent != null && parent.members().remove(deleted.id()) != null) {
          parent.touch(now);
        }
      }
    }
  }

  private void unlink(String groupId, String memberId) {
    Set<String> groups = groupsOf.get(memberId);
    if (groups != null) {
      groups.remove(groupId);
      if (groups.isEmpty()) {
        groupsOf.remove(memberId);
      }
    }
  }
}
