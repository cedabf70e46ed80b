package dev.roster.quickstart;

/** Several tenants' tokens on the quickstart over its embedded H2 database. */
class H2TenantTokensTest extends TenantTokensSuite {
  @Override
  Options options(Options defaults) {
    return defaults;
  }
}
