package dev.roster.scim.server.memory;

import static java.util.Objects.requireNonNull;

import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.filter.Filter;
import dev.roster.scim.core.path.AttributePath;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.CommonAttributes;
import dev.roster.scim.core.schema.ResolvedAttribute;
import dev.roster.scim.core.schema.ResourceSchema;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.Sort;
import dev.roster.scim.filter.FilterEvaluator;
import dev.roster.scim.filter.KeysetOrder;
import dev.roster.scim.filter.ResourceOrder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.locks.Lock;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The in-memory repository of one resource type; subclasses add what users and groups compute.
 *
 * <p>Thread-safe: every method takes the tenant's read lock to read and its write lock to write.
 */
abstract sealed class MemoryRepository implements ResourceRepository
    permits MemoryUsers, MemoryGroups, MemoryResources {
  private final InMemoryStore store;
  private final String typeName;
  private final String coreSchema;
  private final String computed;
  private final List<IndexedAttribute> indexedAttributes;

  /**
   * @param computed the top-level attribute the repository computes rather than stores as given (a
   *     user's {@code groups}, a group's {@code members}), or null
   * @param forcedUnique a core attribute that is unique whatever the schema says, or null
   */
  MemoryRepository(
      InMemoryStore store, ResourceSchema schema, String computed, String forcedUnique) {
    this.store = store;
    this.typeName = schema.resourceType().name();
    this.coreSchema = schema.coreSchema().id();
    this.computed = computed;
    this.indexedAttributes = IndexedAttribute.of(schema, forcedUnique);
  }

  final String typeName() {
    return typeName;
  }

  final String coreSchema() {
    return coreSchema;
  }

  final String tableKey() {
    return InMemoryStore.key(typeName);
  }

  final List<IndexedAttribute> indexedAttributes() {
    return indexedAttributes;
  }

  final InMemoryStore store() {
    return store;
  }

  /** Whether resources of this type can be group members. */
  boolean canBeMember() {
    return false;
  }

  /**
   * The entry as a response carries it: the stored resource, plus the computed attribute when
   * {@code withComputed}.
   */
  ScimResource view(Tenant tenant, Entry entry, boolean withComputed) {
    return entry.resource();
  }

  /**
   * Checks the references {@code incoming} makes to other resources and returns what stores them
   * once the entry is written, or null if there is nothing to store.
   *
   * @throws ScimException 400 {@code invalidValue} for a reference to a missing resource
   */
  Consumer<Entry> references(Tenant tenant, ScimResource incoming) {
    return null;
  }

  /** Which entries match {@code filter}, already compiled by {@code evaluator}. */
  Predicate<Entry> matcher(Tenant tenant, Filter filter, FilterEvaluator evaluator) {
    boolean needsComputed = computed != null && FilterTerms.mentions(filter, computed);
    return entry -> evaluator.matches(filter, view(tenant, entry, needsComputed));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Assigns a random UUID and {@code meta} with version {@code W/"1"}; atomic with its
   * uniqueness check. Thread-safe.
   */
  @Override
  public ScimResource create(CreateRequest request) {
    requireNonNull(request, "request");
    ScimResource content = content(request.resource());
    return write(
        request.context(),
        tenant -> {
          Table table = tenant.table(this);
          String id = UUID.randomUUID().toString();
          table.checkUnique(id, content);
          Consumer<Entry> references = references(tenant, request.resource());
          Entry entry = table.insert(id, content, store.now());
          if (references != null) {
            references.accept(entry);
          }
          return view(tenant, entry, true);
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Thread-safe; runs in parallel with other reads of the tenant.
   */
  @Override
  public Optional<ScimResource> get(GetRequest request) {
    requireNonNull(request, "request");
    return read(
        request.context(),
        tenant -> {
          Table table = tenant.existingTable(this);
          Entry entry = table == null ? null : table.get(request.id());
          return entry == null
              ? Optional.empty()
              : Optional.of(view(tenant, entry, includesComputed(request.projection())));
        },
        Optional.empty());
  }

  /** Sorts by any attribute, with scim-filter's {@link ResourceOrder}. */
  @Override
  public boolean supportsSort() {
    return true;
  }

  /**
   * Pages by keyset, in scim-filter's {@link KeysetOrder}: the sort value, then the id. A page
   * costs one pass over the filter's matches, as the first page does, and keeps at most {@code
   * count + 1} of them.
   */
  @Override
  public boolean supportsCursors() {
    return true;
  }

  /**
   * {@inheritDoc}
   *
   * <p>An {@code eq} on {@code id}, {@code externalId}, {@code userName}, {@code displayName} or a
   * unique attribute, alone or in an {@code and}, is answered from an index; anything else scans
   * the tenant's resources of this type. Thread-safe; runs in parallel with other reads of the
   * tenant.
   *
   * @throws ScimException 400 {@code invalidFilter} for a filter the evaluator cannot apply, even
   *     when there is nothing to search
   */
  @Override
  public Page search(SearchRequest request) {
    requireNonNull(request, "request");
    ResourceSchema schema = store.registry().resourceSchema(typeName);
    FilterEvaluator evaluator = FilterEvaluator.lenient(schema);
    if (request.filter() != null) {
      // Compiles (and so rejects) the filter whatever the data, then reuses the compilation.
      evaluator.matches(request.filter(), emptyResource());
    }
    return read(
        request.context(),
        tenant -> search(tenant, request, schema, evaluator),
        new Page(List.of(), 0));
  }

  /**
   * {@inheritDoc}
   *
   * <p>Atomic: the version check, uniqueness check and write happen under the tenant's write lock.
   * Thread-safe.
   */
  @Override
  public ScimResource replace(ReplaceRequest request) {
    requireNonNull(request, "request");
    ScimResource content = content(request.resource());
    return write(
        request.context(),
        tenant -> {
          Table table = tenant.existingTable(this);
          Entry entry = find(table, request.id());
          checkVersion(entry, request.expectedVersion());
          table.checkUnique(entry.id(), content);
          Consumer<Entry> references = references(tenant, request.resource());
          table.replace(entry, content, store.now());
          if (references != null) {
            references.accept(entry);
          }
          return view(tenant, entry, true);
        });
  }

  /**
   * {@inheritDoc}
   *
   * <p>Also removes the resource from every group of the tenant, bumping their versions. Atomic and
   * thread-safe.
   */
  @Override
  public void delete(DeleteRequest request) {
    requireNonNull(request, "request");
    write(
        request.context(),
        tenant -> {
          Table table = tenant.existingTable(this);
          Entry entry = find(table, request.id());
          checkVersion(entry, request.expectedVersion());
          table.remove(entry);
          tenant.forget(entry, store.now());
          return null;
        });
  }

  /** Runs {@code action} under the tenant's write lock. */
  final <T> T write(RequestContext context, Function<Tenant, T> action) {
    Tenant tenant = store.tenant(context.tenant());
    Lock lock = tenant.lock().writeLock();
    lock.lock();
    try {
      return action.apply(tenant);
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code action} under the tenant's read lock, or answers {@code absent} for a new one. */
  final <T> T read(RequestContext context, Function<Tenant, T> action, T absent) {
    Tenant tenant = store.existingTenant(context.tenant());
    if (tenant == null) {
      return absent;
    }
    Lock lock = tenant.lock().readLock();
    lock.lock();
    try {
      return action.apply(tenant);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The entry with {@code id}.
   *
   * @throws ScimException 404 if there is none
   */
  final Entry find(Table table, String id) {
    Entry entry = table == null ? null : table.get(id);
    if (entry == null) {
      throw ScimException.notFound(typeName + " '" + id + "' does not exist");
    }
    return entry;
  }

  /**
   * Checks a conditional write's expected version; null means unconditional.
   *
   * @throws ScimException 412 if the entry is at another version
   */
  final void checkVersion(Entry entry, String expectedVersion) {
    if (expectedVersion != null && !entry.isAt(expectedVersion)) {
      throw ScimException.versionMismatch(
          typeName
              + " '"
              + entry.id()
              + "' is at version "
              + entry.version()
              + ", not "
              + expectedVersion
              + "; read it again and retry with its current version");
    }
  }

  private boolean includesComputed(Projection projection) {
    return computed != null && projection.includes(computed);
  }

  /** What to store of a resource a client sent: without what the repository computes. */
  private ScimResource content(ScimResource resource) {
    return computed == null ? resource : ResourceJson.without(resource, computed);
  }

  private ScimResource emptyResource() {
    return ScimResource.builder().schemas(List.of(coreSchema)).build();
  }

  private Page search(
      Tenant tenant, SearchRequest request, ResourceSchema schema, FilterEvaluator evaluator) {
    Table table = tenant.existingTable(this);
    if (table == null) {
      return new Page(List.of(), 0);
    }
    Filter filter = request.filter();
    Predicate<Entry> matcher = filter == null ? entry -> true : matcher(tenant, filter, evaluator);
    List<Entry> matched = new ArrayList<>();
    for (Entry entry : candidates(table, filter, schema)) {
      if (matcher.test(entry)) {
        matched.add(entry);
      }
    }
    Sort sort = request.sort();
    boolean sortsByComputed =
        sort != null && computed != null && sort.by().attribute().equalsIgnoreCase(computed);
    boolean withComputed = includesComputed(request.projection());
    if (request.seek() != null) {
      return KeysetPages.page(
          matched,
          request.seek(),
          request.count(),
          KeysetOrder.of(sort, schema),
          e -> view(tenant, e, sortsByComputed),
          e -> view(tenant, e, withComputed));
    }
    if (sort != null && matched.size() > 1) {
      matched = ResourceOrder.sort(matched, e -> view(tenant, e, sortsByComputed), sort, schema);
    }
    int total = matched.size();
    int from = (int) Math.min(request.offset(), total);
    int to = (int) Math.min(total, from + (long) request.count());
    List<ScimResource> page = new ArrayList<>(to - from);
    for (Entry entry : matched.subList(from, to)) {
      page.add(view(tenant, entry, withComputed));
    }
    return new Page(page, total);
  }

  /**
   * The entries that may match, in creation order: those an index names for the most selective
   * {@code eq} among the filter's conjuncts, else all.
   */
  private Collection<Entry> candidates(Table table, Filter filter, ResourceSchema schema) {
    if (filter == null) {
      return table.entries();
    }
    Collection<String> best = null;
    for (Filter term : FilterTerms.conjuncts(filter)) {
      String literal = FilterTerms.stringEquality(term);
      if (literal == null) {
        continue;
      }
      Optional<ResolvedAttribute> resolved = schema.resolve(((Filter.Compare) term).attribute());
      if (resolved.isEmpty()) {
        continue;
      }
      Collection<String> ids = lookup(table, resolved.get(), literal);
      if (ids != null && (best == null || ids.size() < best.size())) {
        best = ids;
      }
    }
    if (best == null) {
      return table.entries();
    }
    List<Entry> entries = new ArrayList<>(best.size());
    for (String id : best) {
      Entry entry = table.get(id);
      if (entry != null) {
        entries.add(entry);
      }
    }
    entries.sort(Comparator.comparingLong(Entry::sequence));
    return entries;
  }

  private static Collection<String> lookup(
      Table table, ResolvedAttribute resolved, String literal) {
    if (resolved.attribute() == CommonAttributes.ID) {
      return table.get(literal) == null ? Set.of() : Set.of(literal);
    }
    AttributePath path = resolved.canonicalPath();
    return table.lookup(path, literal);
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[" + typeName + "]";
  }
}
