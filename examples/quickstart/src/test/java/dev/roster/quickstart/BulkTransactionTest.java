package dev.roster.quickstart;

import static dev.roster.scim.jdbc.TestDatabases.postgresUrl;
import static dev.roster.scim.jdbc.TestDatabases.setting;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.jdbc.RequiresPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The database store runs a bulk request in one transaction with a savepoint per operation: one
 * that fails is undone alone, the others stay, and everything is committed together.
 */
class BulkTransactionTest {
  @TempDir Path dataDir;

  @Test
  void onH2AFailedOperationIsUndoneAloneAndTheOthersStay() {
    Options options =
        Options.parse(
            new String[] {"--port", "0", "--data-dir", dataDir.toString(), "--token", "t"},
            Map.of());
    try (QuickstartServer server = QuickstartServer.start(options)) {
      runMixedBulk(new ScimClient(server.baseUri(), "t"), "h2-" + run());
    }
  }

  @Test
  @ExtendWith(RequiresPostgres.class)
  void onPostgresTheBulkIsOneTransactionAndAFailedOperationDoesNotAbortIt() throws Exception {
    String tenant = "bulk-" + run();
    Options options =
        Options.parse(
                new String[] {"--port", "0", "--tenant-token", tenant + "=bulk-token"}, Map.of())
            .withJdbc(
                postgresUrl(),
                setting("ROSTER_TEST_JDBC_USER"),
                setting("ROSTER_TEST_JDBC_PASSWORD"));
    try (QuickstartServer server = QuickstartServer.start(options);
        Connection connection =
            DriverManager.getConnection(
                postgresUrl(),
                setting("ROSTER_TEST_JDBC_USER"),
                setting("ROSTER_TEST_JDBC_PASSWORD"));
        PreparedStatement count =
            connection.prepareStatement("SELECT count(*) FROM scim_users WHERE tenant = ?")) {
      ScimClient client = new ScimClient(server.baseUri(), "bulk-token");
      runMixedBulk(client, tenant);
      count.setString(1, tenant);
      assertThat(count(count)).isEqualTo(3);

      // While a long bulk request runs, another connection sees none of its rows, then all.
      List<String> operations = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        operations.add(post("n" + i, tenant + "-n" + i + "@example.com"));
      }
      CompletableFuture<ScimClient.Reply> bulk =
          CompletableFuture.supplyAsync(
              () ->
                  client.post(
                      "/Bulk",
                      "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],"
                          + "\"Operations\":["
                          + String.join(",", operations)
                          + "]}"));
      Set<Integer> seen = new TreeSet<>();
      while (!bulk.isDone()) {
        seen.add(count(count));
        Thread.sleep(20);
      }
      assertThat(bulk.get().status()).isEqualTo(200);
      seen.add(count(count));
      assertThat(seen).as("user counts seen during the bulk request").containsOnly(3, 403);
    }
  }

  private static int count(PreparedStatement count) throws Exception {
    try (ResultSet rows = count.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /**
   * Three creates, a create of a taken userName (409), then a PATCH of the first through its
   * bulkId: on PostgreSQL the failed insert would abort a transaction without savepoints.
   */
  private static void runMixedBulk(ScimClient client, String tag) {
    List<String> operations = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      operations.add(post("u" + i, tag + "-" + i + "@example.com"));
    }
    operations.add(post("dup", tag + "-0@example.com"));
    operations.add(
        "{\"method\":\"PATCH\",\"path\":\"/Users/bulkId:u0\",\"data\":{\"schemas\":"
            + "[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":[{\"op\":"
            + "\"replace\",\"path\":\"title\",\"value\":\"After the failure\"}]}}");
    ScimClient.Reply reply =
        client.post(
            "/Bulk",
            "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:BulkRequest\"],\"Operations\":["
                + String.join(",", operations)
                + "]}");

    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    List<String> statuses = new ArrayList<>();
    reply.json().path("Operations").forEach(r -> statuses.add(r.path("status").asText()));
    assertThat(statuses).containsExactly("201", "201", "201", "409", "200");
    JsonNode first =
        client
            .get("/Users?filter=userName%20eq%20%22" + tag + "-0@example.com%22")
            .json()
            .path("Resources")
            .path(0);
    assertThat(first.path("title").asText()).isEqualTo("After the failure");
    assertThat(
            client
                .get("/Users?filter=userName%20sw%20%22" + tag + "%22")
                .json()
                .path("totalResults")
                .asInt())
        .isEqualTo(3);
  }

  private static String post(String bulkId, String userName) {
    return "{\"method\":\"POST\",\"path\":\"/Users\",\"bulkId\":\""
        + bulkId
        + "\",\"data\":{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],"
        + "\"userName\":\""
        + userName
        + "\"}}";
  }

  private static String run() {
    return UUID.randomUUID().toString().substring(0, 8);
  }
}
