package dev.vigil.accounts.rest;

import dev.vigil.accounts.model.UsageTotal;
import dev.vigil.accounts.rest.dto.UsageDtos.FreeTrialRequest;
import dev.vigil.accounts.rest.dto.UsageDtos.FreeTrialResponse;
import dev.vigil.accounts.rest.dto.UsageDtos.GetUsageStatisticsRequest;
import dev.vigil.accounts.rest.dto.UsageDtos.GetUsageStatisticsResponse;
import dev.vigil.accounts.service.UsageService;
import dev.vigil.web.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GuardDuty usage operations under {@code /detector/{detectorId}/usage} and {@code /freeTrial}. */
@Path("/detector")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsageResource {

    private final TenantContext tenant;
    private final UsageService service;

    public UsageResource(TenantContext tenant, UsageService service) {
        this.tenant = tenant;
        this.service = service;
    }

    /** GetUsageStatistics: POST /detector/{detectorId}/usage/statistics. */
    @POST
    @Path("/{detectorId}/usage/statistics")
    @RolesAllowed({"admin", "analyst"})
    public Uni<GetUsageStatisticsResponse> statistics(@PathParam("detectorId") String detectorId, GetUsageStatisticsRequest body) {
        return service.statistics(tenant.accountId(), tenant.region(), detectorId, GetUsageStatisticsRequest.query(body))
                .map(all -> {
                    Pages.Page<UsageTotal> p = Pages.page(all, body.maxResults(), body.nextToken());
                    return GetUsageStatisticsResponse.of(body.usageStatisticsType(), p.items(), p.nextToken());
                });
    }

    /** GetRemainingFreeTrialDays: POST /detector/{detectorId}/freeTrial/daysRemaining. */
    @POST
    @Path("/{detectorId}/freeTrial/daysRemaining")
    @RolesAllowed({"admin", "analyst"})
    public Uni<FreeTrialResponse> freeTrial(@PathParam("detectorId") String detectorId, FreeTrialRequest body) {
        return service.freeTrial(tenant.accountId(), tenant.region(), detectorId, body == null ? null : body.accountIds())
                .map(FreeTrialResponse::of);
    }
}
