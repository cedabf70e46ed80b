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

  private final Connection connection;
  private final Environment env;
  private final String runPrefix;
  private final Map<Suite, List<Check>> checks = new EnumMap<>(Suite.class);

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
    this.env =
        new Environment(
            options.profile(),
            new Fixtures(options.profile(), options.customAttribute()),
            new ServerFacts(client));
    String run = Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0x100000));
    this.runPrefix = options.prefix() + run.toLowerCase(Locale.ROOT);
    checks.put(Suite.ENTRA, EntraSuite.checks());
    checks.put(Suite.OKTA, OktaSuite.checks());
    checks.put(Suite.RFC, RfcSuite.checks());
  }

  /** How many checks {@code suite} has. */
  public int count(Suite suite) {
    return checks.get(suite).size();
  }

  /** The name of check {@code index} (from 0) of {@code suite}. */
  public String name(Suite suite, int index) {
    return checks.get(suite).get(index).name();
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

  private static CheckResult result(
      Check check,
      Outcome outcome,
      String message,
      String details,
      List<String> notes,
      String transcript,
      long started) {
    return new CheckResult(
        check.suite(),
        check.number(),
        check.name(),
        check.reference(),
        outcome,
        message,
        details,
        notes,
        transcript,
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
