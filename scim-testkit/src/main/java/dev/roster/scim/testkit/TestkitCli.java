package dev.roster.scim.testkit;

import dev.roster.scim.testkit.internal.ConsoleReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: runs the suites against an endpoint, prints progress and failures, writes the
 * reports asked for, and ends with the line {@code N passed, N failed} (with {@code , N skipped}
 * when checks did not apply). Exit code 0 when nothing failed, 1 when a check failed, 2 for a usage
 * or I/O error.
 *
 * <pre>
 * java -jar roster-testkit.jar --url https://host/scim/v2 --token TOKEN \
 *     [--suite entra,okta,rfc,auth] [--profile users|users-groups|full] [--check entra:11] \
 *     [--report report.html] [--junit-xml results.xml] \
 *     [--token-url URL --client-id ID --client-secret SECRET] \
 *     [--other-client-id ID --other-client-secret SECRET | --other-token TOKEN] \
 *     [--revoked-token TOKEN] [--expired-token TOKEN]
 * </pre>
 *
 * <p>The last options are for the {@code auth} suite, which runs only when chosen; secrets and
 * tokens given here never appear in the output or the reports.
 */
public final class TestkitCli {
  private static final String USAGE =
      String.join(
          "\n",
          "Usage: java -jar roster-testkit.jar --url URL [credentials] [options]",
          "",
          "Runs Roster's SCIM testkit against any SCIM 2.0 endpoint.",
          "",
          "  --url URL                 SCIM base URL, e.g. https://host/scim/v2 (required)",
          "  --token TOKEN             sends Authorization: Bearer TOKEN",
          "  --basic USER:PASSWORD     sends Authorization: Basic ...",
          "  --header \"Name: value\"    sends a further header (repeatable)",
          "  --suite entra,okta,rfc    suites to run (default: entra,okta,rfc; the auth suite",
          "                            runs only when named, e.g. --suite auth)",
          "  --profile PROFILE         users | users-groups | full (default: full): the",
          "                            attributes checks may write, of those the server",
          "                            declares in /Schemas (see the README)",
          "  --check SELECTOR          runs only the checks selected (repeatable): SUITE:N is",
          "                            check N as reports number them, SUITE:TEXT the checks",
          "                            whose names contain TEXT; e.g. entra:11, okta:push now",
          "  --custom-attribute URN    the full profile's custom attribute (default:",
          "                            " + TestkitOptions.SPOKE_START_DATE + ")",
          "  --report FILE             writes an HTML report",
          "  --junit-xml FILE          writes a JUnit XML report",
          "  --timeout SECONDS         per-request timeout (default: 30)",
          "  --prefix PREFIX           start of created userNames and group names (default: Rtk)",
          "  --help                    shows this text",
          "",
          "For the auth suite (secrets and tokens are never printed or reported):",
          "  --token-url URL           OAuth 2.0 token endpoint (client credentials grant),",
          "                            e.g. https://host/oauth/token",
          "  --client-id ID            a client of the first tenant at the token endpoint",
          "  --client-secret SECRET    its secret",
          "  --other-client-id ID      a client of a second tenant, for the isolation check",
          "  --other-client-secret SECRET",
          "                            its secret",
          "  --other-token TOKEN       or a bearer token of a second tenant",
          "  --revoked-token TOKEN     a token the server issued and then revoked",
          "  --expired-token TOKEN     a token the server issued that has expired",
          "  Without its option a check is skipped and says which option it needs.",
          "",
          "Exit code 0 when no check failed, 1 when one did, 2 on a usage or I/O error.");

  private TestkitCli() {}

