package dev.roster.scim.jaxrs;

/** Bulk requests over HTTP on Jersey with Grizzly. */
class JerseyBulkHttpTest extends BulkHttpSuite {
  @Override
  Container container() {
    return new Container.Jersey();
  }
}
