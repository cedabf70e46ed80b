package dev.roster.scim.benchmarks.load;

import dev.roster.scim.benchmarks.load.Scenario.Endpoint;
import dev.roster.scim.benchmarks.load.Scenario.Request;
import java.util.ArrayList;
import java.util.List;

/** The scenarios of a load run, in the order they run. */
final class Scenarios {
  static final String BARE = "bare";
  static final String GET = "get";
  static final String SEARCH = "search";
  static final String PAGE = "page";
  static final String MEMBERS_BIG = "member-100k";
  static final String MEMBERS_SMALL = "member-10";
  static final String ENTRA = "entra-sync";

  /** Every scenario's name, in run order. */
  static final List<String> ALL =
      List.of(BARE, GET, SEARCH, PAGE, MEMBERS_BIG, MEMBERS_SMALL, ENTRA);

  /** Users an Entra virtual user creates per cycle before it creates their group. */
  static final int ENTRA_USERS_PER_GROUP = 5;

  private Scenarios() {}

  /** The named scenarios against {@code scim} and {@code bare}, over {@code data}. */
  static List<Scenario> of(List<String> names, Endpoint scim, Endpoint bare, Dataset data) {
    List<Scenario> list = new ArrayList<>();
    for (String name : ALL) {
      if (!names.contains(name)) {
        continue;
      }
      switch (name) {
        case BARE -> list.add(bare(bare, data));
        case GET -> list.add(get(scim, data));
        case SEARCH -> list.add(search(scim, data));
        case PAGE -> list.add(page(scim, data));
        case MEMBERS_BIG ->
            list.add(members(MEMBERS_BIG, scim, data, data.bigGroupId(), data.users()));
        case MEMBERS_SMALL ->
            list.add(
                members(MEMBERS_SMALL, scim, data, data.smallGroupId(), data.smallGroupSize()));
        case ENTRA -> list.add(entra(scim, data));
        default -> throw new IllegalArgumentException(name);
      }
    }
    return list;
  }

  /** Where connection {@code i} of {@code n} starts in a list of {@code size}: spread evenly. */
  private static int start(int i, int n, int size) {
    return (int) ((long) size * i / n);
  }

  static Scenario bare(Endpoint bare, Dataset data) {
    return new Scenario(
        BARE,
        "`GET /bare/Users/{id}`: RFC 7643 §8.3's enterprise user, fixed bytes, same Jersey and Grizzly",
        bare,
        List.of("get"),
        (i, n) -> {
          String id = data.userIds().get(start(i, n, data.users()));
          Request request = new Request(0, "GET", "/Users/" + id, null);
          return () -> request;
        });
  }

  static Scenario get(Endpoint scim, Dataset data) {
    return new Scenario(
        GET,
        "`GET /Users/{id}`, each request the next of the " + data.users() + " users",
        scim,
        List.of("get"),
        (i, n) ->
            new Scenario.Session() {
              int next = start(i, n, data.users());

              @Override
              public Request next() {
                String id = data.userIds().get(next);
                next = next + 1 == data.users() ? 0 : next + 1;
                return new Request(0, "GET", "/Users/" + id, null);
              }
            });
  }

  static Scenario search(Endpoint scim, Dataset data) {
    return new Scenario(
        SEARCH,
        "`GET /Users?filter=userName eq \"...\"`: one match among " + data.users() + " users",
        scim,
        List.of("search"),
        (i, n) ->
            new Scenario.Session() {
              int next = start(i, n, data.users());

              @Override
              public Request next() {
                String userName = data.userNames().get(next);
                next = next + 1 == data.users() ? 0 : next + 1;
                return new Request(0, "GET", "/Users" + Bodies.userNameFilter(userName), null);
              }
            });
  }

  static Scenario page(Endpoint scim, Dataset data) {
    int pages = Math.max(1, data.users() / 100);
    return new Scenario(
        PAGE,
        "`GET /Users?startIndex=...&count=100`: the pages of the listing in turn",
        scim,
        List.of("page"),
        (i, n) ->
            new Scenario.Session() {
              int next = start(i, n, pages);

              @Override
              public Request next() {
                int startIndex = 1 + 100 * next;
                next = next + 1 == pages ? 0 : next + 1;
                return new Request(
                    0, "GET", "/Users?startIndex=" + startIndex + "&count=100", null);
              }
            });
  }

