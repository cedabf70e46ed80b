package dev.roster.scim.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of a load run as Markdown: one table of scenarios, latencies by kind, the large
 * group's timed requests, targets, what seeding took, and on PostgreSQL how each store's schema was
 * prepared and what statistics it had.
 */
final class Report {
  /** The most a create or full replace of the large group may take, in milliseconds. */
  static final double GROUP_LIMIT_MILLIS = 1_000;

  /**
   * One store's results.
   *
   * @param store the store's name, with the round's number after it when there are several
   * @param description where the server said it keeps users and groups
   * @param seeding what seeding took, or null (every round after the first)
   * @param rows the throughput scenarios' measurements, in run order
   * @param groups the group-10k step's requests, or null if it did not run (or in a later round)
   * @param statistics on PostgreSQL, how the schema was prepared and what statistics {@code
   *     scim_users} had after the run; null elsewhere (and in a later round)
   */
  record StoreResult(
      String store,
      String description,
      Seeder.Timing seeding,
      List<Measurement> rows,
      LargeGroupRun.Result groups,
      String statistics) {
    StoreResult {
      rows = List.copyOf(rows);
    }

    Measurement find(String scenario) {
      for (Measurement row : rows) {
        if (row.scenario().equals(scenario)) {
          return row;
        }
      }
      return null;
    }
  }

  private final List<StoreResult> stores = new ArrayList<>();

  void add(StoreResult store) {
    stores.add(store);
  }

  List<StoreResult> stores() {
    return List.copyOf(stores);
  }

  String markdown(String header, String footer) {
    StringBuilder out = new StringBuilder();
    out.append(header).append("\n\n");
    out.append(
        "| Store | Scenario | Requests/s | × bare | p50 ms | p99 ms | Errors | Bytes/answer |"
            + " Server CPU µs/req | Database CPU µs/req | Generator CPU µs/req |\n");
    out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (StoreResult store : stores) {
      Measurement bare = store.find(Scenarios.BARE);
      for (Measurement row : store.rows()) {
        out.append(
            format(
                "| %s | %s | %,.0f | %s | %.2f | %.2f | %d | %,.0f | %,.0f | %s | %,.0f |\n",
                store.store(),
                row.scenario(),
                row.perSecond(),
                bare == null ? "" : format("%.2f", row.perSecond() / bare.perSecond()),
                row.percentileMillis(50),
                row.percentileMillis(99),
                row.errors(),
                row.bytesPerResponse(),
                row.serverCpuMicros(),
                Double.isNaN(row.databaseCpuMicros())
                    ? ""
                    : format("%,.0f", row.databaseCpuMicros()),
                row.generatorCpuMicros()));
      }
    }
    out.append("\nBy kind of request (scenarios with more than one):\n\n");
    out.append("| Store | Scenario | Request | Count | Requests/s | p50 ms | p99 ms |\n");
    out.append("|---|---|---|--:|--:|--:|--:|\n");
    for (StoreResult store : stores) {
      for (Measurement row : store.rows()) {
        if (row.kinds().size() < 2) {
          continue;
        }
        for (int k = 0; k < row.kinds().size(); k++) {
          out.append(
              format(
                  "| %s | %s | %s | %,d | %,.0f | %.2f | %.2f |\n",
                  store.store(),
                  row.scenario(),
                  row.kinds().get(k),
                  row.requests(k),
                  row.requests(k) / row.seconds(),
                  row.percentileMillis(k, 50),
                  row.percentileMillis(k, 99)));
        }
      }
    }
    groupTable(out);
    out.append("\nTargets:\n\n");
    out.append("| Store | Target | Measured | |\n|---|---|---|---|\n");
    for (StoreResult store : stores) {
      targets(out, store);
    }
    out.append("\nSeeding (over HTTP, before the scenarios):\n\n");
    for (StoreResult store : stores) {
      if (store.seeding() != null) {
        out.append(
            format(
                "- %s (%s): %,d users in %.1f s (%,.0f creates/s); both groups' members in %.1f s\n",
                store.store(),
                store.description(),
                store.seeding().usersCreated(),
                store.seeding().usersSeconds(),
                store.seeding().usersCreated() / store.seeding().usersSeconds(),
                store.seeding().groupsSeconds()));
      }
    }
    if (stores.stream().anyMatch(s -> s.statistics() != null)) {
      out.append("\nPostgreSQL statistics:\n\n");
      for (StoreResult store : stores) {
        if (store.statistics() != null) {
          out.append("- ").append(store.store()).append(": ").append(store.statistics());
          out.append('\n');
        }
      }
    }
    List<String> errors = new ArrayList<>();
    for (StoreResult store : stores) {
      for (Measurement row : store.rows()) {
        for (String sample : row.errorSamples()) {
          errors.add(store.store() + " " + row.scenario() + ": " + sample);
        }
      }
      if (store.groups() != null) {
        for (LargeGroupRun.Timed timed : store.groups().requests()) {
          if (!timed.ok()) {
            errors.add(
                format(
                    "%s %s %s, round %d: %s",
                    store.store(),
                    Scenarios.GROUP_10K,
                    timed.kind(),
                    timed.round() + 1,
                    timed.error()));
          }
        }
      }
    }
    if (!errors.isEmpty()) {
      out.append("\nFirst errors:\n\n");
      errors.forEach(e -> out.append("- ").append(e.replace('\n', ' ')).append('\n'));
    }
    out.append('\n').append(footer).append('\n');
    return out.toString();
  }

