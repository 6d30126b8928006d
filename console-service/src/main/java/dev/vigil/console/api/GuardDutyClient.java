package dev.vigil.console.api;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;

/**
 * The GuardDuty REST API as the console calls it (through the gateway, {@code quarkus.rest-client.guardduty.url}),
 * always with the signed-in user's own access token ({@link UserToken}). Bodies are GuardDuty's JSON shapes
 * ({@code ../shared/reference/guardduty*.service-2.json}); an error answer becomes an {@link ApiException}.
 */
@RegisterRestClient(configKey = "guardduty")
@RegisterProvider(UserToken.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface GuardDutyClient {

    /** ListDetectors: {@code {"detectorIds": [...]}} of the caller's account in the default region. */
    @GET
    @Path("/detector")
    JsonNode listDetectors();

    /** ListFindings: {@code {"findingIds": [...], "nextToken": ...}}. */
    @POST
    @Path("/detector/{detectorId}/findings")
    JsonNode listFindings(@PathParam("detectorId") String detectorId, JsonNode body);

    /** GetFindings: {@code {"findings": [...]}} for the visible IDs among at most 50. */
    @POST
    @Path("/detector/{detectorId}/findings/get")
    JsonNode getFindings(@PathParam("detectorId") String detectorId, JsonNode body);

    /** GetFindingsStatistics: {@code {"findingStatistics": {...}}}. */
    @POST
    @Path("/detector/{detectorId}/findings/statistics")
    JsonNode statistics(@PathParam("detectorId") String detectorId, JsonNode body);

    /** ArchiveFindings ({@code {"findingIds": [...]}}); administrators only. */
    @POST
    @Path("/detector/{detectorId}/findings/archive")
    JsonNode archive(@PathParam("detectorId") String detectorId, JsonNode body);

    /** UnarchiveFindings ({@code {"findingIds": [...]}}); administrators only. */
    @POST
    @Path("/detector/{detectorId}/findings/unarchive")
    JsonNode unarchive(@PathParam("detectorId") String detectorId, JsonNode body);

    /** UpdateFindingsFeedback ({@code {"findingIds": [...], "feedback": "USEFUL"|"NOT_USEFUL"}}). */
    @POST
    @Path("/detector/{detectorId}/findings/feedback")
    JsonNode feedback(@PathParam("detectorId") String detectorId, JsonNode body);

    /** Vigil's export of one finding as ASFF or OCSF ({@code format} {@code asff} or {@code ocsf}). */
    @GET
    @Path("/detector/{detectorId}/findings/{findingId}/{format}")
    JsonNode render(@PathParam("detectorId") String detectorId, @PathParam("findingId") String findingId,
            @PathParam("format") String format);

    /** ListFilters: {@code {"filterNames": [...], "nextToken": ...}} (at most 50 a page). */
    @GET
    @Path("/detector/{detectorId}/filter")
    JsonNode listFilters(@PathParam("detectorId") String detectorId, @jakarta.ws.rs.QueryParam("maxResults") int maxResults);

    /** GetFilter: name, description, action ({@code NOOP}|{@code ARCHIVE}), rank, findingCriteria. */
    @GET
    @Path("/detector/{detectorId}/filter/{name}")
    JsonNode getFilter(@PathParam("detectorId") String detectorId, @PathParam("name") String name);

    /** CreateFilter (administrators): {@code {"name": ...}}. */
    @POST
    @Path("/detector/{detectorId}/filter")
    JsonNode createFilter(@PathParam("detectorId") String detectorId, JsonNode body);

    /** UpdateFilter (administrators): description, action, rank and criteria of the filter {@code name}. */
    @POST
    @Path("/detector/{detectorId}/filter/{name}")
    JsonNode updateFilter(@PathParam("detectorId") String detectorId, @PathParam("name") String name, JsonNode body);

    /** DeleteFilter (administrators). */
    @jakarta.ws.rs.DELETE
    @Path("/detector/{detectorId}/filter/{name}")
    JsonNode deleteFilter(@PathParam("detectorId") String detectorId, @PathParam("name") String name);

    /** GetUsageStatistics: {@code {"usageStatistics": {"sumByDataSource": [...], ...}}}, estimated cost in USD. */
    @POST
    @Path("/detector/{detectorId}/usage/statistics")
    JsonNode usage(@PathParam("detectorId") String detectorId, JsonNode body);

    /** GetRemainingFreeTrialDays ({@code {"accountIds": [...]}}). */
    @POST
    @Path("/detector/{detectorId}/freeTrial/daysRemaining")
    JsonNode freeTrial(@PathParam("detectorId") String detectorId, JsonNode body);

    /** Any answer of 400 or more: GuardDuty's error shape read into an {@link ApiException}. */
    @ClientExceptionMapper
    static ApiException toException(Response response) {
        return ApiException.of(response);
    }
}
