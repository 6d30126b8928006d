package dev.vigil.accounts.rest;

import dev.vigil.accounts.rest.dto.ListDtos.CreateIpSetResponse;
import dev.vigil.accounts.rest.dto.ListDtos.CreateListRequest;
import dev.vigil.accounts.rest.dto.ListDtos.CreateThreatIntelSetResponse;
import dev.vigil.accounts.rest.dto.ListDtos.GetListResponse;
import dev.vigil.accounts.rest.dto.ListDtos.ListIpSetsResponse;
import dev.vigil.accounts.rest.dto.ListDtos.ListThreatIntelSetsResponse;
import dev.vigil.accounts.rest.dto.ListDtos.UpdateListRequest;
import dev.vigil.accounts.service.ListService;
import dev.vigil.web.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/**
 * GuardDuty IPSet and ThreatIntelSet operations under {@code /detector/{detectorId}/ipset} and
 * {@code /detector/{detectorId}/threatintelset}, plus the Vigil upload extension
 * {@code PUT .../{id}/content} (raw file body) for lists whose location starts with {@code vigil://upload}.
 */
@Path("/detector")
@Produces(MediaType.APPLICATION_JSON)
public class ListResource {

    private final TenantContext tenant;
    private final ListService service;

    public ListResource(TenantContext tenant, ListService service) {
        this.tenant = tenant;
        this.service = service;
    }

    private Uni<String> create(String detectorId, String kind, CreateListRequest body) {
        return service.create(tenant.accountId(), tenant.region(), detectorId, kind, CreateListRequest.settings(body));
    }

    private Uni<Map<String, Object>> update(String detectorId, String kind, String id, UpdateListRequest body) {
        return service.update(tenant.accountId(), tenant.region(), detectorId, kind, id, UpdateListRequest.settings(body)).map(x -> Map.of());
    }

    // ---- IPSet ----

    /** CreateIPSet: POST /detector/{detectorId}/ipset. */
    @POST
    @Path("/{detectorId}/ipset")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<CreateIpSetResponse> createIpSet(@PathParam("detectorId") String detectorId, CreateListRequest body) {
        return create(detectorId, ListService.IPSET, body).map(CreateIpSetResponse::new);
    }

    /** ListIPSets: GET /detector/{detectorId}/ipset. */
    @GET
    @Path("/{detectorId}/ipset")
    @RolesAllowed({"admin", "analyst"})
    public Uni<ListIpSetsResponse> listIpSets(@PathParam("detectorId") String detectorId, @QueryParam("maxResults") Integer maxResults,
            @QueryParam("nextToken") String nextToken) {
        return service.list(tenant.accountId(), tenant.region(), detectorId, ListService.IPSET).map(all -> {
            Pages.Page<String> p = Pages.page(all, maxResults, nextToken);
            return new ListIpSetsResponse(p.items(), p.nextToken());
        });
    }

    /** GetIPSet: GET /detector/{detectorId}/ipset/{ipSetId}. */
    @GET
    @Path("/{detectorId}/ipset/{ipSetId}")
    @RolesAllowed({"admin", "analyst"})
    public Uni<GetListResponse> getIpSet(@PathParam("detectorId") String detectorId, @PathParam("ipSetId") String id) {
        return service.get(tenant.accountId(), tenant.region(), detectorId, ListService.IPSET, id).map(GetListResponse::of);
    }

    /** UpdateIPSet: POST /detector/{detectorId}/ipset/{ipSetId}. */
    @POST
    @Path("/{detectorId}/ipset/{ipSetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> updateIpSet(@PathParam("detectorId") String detectorId, @PathParam("ipSetId") String id, UpdateListRequest body) {
        return update(detectorId, ListService.IPSET, id, body);
    }