  /** Runs the command line and exits with its exit code. */
  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(args, out, err));
  }

  /**
   * Runs the command line, printing to {@code out} and {@code err}.
   *
   * @return the exit code: 0 when no check failed, 1 when one did, 2 on a usage or I/O error
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Arguments arguments;
    try {
      arguments = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      err.println("roster-testkit: " + e.getMessage());
      err.println("Try --help.");
      return 2;
    }
    if (arguments.help) {
      out.println(USAGE);
      return 0;
    }
    TestkitOptions options;
    Testkit testkit;
    try {
      options = arguments.options();
      testkit = Testkit.of(options);
    } catch (IllegalArgumentException e) {
      err.println("roster-testkit: " + e.getMessage());
      return 2;
    }
    ConsoleReport console = new ConsoleReport(out, testkit.size());
    console.header(options);
    TestkitRun run = testkit.run(console::result);
    out.println();
    try {
      if (arguments.report != null) {
        run.writeHtml(arguments.report);
        out.println("HTML report: " + arguments.report.toAbsolutePath());
      }
      if (arguments.junitXml != null) {
        run.writeJunitXml(arguments.junitXml);
        out.println("JUnit XML report: " + arguments.junitXml.toAbsolutePath());
      }
    } catch (IOException e) {
      err.println("roster-testkit: could not write a report: " + e.getMessage());
      out.println(run.summary());
      return 2;
    }
    out.println(run.summary());
    return run.successful() ? 0 : 1;
  }

  /** The parsed command line. */
  private static final class Arguments {
    private static final List<String> OPTIONS =
        List.of(
            "--url",
            "--token",
            "--basic",
            "--header",
            "--suite",
            "--suites",
            "--profile",
            "--check",
            "--custom-attribute",
            "--report",
            "--junit-xml",
            "--timeout",
            "--prefix");

    /** The auth suite's options, each taking one value. */
    private static final List<String> AUTH_OPTIONS =
        List.of(
            "--token-url",
            "--client-id",
            "--client-secret",
            "--other-client-id",
            "--other-client-secret",
            "--other-token",
            "--revoked-token",
            "--expired-token");

    private String url;
    private String token;
    private String basic;
    private final List<String> headers = new ArrayList<>();
    private String suites;
    private String profile;
    private final List<String> checks = new ArrayList<>();
    private String customAttribute;
    private Path report;
    private Path junitXml;
    private String timeout;
    private String prefix;
    private final Map<String, String> auth = new HashMap<>();
    private boolean help;

    static Arguments parse(String[] args) {
      Arguments a = new Arguments();
      for (int i = 0; i < args.length; i++) {
        String arg = args[i];
        String value = null;
        int equals = arg.indexOf('=');
        if (arg.startsWith("--") && equals > 0) {
          value = arg.substring(equals + 1);
          arg = arg.substring(0, equals);
        }
        if (arg.equals("--help") || arg.equals("-h")) {
          a.help = true;
          continue;
        }
        if (!arg.startsWith("--")) {
          throw new IllegalArgumentException("unexpected argument '" + arg + "'");
        }
        if (!OPTIONS.contains(arg) && !AUTH_OPTIONS.contains(arg)) {
          throw new IllegalArgumentException("unknown option " + arg);
        }
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          value = args[++i];
        }
        switch (arg) {
          case "--url":
            a.url = value;
            break;
          case "--token":
            a.token = value;
            break;
          case "--basic":
            a.basic = value;
            break;
          case "--header":
            a.headers.add(value);
            break;
          case "--suite":
          case "--suites":
            a.suites = value;
            break;
          case "--profile":
            a.profile = value;
            break;
          case "--check":
            a.checks.add(value);
            break;
          case "--custom-attribute":
            a.customAttribute = value;
            break;
          case "--report":
            a.report = Path.of(value);
            break;
          case "--junit-xml":
            a.junitXml = Path.of(value);
            break;
          case "--timeout":
            a.timeout = value;
            break;
          case "--prefix":
            a.prefix = value;
            break;
          default: // one of AUTH_OPTIONS
            a.auth.put(arg, value);
        }
      }
      return a;
    }

    TestkitOptions options() {
      if (url == null) {
        throw new IllegalArgumentException("--url is required, e.g. --url https://host/scim/v2");
      }
      if (token != null && basic != null) {
        throw new IllegalArgumentException("give --token or --basic, not both");
      }
      TestkitOptions.Builder builder = TestkitOptions.builder(url);
      if (token != null) {
        builder.bearerToken(token);
      }
      if (basic != null) {
        int colon = basic.indexOf(':');
        if (colon < 0) {
          throw new IllegalArgumentException("--basic takes USER:PASSWORD");
        }
        builder.basicAuth(basic.substring(0, colon), basic.substring(colon + 1));
      }
      for (String header : headers) {
        int colon = header.indexOf(':');
        if (colon <= 0) {
          throw new IllegalArgumentException(
              "--header takes \"Name: value\", not '" + header + "'");
        }
        builder.header(header.substring(0, colon).strip(), header.substring(colon + 1).strip());
      }
      if (suites != null) {
        List<Suite> chosen = new ArrayList<>();
        for (String id : suites.split(",")) {
          if (!id.isBlank()) {
            chosen.add(Suite.fromId(id));
          }
        }
        builder.suites(chosen);
      }
      if (profile != null) {
        builder.profile(Profile.fromId(profile));
      }
      builder.checks(checks);
      if (customAttribute != null) {
        builder.customAttribute(customAttribute);
      }
      if (timeout != null) {
        try {
          builder.timeout(Duration.ofSeconds(Long.parseLong(timeout.strip())));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--timeout takes whole seconds, not '" + timeout + "'");
        }
      }
      if (prefix != null) {
        builder.prefix(prefix);
      }
      authOptions(builder);
      return builder.build();
    }

    /** Applies the auth suite's options. */
    private void authOptions(TestkitOptions.Builder builder) {
      if (auth.containsKey("--token-url")) {
        builder.tokenUrl(auth.get("--token-url"));
      }
      if (together("--client-id", "--client-secret")) {
        builder.clientCredentials(auth.get("--client-id"), auth.get("--client-secret"));
      }
      if (together("--other-client-id", "--other-client-secret")) {
        if (auth.containsKey("--other-token")) {
          throw new IllegalArgumentException(
              "give --other-token or --other-client-id and --other-client-secret, not both");
        }
        builder.otherClientCredentials(
            auth.get("--other-client-id"), auth.get("--other-client-secret"));
      }
      if (auth.containsKey("--other-token")) {
        builder.otherToken(auth.get("--other-token"));
      }
      if (auth.containsKey("--revoked-token")) {
        builder.revokedToken(auth.get("--revoked-token"));
      }
      if (auth.containsKey("--expired-token")) {
        builder.expiredToken(auth.get("--expired-token"));
      }
    }

    /** Whether a client id and its secret are both given; fails when only one is. */
    private boolean together(String idOption, String secretOption) {
      boolean id = auth.containsKey(idOption);
      if (id != auth.containsKey(secretOption)) {
        throw new IllegalArgumentException(
            "give " + idOption + " and " + secretOption + " together");
      }
      return id;
    }
  }
}
