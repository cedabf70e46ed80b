package dev.roster.scim.testkit.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * Removes what a check created, newest first, whether the check passed or not. A user the server
 * will not delete (Okta never deletes users, so some servers offer no DELETE) is deactivated
 * instead and reported.
 */
final class Cleanup {
  private Cleanup() {}

  /**
   * Deletes every resource in {@code created} with {@code client}, sending the credentials each
   * resource was created with; returns notes about what could not be removed.
   */
  static List<String> run(List<Recorder.Created> created, ScimClient cleaner) {
    List<String> notes = new ArrayList<>();
    for (int i = created.size() - 1; i >= 0; i--) {
      Recorder.Created resource = created.get(i);
      ScimClient client = cleaner.withCredentialsOf(resource.creator());
      List<String> ids = new ArrayList<>();
      if (resource.id() != null) {
        ids.add(resource.id());
      } else if (resource.name() != null) {
        ids.addAll(find(client, resource));
        if (ids.isEmpty()) {
          notes.add(
              "Cleanup: could not find the "
                  + kind(resource)
                  + " '"
                  + resource.name()
                  + "' (its POST returned no id), so it is left on the server");
        }
      }
      for (String id : ids) {
        delete(client, resource, id, notes);
      }
    }
    return notes;
  }

  private static void delete(
      ScimClient client, Recorder.Created resource, String id, List<String> notes) {
    String path = resource.endpoint() + "/" + id;
    Response deleted = client.delete(path);
    if (deleted.status() >= 200 && deleted.status() < 300 || deleted.status() == 404) {
      return;
    }
    if (resource.endpoint().equalsIgnoreCase("/Users")) {
      Response deactivated =
          client.patch(path, Json.patch(Json.op("replace", null, Json.object("active", false))));
      boolean done = deactivated.status() == 200 || deactivated.status() == 204;
      notes.add(
          "Cleanup: DELETE "
              + path
              + " answered "
              + deleted.summary()
              + (done
                  ? ", so the user was deactivated instead and is left on the server"
                  : ", and deactivating it answered "
                      + deactivated.summary()
                      + ", so it is left on the server as it is"));
    } else {
      notes.add(
          "Cleanup: DELETE "
              + path
              + " answered "
              + deleted.summary()
              + ", so the "
              + kind(resource)
              + " is left on the server");
    }
  }

  private static List<String> find(ScimClient client, Recorder.Created resource) {
    boolean users = resource.endpoint().equalsIgnoreCase("/Users");
    String filter = (users ? "userName" : "displayName") + " eq " + Query.literal(resource.name());
    Response found = client.get(resource.endpoint() + "?filter=" + Query.form(filter));
    List<String> ids = new ArrayList<>();
    if (found.status() == 200 && found.isJson()) {
      for (var item : Json.elements(Json.get(found.json(), "Resources"))) {
        if (item.path("id").isTextual()) {
          ids.add(item.path("id").textValue());
        }
      }
    }
    return ids;
  }

  private static String kind(Recorder.Created resource) {
    return resource.endpoint().equalsIgnoreCase("/Users") ? "user" : "group";
  }
}
