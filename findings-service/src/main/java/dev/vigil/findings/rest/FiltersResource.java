package dev.vigil.findings.rest;

import dev.vigil.findings.service.FilterService;
import dev.vigil.findings.service.Requests;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.TenantContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** GuardDuty's filter operations: CreateFilter, ListFilters, GetFilter, UpdateFilter, DeleteFilter. */
@Path("/detector/{detectorId}/filter")
@Consumes(MediaType.WILDCARD)
@Produces(MediaType.APPLICATION_JSON)
public class FiltersResource {

    private final TenantContext tenant;
    private final FilterService filters;

    public FiltersResource(TenantContext tenant, FilterService filters) {
        this.tenant = tenant;
        this.filters = filters;
    }

    /** CreateFilter. */
    @POST
    @RolesAllowed("admin")
    public Response create(@PathParam("detectorId") String detectorId, String body) {
        return FindingsResource.ok(filters.create(tenant.accountId(), tenant.region(), detectorId, Requests.body(body)));
    }

    /** ListFilters. */
    @GET
    @RolesAllowed({"analyst", "admin"})
    public Response list(@PathParam("detectorId") String detectorId, @QueryParam("maxResults") String maxResults,
            @QueryParam("nextToken") String nextToken) {
        Integer max;
        try {
            max = maxResults == null ? null : Integer.valueOf(maxResults);
        } catch (NumberFormatException e) {
            throw GuardDutyException.badRequest("The request is rejected because the maxResults is not an integer.");
        }
        return FindingsResource.ok(filters.list(tenant.accountId(), tenant.region(), detectorId, max, nextToken));
    }

    /** GetFilter. */
    @GET
    @Path("/{filterName}")
    @RolesAllowed({"analyst", "admin"})
    public Response get(@PathParam("detectorId") String detectorId, @PathParam("filterName") String name) {
        return FindingsResource.ok(filters.get(tenant.accountId(), tenant.region(), detectorId, name));
    }

    /** UpdateFilter. */
    @POST
    @Path("/{filterName}")
    @RolesAllowed("admin")
    public Response update(@PathParam("detectorId") String detectorId, @PathParam("filterName") String name, String body) {
        return FindingsResource.ok(filters.update(tenant.accountId(), tenant.region(), detectorId, name, Requests.body(body)));
    }

    /** DeleteFilter. */
    @DELETE
    @Path("/{filterName}")
    @RolesAllowed("admin")
    public Response delete(@PathParam("detectorId") String detectorId, @PathParam("filterName") String name) {
        filters.delete(tenant.accountId(), tenant.region(), detectorId, name);
        return FindingsResource.empty();
    }
}
