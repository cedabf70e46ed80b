package dev.roster.scim.benchmarks.load;

import com.fasterxml.jackson.databind.JsonNode;
import dev.roster.scim.benchmarks.load.Scenario.Endpoint;
import dev.roster.scim.benchmarks.load.Scenario.Request;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The scenarios of a load run, in the order they run. */
final class Scenarios {
  static final String BARE = "bare";
  static final String FLOOR = "floor";
  static final String GET = "get";
  static final String SEARCH = "search";
  static final String PAGE = "page";
  static final String PAGE_FIRST = "page-first";
  static final String PAGE_DEEP = "page-deep";
  static final String CURSOR_FIRST = "cursor-first";
  static final String CURSOR_DEEP = "cursor-deep";
  static final String MEMBERS_BIG = "member-100k";
  static final String MEMBERS_SMALL = "member-10";
  static final String ENTRA = "entra-sync";

  /**
   * Not a throughput scenario: a timed sequence of 10,000-member group creates, full member
   * replaces and deletes on one connection, which {@link LoadRun} runs after the others ({@link
   * LargeGroupRun}).
   */
  static final String GROUP_10K = "group-10k";

  /** Every scenario's name, in run order. */
  static final List<String> ALL =
      List.of(
          BARE,
          FLOOR,
          GET,
          SEARCH,
          PAGE,
          PAGE_FIRST,
          PAGE_DEEP,
          CURSOR_FIRST,
          CURSOR_DEEP,
          MEMBERS_BIG,
          MEMBERS_SMALL,
          ENTRA,
          GROUP_10K);

  /** Users on a page of the paging scenarios. */
  static final int PAGE_SIZE = 100;

  /** Users an Entra virtual user creates per cycle before it creates their group. */
  static final int ENTRA_USERS_PER_GROUP = 5;

  private Scenarios() {}

