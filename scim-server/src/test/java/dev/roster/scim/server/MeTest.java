package dev.roster.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.server.memory.InMemoryStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** {@code /Me} (RFC 7644 §3.11) acts on the caller's User as {@code /Users/{id}} does. */
class MeTest {
  private final InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
  private final Map<String, String> users = new ConcurrentHashMap<>();
  private final ScimServer.Builder builder =
      ScimServer.builder()
          .users(store.users())
          .groups(store.groups())
          .authenticator(
              BearerTokenAuthenticator.of(
                  Map.of(
                      "bjensen", Identity.of("acme", "bjensen"),
                      "admin", Identity.of("acme", "admin"),
                      "globex", Identity.of("globex", "bjensen"))));

  @Test
  void withoutAResolverMeIs501SayingHowToEnableIt() {
    ScimResponse response = builder.build().handle(request("bjensen", "GET", "/Me", null));

    assertThat(response.status()).isEqualTo(501);
    assertThat(response.body().path("detail").asText()).contains("ScimServer.Builder.me");
  }

  @Test
  void getPutPatchAndDeleteActOnTheCallersUser() {
    ScimServer server =
        builder.me(context -> Optional.ofNullable(users.get(context.principal()))).build();
    String id =
        server
            .handle(request("admin", "POST", "/Users", "{\"userName\":\"bjensen@acme\"}"))
            .body()
            .path("id")
            .asText();
    users.put("bjensen", id);

    ScimResponse me = server.handle(request("bjensen", "GET", "/Me?attributes=userName", null));
    ScimResponse patched =
        server.handle(
            request(
                "bjensen",
                "PATCH",
                "/Me",
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"replace\",\"path\":\"title\",\"value\":\"Lead\"}]}"));
    ScimResponse replaced =
        server.handle(
            request("bjensen", "PUT", "/Me", "{\"userName\":\"bjensen@acme\",\"nickName\":\"B\"}"));

    assertThat(me.status()).isEqualTo(200);
    assertThat(me.body().path("id").asText()).isEqualTo(id);
    assertThat(me.headers().get("Location"))
        .isEqualTo("https://saas.example.com/scim/v2/Users/" + id);
    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.body().path("title").asText()).isEqualTo("Lead");
    assertThat(replaced.status()).isEqualTo(200);
    assertThat(replaced.body().path("nickName").asText()).isEqualTo("B");
    assertThat(replaced.body().has("title")).isFalse();
    assertThat(server.handle(request("bjensen", "POST", "/Me", "{}")).status()).isEqualTo(405);
    assertThat(server.handle(request("bjensen", "GET", "/Me/x", null)).status()).isEqualTo(404);
    assertThat(server.handle(request("admin", "GET", "/Me", null)).status())
        .as("no User stands for admin")
        .isEqualTo(404);
    assertThat(server.handle(request("globex", "GET", "/Me", null)).status())
        .as("the same principal in another tenant")
        .isEqualTo(404);
    assertThat(server.handle(request(null, "GET", "/Me", null)).status()).isEqualTo(401);
    assertThat(server.handle(request("bjensen", "DELETE", "/Me", null)).status()).isEqualTo(204);
    assertThat(server.handle(request("admin", "GET", "/Users/" + id, null)).status())
        .isEqualTo(404);
  }

  private static ScimRequest request(String token, String method, String target, String body) {
    int question = target.indexOf('?');
    Map<String, List<String>> query =
        question < 0
            ? Map.of()
            : Map.of(
                target.substring(question + 1, target.indexOf('=')),
                List.of(target.substring(target.indexOf('=') + 1)));
    return new ScimRequest(
        method,
        question < 0 ? target : target.substring(0, question),
        query,
        token == null ? Map.of() : Map.of("Authorization", List.of("Bearer " + token)),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        "https://saas.example.com/scim/v2");
  }
}