  /** Every request of the group-10k step, a row per round, if any store ran it. */
  private void groupTable(StringBuilder out) {
    if (stores.stream().allMatch(s -> s.groups() == null)) {
      return;
    }
    out.append("\nThe large group (group-10k), one request at a time on one connection,");
    out.append(" wall time in ms (status):\n\n");
    out.append("| Store | Members | Round | Create | Full member replace | Delete |\n");
    out.append("|---|--:|--:|--:|--:|--:|\n");
    for (StoreResult store : stores) {
      LargeGroupRun.Result groups = store.groups();
      if (groups == null) {
        continue;
      }
      for (int round = 0; round < groups.rounds(); round++) {
        out.append(
            format(
                "| %s | %,d | %d | %s | %s | %s |\n",
                store.store(),
                groups.size(),
                round + 1,
                timedCell(groups, round, LargeGroupRun.CREATE),
                timedCell(groups, round, LargeGroupRun.REPLACE),
                timedCell(groups, round, LargeGroupRun.DELETE)));
      }
    }
  }

  private static String timedCell(LargeGroupRun.Result groups, int round, String kind) {
    for (LargeGroupRun.Timed timed : groups.of(kind)) {
      if (timed.round() == round) {
        return format("%,.0f (%d)", timed.millis(), timed.status());
      }
    }
    return "not sent";
  }

  private static void targets(StringBuilder out, StoreResult store) {
    Measurement bare = store.find(Scenarios.BARE);
    Measurement floor = store.find(Scenarios.FLOOR);
    Measurement get = store.find(Scenarios.GET);
    Measurement search = store.find(Scenarios.SEARCH);
    Measurement big = store.find(Scenarios.MEMBERS_BIG);
    Measurement small = store.find(Scenarios.MEMBERS_SMALL);
    Measurement entra = store.find(Scenarios.ENTRA);
    if (floor != null && get != null) {
      // On a database, the floor: the same primary-key SELECT through the same pool.
      double ratio = get.perSecond() / floor.perSecond();
      row(
          out,
          store,
          "GET by id ≥ 0.7 × the floor (primary-key SELECT through the same pool)",
          format(
              "GET %,.0f/s, floor %,.0f/s: %.2f × (p50 %.2f against %.2f ms)",
              get.perSecond(),
              floor.perSecond(),
              ratio,
              get.percentileMillis(50),
              floor.percentileMillis(50)),
          ratio >= 0.7);
      if (bare != null) {
        row(
            out,
            store,
            "GET by id against bare (the container without a store)",
            format(
                "GET %,.0f/s, bare %,.0f/s: %.2f ×",
                get.perSecond(), bare.perSecond(), get.perSecond() / bare.perSecond()),
            null);
      }
    } else if (bare != null && get != null) {
      // In memory (or without the floor measured): the container's ceiling.
      double ratio = get.perSecond() / bare.perSecond();
      row(
          out,
          store,
          "GET by id ≥ 0.7 × bare requests/s",
          format("%,.0f / %,.0f = %.2f ×", get.perSecond(), bare.perSecond(), ratio),
          ratio >= 0.7);
    }
    Measurement page = store.find(Scenarios.PAGE_FIRST);
    if (page == null) {
      page = store.find(Scenarios.PAGE);
    }
    if (page != null && get != null) {
      double ratio = page.perSecond() / get.perSecond();
      row(
          out,
          store,
          "page of 100 ≥ 0.25 × GET by id",
          format(
              "%s %,.0f/s, GET %,.0f/s: %.2f ×",
              page.scenario(), page.perSecond(), get.perSecond(), ratio),
          ratio >= 0.25);
    }
    if (get != null && search != null) {
      double ratio = get.perSecond() / search.perSecond();
      row(
          out,
          store,
          "`userName eq` within 1.2 × GET by id",
          format(
              "GET %,.0f/s, search %,.0f/s: %.2f × (p50 %.2f × )",
              get.perSecond(),
              search.perSecond(),
              ratio,
              search.percentileMillis(50) / get.percentileMillis(50)),
          ratio <= 1.2);
    }
    if (big != null && small != null) {
      double ratio = small.perSecond() / big.perSecond();
      row(
          out,
          store,
          "member add, 100,000-member group within 1.5 × 10-member group",
          format(
              "%,.0f/s against %,.0f/s: %.2f × (add p50 %.2f against %.2f ms: %.2f ×)",
              big.perSecond(),
              small.perSecond(),
              ratio,
              big.percentileMillis(0, 50),
              small.percentileMillis(0, 50),
              big.percentileMillis(0, 50) / small.percentileMillis(0, 50)),
          ratio <= 1.5);
    }
    paging(out, store, "index", store.find(Scenarios.PAGE_FIRST), store.find(Scenarios.PAGE_DEEP));
    paging(
        out,
        store,
        "cursor",
        store.find(Scenarios.CURSOR_FIRST),
        store.find(Scenarios.CURSOR_DEEP));
    if (entra != null) {
      row(
          out,
          store,
          "Entra sync mix far above 25 requests/s",
          format("%,.0f requests/s (%.0f × 25)", entra.perSecond(), entra.perSecond() / 25),
          entra.perSecond() >= 250);
    }
    LargeGroupRun.Result groups = store.groups();
    if (groups != null) {
      groupTarget(
          out,
          store,
          format("%,d-member group create ≤ 1 s, every run", groups.size()),
          groups,
          LargeGroupRun.CREATE);
      groupTarget(
          out,
          store,
          format(
              "full member replace of %,d (%,d kept) ≤ 1 s, every run",
              groups.size(), groups.kept()),
          groups,
          LargeGroupRun.REPLACE);
    }
  }

