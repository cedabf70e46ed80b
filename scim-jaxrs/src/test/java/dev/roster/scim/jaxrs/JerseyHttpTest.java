package dev.roster.scim.jaxrs;

/** The HTTP suite on Jersey with Grizzly. */
class JerseyHttpTest extends ScimHttpSuite {
  @Override
  Container container() {
    return new Container.Jersey();
  }
}
