package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.testkit.Profile;
import dev.roster.scim.testkit.TestkitOptions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a running check works with: clients in each identity provider's flavour, the fixtures of the
 * profile, a unique prefix for everything it creates, and the steps checks share. Everything the
 * check sends is recorded; everything it creates is deleted afterwards by the runner.
 */
final class CheckRun {
  private static final String VALIDATOR_TYPE = "application/scim+json; charset=utf-8";

  private final Environment env;
  private final Recorder recorder;
  private final String prefix;
  private final ScimClient entra;
  private final ScimClient okta;
  private final ScimClient rfc;
  private final ScimClient oauth;
  private final Secrets secrets;
  private final List<String> notes = new ArrayList<>();

  CheckRun(Environment env, Connection connection, Recorder recorder, String prefix) {
    this.env = env;
    this.recorder = recorder;
    this.prefix = prefix;
    this.secrets = connection.secrets();
    this.oauth = ScimClient.tokenEndpoint(connection, recorder);
    this.entra = new ScimClient(connection, recorder, List.of(), VALIDATOR_TYPE);
    this.okta =
        new ScimClient(
            connection,
            recorder,
            List.of(
                Map.entry("User-Agent", "Okta SCIM Client 1.0.0"),
                Map.entry("Accept", "application/scim+json"),
                Map.entry("Accept-Charset", "utf-8")),
            "application/scim+json; charset=utf-8");
    this.rfc =
        new ScimClient(
            connection,
            recorder,
            List.of(Map.entry("Accept", "application/scim+json")),
            "application/scim+json");
  }

  /** A client sending what Entra's provisioning service and the SCIM Validator send. */
  ScimClient entra() {
    return entra;
  }

  /** A client sending Okta's headers ({@code User-Agent: Okta SCIM Client 1.0.0}, …). */
  ScimClient okta() {
    return okta;
  }

  /** A plain RFC 7644 client. */
  ScimClient rfc() {
    return rfc;
  }

  /** A client of the OAuth 2.0 token endpoint: forms, JSON, none of the SCIM credentials. */
  ScimClient oauth() {
    return oauth;
  }

  /** The options, for the auth suite's credentials. */
  TestkitOptions options() {
    return env.options();
  }

  /** Keeps {@code secret} (an access token, an encoded client secret) out of every report. */
  void conceal(String secret) {
    secrets.add(secret);
  }

  /** Keeps {@code secret} out of every report, where it shows as {@code **** (label)}. */
  void conceal(String secret, String label) {
    secrets.add(secret, label);
  }

  Fixtures fixtures() {
    return env.fixtures();
  }

  Profile profile() {
    return env.profile();
  }

  ServerFacts server() {
    return env.server();
  }

  /** The prefix of everything this check creates, unique to the run and the check. */
  String prefix() {
    return prefix;
  }

  /** A userName unique to this check, mixed case, e.g. {@code Rtk3fa9cE07.Ada@Testkit.Example}. */
  String userName(String label) {
    return prefix + "." + label + "@Testkit.Example";
  }

  /** A group displayName unique to this check, e.g. {@code Rtk3fa9cE07 Readers}. */
  String groupName(String label) {
    return prefix + " " + label;
  }

  void note(String text) {
    notes.add(text);
  }

  List<String> notes() {
    return notes;
  }

  /** For {@code throw run.skip(reason)}: the check does not apply. */
  CheckSkipped skip(String reason) {
    return new CheckSkipped(reason);
  }

  /** A failure about the last exchange. */
  CheckFailure fail(String expected, String found) {
    return new CheckFailure(expected, found, recorder.last());
  }

  /** Fails with the last exchange unless {@code condition} holds. */
  void expect(boolean condition, String expected, String found) {
    if (!condition) {
      throw fail(expected, found);
    }
  }

  // --- steps shared by the suites ---------------------------------------------------------------

  /** POSTs {@code body} to {@code endpoint}; expects 201 with an id, which it returns. */
  String create(ScimClient client, String endpoint, JsonNode body) {
    Response created = client.post(endpoint, body);
    created.expectStatus("the resource is created", 201);
    return created.text("id");
  }

  /**
   * Has a resource that something other than a POST to its endpoint created (a bulk operation)
   * deleted after the check, with {@code client}'s credentials: the one with {@code id}, or when it
   * is null the one named {@code name}.
   */
  void created(ScimClient client, String endpoint, String id, String name) {
    recorder.created(new Recorder.Created(endpoint, id, name, client));
  }

  /** GETs {@code path}; expects 200 with a JSON object. */
  Response read(ScimClient client, String path) {
    Response response = client.get(path);
    response.expectStatus("the resource", 200);
    if (!response.json().isObject()) {
      throw response.fail("a JSON object", Json.show(response.json()));
    }
    return response;
  }

  /**
   * Fails unless {@code resource} (from {@code response}) holds every value of {@code expected}
   * exactly as written: the same string, booleans as JSON booleans.
   */
  void verify(Response response, JsonNode resource, Map<String, Object> expected, String when) {
    List<String> wrong = new ArrayList<>();
    expected.forEach(
        (path, value) -> {
          JsonNode want = Json.value(value);
          JsonNode got = Paths.read(resource, path);
          if (!got.equals(want)) {
            String why = "";
            if (want.isBoolean() && got.isTextual()) {
              why = " (a string, not a JSON boolean)";
            } else if (want.isTextual()
                && got.isTextual()
                && got.textValue().equalsIgnoreCase(want.textValue())) {
              why = " (case changed)";
            }
            wrong.add(path + " = " + Json.show(got) + why + " instead of " + Json.show(want));
          }
        });
    if (!wrong.isEmpty()) {
      throw response.fail(
          when + ", every attribute as it was written (values stored in the format sent)",
          String.join("\n", wrong));
    }
  }

  /**
   * PATCHes {@code path}, expects 200 or 204 (RFC 7644 §3.5.2 allows both), then fails unless both
   * a 200 response's resource and a fresh GET hold {@code expected}; returns the GET response.
   */
  Response patchAndVerify(
      ScimClient client, String path, JsonNode body, Map<String, Object> expected, String when) {
    Response patched = client.patch(path, body);
    patched.expectStatus(
        "the PATCH with " + when + " is applied: 200 with the resource or 204", 200, 204);
    if (patched.status() == 200 && patched.isJson() && patched.json().has("id")) {
      verify(patched, patched.json(), expected, "in the 200 response " + when);
    }
    Response got = read(client, path);
    verify(got, got.json(), expected, "GET after " + when);
    return got;
  }

  /** The member ids of a group resource. */
  static Set<String> memberIds(JsonNode group) {
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode member : Json.elements(Json.get(group, "members"))) {
      ids.add(Json.get(member, "value").asText());
    }
    return ids;
  }

  /** GETs the group and fails unless its members are exactly {@code expected}. */
  void expectMembers(ScimClient client, String groupId, Set<String> expected, String when) {
    Response group = read(client, "/Groups/" + groupId);
    Set<String> actual = memberIds(group.json());
    if (!actual.equals(expected)) {
      throw group.fail(when + ", members " + describe(expected), "members " + describe(actual));
    }
  }

  static String describe(Set<String> ids) {
    return ids.isEmpty() ? "[] (none)" : ids.toString();
  }
}
