package dev.roster.scim.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.resource.ResourceRef;
import dev.roster.scim.core.resource.ScimResource;
import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.spi.CreateRequest;
import dev.roster.scim.core.spi.MemberDelta;
import dev.roster.scim.core.spi.MembershipRequest;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.ScimRequest;
import dev.roster.scim.server.ScimServer;
import dev.roster.scim.server.memory.InMemoryStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Resources, stores and requests the benchmarks share. */
final class Fixtures {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String TOKEN = "benchmark-token";
  static final String BASE_URL = "https://scim.example.com/scim/v2";
  static final RequestContext CONTEXT =
      RequestContext.of(RequestContext.SINGLE_TENANT, "bearer", "benchmark");
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  private Fixtures() {}

  /** RFC 7643 §8.3's enterprise user: every core attribute, the enterprise extension, meta. */
  static String enterpriseUserJson() {
    try (InputStream in = Fixtures.class.getResourceAsStream("enterprise-user.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A user as Microsoft Entra ID provisions one: core names, emails, enterprise attributes. */
  static ScimResource entraUser(int n) {
    ObjectNode user = MAPPER.createObjectNode();
    user.putArray("schemas")
        .add("urn:ietf:params:scim:schemas:core:2.0:User")
        .add("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User");
    user.put("externalId", "ext-" + n);
    user.put("userName", userName(n));
    user.put("active", true);
    user.put("displayName", "User " + n);
    user.put("title", "Engineer");
    ObjectNode name = user.putObject("name");
    name.put("givenName", "Given" + n);
    name.put("familyName", "Family" + n);
    name.put("formatted", "Given" + n + " Family" + n);
    ArrayNode emails = user.putArray("emails");
    emails.addObject().put("type", "work").put("value", userName(n)).put("primary", true);
    user.putObject("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User")
        .put("employeeNumber", Integer.toString(n))
        .put("department", "Engineering");
    return ScimResource.fromJson(user);
  }

  static String userName(int n) {
    return "user" + n + "@example.com";
  }

  /** A store holding {@code users} users (ids in creation order) and nothing else. */
  static Store store(int users) {
    InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
    List<String> ids = new ArrayList<>(users);
    for (int i = 0; i < users; i++) {
      ids.add(store.users().create(new CreateRequest(CONTEXT, entraUser(i))).id());
    }
    return new Store(store, ids);
  }

  /** An in-memory store and the ids of its users. */
  record Store(InMemoryStore store, List<String> userIds) {
    /** A group whose members are the first {@code members} users. */
    String group(String displayName, int members) {
      ScimResource group =
          ScimResource.builder()
              .addSchema("urn:ietf:params:scim:schemas:core:2.0:Group")
              .set("displayName", displayName)
              .build();
      String id = store.groups().create(new CreateRequest(CONTEXT, group)).id();
      List<ResourceRef> added = new ArrayList<>(members);
      for (int i = 0; i < members; i++) {
        added.add(ResourceRef.of(userIds.get(i)));
      }
      store
          .groups()
          .updateMembers(
              new MembershipRequest(CONTEXT, id, new MemberDelta(false, List.of(), added), null));
      return id;
    }

    /** A protocol engine over the store, accepting {@link #TOKEN}. */
    ScimServer server() {
      return ScimServer.builder()
          .users(store.users())
          .groups(store.groups())
          .authenticator(BearerTokenAuthenticator.single(TOKEN))
          .build();
    }
  }

  /** A request as the JAX-RS binding builds it from what Entra sends. */
  static ScimRequest request(
      String method, String path, Map<String, List<String>> query, byte[] body) {
    Map<String, List<String>> headers =
        body == null
            ? Map.of("Authorization", List.of("Bearer " + TOKEN))
            : Map.of(
                "Authorization",
                List.of("Bearer " + TOKEN),
                "Content-Type",
                List.of("application/scim+json; charset=utf-8"));
    return new ScimRequest(method, path, query, headers, body, BASE_URL);
  }

  /** A PATCH request body of the given operations. */
  static byte[] patchBody(ObjectNode... operations) {
    ObjectNode body = MAPPER.createObjectNode();
    body.putArray("schemas").add(PATCH_OP);
    ArrayNode list = body.putArray("Operations");
    for (ObjectNode operation : operations) {
      list.add(operation);
    }
    try {
      return MAPPER.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One PATCH operation; {@code value} may be null. */
  static ObjectNode operation(String op, String path, Object value) {
    ObjectNode operation = MAPPER.createObjectNode().put("op", op);
    if (path != null) {
      operation.put("path", path);
    }
    if (value != null) {
      operation.set("value", MAPPER.valueToTree(value));
    }
    return operation;
  }
}
