package dev.roster.quickstart;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The Entra conversation against the quickstart on its default store, an H2 database file. */
class H2EntraConversationTest extends EntraConversationSuite {
  // Static: the server starts once for the class, before instance fields are set.
  @TempDir static Path dataDir;

  @Override
  Options options(Options defaults) {
    return defaults.withJdbc(QuickstartServer.h2Url(dataDir), null, null);
  }
}
