package dev.roster.scim.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.DeleteRequest;
import dev.roster.scim.core.spi.GetRequest;
import dev.roster.scim.core.spi.GroupRepository;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.MembershipResult;
import dev.roster.scim.core.spi.Page;
import dev.roster.scim.core.spi.ReplaceRequest;
import dev.roster.scim.core.spi.ResourceRepository;
import dev.roster.scim.core.spi.SearchRequest;
import dev.roster.scim.core.spi.UserRepository;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimResponse;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Any request, as text, to the engine over an in-memory store: never a 5xx but 501 for what is not
 * offered, and a request that fails changes nothing.
 *
 * <p>An input reads {@code METHOD PATH[?QUERY]}, then header lines {@code Name: value} up to an
 * empty line, then the body; {@code {user}} and {@code {group}} stand for the ids of a user and a
 * group that exist. Without an {@code Authorization} line the request carries the valid token.
 */
class ScimServerFuzzTest {
  private static final int RESET_EVERY = 5_000;
  private static Fixture fixture = new Fixture();
  private static int served;

  @FuzzTest(maxExecutions = 1_000_000)
  void requestsNeverGet5xxAndFailuresChangeNothing(byte[] data) {
    if (++served % RESET_EVERY == 0) {
      fixture = new Fixture(); // keeps the store small over a million inputs
    }
    Fixture f = fixture;
    ScimRequest request = f.request(new String(data, StandardCharsets.UTF_8));
    if (request == null) {
      return;
    }
    int writesBefore = f.writes.size();
    ScimResponse response = f.server.handle(request);

    // 501 is RFC 7644's answer for a feature the server does not offer (/Me, sorting).
    if (response.status() != 501) {
      assertThat(response.status()).as("%s %s", request.method(), request.path()).isLessThan(500);
    }
    if (response.status() >= 400) {
      assertThat(f.writes.subList(writesBefore, f.writes.size()))
          .as("writes of a request answered %d", response.status())
          .isEmpty();
    }
  }

  /** A server over an in-memory store whose repositories record every write that succeeded. */
  private static final class Fixture {
    final List<String> writes = new ArrayList<>();
    final ScimServer server;
    final String user;
    final String group;

    Fixture() {
      InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
      server =
          ScimServer.builder()
              .users(new RecordingUsers(store.users(), writes))
              .groups(new RecordingGroups(store.groups(), writes))
              .authenticator(BearerTokenAuthenticator.single("fuzz-token"))
              .maxVersionRetries(2)
              .build();
      user = created(post("/Users", "{\"userName\":\"bjensen\",\"emails\":[{\"value\":\"b@x\"}]}"));
      group =
          created(
              post(
                  "/Groups",
                  "{\"displayName\":\"Guides\",\"members\":[{\"value\":\"" + user + "\"}]}"));
    }

    private String created(ScimRequest request) {
      ScimResponse response = server.handle(request);
      if (response.status() != 201) {
        throw new IllegalStateException("Fixture not created: " + response.bodyText());
      }
      return response.body().path("id").asText();
    }

    private static ScimRequest post(String path, String body) {
      return new ScimRequest(
          "POST",
          path,
          Map.of(),
          Map.of("Authorization", List.of("Bearer fuzz-token")),
          body.getBytes(StandardCharsets.UTF_8),
          "https://fuzz.example.com/scim/v2");
    }

    /** The request the text describes, or null when its first line is not METHOD PATH. */
    ScimRequest request(String text) {
      text = text.replace("{user}", user).replace("{group}", group);
      int lineEnd = text.indexOf('\n');
      String first = lineEnd < 0 ? text : text.substring(0, lineEnd);
      String rest = lineEnd < 0 ? "" : text.substring(lineEnd + 1);
      int space = first.indexOf(' ');
      if (space <= 0) {
        return null;
      }
      String method = first.substring(0, space);
      String target = first.substring(space + 1);
      Map<String, List<String>> headers = new LinkedHashMap<>();
      while (!rest.isEmpty()) {
        int end = rest.indexOf('\n');
        String line = end < 0 ? rest : rest.substring(0, end);
        rest = end < 0 ? "" : rest.substring(end + 1);
        if (line.isEmpty()) {
          break;
        }
        int colon = line.indexOf(':');
        if (colon > 0) {
          headers
              .computeIfAbsent(line.substring(0, colon), k -> new ArrayList<>())
              .add(line.substring(colon + 1).strip());
        }
      }
      if (headers.keySet().stream().noneMatch(name -> name.equalsIgnoreCase("Authorization"))) {
        headers.put("Authorization", List.of("Bearer fuzz-token"));
      }
      int question = target.indexOf('?');
      String path = question < 0 ? target : target.substring(0, question);
      Map<String, List<String>> query = new LinkedHashMap<>();
      if (question >= 0) {
        for (String pair : target.substring(question + 1).split("&")) {
          int equals = pair.indexOf('=');
          try {
            query
                .computeIfAbsent(
                    decode(equals < 0 ? pair : pair.substring(0, equals)), k -> new ArrayList<>())
                .add(equals < 0 ? "" : decode(pair.substring(equals + 1)));
          } catch (IllegalArgumentException e) {
            return null; // as a container would refuse a malformed escape
          }
        }
      }
      String decodedPath;
      try {
        decodedPath = decode(path);
      } catch (IllegalArgumentException e) {
        return null; // as a container would refuse a malformed escape
      }
      return new ScimRequest(
          method,
          decodedPath,
          query,
          headers,
          rest.isEmpty() ? null : rest.getBytes(StandardCharsets.UTF_8),
          "https://fuzz.example.com/scim/v2");
    }

    private static String decode(String text) {
      return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
  }

  /** A repository that records each write that succeeded, delegating to another. */
  private static class Recording<R extends ResourceRepository> implements ResourceRepository {
    final R delegate;
    final List<String> writes;

    Recording(R delegate, List<String> writes) {
      this.delegate = delegate;
      this.writes = writes;
    }

    @Override
    public ScimResource create(CreateRequest request) {
      ScimResource created = delegate.create(request);
      writes.add("create");
      return created;
    }

    @Override
    public Optional<ScimResource> get(GetRequest request) {
      return delegate.get(request);
    }

    @Override
    public ScimResource replace(ReplaceRequest request) {
      ScimResource replaced = delegate.replace(request);
      writes.add("replace");
      return replaced;
    }

    @Override
    public void delete(DeleteRequest request) {
      delegate.delete(request);
      writes.add("delete");
    }

    @Override
    public Page search(SearchRequest request) {
      return delegate.search(request);
    }

    @Override
    public boolean supportsSort() {
      return delegate.supportsSort();
    }

    @Override
    public boolean supportsCursors() {
      return delegate.supportsCursors();
    }
  }

  private static final class RecordingUsers extends Recording<UserRepository>
      implements UserRepository {
    RecordingUsers(UserRepository delegate, List<String> writes) {
      super(delegate, writes);
    }
  }

  private static final class RecordingGroups extends Recording<GroupRepository>
      implements GroupRepository {
    RecordingGroups(GroupRepository delegate, List<String> writes) {
      super(delegate, writes);
    }

    @Override
    public MembershipResult updateMembers(MembershipRequest request) {
      MembershipResult result = delegate.updateMembers(request);
      writes.add("update members");
      return result;
    }
  }
}
