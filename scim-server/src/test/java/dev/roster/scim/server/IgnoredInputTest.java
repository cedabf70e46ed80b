package dev.roster.scim.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.core.schema.SchemaRegistry;
import dev.roster.scim.core.schema.SchemaValidator;
import dev.roster.scim.server.memory.InMemoryStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Lenient validation drops what no schema declares, and says so; strict can be per tenant. */
class IgnoredInputTest {
  private final List<IgnoredInput> ignored = new CopyOnWriteArrayList<>();
  private final InMemoryStore store = new InMemoryStore(SchemaRegistry.standard());
  private final ScimServer server =
      ScimServer.builder()
          .users(store.users())
          .authenticator(
              BearerTokenAuthenticator.of(
                  Map.of(
                      "a", Identity.of("acme", "entra"),
                      "g", Identity.of("globex", "entra"),
                      "s", Identity.of("strict", "okta"))))
          .validation(
              context ->
                  context.tenant().equals("strict")
                      ? SchemaValidator.Mode.STRICT
                      : SchemaValidator.Mode.LENIENT)
          .observer(
              new ChangeObserver() {
                @Override
                public void changed(ChangeEvent event) {}

                @Override
                public void ignored(IgnoredInput input) {
                  ignored.add(input);
                }
              })
          .build();

  private static final String WITH_EXTRAS =
      "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\",\"urn:example:unknown\"],"
          + "\"userName\":\"%s\",\"shoeSize\":44,\"emails\":[{\"value\":\"a@b.c\",\"label\":\"x\"}]}";

  @Test
  void droppedNamesReachTheObserverAndAreLoggedOncePerTenant() {
    String log =
        capturingStandardError(
            () -> {
              assertThat(server.handle(post("a", "one")).status()).isEqualTo(201);
              assertThat(server.handle(post("a", "two")).status()).isEqualTo(201);
              assertThat(server.handle(post("g", "three")).status()).isEqualTo(201);
            });

    assertThat(ignored).hasSize(3);
    IgnoredInput first = ignored.get(0);
    assertThat(first.context().tenant()).isEqualTo("acme");
    assertThat(first.resourceType()).isEqualTo("User");
    assertThat(first.id()).isNotBlank();
    assertThat(first.names())
        .containsExactlyInAnyOrder("urn:example:unknown", "shoeSize", "emails[0].label");
    assertThat(log.lines().filter(l -> l.contains("WARN") && l.contains("'shoeSize'")))
        .as(log)
        .hasSize(2) // acme once, globex once
        .allSatisfy(l -> assertThat(l).contains("lenient"));
  }

  @Test
  void whatALenientPatchDropsIsReportedToo() {
    String id = server.handle(post("a", "patched")).body().path("id").asText();
    ignored.clear();

    ScimResponse patched =
        server.handle(
            request(
                "a",
                "PATCH",
                "/Users/" + id,
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
                    + "{\"op\":\"add\",\"value\":{\"hatSize\":7,\"title\":\"Boss\"}},"
                    + "{\"op\":\"add\",\"path\":\"name\",\"value\":{\"nickname\":\"B\"}}]}"));

    assertThat(patched.status()).isEqualTo(200);
    assertThat(patched.body().path("title").asText()).isEqualTo("Boss");
    assertThat(ignored).hasSize(1);
    assertThat(ignored.get(0).names()).containsExactlyInAnyOrder("hatSize", "name.nickname");
  }

  @Test
  void aStrictTenantGetsA400ForWhatOthersHaveDropped() {
    ScimResponse refused = server.handle(post("s", "four"));
    ScimResponse created =
        server.handle(
            request(
                "s",
                "POST",
                "/Users",
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"five\"}"));
    assertThat(created.status()).as(created.bodyText()).isEqualTo(201);
    ScimResponse patched =
        server.handle(
            request(
                "s",
                "PATCH",
                "/Users/" + created.body().path("id").asText(),
                "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],"
                    + "\"Operations\":[{\"op\":\"add\",\"value\":{\"shoeSize\":44}}]}"));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.body().path("scimType").asText()).isEqualTo("invalidSyntax");
    assertThat(patched.status()).isEqualTo(400);
    assertThat(server.handle(post("a", "four")).status()).as("lenient tenant").isEqualTo(201);
    assertThat(ignored).extracting(i -> i.context().tenant()).containsOnly("acme");
  }

  private ScimRequest post(String token, String userName) {
    return request(token, "POST", "/Users", String.format(WITH_EXTRAS, userName));
  }

  private static ScimRequest request(String token, String method, String path, String body) {
    return new ScimRequest(
        method,
        path,
        Map.of(),
        Map.of("Authorization", List.of("Bearer " + token)),
        body.getBytes(StandardCharsets.UTF_8),
        "https://x/scim/v2");
  }

  private static String capturingStandardError(Runnable action) {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
