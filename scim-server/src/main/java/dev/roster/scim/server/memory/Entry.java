package dev.roster.scim.server.memory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.resource.Meta;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One stored resource: its attributes with {@code id} and {@code meta}, its version counter, and
 * for a group its members, kept apart so that reading the group without them never touches them.
 *
 * <p>Not thread-safe by itself: guarded by its tenant's lock.
 */
final class Entry {
  private final String id;
  private final long sequence;
  private final Map<String, ResourceRef> members;
  private ScimResource resource;
  private Meta meta;
  private long version;

  /**
   * A new entry at version 1.
   *
   * @param content the attributes, without what the repository computes
   * @param sequence the creation order within its table
   * @param group whether the entry keeps members
   */
  Entry(
      String id,
      long sequence,
      ScimResource content,
      String resourceType,
      Instant now,
      boolean group) {
    this.id = id;
    this.sequence = sequence;
    this.members = group ? new LinkedHashMap<>() : null;
    this.version = 1;
    this.meta = new Meta(resourceType, now, now, null, versionTag(1));
    this.resource = compose(content, id, meta);
  }

  String id() {
    return id;
  }

  /** The creation order within the table: the order of results that are not sorted. */
  long sequence() {
    return sequence;
  }

  /** The stored resource with {@code id} and {@code meta}, without members. */
  ScimResource resource() {
    return resource;
  }

  Meta meta() {
    return meta;
  }

  /** The current {@code meta.version}. */
  String version() {
    return meta.version();
  }

  /** The group's members by id, in the order they joined; null for other resources. */
  Map<String, ResourceRef> members() {
    return members;
  }

  /**
   * Replaces the attributes, keeping {@code id} and {@code meta.created}, and bumps the version.
   */
  void replace(ScimResource content, Instant now) {
    version++;
    meta = meta.withLastModified(now).withVersion(versionTag(version));
    resource = compose(content, id, meta);
  }

  /** Bumps the version and {@code lastModified}, as when the group's membership changed. */
  void touch(Instant now) {
    replace(resource, now);
  }

  /** Whether {@code expected} is the current version token, as this store handed it out. */
  boolean isAt(String expected) {
    return version().equals(expected);
  }

  /** The opaque version token of a counter: {@code 3}; the engine shows it as {@code W/"3"}. */
  private static String versionTag(long counter) {
    return Long.toString(counter);
  }

  /**
   * The resource as stored: {@code schemas} and {@code id} first, the attributes in their order,
   * {@code meta} last.
   */
  private static ScimResource compose(ScimResource content, String id, Meta meta) {
    ObjectNode in = content.toJson();
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    JsonNode schemas = ResourceJson.member(in, "schemas");
    if (schemas != null) {
      out.set("schemas", schemas);
    }
    out.put("id", id);
    for (Map.Entry<String, JsonNode> field : in.properties()) {
      String name = field.getKey();
      if (!name.equalsIgnoreCase("schemas")
          && !name.equalsIgnoreCase("id")
          && !name.equalsIgnoreCase("meta")) {
        out.set(name, field.getValue());
      }
    }
    out.set("meta", meta.toJson());
    return ScimResource.fromJson(out);
  }
}
