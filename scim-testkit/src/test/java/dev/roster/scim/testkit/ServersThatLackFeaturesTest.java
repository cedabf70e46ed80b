package dev.roster.scim.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.core.spi.RequestContext;
import dev.roster.scim.server.BearerTokenAuthenticator;
import dev.roster.scim.server.Identity;
import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Proxy.Reply;
import dev.roster.scim.testkit.RosterServer.Without;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The testkit adapts to what a server declares: against servers that lack an extension, groups,
 * sorting, bulk or {@code /Me}, the checks that need them are skipped with the reason, and nothing
 * fails.
 */
class ServersThatLackFeaturesTest {

  @Test
  void withoutTheCustomExtensionTheFullProfileLeavesItsAttributeOutAndSaysSo() {
    try (RosterServer server = RosterServer.without(Without.CUSTOM_EXTENSION)) {
      TestkitRun run = Testkit.of(server.options().profile(Profile.FULL).build()).run();

      assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
      assertThat(skipped(run)).isEmpty();
      assertThat(notes(run, "rfc:4"))
          .anyMatch(
              note ->
                  note.contains(
                          "do not write urn:ietf:params:scim:schemas:extension:SpokeCustom:2.0:User:startDate")
                      && note.contains("the server declares no SpokeCustom extension"));
    }
  }

  @Test
  void withoutTheEnterpriseExtensionTheManagerCheckIsSkippedWithTheReason() {
    try (RosterServer server = RosterServer.without(Without.ENTERPRISE_EXTENSION)) {
      TestkitRun run = Testkit.of(server.options().profile(Profile.FULL).build()).run();

      assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
      assertThat(skipped(run))
          .containsOnlyKeys("entra:17")
          .containsValue(
              "the server declares no enterprise extension"
                  + " (urn:ietf:params:scim:schemas:extension:enterprise:2.0:User) for User");
    }
  }

  @Test
  void withoutGroupsEveryGroupCheckIsSkippedWithTheReason() {
    try (RosterServer server = RosterServer.without(Without.GROUPS)) {
      TestkitRun run = Testkit.of(server.options().build()).run();

      assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
      Map<String, String> skipped = skipped(run);
      assertThat(skipped).hasSize(21).containsKey("rfc:21");
      assertThat(skipped.values()).containsOnly("/ResourceTypes lists no Group resource type");
      assertThat(run.passed()).isEqualTo(74 - 21);
    }
  }

  @Test
  void withoutSortTheSortCheckIsSkippedBecauseTheServerSaysSo() {
    try (RosterServer server = RosterServer.without(Without.SORT)) {
      TestkitRun run = Testkit.of(server.options().build()).run();

      assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
      assertThat(skipped(run))
          .containsOnly(
              Map.entry("rfc:11", "/ServiceProviderConfig says sort.supported is false"),
              Map.entry(
                  "rfc:25",
                  "/ServiceProviderConfig does not say pagination.cursor is true (RFC 9865)"));
    }
  }

  @Test
  void withoutAMeResolverTheMeCheckIsSkippedBecauseTheServerSaysSo() {
    try (RosterServer server = RosterServer.without(Without.ME)) {
      TestkitRun run = Testkit.of(server.options().build()).run();

      assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
      assertThat(skipped(run)).containsOnlyKeys("rfc:24");
      assertThat(run.passed()).isEqualTo(74 - 1);
      assertThat(skipped(run).get("rfc:24"))
          .startsWith("the server does not serve /Me: GET /Me answered HTTP 501")
          .contains("ScimServer.Builder.me(MeResolver)");
    }
  }

  @Test
  void whenNoUserStandsForTheCredentialsTheMeCheckIsSkipped() {
    try (RosterServer server =
        RosterServer.start(
            BearerTokenAuthenticator.of(
                Map.of(
                    RosterServer.TOKEN,
                    Identity.of(RequestContext.SINGLE_TENANT, "a caller without a user"))))) {
      TestkitRun run = Testkit.of(server.options().checks("rfc:24").build()).run();

      assertThat(skipped(run))
          .containsExactly(
              Map.entry(
                  "rfc:24",
                  "no User stands for the testkit's credentials: GET /Me answered HTTP 404"
                      + " (\"No User stands for these credentials\")"));
    }
  }

  @Test
  void aServerRedirectingMePassesTheMeCheckWithANote() throws Exception {
    TestkitRun run =
        BrokenServersTest.behindProxy(
            (call, backend) -> {
              Reply reply = backend.send(call);
              if (!call.is("GET", "/Me") || reply.status != 200) {
                return reply;
              }
              Reply redirect = new Reply(308, new byte[0]);
              redirect.headers.put("Location", reply.headers.get("Location"));
              return redirect;
            },
            options -> options.checks("rfc:24"));

    CheckResult me = run.results().get(0);
    assertThat(me.outcome()).as(me.details()).isEqualTo(Outcome.PASSED);
    assertThat(me.notes()).singleElement().asString().startsWith("GET /Me redirects (308) to http");
  }

  @Test
  void withoutBulkTheBulkChecksAreSkippedBecauseTheServerSaysSo() throws Exception {
    TestkitRun run =
        BrokenServersTest.behindProxy(
            (call, backend) ->
                call.is("POST", "/Bulk")
                    ? Reply.error(501, null, "Bulk is not supported")
                    : bulkConfig(call, backend, bulk -> bulk.put("supported", false)),
            options -> options.suites(Suite.RFC));

    assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
    assertThat(skipped(run))
        .containsOnlyKeys("rfc:21", "rfc:22", "rfc:23")
        .containsValue("/ServiceProviderConfig says bulk.supported is false");
    assertThat(Set.copyOf(skipped(run).values())).hasSize(1);
  }

  @Test
  void aSmallBulkMaxOperationsSkipsTheCheckThatSendsMore() throws Exception {
    TestkitRun run =
        BrokenServersTest.behindProxy(
            (call, backend) -> bulkConfig(call, backend, bulk -> bulk.put("maxOperations", 2)),
            options -> options.checks("rfc:21", "rfc:22", "rfc:23"));

    assertThat(run.failed()).as(SuitesAgainstRosterTest.failures(run)).isZero();
    assertThat(skipped(run))
        .containsExactly(
            Map.entry(
                "rfc:21",
                "/ServiceProviderConfig says bulk.maxOperations is 2, and the check sends 3"
                    + " operations in one bulk request"));
    assertThat(run.passed()).isEqualTo(2);
  }

  /** Forwards the call; changes {@code bulk} in the answer when it is /ServiceProviderConfig. */
  private static Reply bulkConfig(
      Proxy.Call call, Proxy.Backend backend, Consumer<ObjectNode> change) throws IOException {
    Reply reply = backend.send(call);
    if (call.is("GET", "/ServiceProviderConfig") && reply.json() instanceof ObjectNode config) {
      change.accept((ObjectNode) config.path("bulk"));
      reply.json(config);
    }
    return reply;
  }

  /** The skipped checks, id to reason. */
  private static Map<String, String> skipped(TestkitRun run) {
    return run.results().stream()
        .filter(r -> r.outcome() == Outcome.SKIPPED)
        .collect(Collectors.toMap(CheckResult::id, CheckResult::message));
  }

  private static List<String> notes(TestkitRun run, String id) {
    return run.results().stream()
        .filter(r -> r.id().equals(id))
        .flatMap(r -> r.notes().stream())
        .collect(Collectors.toList());
  }
}
