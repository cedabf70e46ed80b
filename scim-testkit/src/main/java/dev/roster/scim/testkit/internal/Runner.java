package dev.roster.scim.testkit.internal;

import dev.roster.scim.testkit.CheckResult;
import dev.roster.scim.testkit.CheckResult.Outcome;
import dev.roster.scim.testkit.Suite;
import dev.roster.scim.testkit.TestkitOptions;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs checks one at a time against one endpoint: decides whether each applies, runs it, turns what
 * happened into a {@link CheckResult}, and cleans up after it. Not thread-safe.
 */
public final class Runner {
  private static final int MAX_TRANSCRIPT = 60;
  private static final Map<Suite, List<Check>> ALL = new EnumMap<>(Suite.class);

  static {
    ALL.put(Suite.ENTRA, EntraSuite.checks());
    ALL.put(Suite.OKTA, OktaSuite.checks());
    ALL.put(Suite.RFC, RfcSuite.checks());
    ALL.put(Suite.AUTH, AuthSuite.checks());
  }

  private final Connection connection;
  private final Environment env;
  private final String runPrefix;
  private final Map<Suite, List<Check>> checks = ALL;

  /** A runner for the endpoint and profile of {@code options}. */
  public Runner(TestkitOptions options) {
    this.connection = new Connection(options);
    Recorder discovery = new Recorder();
    ScimClient client =
        new ScimClient(
            connection,
            discovery,
            List.of(Map.entry("Accept", "application/scim+json")),
            "application/scim+json");
    ServerFacts server = new ServerFacts(client);
    this.env =
        new Environment(
            options.profile(),
            new Fixtures(options.profile(), options.customAttribute(), server),
            server,
            options);
    String run = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000));
    this.runPrefix = options.prefix() + run.toLowerCase(Locale.ROOT);
  }

  /**
   * The indexes (from 0) of the checks {@code options} choose, per chosen suite in run order: all
   * of the suite's checks, or those {@link TestkitOptions#checks()} select.
   *
   * @throws IllegalArgumentException when a selector chooses no check
   */
  public static Map<Suite, List<Integer>> chosen(TestkitOptions options) {
    Map<Suite, List<Integer>> chosen = new EnumMap<>(Suite.class);
    for (Suite suite : options.suites()) {
      List<Integer> indexes = new ArrayList<>();
      List<Check> all = ALL.get(suite);
      for (int i = 0; i < all.size(); i++) {
        if (options.checks().isEmpty() || selects(options.checks(), all.get(i))) {
          indexes.add(i);
        }
      }
      chosen.put(suite, List.copyOf(indexes));
    }
    for (String selector : options.checks()) {
      Suite suite = Suite.fromId(selector.substring(0, selector.indexOf(':')));
      if (ALL.get(suite).stream().noneMatch(check -> selects(List.of(selector), check))) {
        String what = selector.substring(selector.indexOf(':') + 1).strip();
        throw new IllegalArgumentException(
            "The check selector '"
                + selector
                + "' chooses no check: "
                + (what.matches("\\d+")
                    ? "the "
                        + suite.id()
                        + " suite numbers its checks 1 to "
                        + ALL.get(suite).size()
                    : "no " + suite.id() + " check's name contains '" + what + "'"));
      }
    }
    return chosen;
  }

  private static boolean selects(List<String> selectors, Check check) {
    for (String selector : selectors) {
      int colon = selector.indexOf(':');
      if (Suite.fromId(selector.substring(0, colon)) != check.suite()) {
        continue;
      }
      String what = selector.substring(colon + 1).strip();
      boolean match =
          what.matches("\\d+")
              ? Integer.parseInt(what) == check.number()
              : check.name().toLowerCase(Locale.ROOT).contains(what.toLowerCase(Locale.ROOT));
      if (match) {
        return true;
      }
    }
    return false;
  }

  /** How many checks {@code suite} has. */
  public int count(Suite suite) {
    return checks.get(suite).size();
  }

  /** The name of check {@code index} (from 0) of {@code suite}. */
  public String name(Suite suite, int index) {
    return checks.get(suite).get(index).name();
  }

  /**
   * The display name of check {@code index} (from 0) of {@code suite}: its id as {@code --check}
   * takes it, then its name, e.g. {@code rfc:18 PATCH as RFC 7644 writes it …}.
   */
  public String displayName(Suite suite, int index) {
    Check check = checks.get(suite).get(index);
    return check.suite().id() + ":" + check.number() + " " + check.name();
  }

  /** Runs check {@code index} (from 0) of {@code suite} and cleans up after it. */
  public CheckResult run(Suite suite, int index) {
    Check check = checks.get(suite).get(index);
    long started = System.nanoTime();
    String unmet = check.requirement().unmet(env);
    if (unmet != null) {
      return result(check, Outcome.SKIPPED, unmet, "", List.of(), "", started);
    }
    Recorder recorder = new Recorder();
    CheckRun run = new CheckRun(env, connection, recorder, runPrefix + check.code());
    Outcome outcome = Outcome.PASSED;
    String message = "";
    String details = "";
    try {
      check.body().run(run);
    } catch (CheckSkipped e) {
      outcome = Outcome.SKIPPED;
      message = e.getMessage();
    } catch (CheckFailure e) {
      outcome = Outcome.FAILED;
      message = e.getMessage();
      details = details(check, e);
    } catch (RuntimeException e) {
      outcome = Outcome.FAILED;
      message = "The check could not complete: " + e;
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      Exchange last = recorder.last();
      details =
          message
              + "\nSee:      "
              + check.reference()
              + (last == null
                  ? ""
                  : "\nLast request:\n"
                      + last.formatRequest("    ")
                      + "Last response:\n"
                      + last.formatResponse("    "))
              + "\n"
              + trace;
    }
    List<String> notes = new ArrayList<>(run.notes());
    Recorder cleanup = new Recorder();
    notes.addAll(Cleanup.run(recorder.created(), run.rfc().recordingInto(cleanup)));
    return result(check, outcome, message, details, notes, transcript(recorder, cleanup), started);
  }

  /** The result, with every secret masked (see {@link Secrets}). */
  private CheckResult result(
      Check check,
      Outcome outcome,
      String message,
      String details,
      List<String> notes,
      String transcript,
      long started) {
    Secrets secrets = connection.secrets();
    return new CheckResult(
        check.suite(),
        check.number(),
        check.name(),
        check.reference(),
        outcome,
        secrets.mask(message),
        secrets.mask(details),
        notes.stream().map(secrets::mask).toList(),
        secrets.mask(transcript),
        Duration.ofNanos(System.nanoTime() - started));
  }

  private static String details(Check check, CheckFailure failure) {
    StringBuilder out = new StringBuilder();
    out.append("Expected: ").append(indent(failure.expected())).append('\n');
    out.append("Found:    ").append(indent(failure.found())).append('\n');
    out.append("See:      ")
        .append(failure.reference() != null ? failure.reference() : check.reference())
        .append('\n');
    Exchange exchange = failure.exchange();
    if (exchange != null) {
      out.append("Request:\n").append(exchange.formatRequest("    "));
      out.append("Response:\n").append(exchange.formatResponse("    "));
    }
    return out.toString();
  }

  private static String indent(String text) {
    return text.replace("\n", "\n          ");
  }

  private static String transcript(Recorder check, Recorder cleanup) {
    StringBuilder out = new StringBuilder();
    int shown = 0;
    List<Exchange> all = new ArrayList<>(check.exchanges());
    for (Exchange exchange : all) {
      if (shown++ < MAX_TRANSCRIPT) {
        out.append(exchange.format()).append('\n');
      }
    }
    if (all.size() > MAX_TRANSCRIPT) {
      out.append("… ").append(all.size() - MAX_TRANSCRIPT).append(" more exchanges\n\n");
    }
    if (!cleanup.exchanges().isEmpty()) {
      out.append("--- cleanup: ").append(cleanup.exchanges().size()).append(" requests ---\n");
      int cleaned = 0;
      for (Exchange exchange : cleanup.exchanges()) {
        if (cleaned++ < 10 || exchange.status() < 200 || exchange.status() > 299) {
          out.append(exchange.format()).append('\n');
        }
      }
    }
    return out.toString();
  }
}
