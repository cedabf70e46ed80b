package dev.roster.quickstart;

import dev.roster.scim.server.auth.ClientCredentials;
import dev.roster.scim.server.auth.IssuedToken;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code java -jar roster-quickstart.jar}: starts the quickstart server and runs until stopped
 * (Ctrl+C or SIGTERM). Run with {@code --help} for the options.
 */
public final class Main {
  // Held so that the logging configuration is not collected with the logger.
  private static final Logger GRIZZLY = Logger.getLogger("org.glassfish");

  private Main() {}

  /** Parses the options, starts the server and prints where it is and where the token came from. */
  public static void main(String[] args) throws InterruptedException {
    Options options;
    try {
      options = Options.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("roster-quickstart: " + e.getMessage());
      System.err.println("Run with --help for the options.");
      System.exit(2);
      return;
    }
    if (options.help()) {
      System.out.print(Options.USAGE);
      return;
    }
    GRIZZLY.setLevel(Level.WARNING); // Grizzly and Jersey announce every start at INFO

    QuickstartServer server;
    try {
      server = QuickstartServer.start(options);
    } catch (RuntimeException e) {
      System.err.println("roster-quickstart: could not start: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "roster-shutdown"));
    describe(server, options, System.out);
    stopped.await();
  }

  static void describe(QuickstartServer server, Options options, PrintStream out) {
    out.println("Roster SCIM 2.0 server at " + server.baseUri());
    out.println("  store: " + server.store());
    if (options.token() != null) {
      out.println("  token: from " + options.tokenSource() + " (not shown)");
    } else if (server.token() != null) {
      // A generated token is shown once, here; a given one never is.
      out.println("  token: generated for this run: " + server.token());
    }
    if (!options.tenantTokens().isEmpty()) {
      out.println(
          "  tenants: "
              + String.join(", ", options.tenantTokens().keySet())
              + " (each with its own token, not shown; each sees only its own data)");
    }
    options.extensions().forEach(file -> out.println("  extension: " + file));
    out.println("token endpoint: " + server.tokenEndpoint());
    // What --create-token and --create-client made is shown once, here, and never stored.
    for (IssuedToken created : server.createdTokens()) {
      out.println("New secret token for tenant " + created.stored().tenant() + ":");
      out.println("  Tenant URL:   " + server.baseUri());
      out.println("  Secret Token: " + created.token());
    }
    for (ClientCredentials.NewSecret created : server.createdClients()) {
      out.println("New OAuth client " + created.clientId() + ":");
      out.println("  Token endpoint: " + server.tokenEndpoint());
      out.println("  Client ID:      " + created.clientId());
      out.println("  Client Secret:  " + created.secret());
    }
    out.println("Try: curl -H \"Authorization: Bearer $TOKEN\" " + server.baseUri() + "/Users");
    out.println("Stop with Ctrl+C.");
  }
}
