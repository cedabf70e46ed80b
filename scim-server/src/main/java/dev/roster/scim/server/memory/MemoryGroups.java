package dev.roster.scim.server.memory;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.filter.FilterEvaluator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Groups in memory: {@code displayName} unique per tenant ignoring case, members kept apart from
 * the other attributes in insertion order, so that reads without {@code members} never touch them
 * and a membership delta costs as much as the members it changes. Thread-safe.
 */
final class MemoryGroups extends MemoryRepository implements GroupRepository {
  private static final String MEMBERS = "members";

  MemoryGroups(InMemoryStore store, ResourceSchema schema) {
    super(store, schema, MEMBERS, "displayName");
  }

  @Override
  boolean canBeMember() {
    return true;
  }

  /** The group, with its members when asked for. */
  @Override
  ScimResource view(Tenant tenant, Entry entry, boolean withComputed) {
    if (!withComputed || entry.members().isEmpty()) {
      return entry.resource();
    }
    ArrayNode members = JsonNodeFactory.instance.arrayNode(entry.members().size());
    entry.members().values().forEach(member -> members.add(member.toJson()));
    return ResourceJson.with(entry.resource(), MEMBERS, members);
  }

  /**
   * When the resource has a {@code members} attribute (even an empty one), its members replace the
   * stored ones; without it, the stored members stay, as the SPI asks of a group read without them.
   */
  @Override
  Consumer<Entry> references(Tenant tenant, ScimResource incoming) {
    JsonNode value = incoming.get(MEMBERS);
    if (value == null) {
      return null;
    }
    List<ResourceRef> requested = new ArrayList<>();
    if (value.isArray()) {
      for (JsonNode element : value) {
        ResourceRef member = ResourceRef.fromJson(element);
        if (member == null) {
          throw ScimException.invalidValue(
              "Each of a group's members needs a 'value', the member's id; found " + element);
        }
        requested.add(member);
      }
    } else if (!value.isNull()) {
      throw ScimException.invalidValue(
          "A group's 'members' is a list of {\"value\": id} objects; found " + value.getNodeType());
    }
    List<ResourceRef> members = resolve(tenant, requested);
    return entry -> tenant.setMembers(entry, members);
  }

  /**
   * Answers {@code members[value eq "id"]} and {@code members.value eq "id"} conjuncts (as
   * Microsoft Entra ID sends to check a membership) from the member map instead of building the
   * member list; evaluates the rest without members unless it names them too.
   */
  @Override
  Predicate<Entry> matcher(Tenant tenant, Filter filter, FilterEvaluator evaluator) {
    List<String> memberIds = new ArrayList<>();
    List<Filter> rest = new ArrayList<>();
    for (Filter term : FilterTerms.conjuncts(filter)) {
      String memberId = FilterTerms.memberEquality(term, coreSchema());
      if (memberId != null) {
        memberIds.add(memberId);
      } else {
        rest.add(term);
      }
    }
    if (memberIds.isEmpty() || rest.stream().anyMatch(f -> FilterTerms.mentions(f, MEMBERS))) {
      return super.matcher(tenant, filter, evaluator);
    }
    Filter remaining =
        rest.isEmpty() ? null : rest.size() == 1 ? rest.get(0) : new Filter.And(rest);
    return entry ->
        memberIds.stream().allMatch(id -> memberKey(entry, id) != null)
            && (remaining == null || evaluator.matches(remaining, entry.resource()));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Applies {@code removeAll}, then {@code removed}, then {@code added}, touching only the
   * members named (plus every current member for {@code removeAll}); member ids match as {@code
   * members.value} compares, ignoring case. A member's {@code type} is set to the type it really
   * has. Atomic: checks every added id before changing anything, under the tenant's write lock.
   * Thread-safe.
   */
  @Override
  public MembershipResult updateMembers(MembershipRequest request) {
    requireNonNull(request, "request");
    return write(
        request.context(),
        tenant -> {
          Entry group = find(tenant.existingTable(this), request.groupId());
          checkVersion(group, request.expectedVersion());
          List<ResourceRef> added = resolve(tenant, request.added());
          boolean changed;
          if (request.removeAll()) {
            // What stays after removing everything is exactly what is added.
            changed = tenant.setMembers(group, added);
          } else {
            changed = false;
            for (String id : request.removed()) {
              String key = memberKey(group, id);
              changed |= key != null && tenant.removeMember(group, key);
            }
            for (ResourceRef member : added) {
              changed |= tenant.addMember(group, member);
            }
          }
          if (changed) {
            group.touch(store().now());
          }
          return new MembershipResult(group.meta());
        });
  }

  /**
   * The members with each id as stored and {@code type} as the resource's type.
   *
   * @throws ScimException 400 {@code invalidValue} naming the first id that is neither a user nor a
   *     group of the tenant
   */
  private static List<ResourceRef> resolve(Tenant tenant, List<ResourceRef> requested) {
    List<ResourceRef> members = new ArrayList<>(requested.size());
    for (ResourceRef member : requested) {
      Map.Entry<Table, String> target = tenant.memberTarget(member.value());
      if (target == null) {
        throw ScimException.invalidValue(
            "Member '"
                + member.value()
                + "' is neither a User nor a Group; add members by the id the service provider"
                + " assigned them");
      }
      members.add(
          new ResourceRef(
              target.getValue(),
              member.ref(),
              member.display(),
              target.getKey().repository().typeName()));
    }
    return members;
  }

  /** The stored key of member {@code id} (exact, else ignoring case), or null. */
  private static String memberKey(Entry group, String id) {
    if (group.members().containsKey(id)) {
      return id;
    }
    // Member ids are ids this store assigned, lower-case UUIDs, so their folded form is their own.
    String folded = IndexedAttribute.fold(id);
    return group.members().containsKey(folded) ? folded : null;
  }
}
