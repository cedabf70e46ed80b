package dev.roster.scim.jaxrs;

/** Bulk requests over HTTP on RESTEasy with Undertow. */
class ResteasyBulkHttpTest extends BulkHttpSuite {
  @Override
  Container container() {
    return new Container.Resteasy();
  }
}
