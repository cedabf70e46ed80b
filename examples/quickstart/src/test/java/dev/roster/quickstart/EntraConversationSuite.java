package dev.roster.quickstart;

import static dev.roster.quickstart.ScimClient.patchOp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.quickstart.ScimClient.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What Microsoft Entra ID sends during Test Connection and a provisioning cycle, replayed over HTTP
 * against the quickstart server on a real Grizzly container (entra-traffic.md §1). Subclasses
 * choose the store. Names carry a random suffix, so that the suite can run again on a PostgreSQL
 * database that keeps earlier runs' rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EntraConversationSuite {
  static final String TOKEN = "entra-secret-token";
  static final String ENTERPRISE = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
  static final String SPOKE = "urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User";

  private final String run = UUID.randomUUID().toString().substring(0, 8);
  private QuickstartServer server;
  ScimClient scim;

  /** The options to start the server with; the token and the Spoke extension are added. */
  abstract Options options(Options defaults);

  @BeforeAll
  void startServer() {
    Options options =
        options(Options.defaults(TOKEN))
            .withExtension(Path.of("extensions/spoke-custom-user.json"));
    server = QuickstartServer.start(options);
    scim = new ScimClient(server.baseUri(), TOKEN);
  }

  @AfterAll
  void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  /** A name unique to this run. */
  String unique(String name) {
    return name + "-" + run;
  }

  static String filter(String filter) {
    return URLEncoder.encode(filter, StandardCharsets.UTF_8);
  }

  // ---- 1.1 Test Connection --------------------------------------------------------------------

  @Test
  void testConnectionFindsNoUserAndAnswersAnEmptyListResponse() {
    Reply users = scim.get("/Users?filter=userName+eq+%22" + UUID.randomUUID() + "%22");
    Reply groups =
        scim.get(
            "/Groups?excludedAttributes=members&filter=displayName+eq+%22"
                + UUID.randomUUID()
                + "%22");

    for (Reply reply : List.of(users, groups)) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(200);
      assertThat(reply.header("Content-Type")).startsWith("application/scim+json");
      assertThat(reply.json().path("schemas").get(0).asText())
          .isEqualTo("urn:ietf:params:scim:api:messages:2.0:ListResponse");
      assertThat(reply.json().path("totalResults").asInt()).isZero();
      assertThat(reply.json().path("Resources").isArray()).isTrue();
      assertThat(reply.json().path("Resources")).isEmpty();
    }
  }

  @Test
  void requestsWithoutTheTokenAre401() {
    Reply reply = new ScimClient(server.baseUri(), "wrong-token").get("/Users");

    assertThat(reply.status()).isEqualTo(401);
    assertThat(reply.header("WWW-Authenticate")).startsWith("Bearer");
  }

  // ---- 1.2 to 1.5 User lifecycle --------------------------------------------------------------

  @Test
  void userLifecycle() {
    String userName = unique("Test_User_00aa00aa") + "@testuser.com";
    Reply created = scim.post("/Users", entraUser(userName, "givenName", "familyName"));
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(id).isNotEmpty();
    assertThat(created.header("Location")).endsWith("/Users/" + id);
    assertThat(created.json().path("userName").asText()).isEqualTo(userName);
    assertThat(created.json().path("emails").get(0).path("value").asText())
        .isEqualTo("Test_User_11bb11bb@testuser.com");

    // Matching by userName, in another case.
    Reply found =
        scim.get("/Users?filter=" + filter("userName eq \"" + userName.toUpperCase() + "\""));
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().path("totalResults").asInt()).isEqualTo(1);
    assertThat(found.json().path("Resources").get(0).path("id").asText()).isEqualTo(id);

    // 1.3.1: a value-filter path and a sub-attribute.
    Reply patched =
        scim.patch(
            "/Users/" + id,
            patchOp(
                "{\"op\":\"Replace\",\"path\":\"emails[type eq \\\"work\\\"].value\","
                    + "\"value\":\"updatedEmail@microsoft.com\"},"
                    + "{\"op\":\"Replace\",\"path\":\"name.familyName\","
                    + "\"value\":\"updatedFamilyName\"}"));
    assertThat(patched.status()).as("%s", patched).isIn(200, 204);
    JsonNode user = scim.get("/Users/" + id).json();
    assertThat(user.path("emails").get(0).path("value").asText())
        .isEqualTo("updatedEmail@microsoft.com");
    assertThat(user.path("emails").get(0).path("type").asText()).isEqualTo("work");
    assertThat(user.path("name").path("familyName").asText()).isEqualTo("updatedFamilyName");
    assertThat(user.path("name").path("givenName").asText()).isEqualTo("givenName");

    // 1.3.5: the manager, added as a bare id and read back as {"value": id}.
    String managerId =
        scim.post("/Users", entraUser(unique("manager") + "@testuser.com", "Manny", "Manager"))
            .json()
            .path("id")
            .asText();
    Reply manager =
        scim.patch(
            "/Users/" + id,
            patchOp(
                "{\"op\":\"Add\",\"path\":\""
                    + ENTERPRISE
                    + ":manager\",\"value\":\""
                    + managerId
                    + "\"}"));
    assertThat(manager.status()).as("%s", manager).isIn(200, 204);
    assertThat(
            scim.get("/Users/" + id).json().path(ENTERPRISE).path("manager").path("value").asText())
        .isEqualTo(managerId);
    Reply reports =
        scim.get("/Users?filter=" + filter(ENTERPRISE + ":manager.value eq \"" + managerId + "\""));
    assertThat(reports.json().path("totalResults").asInt()).isEqualTo(1);

    // 1.4: disabled with the string Entra sends without aadOptscim062020.
    Reply disabled =
        scim.patch(
            "/Users/" + id,
            patchOp("{\"op\":\"Replace\",\"path\":\"active\",\"value\":\"False\"}"));
    assertThat(disabled.status()).as("%s", disabled).isIn(200, 204);
    assertThat(scim.get("/Users/" + id).json().path("active").asBoolean(true)).isFalse();
    Reply inactive =
        scim.get("/Users?filter=" + filter("userName eq \"" + userName + "\" and active eq false"));
    assertThat(inactive.json().path("totalResults").asInt()).isEqualTo(1);

    // 1.5: deleted, then gone.
    assertThat(scim.delete("/Users/" + id).status()).isEqualTo(204);
    assertThat(scim.get("/Users/" + id).status()).isEqualTo(404);
    assertThat(scim.delete("/Users/" + id).status()).isEqualTo(404);
    assertThat(
            scim.get("/Users?filter=" + filter("userName eq \"" + userName + "\""))
                .json()
                .path("totalResults")
                .asInt())
        .isZero();
  }

  @Test
  void creatingADuplicateUserIs409Uniqueness() {
    String userName = unique("duplicate") + "@testuser.com";
    assertThat(scim.post("/Users", entraUser(userName, "A", "B")).status()).isEqualTo(201);

    Reply duplicate = scim.post("/Users", entraUser(userName.toUpperCase(), "A", "B"));

    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().path("scimType").asText()).isEqualTo("uniqueness");
    assertThat(duplicate.json().path("schemas").get(0).asText())
        .isEqualTo("urn:ietf:params:scim:api:messages:2.0:Error");
  }

  // ---- 1.6 Group lifecycle --------------------------------------------------------------------

  @Test
  void groupLifecycle() {
    List<String> userIds = new ArrayList<>();
    for (String name : List.of("ann", "bob", "cid")) {
      userIds.add(
          scim.post("/Users", entraUser(unique(name) + "@testuser.com", name, "Member"))
              .json()
              .path("id")
              .asText());
    }
    String displayName = unique("displayName");
    Reply created =
        scim.post(
            "/Groups",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\","
                + "\"http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group\"],"
                + "\"externalId\":\"8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159\","
                + "\"displayName\":\""
                + displayName
                + "\",\"meta\":{\"resourceType\":\"Group\"}}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.json().path("id").asText();

    // Entra reads groups without members, by displayName in any case and by id.
    Reply byName =
        scim.get(
            "/Groups?excludedAttributes=members&filter="
                + filter("displayName eq \"" + displayName.toUpperCase() + "\""));
    assertThat(byName.json().path("totalResults").asInt()).isEqualTo(1);
    assertThat(byName.json().path("Resources").get(0).path("id").asText()).isEqualTo(id);

    // 1.6.5: add members, with "$ref": null as the doc sends.
    Reply added =
        scim.patch(
            "/Groups/" + id,
            patchOp(
                "{\"op\":\"Add\",\"path\":\"members\",\"value\":["
                    + "{\"$ref\":null,\"value\":\""
                    + userIds.get(0)
                    + "\"},{\"value\":\""
                    + userIds.get(1)
                    + "\"},{\"value\":\""
                    + userIds.get(2)
                    + "\"}]}"));
    assertThat(added.status()).as("%s", added).isIn(200, 204);
    assertThat(members(id)).containsExactlyInAnyOrderElementsOf(userIds);
    Reply withoutMembers = scim.get("/Groups/" + id + "?excludedAttributes=members");
    assertThat(withoutMembers.status()).isEqualTo(200);
    assertThat(withoutMembers.json().has("members")).isFalse();
    assertThat(withoutMembers.json().path("displayName").asText()).isEqualTo(displayName);

    // 1.6.6: remove with a value list (no flag) and with a value filter (aadOptscim062020).
    Reply removed =
        scim.patch(
            "/Groups/" + id,
            patchOp(
                "{\"op\":\"Remove\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + userIds.get(0)
                    + "\"}]}"));
    assertThat(removed.status()).as("%s", removed).isIn(200, 204);
    assertThat(members(id)).containsExactlyInAnyOrder(userIds.get(1), userIds.get(2));
    Reply removedByFilter =
        scim.patch(
            "/Groups/" + id,
            patchOp(
                "{\"op\":\"remove\",\"path\":\"members[value eq \\\""
                    + userIds.get(1)
                    + "\\\"]\"}"));
    assertThat(removedByFilter.status()).as("%s", removedByFilter).isIn(200, 204);
    assertThat(members(id)).containsExactly(userIds.get(2));

    // 1.6.4: rename.
    String renamed = unique("updatedDisplayName");
    Reply rename =
        scim.patch(
            "/Groups/" + id,
            patchOp("{\"op\":\"Replace\",\"path\":\"displayName\",\"value\":\"" + renamed + "\"}"));
    assertThat(rename.status()).as("%s", rename).isIn(200, 204);
    JsonNode group = scim.get("/Groups/" + id).json();
    assertThat(group.path("displayName").asText()).isEqualTo(renamed);
    assertThat(members(id)).containsExactly(userIds.get(2));

    // A duplicate displayName is 409.
    Reply duplicate =
        scim.post(
            "/Groups",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\""
                + renamed.toLowerCase()
                + "\"}");
    assertThat(duplicate.status()).isEqualTo(409);
    assertThat(duplicate.json().path("scimType").asText()).isEqualTo("uniqueness");

    // 1.7: delete.
    assertThat(scim.delete("/Groups/" + id).status()).isEqualTo(204);
    assertThat(scim.get("/Groups/" + id).status()).isEqualTo(404);
  }

  // ---- a custom extension ---------------------------------------------------------------------

  @Test
  void customExtensionAttributesAreStoredAndFiltered() {
    String userName = unique("spoke") + "@testuser.com";
    Reply created =
        scim.post(
            "/Users",
            "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
                + SPOKE
                + "\"],\"userName\":\""
                + userName
                + "\",\""
                + SPOKE
                + "\":{\"startDate\":\"2024-09-01\"}}");
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    String id = created.json().path("id").asText();
    assertThat(created.json().path(SPOKE).path("startDate").asText()).isEqualTo("2024-09-01");

    Reply patched =
        scim.patch(
            "/Users/" + id,
            patchOp(
                "{\"op\":\"Replace\",\"path\":\""
                    + SPOKE
                    + ":startDate\",\"value\":\"2025-01-15\"}"));
    assertThat(patched.status()).as("%s", patched).isIn(200, 204);

    JsonNode user = scim.get("/Users/" + id).json();
    assertThat(user.path(SPOKE).path("startDate").asText()).isEqualTo("2025-01-15");
    assertThat(user.path("schemas").toString()).contains(SPOKE);
    Reply found =
        scim.get(
            "/Users?filter="
                + filter(
                    SPOKE + ":startDate eq \"2025-01-15\" and userName eq \"" + userName + "\""));
    assertThat(found.json().path("totalResults").asInt()).isEqualTo(1);
  }

  @Test
  void listsArePagedWithStartIndexAndCount() {
    String prefix = unique("pager");
    for (int i = 0; i < 5; i++) {
      scim.post("/Users", entraUser(prefix + "-" + i, "P", "Ager"));
    }
    String query = "/Users?filter=" + filter("userName sw \"" + prefix + "\"") + "&sortBy=userName";

    Reply page = scim.get(query + "&startIndex=2&count=2");

    assertThat(page.json().path("totalResults").asInt()).isEqualTo(5);
    assertThat(page.json().path("itemsPerPage").asInt()).isEqualTo(2);
    assertThat(page.json().path("startIndex").asInt()).isEqualTo(2);
    assertThat(page.json().path("Resources").get(0).path("userName").asText())
        .isEqualTo(prefix + "-1");
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** The create body of entra-traffic.md §1.2.2, with the enterprise schema and "roles": []. */
  static String entraUser(String userName, String givenName, String familyName) {
    return "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\""
        + ENTERPRISE
        + "\"],\"externalId\":\""
        + UUID.randomUUID()
        + "\",\"userName\":\""
        + userName
        + "\",\"active\":true,\"emails\":[{\"primary\":true,\"type\":\"work\","
        + "\"value\":\"Test_User_11bb11bb@testuser.com\"}],"
        + "\"meta\":{\"resourceType\":\"User\"},"
        + "\"name\":{\"formatted\":\""
        + givenName
        + " "
        + familyName
        + "\",\"familyName\":\""
        + familyName
        + "\",\"givenName\":\""
        + givenName
        + "\"},\"roles\":[]}";
  }

  List<String> members(String groupId) {
    List<String> ids = new ArrayList<>();
    scim.get("/Groups/" + groupId)
        .json()
        .path("members")
        .forEach(m -> ids.add(m.path("value").asText()));
    return ids;
  }
}
