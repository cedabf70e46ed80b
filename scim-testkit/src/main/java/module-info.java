/**
 * Black-box conformance and identity-provider interoperability suites for any SCIM endpoint: what
 * Microsoft Entra ID, Okta and RFC 7643/7644 clients send, replayed over HTTP. Run it from JUnit 5
 * ({@link dev.roster.scim.testkit.ScimTestkitTests}), from code ({@link
 * dev.roster.scim.testkit.Testkit}) or from the command line ({@link
 * dev.roster.scim.testkit.TestkitCli}). {@code dev.roster.scim.testkit.contract} holds SPI contract
 * tests that a host runs against its own repositories, without HTTP.
 */
module dev.roster.scim.testkit {
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
  requires transitive org.junit.jupiter.api;
  // Only the SPI contract tests use scim-core, an optional dependency that hosts implementing the
  // SPI have already.
  requires static transitive dev.roster.scim.core;

  exports dev.roster.scim.testkit;
  exports dev.roster.scim.testkit.contract;
}
