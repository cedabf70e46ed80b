package dev.roster.scim.jaxrs;

/** Cursor paging over HTTP on Jersey with Grizzly. */
class JerseyCursorHttpTest extends CursorHttpSuite {
  @Override
  Container container() {
    return new Container.Jersey();
  }
}
