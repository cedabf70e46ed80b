package dev.roster.scim.core.resource;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.schema.SchemaUrns;
import java.util.List;
import java.util.Optional;

/**
 * A typed view of a Group resource (RFC 7643 §4.2) over a {@link ScimResource}.
 *
 * <p>Reads are lenient: member names match ignoring case and values of the wrong JSON type read as
 * absent. The view does not check {@code schemas}. Immutable and thread-safe, like the resource.
 */
public final class Group {
  private final ScimResource resource;

  private Group(ScimResource resource) {
    this.resource = resource;
  }

  /** A view of {@code resource}, which must not be null. */
  public static Group of(ScimResource resource) {
    return new Group(requireNonNull(resource, "resource"));
  }

  /** A builder for a new group resource, with {@code schemas} set to the core Group URN. */
  public static Builder builder() {
    return new Builder();
  }

  /** The resource this view reads. */
  public ScimResource resource() {
    return resource;
  }

  /** The service provider's id, or null before the group is stored. */
  public String id() {
    return resource.id();
  }

  /** The client's identifier, if any. */
  public Optional<String> externalId() {
    return resource.externalId();
  }

  /** The metadata; {@link Meta#EMPTY} when the resource has none. */
  public Meta meta() {
    return resource.meta();
  }

  /** The group's name, if set. */
  public Optional<String> displayName() {
    return Optional.ofNullable(AttributeValues.text(resource.get("displayName")));
  }

  /** The members, in order; empty if none. Members without a usable {@code value} are skipped. */
  public List<ResourceRef> members() {
    return AttributeValues.list(resource.get("members"), ResourceRef::fromJson);
  }

  /** Equal when the underlying resources are equal. */
  @Override
  public boolean equals(Object o) {
    return o instanceof Group other && resource.equals(other.resource);
  }

  @Override
  public int hashCode() {
    return resource.hashCode();
  }

  /** The resource as compact JSON. */
  @Override
  public String toString() {
    return resource.toString();
  }

  /** Builds a Group {@link ScimResource}; setters accept null to unset. Not thread-safe. */
  public static final class Builder {
    private final ScimResource.Builder resource =
        ScimResource.builder().schemas(List.of(SchemaUrns.GROUP));
    private final ArrayNode members = Json.array();

    private Builder() {}

    /** Sets {@code id}. */
    public Builder id(String id) {
      resource.id(id);
      return this;
    }

    /** Sets {@code externalId}. */
    public Builder externalId(String externalId) {
      resource.externalId(externalId);
      return this;
    }

    /** Sets {@code meta}. */
    public Builder meta(Meta meta) {
      resource.meta(meta);
      return this;
    }

    /** Sets the group's name. */
    public Builder displayName(String displayName) {
      resource.set("displayName", displayName);
      return this;
    }

    /** Adds a member (not null). */
    public Builder member(ResourceRef member) {
      members.add(requireNonNull(member, "member").toJson());
      resource.set("members", members);
      return this;
    }

    /** Replaces the members; null or an empty list removes them. */
    public Builder members(List<ResourceRef> members) {
      this.members.removeAll();
      if (members != null) {
        this.members.addAll(AttributeValues.array(members, ResourceRef::toJson));
      }
      resource.set("members", this.members.isEmpty() ? null : this.members);
      return this;
    }

    /** Builds the resource; the builder may be used again afterwards. */
    public ScimResource build() {
      return resource.build();
    }
  }
}
