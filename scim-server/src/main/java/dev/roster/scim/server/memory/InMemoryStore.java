package dev.roster.scim.server.memory;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.schema.ResourceType;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaUrns;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.core.spi.UserRepository;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps users, groups and custom resources in memory, partitioned by {@link
 * RequestContext#tenant()}: the repositories to run Roster's protocol engine and the testkit
 * without a database, and a reference for writing repositories over real storage.
 *
 * <pre>{@code
 * InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
 * UserRepository users = store.users();
 * GroupRepository groups = store.groups();
 * }</pre>
 *
 * <p>What the repositories do beyond storing:
 *
 * <ul>
 *   <li>Tenants share nothing: no read, search or write in one tenant sees or changes another's
 *       resources, and uniqueness holds per tenant.
 *   <li>{@code create} assigns a random UUID {@code id} and {@code meta} ({@code resourceType},
 *       {@code created}, {@code lastModified}, {@code version} {@code W/"1"}); every change bumps
 *       the version counter ({@code W/"2"}, ...) and {@code lastModified}.
 *   <li>Unique values, compared by the attribute's {@code caseExact}: a user's {@code userName}, a
 *       group's {@code displayName}, and every attribute whose schema says {@code uniqueness}
 *       {@code server} or {@code global} (both mean unique within the tenant here).
 *   <li>{@code search} looks up {@code id}, {@code externalId}, {@code userName}, {@code
 *       displayName} and unique attributes compared with {@code eq} (alone or as one term of an
 *       {@code and}) in an index, and scans otherwise; other terms are evaluated with {@code
 *       FilterEvaluator} in lenient mode. Results come in creation order unless sorted.
 *   <li>Groups keep their members apart from their other attributes: a group read or searched with
 *       a projection that leaves out {@code members} never touches them, and membership deltas cost
 *       as much as the members they change. A user's read-only {@code groups} attribute lists the
 *       groups it is a direct member of, from a reverse index.
 *   <li>Deleting a user or group removes it from every group of the tenant (bumping those groups'
 *       versions).
 * </ul>
 *
 * <p>The uniqueness and indexes of a resource type follow its schemas as they were when its
 * repository was first used; filters and sorting use the registry's current schemas.
 *
 * <p>Thread-safe. Each tenant's data is guarded by one read-write lock: reads and searches in a
 * tenant run in parallel, writes to a tenant run one at a time, so every write, including its
 * uniqueness check and its effect on other resources, is atomic. Tenants do not contend with each
 * other. This suits tests and prototypes, not a write-heavy production tenant.
 */
public final class InMemoryStore {
  private final SchemaRegistry registry;
  private final Clock clock;
  private final ConcurrentHashMap<String, Tenant> tenants = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, MemoryRepository> repositories =
      new ConcurrentHashMap<>();

  /**
   * Creates an empty store for the resource types registered in {@code registry}.
   *
   * @param registry the schemas and resource types; usually {@link SchemaRegistry#standard()} plus
   *     the host's extensions and custom types
   */
  public InMemoryStore(SchemaRegistry registry) {
    this(registry, Clock.systemUTC());
  }

  /** A store that reads {@code created} and {@code lastModified} from {@code clock}. */
  InMemoryStore(SchemaRegistry registry, Clock clock) {
    this.registry = requireNonNull(registry, "registry");
    this.clock = requireNonNull(clock, "clock");
  }

  /**
   * Returns the repository for the registry's User resource type (core schema {@value
   * SchemaUrns#USER}); always the same instance.
   *
   * @throws IllegalStateException if no registered resource type has the User core schema
   */
  public UserRepository users() {
    return (UserRepository) repository(typeWithSchema(SchemaUrns.USER, "users()"));
  }

  /**
   * Returns the repository for the registry's Group resource type (core schema {@value
   * SchemaUrns#GROUP}); always the same instance.
   *
   * @throws IllegalStateException if no registered resource type has the Group core schema
   */
  public GroupRepository groups() {
    return (GroupRepository) repository(typeWithSchema(SchemaUrns.GROUP, "groups()"));
  }

  /**
   * Returns the repository for the resource type named {@code resourceTypeName} (ignoring case),
   * creating it on first use; always the same instance for a type. For the User and Group types it
   * is the repository {@link #users()} and {@link #groups()} return.
   *
   * @throws IllegalArgumentException if the registry has no resource type of that name
   */
  public ResourceRepository resources(String resourceTypeName) {
    requireNonNull(resourceTypeName, "resourceTypeName");
    ResourceType type =
        registry
            .resourceType(resourceTypeName)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "No resource type named '"
                            + resourceTypeName
                            + "' is registered; register it in the SchemaRegistry first, or use"
                            + " one of "
                            + typeNames()));
    return repository(type);
  }

  SchemaRegistry registry() {
    return registry;
  }

  Instant now() {
    return clock.instant();
  }

  /** The tenant's data, created on first use. */
  Tenant tenant(String name) {
    return tenants.computeIfAbsent(name, n -> new Tenant());
  }

  /** The tenant's data, or null if nothing was ever written to it. */
  Tenant existingTenant(String name) {
    return tenants.get(name);
  }

  static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  private MemoryRepository repository(ResourceType type) {
    return repositories.computeIfAbsent(key(type.name()), k -> create(type));
  }

  private MemoryRepository create(ResourceType type) {
    ResourceSchema schema = registry.resourceSchema(type.name());
    if (type.schema().equalsIgnoreCase(SchemaUrns.USER)) {
      return new MemoryUsers(this, schema);
    }
    if (type.schema().equalsIgnoreCase(SchemaUrns.GROUP)) {
      return new MemoryGroups(this, schema);
    }
    return new MemoryResources(this, schema);
  }

  private ResourceType typeWithSchema(String urn, String method) {
    for (ResourceType type : registry.resourceTypes()) {
      if (type.schema().equalsIgnoreCase(urn)) {
        return type;
      }
    }
    throw new IllegalStateException(
        "No registered resource type has the core schema "
            + urn
            + ", so "
            + method
            + " has nothing to store; start from SchemaRegistry.standard()");
  }

  private List<String> typeNames() {
    List<String> names = new ArrayList<>();
    registry.resourceTypes().forEach(t -> names.add(t.name()));
    return names;
  }

  @Override
  public String toString() {
    return "InMemoryStore" + typeNames();
  }
}
