package dev.roster.scim.jaxrs;

/** The HTTP suite on RESTEasy with Undertow. */
class ResteasyHttpTest extends ScimHttpSuite {
  @Override
  Container container() {
    return new Container.Resteasy();
  }
}
