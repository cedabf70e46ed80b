package dev.roster.scim.benchmarks.load;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The ceiling: a JAX-RS resource that answers every {@code GET /bare/Users/{id}} with the same
 * bytes, RFC 7643 §8.3's enterprise user (3,594 bytes once its whitespace is removed), without
 * reading the id, checking a token or touching a store. Whatever Roster serves costs at least this
 * much.
 */
@Path("/bare")
public final class BareResource {
  private static final String SCIM_JSON = "application/scim+json";

  private static final byte[] USER = LoadServer.compactEnterpriseUser();

  /** Jersey makes one per request, as it does for resource classes by default. */
  public BareResource() {}

  /** The fixed user, whatever the id. */
  @GET
  @Path("/Users/{id}")
  public Response user(@PathParam("id") String id) {
    return Response.ok(USER, SCIM_JSON).build();
  }

  /**
   * Runs a full garbage collection, so that what one scenario (or the seeding) left behind is not
   * collected while the next one is measured. Not part of any measurement.
   */
  @POST
  @Path("/gc")
  public Response gc() {
    System.gc();
    return Response.noContent().build();
  }
}
