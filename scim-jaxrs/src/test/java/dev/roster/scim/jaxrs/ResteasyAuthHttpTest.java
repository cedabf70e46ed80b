package dev.roster.scim.jaxrs;

/** Authentication over HTTP on RESTEasy with Undertow. */
class ResteasyAuthHttpTest extends AuthHttpSuite {
  @Override
  Container container() {
    return new Container.Resteasy();
  }
}