  /**
   * The named scenarios against {@code scim}, {@code bare} and {@code floor}, over {@code data}.
   * Without a floor endpoint ({@code floor} null: the store is in memory) the floor scenario is
   * left out.
   */
  static List<Scenario> of(
      List<String> names, Endpoint scim, Endpoint bare, Endpoint floor, Dataset data) {
    List<Scenario> list = new ArrayList<>();
    for (String name : ALL) {
      if (!names.contains(name)) {
        continue;
      }
      switch (name) {
        case BARE -> list.add(bare(bare, data));
        case FLOOR -> {
          if (floor != null) {
            list.add(floor(floor, data));
          }
        }
        case GET -> list.add(get(scim, data));
        case SEARCH -> list.add(search(scim, data));
        case PAGE -> list.add(page(scim, data));
        case PAGE_FIRST -> list.add(indexPages(PAGE_FIRST, scim, 0));
        case PAGE_DEEP -> list.add(indexPages(PAGE_DEEP, scim, deepStart(data)));
        case CURSOR_FIRST -> list.add(cursorPages(CURSOR_FIRST, scim, 0));
        case CURSOR_DEEP -> list.add(cursorPages(CURSOR_DEEP, scim, deepStart(data)));
        case MEMBERS_BIG ->
            list.add(members(MEMBERS_BIG, scim, data, data.bigGroupId(), data.users()));
        case MEMBERS_SMALL ->
            list.add(
                members(MEMBERS_SMALL, scim, data, data.smallGroupId(), data.smallGroupSize()));
        case ENTRA -> list.add(entra(scim, data));
        case GROUP_10K -> {
          // timed on its own, after the throughput scenarios: LargeGroupRun
        }
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
        walk(data));
  }

  /**
   * {@code GET /floor/Users/{id}} with the same walk through the users as {@link #get}: the
   * primary-key SELECT of {@code scim_users} through the store's pool ({@link FloorResource}).
   */
  static Scenario floor(Endpoint floor, Dataset data) {
    return new Scenario(
        FLOOR,
        "`GET /floor/Users/{id}`: the primary-key SELECT of scim_users through the store's pool,"
            + " the floor for a database-backed GET",
        floor,
        List.of("get"),
        walk(data));
  }

  /** {@code GET /Users/{id}}, each request the next user, each connection starting elsewhere. */
  private static Scenario.SessionFactory walk(Dataset data) {
    return (i, n) ->
        new Scenario.Session() {
          int next = start(i, n, data.users());

          @Override
          public Request next() {
            String id = data.userIds().get(next);
            next = next + 1 == data.users() ? 0 : next + 1;
            return new Request(0, "GET", "/Users/" + id, null);
          }
        };
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
    int pages = Math.max(1, data.users() / PAGE_SIZE);
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

  /** Pages a paging scenario cycles through, each starting one user after the previous one. */
  static final int PAGE_STARTS = 100;

  /**
   * The first of the {@link #PAGE_STARTS} page starts of the deep paging scenarios, as a 0-based
   * position: 99,801 among 100,000 users, so that the deepest page, at 99,900, is the last full
   * page of the seeded users (the pool users and anything created later come after them in creation
   * order).
   */
  static int deepStart(Dataset data) {
    return Math.max(0, data.users() - PAGE_SIZE - PAGE_STARTS + 1);
  }

  /**
   * Index-paged pages of {@link #PAGE_SIZE} users starting at {@code first} (0-based) and the
   * {@link #PAGE_STARTS} - 1 positions after it, in turn: every request a query of its own, so that
   * no database answers it from a cache of the previous identical query's result (H2 reuses a
   * statement's last result while the table is unchanged).
   */
  static Scenario indexPages(String name, Endpoint scim, int first) {
    return new Scenario(
        name,
        "`GET /Users?startIndex=...&count="
            + PAGE_SIZE
            + "`, startIndex from "
            + (first + 1)
            + " to "
            + (first + PAGE_STARTS)
            + " in turn",
        scim,
        List.of("page"),
        (i, n) ->
            new Scenario.Session() {
              int next = start(i, n, PAGE_STARTS);

              @Override
              public Request next() {
                int startIndex = first + 1 + next;
                next = next + 1 == PAGE_STARTS ? 0 : next + 1;
                return new Request(
                    0, "GET", "/Users?startIndex=" + startIndex + "&count=" + PAGE_SIZE, null);
              }
            });
  }

  /**
   * Cursor-paged pages (RFC 9865) of {@link #PAGE_SIZE} users after the first {@code first}, and
   * after each of the {@link #PAGE_STARTS} - 1 positions that follow, in turn, like {@link
   * #indexPages}. The cursors are found by walking the listing when the scenario starts, so that
   * they are fresh (a cursor expires).
   */
  static Scenario cursorPages(String name, Endpoint scim, int first) {
    Supplier<List<String>> cursors = once(() -> cursors(scim, first, PAGE_STARTS));
    return new Scenario(
        name,
        "`GET /Users?cursor=...&count="
            + PAGE_SIZE
            + "`, the pages after the first "
            + first
            + " to "
            + (first + PAGE_STARTS - 1)
            + " users in turn",
        scim,
        List.of("page"),
        (i, n) -> {
          List<String> mine = cursors.get();
          return new Scenario.Session() {
            int next = start(i, n, PAGE_STARTS);

            @Override
            public Request next() {
              String cursor = mine.get(next);
              next = next + 1 == PAGE_STARTS ? 0 : next + 1;
              return new Request(
                  0,
                  "GET",
                  "/Users?cursor="
                      + URLEncoder.encode(cursor, StandardCharsets.UTF_8)
                      + "&count="
                      + PAGE_SIZE,
                  null);
            }
          };
        });
  }

  /** {@code supplier}'s value, asked for once, the first time it is needed. */
  private static <T> Supplier<T> once(Supplier<T> supplier) {
    Object lock = new Object();
    List<T> value = new ArrayList<>(1);
    return () -> {
      synchronized (lock) {
        if (value.isEmpty()) {
          value.add(supplier.get());
        }
        return value.get(0);
      }
    };
  }

  /**
   * The cursors after the first {@code first}, {@code first + 1}, ... users of the listing ({@code
   * n} of them; after none it is the empty cursor, which asks for the first page), found by walking
   * the listing with cursors: pages of up to 1,000 users to {@code first}, then one user a page.
   */
  static List<String> cursors(Endpoint scim, int first, int n) {
    List<String> cursors = new ArrayList<>(n);
    try (HttpConnection connection = new HttpConnection(scim.host(), scim.port())) {
      String cursor = "";
      int walked = 0;
      while (cursors.size() < n) {
        if (walked >= first) {
          cursors.add(cursor);
          if (cursors.size() == n) {
            break;
          }
        }
        int count = walked < first ? Math.min(1_000, first - walked) : 1;
        String target =
            scim.basePath()
                + "/Users?attributes=id&count="
                + count
                + "&cursor="
                + URLEncoder.encode(cursor, StandardCharsets.UTF_8);
        HttpConnection.Answer answer = connection.send("GET", target, scim.token(), null);
        JsonNode page = Bodies.MAPPER.readTree(connection.body());
        int read = page.path("Resources").size();
        if (!answer.ok() || read == 0 || !page.path("nextCursor").isTextual()) {
          throw new IllegalStateException(
              "Walking the listing with cursors stopped after "
                  + walked
                  + " users: "
                  + answer.status()
                  + " "
                  + connection.body());
        }
        walked += read;
        cursor = page.get("nextCursor").asText();
      }
      return cursors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
