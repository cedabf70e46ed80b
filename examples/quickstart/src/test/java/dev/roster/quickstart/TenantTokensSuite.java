package dev.roster.quickstart;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several tenants on one quickstart server, each with its own {@code --tenant-token}: whatever
 * tenant B sends, over HTTP, neither reads nor changes tenant A's data. Each store runs it.
 */
abstract class TenantTokensSuite {
  @TempDir Path dataDir;

  private QuickstartServer server;
  private ScimClient acme;
  private ScimClient globex;

  /** The options of the store under test, from the defaults. */
  abstract Options options(Options defaults);

  @BeforeEach
  void start() {
    String run = UUID.randomUUID().toString().substring(0, 8);
    String acmeToken = "acme-" + UUID.randomUUID();
    String globexToken = "globex-" + UUID.randomUUID();
    Options defaults =
        Options.parse(
            new String[] {
              "--port",
              "0",
              "--data-dir",
              dataDir.toString(),
              "--tenant-token",
              "acme-" + run + "=" + acmeToken,
              "--tenant-token",
              "globex-" + run + "=" + globexToken
            },
            Map.of());
    server = QuickstartServer.start(options(defaults));
    acme = new ScimClient(server.baseUri(), acmeToken);
    globex = new ScimClient(server.baseUri(), globexToken);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void filtersCarryingSqlFindExactlyTheirLiteralAndChangeNothing() {
    List<String> names =
        List.of(
            "o'brien",
            "o\uff07brien", // a fullwidth apostrophe: a look-alike, not the same name
            "100%real",
            "100xreal",
            "a_b",
            "axb",
            "back\\slash",
            "'; DROP TABLE scim_users; --",
            "x\" OR \"1\"=\"1",
            "/* c */ -- d");
    for (String name : names) {
      ScimClient.Reply created =
          acme.post("/Users", "{\"userName\":" + ScimClient.JSON.valueToTree(name) + "}");
      assertThat(created.status()).as(name).isEqualTo(201);
    }
    String globexId =
        globex.post("/Users", "{\"userName\":\"o'brien\"}").json().path("id").asText();

    assertThat(matches("userName eq \"o'brien\"")).containsExactly("o'brien");
    assertThat(matches("userName eq \"o\uff07brien\"")).containsExactly("o\uff07brien");
    assertThat(matches("userName co \"%\"")).containsExactly("100%real");
    assertThat(matches("userName sw \"a_\"")).containsExactly("a_b");
    assertThat(matches("userName co \"\\\\\"")).containsExactly("back\\slash");
    assertThat(matches("userName eq \"'; DROP TABLE scim_users; --\""))
        .containsExactly("'; DROP TABLE scim_users; --");
    assertThat(matches("userName eq \"x\\\" OR \\\"1\\\"=\\\"1\""))
        .containsExactly("x\" OR \"1\"=\"1");
    assertThat(matches("userName ew \"-- d\"")).containsExactly("/* c */ -- d");
    assertThat(matches("userName eq \"nobody\" or userName pr")).hasSize(names.size());
    for (String crafted :
        List.of(
            "userName) or (1=1",
            "userName eq \"a\") OR 1=1 --",
            "user;Name eq \"a\"",
            "\"userName\" eq \"a\"",
            "name.givenName'-- eq \"a\"",
            "userName eq 'o'brien'")) {
      ScimClient.Reply refused = acme.get("/Users?filter=" + encode(crafted));
      assertThat(refused.status()).as(crafted).isEqualTo(400);
      assertThat(refused.json().path("scimType").asText()).as(crafted).isEqualTo("invalidFilter");
    }
    for (String query :
        List.of(
            "sortBy=" + encode("userName; DROP TABLE scim_users"),
            "sortBy=" + encode("userName\" desc, (select 1) --"),
            "attributes=" + encode("userName,(select 1)"),
            "sortOrder=" + encode("descending; --"))) {
      int status = acme.get("/Users?" + query).status();
      assertThat(status).as(query).isIn(200, 400);
    }
    assertThat(acme.get("/Users").json().path("totalResults").asInt()).isEqualTo(names.size());
    assertThat(globex.get("/Users/" + globexId).json().path("userName").asText())
        .isEqualTo("o'brien");
    assertThat(globex.get("/Users").json().path("totalResults").asInt()).isEqualTo(1);
  }

  private List<String> matches(String filter) {
    ScimClient.Reply list = acme.get("/Users?count=100&filter=" + encode(filter));
    assertThat(list.status()).as("%s: %s", filter, list).isEqualTo(200);
    List<String> userNames = new ArrayList<>();
    list.json().path("Resources").forEach(u -> userNames.add(u.path("userName").asText()));
    return userNames;
  }

  private static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Test
  void textNoStoreCanKeepIsA400Or404NeverA500() {
    String groupId = acme.post("/Groups", "{\"displayName\":\"Nul\"}").json().path("id").asText();
    String patch =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":"
            + "\"add\",\"path\":\"members\",\"value\":[{\"value\":\"%s\"}]}]}";

    for (ScimClient.Reply reply :
        List.of(
            acme.post("/Users", "{\"userName\":\"nul\\u0000@acme.example\"}"),
            acme.post("/Users", "{\"userName\":\"half\\ud83d@acme.example\"}"),
            acme.patch("/Groups/" + groupId, String.format(patch, "a\\u0000b")),
            acme.get("/Users?filter=userName%20eq%20%22a%00b%22"))) {
      assertThat(reply.status()).as("%s", reply).isEqualTo(400);
      assertThat(reply.json().path("scimType").asText()).isEqualTo("invalidValue");
    }
    assertThat(acme.get("/Users/abc%00def").status()).isEqualTo(404);
    assertThat(acme.get("/Groups/" + groupId + "%00").status()).isEqualTo(404);
    assertThat(acme.delete("/Users/abc%00def").status()).isEqualTo(404);
    assertThat(acme.get("/Users").json().path("totalResults").asInt()).isZero();
    assertThat(acme.get("/Groups/" + groupId).json().path("members").isMissingNode()).isTrue();
  }

  @Test
  void nothingTenantBSendsReadsOrChangesTenantAsData() {
    String userName = "wile-" + UUID.randomUUID() + "@acme.example";
    String userId =
        acme.post("/Users", "{\"userName\":\"" + userName + "\"}").json().path("id").asText();
    String groupId =
        acme.post(
                "/Groups",
                "{\"displayName\":\"Acme "
                    + userId
                    + "\",\"members\":[{\"value\":\""
                    + userId
                    + "\"}]}")
            .json()
            .path("id")
            .asText();
    String filter = "?filter=userName%20eq%20%22" + userName + "%22";

    assertThat(globex.get("/Users/" + userId).status()).isEqualTo(404);
    assertThat(globex.get("/Groups/" + groupId).status()).isEqualTo(404);
    assertThat(globex.get("/Users").json().path("totalResults").asInt()).isZero();
    assertThat(globex.get("/Users" + filter).json().path("totalResults").asInt()).isZero();
    assertThat(
            globex
                .post(
                    "/Users/.search",
                    "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:SearchRequest\"],"
                        + "\"filter\":\"userName eq \\\""
                        + userName
                        + "\\\"\"}")
                .json()
                .path("totalResults")
                .asInt())
        .isZero();
    assertThat(
            globex
                .patch(
                    "/Users/" + userId,
                    ScimClient.patchOp("{\"op\":\"replace\",\"path\":\"active\",\"value\":false}"))
                .status())
        .isEqualTo(404);
    assertThat(
            globex.put("/Users/" + userId, "{\"userName\":\"taken-over@globex.example\"}").status())
        .isEqualTo(404);
    assertThat(
            globex
                .put("/Groups/" + groupId, "{\"displayName\":\"Taken over\",\"members\":[]}")
                .status())
        .isEqualTo(404);
    assertThat(globex.delete("/Users/" + userId).status()).isEqualTo(404);
    assertThat(globex.delete("/Groups/" + groupId).status()).isEqualTo(404);
    // A member id from another tenant is refused, not linked.
    String globexGroup =
        globex.post("/Groups", "{\"displayName\":\"Globex team\"}").json().path("id").asText();
    ScimClient.Reply linked =
        globex.patch(
            "/Groups/" + globexGroup,
            ScimClient.patchOp(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + userId
                    + "\"}]}"));
    assertThat(linked.status()).as(linked.toString()).isEqualTo(400);
    // Nor through a $ref naming A's user by URI, in a PATCH or a create.
    String ref = server.baseUri() + "/Users/" + userId;
    ScimClient.Reply byRef =
        globex.patch(
            "/Groups/" + globexGroup,
            ScimClient.patchOp(
                "{\"op\":\"add\",\"path\":\"members\",\"value\":[{\"value\":\""
                    + userId
                    + "\",\"$ref\":\""
                    + ref
                    + "\"}]}"));
    assertThat(byRef.status()).as(byRef.toString()).isEqualTo(400);
    ScimClient.Reply createdWithRef =
        globex.post(
            "/Groups",
            "{\"displayName\":\"Globex refs\",\"members\":[{\"value\":\""
                + userId
                + "\",\"$ref\":\""
                + ref
                + "\"}]}");
    assertThat(createdWithRef.status()).as(createdWithRef.toString()).isEqualTo(400);
    assertThat(globex.get("/Groups/" + globexGroup).json().path("members").size()).isZero();
    // The same name is free in the other tenant, and A's user is untouched.
    assertThat(globex.post("/Users", "{\"userName\":\"" + userName + "\"}").status())
        .isEqualTo(201);
    ScimClient.Reply still = acme.get("/Users/" + userId);
    assertThat(still.status()).isEqualTo(200);
    assertThat(still.json().path("active").asBoolean(true)).isTrue();
    assertThat(still.json().path("userName").asText()).isEqualTo(userName);
    ScimClient.Reply group = acme.get("/Groups/" + groupId);
    assertThat(group.json().path("members").size()).isEqualTo(1);
    assertThat(group.json().path("displayName").asText()).startsWith("Acme ");
  }
}
