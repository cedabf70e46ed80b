/** Black-box conformance and identity-provider interoperability suites for any SCIM endpoint. */
module dev.roster.scim.testkit {
  requires com.fasterxml.jackson.databind;
  requires java.net.http;
}
