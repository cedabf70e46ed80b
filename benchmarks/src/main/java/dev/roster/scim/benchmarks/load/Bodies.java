package dev.roster.scim.benchmarks.load;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/** Request bodies and query strings, shaped as Microsoft Entra ID sends them. */
final class Bodies {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final String USER = "urn:ietf:params:scim:schemas:core:2.0:User";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String GROUP = "urn:ietf:params:scim:schemas:core:2.0:Group";
  static final String ADSCIM_GROUP =
      "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group";
  static final String PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";

  /** RFC 7643 §8.3's enterprise user without what a client does not send (id, meta, groups). */
  private static final ObjectNode ENTERPRISE_TEMPLATE = enterpriseTemplate();

  private Bodies() {}

  private static ObjectNode enterpriseTemplate() {
    try {
      ObjectNode user = (ObjectNode) MAPPER.readTree(LoadServer.compactEnterpriseUser());
      user.remove(List.of("id", "meta", "groups", "password"));
      ObjectNode manager = (ObjectNode) user.get(ENTERPRISE).get("manager");
      manager.remove(List.of("$ref", "displayName"));
      return user;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * User {@code n} of the seeded set: RFC 7643 §8.3's enterprise user (names, two emails, two
   * addresses, two phone numbers, ims, photos, a certificate, the enterprise extension) with its
   * own userName, externalId, emails and employee number, so that a GET answers about as many bytes
   * as the bare endpoint.
   */
  static byte[] seededUser(String userName, String tag, int n) {
    ObjectNode user = ENTERPRISE_TEMPLATE.deepCopy();
    user.put("userName", userName);
    user.put("externalId", tag + "-" + n);
    user.put("displayName", "Babs Jensen " + n);
    ArrayNode emails = (ArrayNode) user.get("emails");
    ((ObjectNode) emails.get(0)).put("value", userName);
    ((ObjectNode) emails.get(1)).put("value", "home" + n + "." + tag + "@jensen.org");
    ((ObjectNode) user.get(ENTERPRISE)).put("employeeNumber", Integer.toString(n));
    return bytes(user);
  }

  /** The user Entra creates after a lookup found nothing (Microsoft's "Create User" example). */
  static byte[] entraUser(String userName) {
    ObjectNode user = MAPPER.createObjectNode();
    user.putArray("schemas").add(USER).add(ENTERPRISE);
    user.put("externalId", UUID.randomUUID().toString());
    user.put("userName", userName);
    user.put("active", true);
    user.put("displayName", "Given Family");
    user.putArray("emails")
        .addObject()
        .put("primary", true)
        .put("type", "work")
        .put("value", userName);
    user.putObject("meta").put("resourceType", "User");
    user.putObject("name")
        .put("formatted", "Given Family")
        .put("familyName", "Family")
        .put("givenName", "Given");
    user.putObject(ENTERPRISE).put("department", "Sales").put("employeeNumber", "1");
    user.putArray("roles");
    return bytes(user);
  }

  /** The group Entra creates after a lookup found nothing (with the legacy ADSCIM schema URI). */
  static byte[] entraGroup(String displayName) {
    ObjectNode group = MAPPER.createObjectNode();
    group.putArray("schemas").add(GROUP).add(ADSCIM_GROUP);
    group.put("externalId", UUID.randomUUID().toString());
    group.put("displayName", displayName);
    group.putObject("meta").put("resourceType", "Group");
    return bytes(group);
  }

  /** A group as the seeding creates it. */
  static byte[] group(String displayName) {
    ObjectNode group = MAPPER.createObjectNode();
    group.putArray("schemas").add(GROUP);
    group.put("displayName", displayName);
    return bytes(group);
  }

  /**
   * A group with {@code members}, each as {@code {"value": id}}: the body of a create ({@code POST
   * /Groups}) or of a full replace ({@code PUT /Groups/{id}}).
   */
  static byte[] groupWithMembers(String displayName, List<String> members) {
    ObjectNode group = MAPPER.createObjectNode();
    group.putArray("schemas").add(GROUP);
    group.put("displayName", displayName);
    ArrayNode value = group.putArray("members");
    for (String id : members) {
      value.addObject().put("value", id);
    }
    return bytes(group);
  }

  /** Entra's manager PATCH: the manager's id as a bare string. */
  static byte[] managerPatch(String managerId) {
    return patch("Add", ENTERPRISE + ":manager", MAPPER.getNodeFactory().textNode(managerId));
  }

  /** Entra's member add: {@code "op":"Add","path":"members"} with {@code "$ref": null}. */
  static byte[] addMembers(List<String> ids) {
    ArrayNode value = MAPPER.createArrayNode();
    for (String id : ids) {
      value.addObject().putNull("$ref").put("value", id);
    }
    return patch("Add", "members", value);
  }

  /** Entra's member remove without the aadOptscim062020 flag: a value array on a remove. */
  static byte[] removeMember(String id) {
    ArrayNode value = MAPPER.createArrayNode();
    value.addObject().put("value", id);
    return patch("Remove", "members", value);
  }

  private static byte[] patch(String op, String path, JsonNode value) {
    ObjectNode body = MAPPER.createObjectNode();
    body.putArray("schemas").add(PATCH_OP);
    body.putArray("Operations").addObject().put("op", op).put("path", path).set("value", value);
    return bytes(body);
  }

  /** {@code ?filter=userName+eq+%22...%22}, encoded as Entra encodes it. */
  static String userNameFilter(String userName) {
    return "?filter=" + encode("userName eq \"" + userName + "\"");
  }

  /** {@code ?excludedAttributes=members&filter=displayName+eq+%22...%22}. */
  static String groupLookup(String displayName) {
    return "?excludedAttributes=members&filter=" + encode("displayName eq \"" + displayName + "\"");
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  /** The {@code id} of a created resource, from the answer's body. */
  static String id(String body) {
    try {
      JsonNode id = MAPPER.readTree(body).get("id");
      if (id == null || !id.isTextual()) {
        throw new IllegalStateException("No id in " + body);
      }
      return id.asText();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Not JSON: " + body, e);
    }
  }

  private static byte[] bytes(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
