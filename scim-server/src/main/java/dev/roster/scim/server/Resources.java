package dev.roster.scim.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.error.ScimException;
import dev.roster.scim.core.internal.Json;
import dev.roster.scim.core.patch.PatchOperation;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.Projection;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.patch.MemberDelta;
import dev.roster.scim.server.ScimServer.Endpoint;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Serves one request on a resource type's endpoint: list, create, get, replace, patch, delete. */
final class Resources {
  private static final Projection WITHOUT_MEMBERS = Projection.excluding("members");

  private final ScimServer server;
  private final Endpoint endpoint;
  private final ResourceRepository repository;
  private final RequestContext context;
  private final ScimRequest request;
  private final String base;

  Resources(
      ScimServer server,
      Endpoint endpoint,
      RequestContext context,
      ScimRequest request,
      String base) {
    this.server = server;
    this.endpoint = endpoint;
    this.repository = endpoint.repository();
    this.context = context;
    this.request = request;
    this.base = base;
  }

  ScimResponse list(Queries query) {
    query.requireSortable(endpoint);
    Page page = repository.search(query.toSearch(context));
    ArrayNode resources = Json.array();
    for (ScimResource resource : page.resources()) {
      if (resources.size() >= query.count()) {
        break; // a repository that returned more than asked for
      }
      resources.add(server.present(endpoint, resource, query.projection(), base));
    }
    return ScimResponse.of(
        200, Responses.listResponse(page.totalResults(), query.startIndex(), resources));
  }

  ScimResponse create() {
    ScimResource input = ScimResource.fromJson(server.body(request));
    ScimResource created =
        repository.create(new CreateRequest(context, endpoint.validator().validateCreate(input)));
    server.notify(context, endpoint, created.id(), ChangeEvent.Kind.CREATED, created.version());
    ObjectNode shown = server.present(endpoint, created, projection(), base);
    return Responses.withEtag(ScimResponse.of(201, shown), created)
        .withHeader("Location", server.location(endpoint, created.id(), base));
  }

  ScimResponse get(String id) {
    ScimResource resource = read(id, projection());
    String etag = Responses.etag(resource);
    if (Responses.matches(request.header("If-None-Match"), etag)) {
      return Responses.withEtag(ScimResponse.of(304, null), resource);
    }
    return ok(resource);
  }

  ScimResponse replace(String id) {
    ScimResource input = ScimResource.fromJson(server.body(request));
    String ifMatch = request.header("If-Match");
    ScimResource stored =
        server.retrying(
            ifMatch != null,
            () -> {
              ScimResource current = read(id, isGroups() ? WITHOUT_MEMBERS : Projection.DEFAULT);
              checkIfMatch(ifMatch, current);
              ScimResource replacement =
                  endpoint.validator().validateReplace(keepActive(input, current), current);
              return repository.replace(
                  new ReplaceRequest(context, id, withMembersKey(replacement), current.version()));
            });
    server.notify(context, endpoint, id, ChangeEvent.Kind.REPLACED, stored.version());
    return ok(stored);
  }

  ScimResponse patch(String id) {
    List<PatchOperation> operations = endpoint.patch().readRequest(server.body(request));
    String ifMatch = request.header("If-Match");
    if (repository instanceof GroupRepository groups) {
      Optional<MemberDelta> delta = endpoint.patch().memberDelta(operations);
      if (delta.isPresent()) {
        return patchMembers(groups, id, delta.get(), ifMatch);
      }
    }
    ScimResource stored =
        server.retrying(
            ifMatch != null,
            () -> {
              ScimResource current = read(id, Projection.DEFAULT);
              checkIfMatch(ifMatch, current);
              ScimResource patched = endpoint.patch().apply(current, operations);
              return repository.replace(
                  new ReplaceRequest(context, id, withMembersKey(patched), current.version()));
            });
    server.notify(context, endpoint, id, ChangeEvent.Kind.PATCHED, stored.version());
    return patched(stored.version(), () -> stored);
  }

  private ScimResponse patchMembers(
      GroupRepository groups, String id, MemberDelta delta, String ifMatch) {
    String expected = null;
    if (ifMatch != null) {
      ScimResource current = read(id, WITHOUT_MEMBERS);
      checkIfMatch(ifMatch, current);
      expected = current.version();
    }
    MembershipResult result =
        groups.updateMembers(
            new MembershipRequest(
                context, id, delta.removeAll(), delta.removed(), delta.added(), expected));
    server.notify(context, endpoint, id, ChangeEvent.Kind.MEMBERS_CHANGED, result.meta().version());
    return patched(result.meta().version(), () -> read(id, projection()));
  }

  private ScimResponse patched(String version, Supplier<ScimResource> resource) {
    if (endpoint.patchResponse() == PatchResponse.NO_CONTENT) {
      return Responses.withEtag(ScimResponse.of(204, null), version);
    }
    return ok(resource.get());
  }

  ScimResponse delete(String id) {
    String ifMatch = request.header("If-Match");
    String expected = null;
    if (ifMatch != null) {
      ScimResource current = read(id, WITHOUT_MEMBERS);
      checkIfMatch(ifMatch, current);
      expected = current.version();
    }
    repository.delete(new DeleteRequest(context, id, expected));
    server.notify(context, endpoint, id, ChangeEvent.Kind.DELETED, null);
    return ScimResponse.of(204, null);
  }

  private ScimResponse ok(ScimResource resource) {
    ObjectNode body = server.present(endpoint, resource, projection(), base);
    return Responses.withEtag(ScimResponse.of(200, body), resource);
  }

  private ScimResource read(String id, Projection projection) {
    return ScimServer.orNotFound(repository.get(new GetRequest(context, id, projection)), id);
  }

  private Projection projection() {
    return Queries.projection(request, server.parser(), endpoint.schema());
  }

  private static void checkIfMatch(String ifMatch, ScimResource current) {
    if (ifMatch != null && !Responses.matches(ifMatch, Responses.etag(current))) {
      throw ScimException.versionMismatch(
          "The resource has changed: its version is " + Responses.etag(current));
    }
  }

  /**
   * A PUT that leaves out {@code active} keeps the stored value instead of clearing it: Okta's
   * app-integration mode PUTs profile changes without {@code active}, and a user must not be
   * deactivated by them (okta-traffic.md §0 item 2). Every other attribute follows RFC 7644 §3.5.1
   * and is cleared when left out.
   */
  private ScimResource keepActive(ScimResource input, ScimResource current) {
    JsonNode active = current.get("active");
    if (active == null || input.get("active") != null) {
      return input;
    }
    return input.toBuilder().set("active", active).build();
  }

  private boolean isGroups() {
    return repository instanceof GroupRepository;
  }

  /**
   * A group replacement always carries {@code members}, an empty list included, because a group
   * repository keeps the stored members when the key is absent (as after a read without members).
   */
  private ScimResource withMembersKey(ScimResource resource) {
    if (!isGroups() || resource.get("members") != null) {
      return resource;
    }
    return resource.toBuilder().set("members", Json.array()).build();
  }
}
