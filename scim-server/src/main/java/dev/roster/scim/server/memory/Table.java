package dev.roster.scim.server.memory;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One tenant's resources of one type, in creation order, with an index per {@link
 * IndexedAttribute}.
 *
 * <p>Not thread-safe by itself: guarded by its tenant's lock.
 */
final class Table {
  private final MemoryRepository repository;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<Index> indexes = new ArrayList<>();
  private long sequence;

  Table(MemoryRepository repository) {
    this.repository = repository;
    repository.indexedAttributes().forEach(a -> indexes.add(new Index(a)));
  }

  MemoryRepository repository() {
    return repository;
  }

  /** The entry with id {@code id}, or null. */
  Entry get(String id) {
    return entries.get(id);
  }

  /** Every entry, in creation order. */
  Collection<Entry> entries() {
    return Collections.unmodifiableCollection(entries.values());
  }

  /** Stores a new resource at version 1. */
  Entry insert(String id, ScimResource content, Instant now) {
    Entry entry =
        new Entry(
            id,
            ++sequence,
            content,
            repository.typeName(),
            now,
            repository instanceof MemoryGroups);
    entries.put(id, entry);
    indexes.forEach(index -> index.add(entry));
    return entry;
  }

  /** Replaces an entry's attributes and bumps its version, keeping the indexes current. */
  void replace(Entry entry, ScimResource content, Instant now) {
    indexes.forEach(index -> index.remove(entry));
    entry.replace(content, now);
    indexes.forEach(index -> index.add(entry));
  }

  /** Removes an entry and its index keys. */
  void remove(Entry entry) {
    indexes.forEach(index -> index.remove(entry));
    entries.remove(entry.id());
  }

  /**
   * Checks that {@code content} takes no unique value held by a resource other than {@code id}.
   *
   * @throws ScimException 409 {@code uniqueness} naming the attribute and value otherwise
   */
  void checkUnique(String id, ScimResource content) {
    for (Index index : indexes) {
      IndexedAttribute attribute = index.attribute;
      if (!attribute.unique()) {
        continue;
      }
      for (Map.Entry<String, String> key : attribute.keys(content).entrySet()) {
        Set<String> holders = index.ids.get(key.getKey());
        boolean taken = holders != null && holders.stream().anyMatch(holder -> !holder.equals(id));
        if (taken && !key.getValue().isEmpty()) {
          throw ScimException.uniqueness(
              "Another "
                  + repository.typeName()
                  + " already has "
                  + attribute.path()
                  + " '"
                  + key.getValue()
                  + "'"
                  + (attribute.definition().caseExact() ? "" : " (compared ignoring case)")
                  + "; "
                  + attribute.path()
                  + " must be unique, so choose another value");
        }
      }
    }
  }

  /**
   * The ids of the resources whose {@code path} may equal the string {@code literal}, or null when
   * no index answers that; the caller still evaluates the filter on them.
   */
  Set<String> lookup(AttributePath path, String literal) {
    for (Index index : indexes) {
      if (index.attribute.path().equals(path) && index.attribute.answersStringEquality()) {
        Set<String> ids = index.ids.get(index.attribute.key(literal));
        return ids == null ? Set.of() : ids;
      }
    }
    return null;
  }

  private static final class Index {
    private final IndexedAttribute attribute;
    private final Map<String, Set<String>> ids = new HashMap<>();

    Index(IndexedAttribute attribute) {
      this.attribute = attribute;
    }

    void add(Entry entry) {
      for (String key : attribute.keys(entry.resource()).keySet()) {
        ids.computeIfAbsent(key, k -> new LinkedHashSet<>()).add(entry.id());
      }
    }

    void remove(Entry entry) {
      for (String key : attribute.keys(entry.resource()).keySet()) {
        Set<String> holders = ids.get(key);
        if (holders != null) {
          holders.remove(entry.id());
          if (holders.isEmpty()) {
            ids.remove(key);
          }
        }
      }
    }
  }
}
