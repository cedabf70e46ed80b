package dev.roster.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.core.ScimLimits;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.patch.PatchOperation;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.filter.FilterParser;
import dev.roster.scim.patch.PatchEngine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operations on one resource type's endpoint (RFC 7644 §3.3-§3.6): list, create, get, replace,
 * patch and delete, each through the type's repository. Built once per type; immutable.
 */
final class Resources {
  private final Endpoint endpoint;
  private final ResourceRepository repository;
  private final RequestBodies bodies;
  private final FilterParser parser;
  private final ScimLimits limits;
  private final VersionRetry retry;
  private final ChangeNotifier changes;
  private final CursorPages cursorPages;

  Resources(
      Endpoint endpoint,
      RequestBodies bodies,
      FilterParser parser,
      ScimLimits limits,
      VersionRetry retry,
      ChangeNotifier changes,
      CursorPages cursorPages) {
    this.endpoint = endpoint;
    this.repository = endpoint.repository();
    this.bodies = bodies;
    this.parser = parser;
    this.limits = limits;
    this.retry = retry;
    this.changes = changes;
    this.cursorPages = cursorPages;
  }

  Endpoint endpoint() {
    return endpoint;
  }

  /**
   * One request: who sent it, what it is, and the base URL its locations start with.
   *
   * @param context the caller
   * @param request the request
   * @param base the SCIM base URL, with the tenant segment when tenants come from the path
   */
  record Call(RequestContext context, ScimRequest request, String base) {}

  /** {@code GET /Users?filter=…}: the query from the URL parameters. */
  ScimResponse list(Call call) {
    return list(call, Queries.fromParameters(call.request(), parser, endpoint.schema(), limits));
  }

  /** {@code POST /Users/.search}: the query from a SearchRequest body. */
  ScimResponse search(Call call) {
    JsonNode body = bodies.read(call.request());
    return list(call, Queries.fromBody(body, parser, endpoint.schema(), limits));
  }

  private ScimResponse list(Call call, Queries query) {
    query.requireSortable(endpoint);
    if (query.cursor() != null) {
      return cursorPages.list(endpoint, call, query);
    }
    Page page = repository.search(query.toSearch(call.context()));
    return Presenter.list(
        endpoint,
        page.resources(),
        query.count(),
        page.totalResults(),
        query.startIndex(),
        query.projection(),
        call.base());
  }

  ScimResponse create(Call call) {
    ScimResource input = ScimResource.fromJson(bodies.read(call.request()));
    List<String> dropped = new ArrayList<>();
    ScimResource created =
        repository.create(
            new CreateRequest(
                call.context(),
                endpoint
                    .validator(call.context())
                    .withDropListener(dropped::add)
                    .validateCreate(input)));
    changes.changed(
        call.context(), endpoint, created.id(), ChangeEvent.Kind.CREATED, created.version());
    changes.ignored(call.context(), endpoint, created.id(), dropped);
    return Presenter.resource(201, endpoint, created, projection(call), call.base());
  }

  ScimResponse get(Call call, String id) {
    ScimResource resource = read(call, id, projection(call));
    if (EntityTags.matches(
        call.request().header("If-None-Match"), EntityTags.of(resource.version()))) {
      return Presenter.withEtag(ScimResponse.of(304, null), resource.version());
    }
    return Presenter.resource(200, endpoint, resource, projection(call), call.base());
  }

  ScimResponse replace(Call call, String id) {
    ScimResource input = ScimResource.fromJson(bodies.read(call.request()));
    String ifMatch = call.request().header("If-Match");
    List<String> dropped = new ArrayList<>();
    ScimResource stored =
        retry.run(
            ifMatch != null,
            () -> {
              ScimResource current = read(call, id, GroupRules.beforeReplace(endpoint));
              checkIfMatch(ifMatch, current);
              dropped.clear();
              ScimResource replacement =
                  endpoint
                      .validator(call.context())
                      .withDropListener(dropped::add)
                      .validateReplace(keepActive(input, current), current);
              return write(call, id, replacement, current);
            });
    changes.changed(call.context(), endpoint, id, ChangeEvent.Kind.REPLACED, stored.version());
    changes.ignored(call.context(), endpoint, id, dropped);
    return Presenter.resource(200, endpoint, stored, projection(call), call.base());
  }