    /** DeleteIPSet: DELETE /detector/{detectorId}/ipset/{ipSetId}. */
    @DELETE
    @Path("/{detectorId}/ipset/{ipSetId}")
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> deleteIpSet(@PathParam("detectorId") String detectorId, @PathParam("ipSetId") String id) {
        return service.delete(tenant.accountId(), tenant.region(), detectorId, ListService.IPSET, id).map(x -> Map.of());
    }

    /** Vigil extension: PUT /detector/{detectorId}/ipset/{ipSetId}/content with the raw file as body. */
    @PUT
    @Path("/{detectorId}/ipset/{ipSetId}/content")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> uploadIpSet(@PathParam("detectorId") String detectorId, @PathParam("ipSetId") String id, byte[] content) {
        return service.upload(tenant.accountId(), tenant.region(), detectorId, ListService.IPSET, id, content).map(x -> Map.of());
    }

    // ---- ThreatIntelSet ----

    /** CreateThreatIntelSet: POST /detector/{detectorId}/threatintelset. */
    @POST
    @Path("/{detectorId}/threatintelset")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<CreateThreatIntelSetResponse> createThreatIntelSet(@PathParam("detectorId") String detectorId, CreateListRequest body) {
        return create(detectorId, ListService.THREAT, body).map(CreateThreatIntelSetResponse::new);
    }

    /** ListThreatIntelSets: GET /detector/{detectorId}/threatintelset. */
    @GET
    @Path("/{detectorId}/threatintelset")
    @RolesAllowed({"admin", "analyst"})
    public Uni<ListThreatIntelSetsResponse> listThreatIntelSets(@PathParam("detectorId") String detectorId,
            @QueryParam("maxResults") Integer maxResults, @QueryParam("nextToken") String nextToken) {
        return service.list(tenant.accountId(), tenant.region(), detectorId, ListService.THREAT).map(all -> {
            Pages.Page<String> p = Pages.page(all, maxResults, nextToken);
            return new ListThreatIntelSetsResponse(p.items(), p.nextToken());
        });
    }

    /** GetThreatIntelSet: GET /detector/{detectorId}/threatintelset/{threatIntelSetId}. */
    @GET
    @Path("/{detectorId}/threatintelset/{threatIntelSetId}")
    @RolesAllowed({"admin", "analyst"})
    public Uni<GetListResponse> getThreatIntelSet(@PathParam("detectorId") String detectorId, @PathParam("threatIntelSetId") String id) {
        return service.get(tenant.accountId(), tenant.region(), detectorId, ListService.THREAT, id).map(GetListResponse::of);
    }

    /** UpdateThreatIntelSet: POST /detector/{detectorId}/threatintelset/{threatIntelSetId}. */
    @POST
    @Path("/{detectorId}/threatintelset/{threatIntelSetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> updateThreatIntelSet(@PathParam("detectorId") String detectorId, @PathParam("threatIntelSetId") String id,
            UpdateListRequest body) {
        return update(detectorId, ListService.THREAT, id, body);
    }

    /** DeleteThreatIntelSet: DELETE /detector/{detectorId}/threatintelset/{threatIntelSetId}. */
    @DELETE
    @Path("/{detectorId}/threatintelset/{threatIntelSetId}")
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> deleteThreatIntelSet(@PathParam("detectorId") String detectorId, @PathParam("threatIntelSetId") String id) {
        return service.delete(tenant.accountId(), tenant.region(), detectorId, ListService.THREAT, id).map(x -> Map.of());
    }

    /** Vigil extension: PUT /detector/{detectorId}/threatintelset/{threatIntelSetId}/content with the raw file as body. */
    @PUT
    @Path("/{detectorId}/threatintelset/{threatIntelSetId}/content")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> uploadThreatIntelSet(@PathParam("detectorId") String detectorId, @PathParam("threatIntelSetId") String id,
            byte[] content) {
        return service.upload(tenant.accountId(), tenant.region(), detectorId, ListService.THREAT, id, content).map(x -> Map.of());
    }
}
