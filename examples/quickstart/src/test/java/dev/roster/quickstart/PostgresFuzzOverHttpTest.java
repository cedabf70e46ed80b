package dev.roster.quickstart;

import static dev.roster.scim.jdbc.TestDatabases.postgresUrl;
import static dev.roster.scim.jdbc.TestDatabases.setting;
import static org.assertj.core.api.Assertions.assertThat;

import dev.roster.scim.jdbc.RequiresPostgres;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Random filters and PATCH bodies, over HTTP, against the quickstart on PostgreSQL: whatever
 * arrives, the answer is never a 5xx. Inputs come from a seeded generator that mixes the filter and
 * PATCH grammars with hostile values and random byte-level mutations; a failure names the seed and
 * the input. {@code -Droster.fuzz.filters=N -Droster.fuzz.patches=N -Droster.fuzz.seed=S} change
 * the run (defaults 10,000, 5,000 and a fixed seed).
 */
@ExtendWith(RequiresPostgres.class)
class PostgresFuzzOverHttpTest {
  private static final String[] PATHS = {
    "userName",
    "name.givenName",
    "name.familyName",
    "displayName",
    "title",
    "active",
    "id",
    "externalId",
    "emails",
    "emails.value",
    "emails.type",
    "emails[type eq \"work\"].value",
    "emails[type eq \"work\" and primary eq true]",
    "phoneNumbers.value",
    "addresses.locality",
    "meta.lastModified",
    "meta.created",
    "meta.resourceType",
    "groups.value",
    "members",
    "members.value",
    "urn:ietf:params:scim:schemas:core:2.0:User:userName",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department",
    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
    "nonexistent",
    "name",
    "emails[value co \"@\"]",
    "x.y.z",
    "userName.sub",
    "$ref",
    "schemas",
    "ÿ",
    ""
  };
  private static final String[] OPERATORS = {
    "eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr", "EQ", "Co", "like", "==", "in"
  };
  private static final String[] LITERALS = {
    "\"bjensen\"",
    "\"\"",
    "\"o'brien\"",
    "\"%\"",
    "\"_\"",
    "\"\\\\\"",
    "\"\\\"\"",
    "true",
    "false",
    "null",
    "0",
    "-1",
    "1e309",
    "3.5",
    "99999999999999999999",
    "\"2011-05-13T04:42:34Z\"",
    "\"not a date\"",
    "\"'; DROP TABLE scim_users; --\"",
    "\"\\u00e9t\\u00e9\"",
    "\"\\ud83d\\ude00\"",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "\"a\\u0001b\"",
    "\"\\uff07\"",
    "bare",
    "\"unterminated",
    "[1]",
    "{}",
    "\"" + "z".repeat(3000) + "\""
  };
  private static final String[] OPS = {"add", "replace", "remove", "Add", "REPLACE", "move", ""};

  private final Random random = new Random(Long.getLong("roster.fuzz.seed", 20261207L));
  private final Map<Integer, Integer> statuses = new TreeMap<>();