  /**
   * Entra's member add and remove, alternating, on one group: each connection adds one of its own
   * pool users, then removes them, so the group keeps its size.
   */
  static Scenario members(String name, Endpoint scim, Dataset data, String groupId, int size) {
    return new Scenario(
        name,
        "`PATCH /Groups/{id}` on a group of "
            + size
            + " members: Entra's add of one member, then its remove, in turn",
        scim,
        List.of("add", "remove"),
        (i, n) -> {
          int from = start(i, n, data.poolIds().size());
          int to = start(i + 1, n, data.poolIds().size());
          if (from == to) {
            throw new IllegalArgumentException(
                "The pool of " + data.poolIds().size() + " users is smaller than the connections");
          }
          List<String> mine = data.poolIds().subList(from, to);
          String path = "/Groups/" + groupId;
          return new Scenario.Session() {
            int step;

            @Override
            public Request next() {
              String member = mine.get((step / 2) % mine.size());
              boolean add = step % 2 == 0;
              step++;
              return add
                  ? new Request(0, "PATCH", path, Bodies.addMembers(List.of(member)))
                  : new Request(1, "PATCH", path, Bodies.removeMember(member));
            }
          };
        });
  }

  /**
   * Entra ID's initial sync, per virtual user and cycle: for each of {@link #ENTRA_USERS_PER_GROUP}
   * new users, a lookup by userName (no match), the create and the manager PATCH (the previous new
   * user, or a seeded user for the first); then a group lookup by displayName with members
   * excluded, the group's create and one member add per new user.
   */
  static Scenario entra(Endpoint scim, Dataset data) {
    List<String> kinds =
        List.of(
            "user lookup",
            "user create",
            "manager PATCH",
            "group lookup",
            "group create",
            "member add");
    int perCycle = 3 * ENTRA_USERS_PER_GROUP + 2 + ENTRA_USERS_PER_GROUP;
    return new Scenario(
        ENTRA,
        "Entra initial sync, "
            + perCycle
            + " requests a cycle: "
            + ENTRA_USERS_PER_GROUP
            + " × (user lookup, create, manager PATCH), group lookup, create, "
            + ENTRA_USERS_PER_GROUP
            + " member adds",
        scim,
        kinds,
        (i, n) ->
            new Scenario.Session() {
              final String[] created = new String[ENTRA_USERS_PER_GROUP];
              final String seededManager = data.userIds().get(start(i, n, data.users()));
              int cycle;
              int step;
              String group;

              String userName(int u) {
                return "e" + i + "-" + cycle + "-" + u + "." + data.tag() + "@example.com";
              }

              String groupName() {
                return "entra-" + i + "-" + cycle + "." + data.tag();
              }

              @Override
              public Request next() {
                int users = 3 * ENTRA_USERS_PER_GROUP;
                if (step < users) {
                  int u = step / 3;
                  return switch (step % 3) {
                    case 0 ->
                        new Request(0, "GET", "/Users" + Bodies.userNameFilter(userName(u)), null);
                    case 1 -> new Request(1, "POST", "/Users", Bodies.entraUser(userName(u)));
                    default ->
                        new Request(
                            2,
                            "PATCH",
                            "/Users/" + created[u],
                            Bodies.managerPatch(u == 0 ? seededManager : created[u - 1]));
                  };
                }
                if (step == users) {
                  return new Request(3, "GET", "/Groups" + Bodies.groupLookup(groupName()), null);
                }
                if (step == users + 1) {
                  return new Request(4, "POST", "/Groups", Bodies.entraGroup(groupName()));
                }
                String member = created[step - users - 2];
                return new Request(
                    5, "PATCH", "/Groups/" + group, Bodies.addMembers(List.of(member)));
              }

              @Override
              public void answered(
                  Request request, HttpConnection.Answer answer, HttpConnection connection) {
                if (!answer.ok()) {
                  restart(); // a later step would need what this one failed to create
                  return;
                }
                if (request.kind() == 1) {
                  created[step / 3] = Bodies.id(connection.body());
                } else if (request.kind() == 4) {
                  group = Bodies.id(connection.body());
                }
                step++;
                if (step == perCycle) {
                  restart();
                }
              }

              @Override
              public void failed(Request request) {
                restart();
              }

              private void restart() {
                cycle++;
                step = 0;
              }
            });
  }
}
