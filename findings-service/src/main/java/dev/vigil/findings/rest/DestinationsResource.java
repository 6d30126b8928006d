package dev.vigil.findings.rest;

import dev.vigil.findings.service.DestinationService;
import dev.vigil.findings.service.Requests;
import dev.vigil.web.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** GuardDuty's publishing destination operations (types S3 and Vigil's WEBHOOK); admin only. */
@Path("/detector/{detectorId}/publishingDestination")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed("admin")
public class DestinationsResource {

    private final TenantContext tenant;
    private final DestinationService destinations;

    public DestinationsResource(TenantContext tenant, DestinationService destinations) {
        this.tenant = tenant;
        this.destinations = destinations;
    }

    /** CreatePublishingDestination. */
    @POST
    @RolesAllowed("admin")
    public Response create(@PathParam("detectorId") String detectorId, String body) {
        return FindingsResource.ok(destinations.create(tenant.accountId(), tenant.region(), detectorId, Requests.body(body)));
    }

    /** ListPublishingDestinations. */
    @GET
    @RolesAllowed("admin")
    public Response list(@PathParam("detectorId") String detectorId) {
        return FindingsResource.ok(destinations.list(tenant.accountId(), tenant.region(), detectorId));
    }

    /** DescribePublishingDestination. */
    @GET
    @Path("/{destinationId}")
    @RolesAllowed("admin")
    public Response describe(@PathParam("detectorId") String detectorId, @PathParam("destinationId") String id) {
        return FindingsResource.ok(destinations.describe(tenant.accountId(), tenant.region(), detectorId, id));
    }

    /** UpdatePublishingDestination. */
    @POST
    @Path("/{destinationId}")
    @RolesAllowed("admin")
    public Response update(@PathParam("detectorId") String detectorId, @PathParam("destinationId") String id, String body) {
        destinations.update(tenant.accountId(), tenant.region(), detectorId, id, Requests.body(body));
        return FindingsResource.empty();
    }

    /** DeletePublishingDestination. */
    @DELETE
    @Path("/{destinationId}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("detectorId") String detectorId, @PathParam("destinationId") String id) {
        destinations.delete(tenant.accountId(), tenant.region(), detectorId, id);
        return FindingsResource.empty();
    }
}