  @Test
  void tenThousandFilterAndFiveThousandPatchesNeverAnswer5xx() {
    int filters = Integer.getInteger("roster.fuzz.filters", 10_000);
    int patches = Integer.getInteger("roster.fuzz.patches", 5_000);
    String run = UUID.randomUUID().toString().substring(0, 8);
    Options options =
        Options.parse(
                new String[] {"--port", "0", "--tenant-token", "fuzz-" + run + "=fuzz-token"},
                Map.of())
            .withJdbc(
                postgresUrl(),
                setting("ROSTER_TEST_JDBC_USER"),
                setting("ROSTER_TEST_JDBC_PASSWORD"));
    try (QuickstartServer server = QuickstartServer.start(options)) {
      ScimClient client = new ScimClient(server.baseUri(), "fuzz-token");
      List<String> users = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ScimClient.Reply created =
            client.post(
                "/Users",
                "{\"userName\":\"fuzz"
                    + i
                    + "-"
                    + run
                    + "\",\"name\":{\"givenName\":\"G\"},"
                    + "\"emails\":[{\"value\":\"f"
                    + i
                    + "@example.com\",\"type\":\"work\"}]}");
        assertThat(created.status()).isEqualTo(201);
        users.add(created.json().path("id").asText());
      }
      String group =
          client
              .post(
                  "/Groups",
                  "{\"displayName\":\"Fuzz "
                      + run
                      + "\",\"members\":[{\"value\":\""
                      + users.get(0)
                      + "\"}]}")
              .json()
              .path("id")
              .asText();

      long started = System.nanoTime();
      for (int i = 0; i < filters; i++) {
        String filter = filter();
        String resource = random.nextInt(4) == 0 ? "/Groups" : "/Users";
        check(
            client.get(
                resource
                    + "?filter="
                    + URLEncoder.encode(filter, StandardCharsets.UTF_8).replace("+", "%20")),
            "filter " + i + ": " + filter);
      }
      long filtered = System.nanoTime();
      for (int i = 0; i < patches; i++) {
        boolean toGroup = random.nextInt(3) == 0;
        String target =
            toGroup ? "/Groups/" + group : "/Users/" + users.get(random.nextInt(users.size()));
        String body = patch(users);
        check(client.patch(target, body), "PATCH " + i + " of " + target + ": " + body);
      }
      long patched = System.nanoTime();
      System.out.printf(
          "PostgresFuzzOverHttpTest: %d filters in %d ms, %d PATCH bodies in %d ms, statuses %s%n",
          filters,
          (filtered - started) / 1_000_000,
          patches,
          (patched - filtered) / 1_000_000,
          statuses);
      assertThat(client.get("/Users?count=1").status()).isEqualTo(200);
      assertThat(client.get("/Groups/" + group).status()).isEqualTo(200);
    }
  }

  private void check(ScimClient.Reply reply, String input) {
    statuses.merge(reply.status(), 1, Integer::sum);
    assertThat(reply.status())
        .as("seed %s, %s -> %s", Long.getLong("roster.fuzz.seed", 20261207L), input, reply)
        .isLessThan(500);
  }

  private String filter() {
    String filter = expression(0);
    return random.nextInt(5) == 0 ? mutate(filter) : filter;
  }

  private String expression(int depth) {
    int kind = depth > 3 ? 0 : random.nextInt(6);
    switch (kind) {
      case 1:
        return expression(depth + 1)
            + (random.nextBoolean() ? " and " : " or ")
            + expression(depth + 1);
      case 2:
        return "not (" + expression(depth + 1) + ")";
      case 3:
        return "(" + expression(depth + 1) + ")";
      case 4:
        return pick(PATHS).replaceAll("\\..*", "") + "[" + expression(depth + 1) + "]";
      default:
        String operator = pick(OPERATORS);
        return pick(PATHS) + " " + operator + (operator.equals("pr") ? "" : " " + pick(LITERALS));
    }
  }

  private String patch(List<String> users) {
    StringBuilder operations = new StringBuilder();
    int count = 1 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        operations.append(',');
      }
      operations.append("{\"op\":\"").append(pick(OPS)).append('"');
      if (random.nextInt(4) != 0) {
        operations.append(",\"path\":").append(jsonString(pathForPatch()));
      }
      if (random.nextInt(5) != 0) {
        operations.append(",\"value\":").append(value(users, 0));
      }
      operations.append('}');
    }
    String body =
        "{\"schemas\":[\"urn:ietf:params:scim:api:messages:2.0:PatchOp\"],\"Operations\":["
            + operations
            + "]}";
    return random.nextInt(8) == 0 ? mutate(body) : body;
  }

  private String pathForPatch() {
    String path = pick(PATHS);
    if (random.nextInt(4) == 0) {
      path =
          path.replaceAll("\\..*", "")
              + "["
              + expression(2)
              + "]"
              + (random.nextBoolean() ? ".value" : "");
    }
    return path;
  }

  private String value(List<String> users, int depth) {
    int kind = depth > 2 ? random.nextInt(4) : random.nextInt(8);
    switch (kind) {
      case 0:
        return pick(LITERALS);
      case 1:
        return jsonString(users.get(random.nextInt(users.size())));
      case 2:
        return Integer.toString(random.nextInt());
      case 3:
        return random.nextBoolean() ? "true" : "null";
      case 4:
      case 5:
        StringBuilder object = new StringBuilder("{");
        int fields = random.nextInt(4);
        for (int i = 0; i < fields; i++) {
          if (i > 0) {
            object.append(',');
          }
          object.append(jsonString(pick(PATHS))).append(':').append(value(users, depth + 1));
        }
        return object.append('}').toString();
      default:
        StringBuilder array = new StringBuilder("[");
        int elements = random.nextInt(4);
        for (int i = 0; i < elements; i++) {
          if (i > 0) {
            array.append(',');
          }
          array.append(
              random.nextBoolean()
                  ? "{\"value\":" + jsonString(users.get(random.nextInt(users.size()))) + "}"
                  : value(users, depth + 1));
        }
        return array.append(']').toString();
    }
  }

  /** Deletes, duplicates or replaces a few characters. */
  private String mutate(String text) {
    StringBuilder out = new StringBuilder(text);
    int edits = 1 + random.nextInt(3);
    for (int i = 0; i < edits && out.length() > 0; i++) {
      int at = random.nextInt(out.length());
      switch (random.nextInt(3)) {
        case 0:
          out.deleteCharAt(at);
          break;
        case 1:
          out.insert(at, out.charAt(random.nextInt(out.length())));
          break;
        default:
          out.setCharAt(at, "\"\\()[]{}:,. \u0000'%_\u00e9".charAt(random.nextInt(17)));
      }
    }
    return out.toString();
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String jsonString(String text) {
    return ScimClient.JSON.valueToTree(text).toString();
  }
}
