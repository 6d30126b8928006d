package dev.vigil.accounts.rest;

import dev.vigil.accounts.rest.dto.EntitySetDtos.CreateThreatEntitySetResponse;
import dev.vigil.accounts.rest.dto.EntitySetDtos.CreateTrustedEntitySetResponse;
import dev.vigil.accounts.rest.dto.EntitySetDtos.GetEntitySetResponse;
import dev.vigil.accounts.rest.dto.EntitySetDtos.ListThreatEntitySetsResponse;
import dev.vigil.accounts.rest.dto.EntitySetDtos.ListTrustedEntitySetsResponse;
import dev.vigil.accounts.rest.dto.ListDtos.CreateListRequest;
import dev.vigil.accounts.rest.dto.ListDtos.UpdateListRequest;
import dev.vigil.accounts.service.ListKind;
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
import java.util.List;
import java.util.Map;

/**
 * GuardDuty's entity set operations (2025) under {@code /detector/{detectorId}/threatentityset} and
 * {@code /detector/{detectorId}/trustedentityset}: Create, Get, List, Update, Delete, plus the Vigil upload extension
 * {@code PUT .../{id}/content} as for IPSets. Entity sets hold IP addresses, CIDR blocks and domains in the six list
 * formats; they share the IPSet status machine, the administrator's apply to its members, and a member cannot manage
 * them ({@link ListService}). Threat entity domains drive {@code Impact:EC2/MaliciousDomainRequest.Custom}; trusted
 * entity domains suppress DNS findings for the domain and its subdomains (detector-service {@code TenantLists}).
 */
@Path("/detector")
@Produces(MediaType.APPLICATION_JSON)
public class EntitySetResource {

    private static final String THREAT = ListKind.THREAT_ENTITY.name();
    private static final String TRUSTED = ListKind.TRUSTED_ENTITY.name();

    private final TenantContext tenant;
    private final ListService service;

    public EntitySetResource(TenantContext tenant, ListService service) {
        this.tenant = tenant;
        this.service = service;
    }

    private Uni<String> create(String detectorId, String kind, CreateListRequest body) {
        return service.create(tenant.accountId(), tenant.region(), detectorId, kind, CreateListRequest.settings(body));
    }

    private Uni<List<String>> ids(String detectorId, String kind) {
        return service.list(tenant.accountId(), tenant.region(), detectorId, kind);
    }

    private Uni<GetEntitySetResponse> get(String detectorId, String kind, String id) {
        return service.get(tenant.accountId(), tenant.region(), detectorId, kind, id).map(GetEntitySetResponse::of);
    }

    private Uni<Map<String, Object>> update(String detectorId, String kind, String id, UpdateListRequest body) {
        return service.update(tenant.accountId(), tenant.region(), detectorId, kind, id, UpdateListRequest.settings(body))
                .map(x -> Map.of());
    }

    private Uni<Map<String, Object>> delete(String detectorId, String kind, String id) {
        return service.delete(tenant.accountId(), tenant.region(), detectorId, kind, id).map(x -> Map.of());
    }

    private Uni<Map<String, Object>> upload(String detectorId, String kind, String id, byte[] content) {
        return service.upload(tenant.accountId(), tenant.region(), detectorId, kind, id, content).map(x -> Map.of());
    }

    // ---- ThreatEntitySet ----

    /** CreateThreatEntitySet: POST /detector/{detectorId}/threatentityset. */
    @POST
    @Path("/{detectorId}/threatentityset")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<CreateThreatEntitySetResponse> createThreatEntitySet(@PathParam("detectorId") String detectorId, CreateListRequest body) {
        return create(detectorId, THREAT, body).map(CreateThreatEntitySetResponse::new);
    }

    /** ListThreatEntitySets: GET /detector/{detectorId}/threatentityset. */
    @GET
    @Path("/{detectorId}/threatentityset")
    @RolesAllowed({"admin", "analyst"})
    public Uni<ListThreatEntitySetsResponse> listThreatEntitySets(@PathParam("detectorId") String detectorId,
            @QueryParam("maxResults") Integer maxResults, @QueryParam("nextToken") String nextToken) {
        return ids(detectorId, THREAT).map(all -> Pages.page(all, maxResults, nextToken))
                .map(p -> new ListThreatEntitySetsResponse(p.items(), p.nextToken()));
    }

