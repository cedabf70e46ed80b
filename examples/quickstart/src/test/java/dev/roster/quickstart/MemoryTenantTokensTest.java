package dev.roster.quickstart;

/** Several tenants' tokens on the quickstart with {@code --store memory}. */
class MemoryTenantTokensTest extends TenantTokensSuite {
  @Override
  Options options(Options defaults) {
    return defaults.withMemoryStore();
  }
}
