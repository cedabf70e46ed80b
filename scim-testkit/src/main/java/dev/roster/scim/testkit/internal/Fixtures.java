package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.roster.scim.testkit.Profile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The attributes each profile writes, as attribute paths (the identity providers' mapping targets)
 * to values, and the request bodies each client builds from them. Of a profile's attributes, only
 * those the server declares are written (all of them when it serves no {@code /Schemas} to tell):
 * an identity provider maps only declared attributes.
 */
final class Fixtures {
  static final String WORK_EMAIL = "emails[type eq \"work\"].value";
  static final String MOBILE = "phoneNumbers[type eq \"mobile\"].value";
  static final String LOCALITY = "addresses[type eq \"work\"].locality";
  static final String COUNTRY = "addresses[type eq \"work\"].country";
  static final String REGION = "addresses[type eq \"work\"].region";
  static final String DEPARTMENT = Json.ENTERPRISE + ":department";
  static final String MANAGER = Json.ENTERPRISE + ":manager";

  private final Profile profile;
  private final String customAttribute;
  private final ServerFacts server;

  Fixtures(Profile profile, String customAttribute, ServerFacts server) {
    this.profile = profile;
    this.customAttribute = customAttribute;
    this.server = server;
  }

  /**
   * Whether checks write the user attribute {@code path}: the profile maps it and the server
   * declares it.
   */
  boolean writes(String path) {
    return profileMaps(path) && server.undeclared(Json.USER, path) == null;
  }

  /** The profile's user attributes that the server does not declare, each with the reason. */
  List<String> leftOut() {
    List<String> out = new ArrayList<>();
    List<String> paths = new ArrayList<>(profileUser("a@b").keySet());
    paths.add(MANAGER);
    for (String path : paths) {
      String reason = profileMaps(path) ? server.undeclared(Json.USER, path) : null;
      if (reason != null) {
        out.add(path + " (" + reason + ")");
      }
    }
    return out;
  }

  private boolean profileMaps(String path) {
    return path.equals(MANAGER) ? full() : profileUser("a@b").containsKey(path);
  }

  Profile profile() {
    return profile;
  }

  boolean full() {
    return profile == Profile.FULL;
  }

  /**
   * The attributes a user is created with: the profile's that the server declares, {@code userName}
   * first.
   */
  Map<String, Object> user(String userName) {
    return declared(profileUser(userName));
  }

  /** The attributes the profile maps for a user, whether the server declares them or not. */
  Map<String, Object> profileUser(String userName) {
    Map<String, Object> user = new LinkedHashMap<>();
    user.put("userName", userName);
    user.put("active", true);
    user.put("externalId", UUID.randomUUID().toString());
    user.put("name.givenName", "Ada");
    user.put("name.familyName", "Lovelace");
    user.put(WORK_EMAIL, localPart(userName) + "@work.example");
    if (profile != Profile.USERS) {
      user.put(MOBILE, phone());
    }
    if (full()) {
      user.put("title", "Analyst");
      user.put("name.formatted", "Ada Lovelace");
      user.put(LOCALITY, "London");
      user.put(COUNTRY, "GB");
      user.put(REGION, "Greater London");
      user.put(DEPARTMENT, "Analytical Engines");
      user.put(customAttribute, "2026-09-01");
    }
    return user;
  }

  /**
   * New values for every attribute of the profile that an update changes (all but {@code userName}
   * and {@code active}, which have checks of their own).
   */
  Map<String, Object> changes(String userName) {
    return declared(profileChanges(userName));
  }

  private Map<String, Object> profileChanges(String userName) {
    Map<String, Object> changes = new LinkedHashMap<>();
    changes.put(WORK_EMAIL, "changed." + localPart(userName) + "@work.example");
    changes.put("name.givenName", "Augusta");
    changes.put("name.familyName", "King");
    changes.put("externalId", UUID.randomUUID().toString());
    if (profile != Profile.USERS) {
      changes.put(MOBILE, phone());
    }
    if (full()) {
      changes.put("title", "Countess");
      changes.put("name.formatted", "Augusta King");
      changes.put(LOCALITY, "Ockham");
      changes.put(COUNTRY, "IE");
      changes.put(REGION, "Surrey");
      changes.put(DEPARTMENT, "Difference Engines");
      changes.put(customAttribute, "2027-01-15");
    }
    return changes;
  }

  /**
   * A POST body as Entra sends it (entra-traffic.md §1.2.2): both user schemas listed, {@code
   * meta.resourceType}, {@code roles: []}, the work email primary, and a custom extension's
   * attributes under its URN without the URN in {@code schemas} (§4.3).
   */
  ObjectNode entraUser(Map<String, Object> attributes) {
    ObjectNode body = Json.object();
    body.set("schemas", Json.array(Json.USER, Json.ENTERPRISE));
    write(body, attributes);
    body.set("meta", Json.object("resourceType", "User"));
    body.set("roles", Json.array());
    return body;
  }

  /** A POST body as an RFC 7643 client writes it: {@code schemas} lists each extension used. */
  ObjectNode scimUser(Map<String, Object> attributes) {
    ObjectNode body = Json.object();
    ArrayNode schemas = body.putArray("schemas");
    schemas.add(Json.USER);
    write(body, attributes);
    for (String urn : extensionsUsed(attributes)) {
      schemas.add(urn);
    }
    return body;
  }

  /**
   * A POST body as Okta sends it (okta-traffic.md §1.4): {@code displayName}, {@code locale},
   * Okta's own user id as {@code externalId}, {@code groups: []} and a placeholder password.
   */
  ObjectNode oktaUser(Map<String, Object> attributes) {
    ObjectNode body = scimUser(attributes);
    body.put("displayName", "Ada Lovelace");
    body.put("locale", "en-US");
    body.set("groups", Json.array());
    body.put(
        "password",
        "Rk" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36) + "^&");
    return body;
  }

  /** Okta's id for a user, which Okta sends as {@code externalId}: {@code 00u} + 17 characters. */
  static String oktaUserId() {
    String id = UUID.randomUUID().toString().replace("-", "");
    return "00u" + id.substring(0, 17);
  }

  /** A group as Entra creates it (entra-traffic.md §1.6.2), with the ADSCIM schema URI. */
  ObjectNode entraGroup(String displayName) {
    ObjectNode body = Json.object();
    body.set(
        "schemas",
        Json.array(
            Json.GROUP,
            "http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/2.0/Group"));
    body.put("externalId", UUID.randomUUID().toString());
    body.put("displayName", displayName);
    body.set("meta", Json.object("resourceType", "Group"));
    return body;
  }

  /** A group with members given by id, each with a {@code display} (Okta, RFC 7643 §4.2). */
  ObjectNode group(String displayName, List<String> memberIds) {
    ObjectNode body = Json.object();
    body.set("schemas", Json.array(Json.GROUP));
    body.put("displayName", displayName);
    if (profile != Profile.USERS) {
      body.put("externalId", UUID.randomUUID().toString());
    }
    ArrayNode members = body.putArray("members");
    for (String id : memberIds) {
      members.add(Json.member(id));
    }
    return body;
  }

  /** {@code attributes} without those the server does not declare; {@code userName} stays. */
  private Map<String, Object> declared(Map<String, Object> attributes) {
    attributes
        .keySet()
        .removeIf(path -> !path.equals("userName") && server.undeclared(Json.USER, path) != null);
    return attributes;
  }

  /** Writes each path's value into {@code body}; a work email is the primary one. */
  static void write(ObjectNode body, Map<String, Object> attributes) {
    attributes.forEach((path, value) -> Paths.write(body, path, Json.value(value)));
    for (JsonNode email : Json.elements(Json.get(body, "emails"))) {
      if (email.isObject() && Json.get(email, "type").asText().equals("work")) {
        ((ObjectNode) email).put("primary", true);
      }
    }
  }

  /** The extension schema URNs among the paths of {@code attributes}. */
  static List<String> extensionsUsed(Map<String, Object> attributes) {
    List<String> urns = new ArrayList<>();
    for (String path : attributes.keySet()) {
      String urn = Paths.urnOf(path);
      if (urn != null && urns.stream().noneMatch(urn::equalsIgnoreCase)) {
        urns.add(urn);
      }
    }
    return urns;
  }

  private static String localPart(String userName) {
    int at = userName.indexOf('@');
    return (at < 0 ? userName : userName.substring(0, at)).toLowerCase(Locale.ROOT);
  }

  private static String phone() {
    return "+44 7700 900" + String.format("%03d", ThreadLocalRandom.current().nextInt(1000));
  }
}