    /** GetThreatEntitySet: GET /detector/{detectorId}/threatentityset/{threatEntitySetId}. */
    @GET
    @Path("/{detectorId}/threatentityset/{threatEntitySetId}")
    @RolesAllowed({"admin", "analyst"})
    public Uni<GetEntitySetResponse> getThreatEntitySet(@PathParam("detectorId") String detectorId,
            @PathParam("threatEntitySetId") String id) {
        return get(detectorId, THREAT, id);
    }

    /** UpdateThreatEntitySet: POST /detector/{detectorId}/threatentityset/{threatEntitySetId}. */
    @POST
    @Path("/{detectorId}/threatentityset/{threatEntitySetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> updateThreatEntitySet(@PathParam("detectorId") String detectorId,
            @PathParam("threatEntitySetId") String id, UpdateListRequest body) {
        return update(detectorId, THREAT, id, body);
    }

    /** DeleteThreatEntitySet: DELETE /detector/{detectorId}/threatentityset/{threatEntitySetId}. */
    @DELETE
    @Path("/{detectorId}/threatentityset/{threatEntitySetId}")
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> deleteThreatEntitySet(@PathParam("detectorId") String detectorId,
            @PathParam("threatEntitySetId") String id) {
        return delete(detectorId, THREAT, id);
    }

    /** Vigil extension: PUT /detector/{detectorId}/threatentityset/{threatEntitySetId}/content, the raw file as body. */
    @PUT
    @Path("/{detectorId}/threatentityset/{threatEntitySetId}/content")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> uploadThreatEntitySet(@PathParam("detectorId") String detectorId,
            @PathParam("threatEntitySetId") String id, byte[] content) {
        return upload(detectorId, THREAT, id, content);
    }

    // ---- TrustedEntitySet ----

    /** CreateTrustedEntitySet: POST /detector/{detectorId}/trustedentityset. */
    @POST
    @Path("/{detectorId}/trustedentityset")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<CreateTrustedEntitySetResponse> createTrustedEntitySet(@PathParam("detectorId") String detectorId, CreateListRequest body) {
        return create(detectorId, TRUSTED, body).map(CreateTrustedEntitySetResponse::new);
    }

    /** ListTrustedEntitySets: GET /detector/{detectorId}/trustedentityset. */
    @GET
    @Path("/{detectorId}/trustedentityset")
    @RolesAllowed({"admin", "analyst"})
    public Uni<ListTrustedEntitySetsResponse> listTrustedEntitySets(@PathParam("detectorId") String detectorId,
            @QueryParam("maxResults") Integer maxResults, @QueryParam("nextToken") String nextToken) {
        return ids(detectorId, TRUSTED).map(all -> Pages.page(all, maxResults, nextToken))
                .map(p -> new ListTrustedEntitySetsResponse(p.items(), p.nextToken()));
    }

    /** GetTrustedEntitySet: GET /detector/{detectorId}/trustedentityset/{trustedEntitySetId}. */
    @GET
    @Path("/{detectorId}/trustedentityset/{trustedEntitySetId}")
    @RolesAllowed({"admin", "analyst"})
    public Uni<GetEntitySetResponse> getTrustedEntitySet(@PathParam("detectorId") String detectorId,
            @PathParam("trustedEntitySetId") String id) {
        return get(detectorId, TRUSTED, id);
    }

    /** UpdateTrustedEntitySet: POST /detector/{detectorId}/trustedentityset/{trustedEntitySetId}. */
    @POST
    @Path("/{detectorId}/trustedentityset/{trustedEntitySetId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> updateTrustedEntitySet(@PathParam("detectorId") String detectorId,
            @PathParam("trustedEntitySetId") String id, UpdateListRequest body) {
        return update(detectorId, TRUSTED, id, body);
    }

    /** DeleteTrustedEntitySet: DELETE /detector/{detectorId}/trustedentityset/{trustedEntitySetId}. */
    @DELETE
    @Path("/{detectorId}/trustedentityset/{trustedEntitySetId}")
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> deleteTrustedEntitySet(@PathParam("detectorId") String detectorId,
            @PathParam("trustedEntitySetId") String id) {
        return delete(detectorId, TRUSTED, id);
    }

    /** Vigil extension: PUT /detector/{detectorId}/trustedentityset/{trustedEntitySetId}/content, the raw file as body. */
    @PUT
    @Path("/{detectorId}/trustedentityset/{trustedEntitySetId}/content")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> uploadTrustedEntitySet(@PathParam("detectorId") String detectorId,
            @PathParam("trustedEntitySetId") String id, byte[] content) {
        return upload(detectorId, TRUSTED, id, content);
    }
}
