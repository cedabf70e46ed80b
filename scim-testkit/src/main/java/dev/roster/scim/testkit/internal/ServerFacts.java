package dev.roster.scim.testkit.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.List;

/**
 * What the server advertises (RFC 7644 §4): read once per run, on first use, from {@code
 * /ServiceProviderConfig}, {@code /ResourceTypes} and {@code /Schemas}, so that checks for
 * features, resource types and attributes a server does not offer are skipped rather than failed.
 */
final class ServerFacts {
  private final ScimClient client;
  private boolean loaded;
  private JsonNode serviceProviderConfig = MissingNode.getInstance();
  private List<JsonNode> resourceTypes;
  private boolean groups;
  private String noGroupsReason;
  private Declarations declarations;

  ServerFacts(ScimClient client) {
    this.client = client;
  }

  private synchronized void load() {
    if (loaded) {
      return;
    }
    loaded = true;
    Response spc = client.get("/ServiceProviderConfig");
    if (spc.status() == 200 && spc.isJson() && spc.json().isObject()) {
      serviceProviderConfig = spc.json();
    }
    Response types = client.get("/ResourceTypes");
    if (types.status() == 200 && types.isJson()) {
      resourceTypes = Json.elements(Json.get(types.json(), "Resources"));
    }
    Response schemas = client.get("/Schemas");
    if (resourceTypes != null && schemas.status() == 200 && schemas.isJson()) {
      declarations =
          new Declarations(Json.elements(Json.get(schemas.json(), "Resources")), resourceTypes);
    }
    if (types.status() == 401 || types.status() == 403) {
      // Credentials refused: assume groups, so that group checks fail and show it.
      groups = true;
    } else if (resourceTypes != null) {
      for (JsonNode type : resourceTypes) {
        if (Json.get(type, "endpoint").asText().equalsIgnoreCase("/Groups")
            || Json.get(type, "name").asText().equalsIgnoreCase("Group")) {
          groups = true;
        }
      }
      noGroupsReason = "/ResourceTypes lists no Group resource type";
    } else {
      Response probe = client.get("/Groups?count=1");
      groups = probe.status() != 404 && probe.status() != 405 && probe.status() != 501;
      noGroupsReason =
          "/ResourceTypes is not served and GET /Groups?count=1 answered " + probe.summary();
    }
  }

  boolean hasGroups() {
    load();
    return groups;
  }

  String noGroupsReason() {
    load();
    return noGroupsReason;
  }

  /**
   * Why the server does not declare the attribute {@code path} of the resource type with core
   * schema {@code coreUrn}, or null when it does or when it serves no {@code /Schemas} and {@code
   * /ResourceTypes} to tell (then the profile alone decides what is written).
   */
  String undeclared(String coreUrn, String path) {
    load();
    return declarations == null ? null : declarations.undeclared(coreUrn, path);
  }

  /** Whether the server serves {@code /Schemas} and {@code /ResourceTypes} that can be read. */
  boolean declaresSchemas() {
    load();
    return declarations != null;
  }

  /** {@code /ServiceProviderConfig}, or {@link MissingNode} when the server serves none. */
  JsonNode serviceProviderConfig() {
    load();
    return serviceProviderConfig;
  }

  /** The {@code supported} flag of a feature, or null when not advertised. */
  Boolean supports(String feature) {
    JsonNode flag = Json.get(Json.get(serviceProviderConfig(), feature), "supported");
    return flag.isBoolean() ? flag.booleanValue() : null;
  }
}
