package dev.roster.scim.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The load run: for each store (in memory, H2, PostgreSQL when given), starts {@link LoadServer} in
 * a JVM of its own, seeds it over HTTP, runs every throughput scenario for a bounded time with the
 * same load generator, then the timed sequence of 10,000-member group writes ({@link
 * LargeGroupRun}), and prints the results, also written as Markdown to {@code --out}.
 *
 * <p>On a database the server also serves the floor ({@link FloorResource}: the primary-key SELECT
 * through the store's own pool), which the GET by id is held against; in memory there is no floor
 * and that scenario is left out.
 *
 * <p>PostgreSQL is the database of {@code ROSTER_LOAD_JDBC_URL}, as three stores: {@code postgres}
 * takes it as it is, in whatever state it is; {@code postgres-fresh} and {@code postgres-analyzed}
 * each get a schema of their own ({@value PostgresSchema#FRESH}, {@value PostgresSchema#ANALYZED}),
 * dropped and created empty before the server starts, which the server gets as {@code
 * currentSchema} and migrates. In {@code postgres-fresh} autovacuum is turned off on every table
 * once the migrations have created them, before seeding, so that the planner sees a freshly loaded
 * database without statistics; in {@code postgres-analyzed} every table is analyzed after seeding,
 * before the scenarios. The report says what statistics {@code scim_users} had after the run.
 *
 * <pre>
 * java -cp roster-benchmarks.jar dev.roster.scim.benchmarks.load.LoadRun [options]
 * </pre>
 *
 * Run with {@code --help} for the options.
 */
public final class LoadRun {
  /** The stores the run knows, in the order {@code --help} lists them. */
  static final List<String> STORES =
      List.of("memory", "h2", "postgres", "postgres-fresh", "postgres-analyzed");

  static final String USAGE =
      String.join(
          "\n",
          "Usage: java -cp roster-benchmarks.jar dev.roster.scim.benchmarks.load.LoadRun [options]",
          "",
          "  --stores LIST         of " + String.join(",", STORES),
          "                        (default: memory,h2, and postgres when ROSTER_LOAD_JDBC_URL is",
          "                        set; its user and password come from ROSTER_LOAD_JDBC_USER and",
          "                        ROSTER_LOAD_JDBC_PASSWORD). postgres is that database as it is;",
          "                        postgres-fresh and postgres-analyzed drop and create a schema of",
          "                        their own in it ("
              + PostgresSchema.FRESH
              + ", "
              + PostgresSchema.ANALYZED
              + ")",
          "                        and give the server currentSchema: postgres-fresh with",
          "                        autovacuum off on every table before seeding (no statistics),",
          "                        postgres-analyzed with ANALYZE after seeding",
          "  --scenarios LIST      of " + String.join(",", Scenarios.ALL) + " (default: all;",
          "                        floor only on a database; group-10k runs after the others)",
          "  --users N             users stored and addressed (default 100000)",
          "  --pool N              further users the member scenarios add and remove (default 1000)",
          "  --connections N       connections, one thread each (default 32)",
          "  --seed-connections N  connections seeding uses (default 8)",
          "  --warmup SECONDS      per scenario (default 5)",
          "  --measure SECONDS     per scenario (default 10)",
          "  --rounds N            run the scenarios N times in turn after one seeding, each round",
          "                        reported on its own, to see how much the ratios vary (default 1)",
          "  --group-rounds N      group-10k: create, full member replace and delete, N times on",
          "                        one connection, each request timed (default "
              + LargeGroupRun.DEFAULT_ROUNDS
              + ")",
          "  --group-size N        group-10k: members of each group created; the replace keeps",
          "                        half and adds as many others, so --users must be at least",
          "                        1.5 times it (default " + LargeGroupRun.DEFAULT_SIZE + ")",
          "  --server-jvm OPTIONS  the server JVM's options, space-separated (default -Xms2g -Xmx2g)",
          "  --jfr DIR             record the server with JFR (settings=profile) during each",
          "                        scenario's measured interval, one file per store and scenario",
          "  --out FILE            the Markdown results (default benchmarks/target/load-results.md)",
          "");

  private LoadRun() {}

  /** What to run. */
  record Settings(
      List<String> stores,
      List<String> scenarios,
      int users,
      int pool,
      int smallGroup,
      int connections,
      int seedConnections,
      Duration warmup,
      Duration measure,
      int rounds,
      int groupRounds,
      int groupSize,
      List<String> serverJvm,
      Path jfr,
      Path out,
      String jdbcUrl,
      String jdbcUser,
      String jdbcPassword) {

    static Settings parse(String[] args, Map<String, String> env) {
      String jdbcUrl = env.get("ROSTER_LOAD_JDBC_URL");
      List<String> stores =
          jdbcUrl == null ? List.of("memory", "h2") : List.of("memory", "h2", "postgres");
      List<String> scenarios = Scenarios.ALL;
      int users = 100_000;
      int pool = 1_000;
      int connections = 32;
      int seedConnections = 8;
      Duration warmup = Duration.ofSeconds(5);
      Duration measure = Duration.ofSeconds(10);
      int rounds = 1;
      int groupRounds = LargeGroupRun.DEFAULT_ROUNDS;
      int groupSize = LargeGroupRun.DEFAULT_SIZE;
      List<String> serverJvm = List.of("-Xms2g", "-Xmx2g");
      Path jfr = null;
      Path out = Path.of("benchmarks", "target", "load-results.md");
      for (int i = 0; i < args.length; i++) {
        String name = args[i];
        if (name.equals("--help")) {
          throw new IllegalArgumentException(USAGE);
        }
        if (i + 1 >= args.length) {
          throw new IllegalArgumentException(name + " needs a value\n\n" + USAGE);
        }
        String value = args[++i];
        switch (name) {
          case "--stores" -> stores = list(value, STORES);
          case "--scenarios" -> scenarios = list(value, Scenarios.ALL);
          case "--users" -> users = Integer.parseInt(value);
          case "--pool" -> pool = Integer.parseInt(value);
          case "--connections" -> connections = Integer.parseInt(value);
          case "--seed-connections" -> seedConnections = Integer.parseInt(value);
          case "--warmup" -> warmup = seconds(value);
          case "--measure" -> measure = seconds(value);
          case "--rounds" -> rounds = Integer.parseInt(value);
          case "--group-rounds" -> groupRounds = Integer.parseInt(value);
          case "--group-size" -> groupSize = Integer.parseInt(value);
          case "--server-jvm" -> serverJvm = Arrays.asList(value.trim().split("\\s+"));
          case "--jfr" -> jfr = Path.of(value);
          case "--out" -> out = Path.of(value);
          default -> throw new IllegalArgumentException("Unknown option " + name + "\n\n" + USAGE);
        }
      }
      for (String store : stores) {
        if (store.startsWith("postgres") && jdbcUrl == null) {
          throw new IllegalArgumentException("--stores " + store + " needs ROSTER_LOAD_JDBC_URL");
        }
        String schema = PostgresSchema.of(store);
        if (schema != null) {
          PostgresSchema.withSchema(jdbcUrl, schema); // refuses a URL with a schema of its own
        }
      }
      if (pool < connections) {
        throw new IllegalArgumentException("--pool must be at least --connections");
      }
      if (groupRounds < 1 || groupSize < 2) {
        throw new IllegalArgumentException(
            "--group-rounds must be at least 1 and --group-size at least 2");
      }
      if (scenarios.contains(Scenarios.GROUP_10K) && users < groupSize + groupSize / 2) {
        throw new IllegalArgumentException(
            "group-10k needs --users of at least 1.5 × --group-size ("
                + (groupSize + groupSize / 2)
                + "): its replace adds half as many users again as the create's");
      }
      return new Settings(
          stores,
          scenarios,
          users,
          pool,
          Math.min(10, users),
          connections,
          seedConnections,
          warmup,
          measure,
          rounds,
          groupRounds,
          groupSize,
          serverJvm,
          jfr,
          out,
          jdbcUrl,
          env.get("ROSTER_LOAD_JDBC_USER"),
          env.get("ROSTER_LOAD_JDBC_PASSWORD"));
    }

    private static List<String> list(String value, List<String> known) {
      List<String> list = Arrays.asList(value.split(","));
      for (String item : list) {
        if (!known.contains(item)) {
          throw new IllegalArgumentException("'" + item + "' is not one of " + known);
        }
      }
      return list;
    }

    private static Duration seconds(String value) {
      return Duration.ofMillis(Math.round(Double.parseDouble(value) * 1000));
    }
  }

  /** Runs everything {@code args} asks for; exits 1 if a request failed, 2 on bad options. */
  public static void main(String[] args) throws Exception {
    Settings settings;
    try {
      settings = Settings.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(args.length == 1 && args[0].equals("--help") ? 0 : 2);
      return;
    }
    Report report = run(settings, System.out);
    long errors =
        report.stores().stream()
            .mapToLong(
                s ->
                    s.rows().stream().mapToLong(Measurement::errors).sum()
                        + (s.groups() == null ? 0 : s.groups().errors()))
            .sum();
    if (errors > 0) {
      System.err.println(errors + " requests failed; see the report");
      System.exit(1);
    }
  }

  /**
   * The quickstart options that put the load server on {@code store}: {@code memory}, {@code h2}
   * (in {@code dataDir}), {@code postgres} (at {@code jdbcUrl} as {@code jdbcUser}, which may be
   * null), or {@code postgres-fresh} and {@code postgres-analyzed} (the same with their own schema
   * as {@code currentSchema}).
   */
  static List<String> serverOptions(String store, Path dataDir, String jdbcUrl, String jdbcUser) {
    List<String> options = new ArrayList<>();
    switch (store) {
      case "memory" -> options.addAll(List.of("--store", "memory"));
      case "h2" -> options.addAll(List.of("--data-dir", dataDir.toString()));
      case "postgres", "postgres-fresh", "postgres-analyzed" -> {
        String schema = PostgresSchema.of(store);
        String url = schema == null ? jdbcUrl : PostgresSchema.withSchema(jdbcUrl, schema);
        options.addAll(List.of("--jdbc-url", url));
        if (jdbcUser != null) {
          options.addAll(List.of("--jdbc-user", jdbcUser));
        }
      }
      default -> throw new IllegalArgumentException("Unknown store " + store);
    }
    return options;
  }

  /** Runs the stores and scenarios of {@code settings}, printing progress and the results. */
  static Report run(Settings settings, PrintStream log) throws Exception {
    String startedAt =
        ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    String loadAtStart = loadAverage();
    Report report = new Report();
    String tag = UUID.randomUUID().toString().substring(0, 8);
    for (String store : settings.stores()) {
      log.println("== " + store);
      runStore(settings, store, tag, log).forEach(report::add);
      write(settings, report, startedAt, loadAtStart, log, false);
    }
    write(settings, report, startedAt, loadAtStart, log, true);
    return report;
  }

  private static List<Report.StoreResult> runStore(
      Settings settings, String store, String tag, PrintStream log) throws Exception {
    Path dataDir = store.equals("h2") ? Files.createTempDirectory("roster-load-h2") : null;
    List<String> options = serverOptions(store, dataDir, settings.jdbcUrl(), settings.jdbcUser());
    boolean postgres = store.startsWith("postgres");
    String password = postgres ? settings.jdbcPassword() : null;
    PostgresSchema database =
        postgres
            ? new PostgresSchema(
                settings.jdbcUrl(),
                settings.jdbcUser(),
                settings.jdbcPassword(),
                PostgresSchema.of(store))
            : null;
    List<String> prepared = new ArrayList<>();
    if (database != null && PostgresSchema.of(store) != null) {
      database.recreate();
      prepared.add(
          "schema " + PostgresSchema.of(store) + " dropped and created empty before the start");
      log.println("  schema " + PostgresSchema.of(store) + " created empty");
    }
    String token = "load-" + UUID.randomUUID();
    List<List<Measurement>> rounds = new ArrayList<>();
    Seeder.Timing[] timing = new Seeder.Timing[1];
    LargeGroupRun.Result groups = null;
    String statistics = null;
    String description;
    try (ServerProcess server =
        ServerProcess.start(settings.serverJvm(), options, password, token, log)) {
      description = server.store;
      log.println("  server pid " + server.pid() + ": " + description);
      if (store.equals("postgres-fresh")) {
        List<String> tables = database.disableAutovacuum();
        prepared.add(
            "autovacuum off on its "
                + tables.size()
                + " tables after the migrations, before seeding; never analyzed");
        log.println("  autovacuum off on " + tables.size() + " tables: " + tables);
      }
      Dataset data =
          new Seeder(server.scim, settings.seedConnections(), log)
              .seed(tag + store, settings.users(), settings.pool(), settings.smallGroup(), timing);
      if (store.equals("postgres-analyzed")) {
        long started = System.nanoTime();
        List<String> tables = database.analyze();
        double seconds = (System.nanoTime() - started) / 1e9;
        prepared.add(
            String.format(
                Locale.ROOT,
                "ANALYZE of its %d tables after seeding, before the scenarios (%.1f s)",
                tables.size(),
                seconds));
        log.printf(Locale.ROOT, "  ANALYZE of %d tables in %.1f s%n", tables.size(), seconds);
      }
      if (settings.scenarios().contains(Scenarios.FLOOR) && server.floor == null) {
        log.println("  " + Scenarios.FLOOR + ": left out, the store has no database");
      }
      for (int round = 0; round < settings.rounds(); round++) {
        List<Measurement> rows = new ArrayList<>();
        rounds.add(rows);
        for (Scenario scenario :
            Scenarios.of(settings.scenarios(), server.scim, server.bare, server.floor, data)) {
          prepare(server);
          if (settings.jfr() != null) {
            startRecording(settings, server, store + "-" + scenario.name(), log);
          }
          rows.add(measure(settings, server, store.startsWith("postgres"), scenario, log));
        }
      }
      if (settings.scenarios().contains(Scenarios.GROUP_10K)) {
        prepare(server);
        groups =
            LargeGroupRun.run(server.scim, data, settings.groupSize(), settings.groupRounds(), log);
      }
      if (database != null) {
        String after;
        try {
          after = database.statistics();
        } catch (SQLException e) {
          after = "not read: " + e.getMessage(); // the measurements stand without them
        }
        statistics =
            (prepared.isEmpty() ? "" : String.join("; ", prepared) + ". ")
                + "After the run: "
                + after;
        log.println("  " + statistics);
      }
    } finally {
      if (dataDir != null) {
        deleteTree(dataDir);
      }
    }
    List<Report.StoreResult> results = new ArrayList<>();
    for (int round = 0; round < rounds.size(); round++) {
      String name = rounds.size() == 1 ? store : store + " #" + (round + 1);
      boolean first = round == 0;
      results.add(
          new Report.StoreResult(
              name,
              description,
              first ? timing[0] : null,
              rounds.get(round),
              first ? groups : null,
              first ? statistics : null));
    }
    return results;
  }

  /**
   * Before each scenario: waits for the server to finish what was sent and to go idle, collects its
   * garbage and lets it settle.
   */
  private static void prepare(ServerProcess server) throws IOException, InterruptedException {
    server.drain();
    server.collectGarbage();
    Thread.sleep(500);
  }

  /** Runs one throughput scenario and logs its line. */
  private static Measurement measure(
      Settings settings, ServerProcess server, boolean postgres, Scenario scenario, PrintStream log)
      throws InterruptedException {
    double[] cpu = new double[6];
    Measurement measured =
        LoadGenerator.run(
            scenario,
            settings.connections(),
            settings.warmup(),
            settings.measure(),
            new LoadGenerator.Clock() {
              @Override
              public void measureStarts() {
                cpu[0] = server.cpuSeconds();
                cpu[1] = ownCpuSeconds();
                cpu[4] = postgres ? postgresCpuSeconds() : Double.NaN;
              }

              @Override
              public void measureEnds() {
                cpu[2] = server.cpuSeconds();
                cpu[3] = ownCpuSeconds();
                cpu[5] = postgres ? postgresCpuSeconds() : Double.NaN;
              }
            });
    measured = measured.withCpu(cpu[2] - cpu[0], cpu[3] - cpu[1], cpu[5] - cpu[4]);
    log.printf(
        Locale.ROOT,
        "  %-12s %,9.0f requests/s  p50 %7.2f ms  p99 %7.2f ms  errors %d  server %,.0f µs/req"
            + (postgres ? "  database %,.0f µs/req%n" : "%n"),
        scenario.name(),
        measured.perSecond(),
        measured.percentileMillis(50),
        measured.percentileMillis(99),
        measured.errors(),
        measured.serverCpuMicros(),
        measured.databaseCpuMicros());
    measured.errorSamples().forEach(e -> log.println("    error: " + e));
    return measured;
  }

  private static void startRecording(
      Settings settings, ServerProcess server, String name, PrintStream log)
      throws IOException, InterruptedException {
    Files.createDirectories(settings.jfr());
    Path file = settings.jfr().toAbsolutePath().resolve(name + ".jfr");
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process process =
        new ProcessBuilder(
                jcmd.toString(),
                Long.toString(server.pid()),
                "JFR.start",
                "name=" + name,
                "settings=profile",
                "delay=" + settings.warmup().toMillis() + "ms",
                "duration=" + settings.measure().toMillis() + "ms",
                "filename=" + file)
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      log.println("  JFR did not start: " + output.strip());
    } else {
      log.println("  JFR: " + file);
    }
  }

  /**
   * CPU time used so far by every PostgreSQL process on this machine (the server and its backends,
   * one per pooled connection, which live through a scenario): the load run's PostgreSQL is on
   * loopback. NaN where the OS does not say.
   */
  private static double postgresCpuSeconds() {
    double[] seconds = {0};
    ProcessHandle.allProcesses()
        .map(ProcessHandle::info)
        .filter(info -> info.command().filter(c -> c.endsWith("/postgres")).isPresent())
        .forEach(
            info -> seconds[0] += info.totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(0.0));
    return seconds[0];
  }

  private static double ownCpuSeconds() {
    return ProcessHandle.current()
        .info()
        .totalCpuDuration()
        .map(d -> d.toNanos() / 1e9)
        .orElse(Double.NaN);
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).strip();
    } catch (IOException e) {
      return String.format(
          Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }

  private static void write(
      Settings settings,
      Report report,
      String startedAt,
      String loadAtStart,
      PrintStream log,
      boolean last)
      throws IOException {
    String header =
        String.format(
            Locale.ROOT,
            "Load run of %s UTC: %s %s (%s), %d cores, load average %s at the start."
                + " %,d users, %d connections, %s warm-up and %s measured per scenario,"
                + " server JVM %s.",
            startedAt,
            System.getProperty("java.vm.name"),
            System.getProperty("java.runtime.version"),
            System.getProperty("java.vm.vendor"),
            Runtime.getRuntime().availableProcessors(),
            loadAtStart,
            settings.users(),
            settings.connections(),
            seconds(settings.warmup()),
            seconds(settings.measure()),
            String.join(" ", settings.serverJvm()));
    if (settings.scenarios().contains(Scenarios.GROUP_10K)) {
      header +=
          String.format(
              Locale.ROOT,
              " group-10k: %d rounds of a %,d-member group on one connection.",
              settings.groupRounds(),
              settings.groupSize());
    }
    String markdown = report.markdown(header, "Load average at the end: " + loadAverage() + ".");
    Path out = settings.out();
    if (out.toAbsolutePath().getParent() != null) {
      Files.createDirectories(out.toAbsolutePath().getParent());
    }
    Files.writeString(out, markdown);
    if (last) {
      log.println();
      log.println(markdown);
      log.println("Written to " + out.toAbsolutePath());
    }
  }

  private static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.3g s", duration.toMillis() / 1000.0);
  }

  private static void deleteTree(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
