package dev.vigil.accounts.sources;

import dev.vigil.accounts.rest.Pages;
import dev.vigil.accounts.sources.LogSourceDtos.CreateLogSourceResponse;
import dev.vigil.accounts.sources.LogSourceDtos.GetLogSourceResponse;
import dev.vigil.accounts.sources.LogSourceDtos.ListLogSourcesResponse;
import dev.vigil.web.TenantContext;
import io.smallrye.mutiny.Uni;
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
import java.util.Map;

/**
 * Log sources (Vigil extension, issue 15) under {@code /detector/{detectorId}/logsource}, in the style of GuardDuty's
 * IPSet operations: the administrator role writes, analysts read, ingest and collector roles have no access. The
 * account is the caller's; another tenant's source is answered exactly like a missing one (400, as GuardDuty answers
 * a list ID the account does not own).
 */
@Path("/detector/{detectorId}/logsource")
@Produces(MediaType.APPLICATION_JSON)
public class LogSourceResource {

    private final TenantContext tenant;
    private final LogSourceService service;

    public LogSourceResource(TenantContext tenant, LogSourceService service) {
        this.tenant = tenant;
        this.service = service;
    }

    /**
     * CreateLogSource: POST /detector/{detectorId}/logsource with {@link LogSourceSettings} as body; a
     * {@code FIREHOSE} source's answer carries its access key, once.
     */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<CreateLogSourceResponse> create(@PathParam("detectorId") String detectorId, LogSourceSettings body) {
        return service.create(tenant.accountId(), tenant.region(), detectorId, body).map(CreateLogSourceResponse::of);
    }

    /** ListLogSources: GET /detector/{detectorId}/logsource. */
    @GET
    @RolesAllowed({"admin", "analyst"})
    public Uni<ListLogSourcesResponse> list(@PathParam("detectorId") String detectorId, @QueryParam("maxResults") Integer maxResults,
            @QueryParam("nextToken") String nextToken) {
        return service.list(tenant.accountId(), tenant.region(), detectorId).map(all -> {
            Pages.Page<String> p = Pages.page(all, maxResults, nextToken);
            return new ListLogSourcesResponse(p.items(), p.nextToken());
        });
    }

    /** GetLogSource: GET /detector/{detectorId}/logsource/{logSourceId}, settings without secrets and status. */
    @GET
    @Path("/{logSourceId}")
    @RolesAllowed({"admin", "analyst"})
    public Uni<GetLogSourceResponse> get(@PathParam("detectorId") String detectorId, @PathParam("logSourceId") String id) {
        return service.get(tenant.accountId(), tenant.region(), detectorId, id).map(GetLogSourceResponse::of);
    }

    /**
     * UpdateLogSource: POST /detector/{detectorId}/logsource/{logSourceId}; members left out are kept. The answer is
     * {@code {}}, or {@code {"firehoseAccessKey": ...}} (once) when the body asked {@code rotateFirehoseAccessKey}.
     */
    @POST
    @Path("/{logSourceId}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> update(@PathParam("detectorId") String detectorId, @PathParam("logSourceId") String id,
            LogSourceSettings body) {
        return service.update(tenant.accountId(), tenant.region(), detectorId, id, body)
                .map(key -> key == null ? Map.of() : Map.of("firehoseAccessKey", key));
    }

    /** DeleteLogSource: DELETE /detector/{detectorId}/logsource/{logSourceId}. */
    @DELETE
    @Path("/{logSourceId}")
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> delete(@PathParam("detectorId") String detectorId, @PathParam("logSourceId") String id) {
        return service.delete(tenant.accountId(), tenant.region(), detectorId, id).map(x -> Map.of());
    }
}
