package dev.vigil.accounts.rest;

import dev.vigil.accounts.rest.dto.DetectorDtos.CreateDetectorRequest;
import dev.vigil.accounts.rest.dto.DetectorDtos.CreateDetectorResponse;
import dev.vigil.accounts.rest.dto.DetectorDtos.GetDetectorResponse;
import dev.vigil.accounts.rest.dto.DetectorDtos.ListDetectorsResponse;
import dev.vigil.accounts.rest.dto.DetectorDtos.UpdateDetectorRequest;
import dev.vigil.accounts.service.DetectorService;
import dev.vigil.web.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** GuardDuty detector operations under {@code /detector} (and {@code /{region}/detector}). */
@Path("/detector")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DetectorResource {

    private final TenantContext tenant;
    private final DetectorService service;

    public DetectorResource(TenantContext tenant, DetectorService service) {
        this.tenant = tenant;
        this.service = service;
    }

    /** CreateDetector: POST /detector. */
    @POST
    @RolesAllowed("admin")
    public Uni<CreateDetectorResponse> create(@Valid CreateDetectorRequest body) {
        return service.create(tenant.accountId(), tenant.region(), CreateDetectorRequest.settings(body)).map(CreateDetectorResponse::new);
    }

    /** ListDetectors: GET /detector. */
    @GET
    @RolesAllowed({"admin", "analyst"})
    public Uni<ListDetectorsResponse> list(@QueryParam("maxResults") Integer maxResults, @QueryParam("nextToken") String nextToken) {
        return service.list(tenant.accountId(), tenant.region()).map(ids -> {
            Pages.Page<String> p = Pages.page(ids, maxResults, nextToken);
            return new ListDetectorsResponse(p.items(), p.nextToken());
        });
    }

    /** GetDetector: GET /detector/{detectorId}. */
    @GET
    @Path("/{detectorId}")
    @RolesAllowed({"admin", "analyst"})
    public Uni<GetDetectorResponse> get(@PathParam("detectorId") String detectorId) {
        return service.get(tenant.accountId(), tenant.region(), detectorId).map(GetDetectorResponse::of);
    }

    /** UpdateDetector: POST /detector/{detectorId}. */
    @POST
    @Path("/{detectorId}")
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> update(@PathParam("detectorId") String detectorId, @Valid UpdateDetectorRequest body) {
        return service.update(tenant.accountId(), tenant.region(), detectorId, UpdateDetectorRequest.settings(body)).map(x -> Map.of());
    }

    /** DeleteDetector: DELETE /detector/{detectorId}. */
    @DELETE
    @Path("/{detectorId}")
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> delete(@PathParam("detectorId") String detectorId) {
        return service.delete(tenant.accountId(), tenant.region(), detectorId).map(x -> Map.of());
    }
}
