package dev.roster.quickstart;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The testkit's suites against the quickstart on its default store, an H2 database file. */
class H2TestkitSuitesTest extends TestkitSuites {
  @TempDir static Path dataDir;

  @Override
  Options options(Options defaults) {
    return defaults.withJdbc(QuickstartServer.h2Url(dataDir), null, null);
  }
}