  ScimResponse patch(Call call, String id) {
    List<String> dropped = new ArrayList<>();
    PatchEngine patch = endpoint.patch(call.context()).withDropListener(dropped::add);
    List<PatchOperation> operations = patch.readRequest(bodies.read(call.request()));
    String ifMatch = call.request().header("If-Match");
    Optional<MemberDelta> delta = GroupRules.delta(endpoint, operations);
    if (delta.isPresent()) {
      return patchMembers(call, id, delta.get(), ifMatch);
    }
    ScimResource stored =
        retry.run(
            ifMatch != null,
            () -> {
              ScimResource current = read(call, id, Projection.DEFAULT);
              checkIfMatch(ifMatch, current);
              dropped.clear();
              return write(call, id, patch.apply(current, operations), current);
            });
    changes.changed(call.context(), endpoint, id, ChangeEvent.Kind.PATCHED, stored.version());
    changes.ignored(call.context(), endpoint, id, dropped);
    return patched(call, stored.version(), () -> stored);
  }

  ScimResponse delete(Call call, String id) {
    String expected = expectedVersion(call, id);
    repository.delete(new DeleteRequest(call.context(), id, expected));
    changes.changed(call.context(), endpoint, id, ChangeEvent.Kind.DELETED, null);
    return ScimResponse.of(204, null);
  }

  private ScimResponse patchMembers(Call call, String id, MemberDelta delta, String ifMatch) {
    String expected = ifMatch == null ? null : expectedVersion(call, id);
    MembershipResult result =
        ((GroupRepository) repository)
            .updateMembers(new MembershipRequest(call.context(), id, delta, expected));
    String version = result.meta().version();
    changes.changed(call.context(), endpoint, id, ChangeEvent.Kind.MEMBERS_CHANGED, version);
    return patched(call, version, () -> read(call, id, projection(call)));
  }

  /**
   * The version a client's {@code If-Match} holds a write to, checked against the stored one: the
   * repository's own token, for it to compare; null without {@code If-Match}.
   */
  private String expectedVersion(Call call, String id) {
    String ifMatch = call.request().header("If-Match");
    if (ifMatch == null) {
      return null;
    }
    ScimResource current = read(call, id, GroupRules.forVersionCheck());
    checkIfMatch(ifMatch, current);
    return current.version();
  }

  private ScimResource write(Call call, String id, ScimResource state, ScimResource current) {
    return repository.replace(
        new ReplaceRequest(
            call.context(), id, GroupRules.withMembersKey(endpoint, state), current.version()));
  }

  private ScimResponse patched(Call call, String version, Supplier<ScimResource> resource) {
    if (endpoint.patchResponse() == PatchResponse.NO_CONTENT) {
      return Presenter.withEtag(ScimResponse.of(204, null), version);
    }
    return Presenter.resource(200, endpoint, resource.get(), projection(call), call.base());
  }

  private ScimResource read(Call call, String id, Projection projection) {
    return repository
        .get(new GetRequest(call.context(), id, projection))
        .orElseThrow(() -> ScimException.notFound("Resource " + id + " not found"));
  }

  private Projection projection(Call call) {
    return Queries.projection(call.request(), parser, endpoint.schema());
  }

  private static void checkIfMatch(String ifMatch, ScimResource current) {
    String tag = EntityTags.of(current.version());
    if (ifMatch != null && !EntityTags.matches(ifMatch, tag)) {
      throw ScimException.versionMismatch("The resource has changed: its version is " + tag);
    }
  }

  /**
   * A PUT that leaves out {@code active} keeps the stored value instead of clearing it: Okta's
   * app-integration mode PUTs profile changes without {@code active}, and a user must not be
   * deactivated by them. Every other attribute follows RFC 7644 §3.5.1 and is cleared when left
   * out.
   */
  private static ScimResource keepActive(ScimResource input, ScimResource current) {
    JsonNode active = current.get("active");
    if (active == null || input.get("active") != null) {
      return input;
    }
    return input.toBuilder().set("active", active).build();
  }
}
