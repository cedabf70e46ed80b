package dev.roster.quickstart;

/** The Entra conversation against the quickstart with {@code --store memory}. */
class MemoryEntraConversationTest extends EntraConversationSuite {
  @Override
  Options options(Options defaults) {
    return defaults.withMemoryStore();
  }
}
