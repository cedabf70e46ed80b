package dev.roster.scim.jaxrs;

/** Cursor paging over HTTP on RESTEasy with Undertow. */
class ResteasyCursorHttpTest extends CursorHttpSuite {
  @Override
  Container container() {
    return new Container.Resteasy();
  }
}