  /**
   * A target on every request of one kind of the group-10k step: met only if each round sent it and
   * each answered 2xx within {@link #GROUP_LIMIT_MILLIS}.
   */
  private static void groupTarget(
      StringBuilder out,
      StoreResult store,
      String target,
      LargeGroupRun.Result groups,
      String kind) {
    List<LargeGroupRun.Timed> timed = groups.of(kind);
    int notSent = groups.rounds() - timed.size();
    List<LargeGroupRun.Timed> failed = timed.stream().filter(t -> !t.ok()).toList();
    StringBuilder measured = new StringBuilder();
    if (timed.isEmpty()) {
      measured.append("none sent");
    } else {
      double[] sorted = groups.sortedMillis(kind);
      measured.append(
          format(
              "max %,.0f ms, median %,.0f ms; all: %s ms",
              sorted[sorted.length - 1],
              median(sorted),
              String.join(
                  ", ",
                  timed.stream()
                      .map(
                          t ->
                              t.ok()
                                  ? format("%,.0f", t.millis())
                                  : format("%,.0f (%d)", t.millis(), t.status()))
                      .toList())));
    }
    if (!failed.isEmpty()) {
      measured.append(
          format(
              "; %d of %d not 2xx, the first: %s",
              failed.size(), timed.size(), failed.get(0).error()));
    }
    if (notSent > 0) {
      measured.append(
          format("; %d of %d not sent (their create failed)", notSent, groups.rounds()));
    }
    boolean met =
        notSent == 0
            && failed.isEmpty()
            && timed.stream().allMatch(t -> t.millis() <= GROUP_LIMIT_MILLIS);
    row(out, store, target, measured.toString(), met);
  }

  /** The median of {@code sorted}, which is not empty. */
  static double median(double[] sorted) {
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /**
   * A page 99,900 users deep against the first page, by requests/s (what a page costs under load),
   * with the median latencies beside.
   */
  private static void paging(
      StringBuilder out, StoreResult store, String kind, Measurement first, Measurement deep) {
    if (first == null || deep == null) {
      return;
    }
    double ratio = first.perSecond() / deep.perSecond();
    row(
        out,
        store,
        kind + " paging: a deep page of 100 within 5 × the first page",
        format(
            "first %,.0f/s, deep %,.0f/s: %.2f × (p50 %.2f against %.2f ms)",
            first.perSecond(),
            deep.perSecond(),
            ratio,
            deep.percentileMillis(50),
            first.percentileMillis(50)),
        ratio <= 5);
  }

  /** A row of the targets table; {@code met} null for a row given for information only. */
  private static void row(
      StringBuilder out, StoreResult store, String target, String measured, Boolean met) {
    out.append(
        format(
            "| %s | %s | %s | %s |\n",
            store.store(),
            target,
            cell(measured),
            met == null ? "for information" : met ? "met" : "**missed**"));
  }

  /** {@code text} fit for a Markdown table cell: on one line, its pipes escaped. */
  private static String cell(String text) {
    return text.replace("\r", " ").replace("\n", " ").replace("|", "\\|");
  }

  private static String format(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }
}
