package dev.roster.scim.jaxrs;

/** Authentication over HTTP on Jersey with Grizzly. */
class JerseyAuthHttpTest extends AuthHttpSuite {
  @Override
  Container container() {
    return new Container.Jersey();
  }
}
