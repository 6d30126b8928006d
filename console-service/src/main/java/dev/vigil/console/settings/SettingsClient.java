package dev.vigil.console.settings;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.ApiException;
import dev.vigil.console.api.UserToken;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The detector's settings operations (detector, publishing destinations, Vigil's log sources), with the same gateway
 * and user token as {@link dev.vigil.console.api.GuardDutyClient}; an error answer becomes an {@link ApiException}.
 */
@RegisterRestClient(configKey = "guardduty")
@RegisterProvider(UserToken.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface SettingsClient {

    /** GetDetector: {@code {status: ENABLED|DISABLED, findingPublishingFrequency, ...}}. */
    @GET
    @Path("/detector/{detectorId}")
    JsonNode detector(@PathParam("detectorId") String detectorId);

    /** UpdateDetector ({@code {enable, findingPublishingFrequency}}). */
    @POST
    @Path("/detector/{detectorId}")
    JsonNode updateDetector(@PathParam("detectorId") String detectorId, JsonNode body);

    /** ListPublishingDestinations: {@code {destinations: [{destinationId, destinationType, status}]}}. */
    @GET
    @Path("/detector/{detectorId}/publishingDestination")
    JsonNode destinations(@PathParam("detectorId") String detectorId);

    /** CreatePublishingDestination ({@code {destinationType: S3, destinationProperties: {destinationArn, kmsKeyArn}}}). */
    @POST
    @Path("/detector/{detectorId}/publishingDestination")
    JsonNode createDestination(@PathParam("detectorId") String detectorId, JsonNode body);

    /** DeletePublishingDestination. */
    @DELETE
    @Path("/detector/{detectorId}/publishingDestination/{destinationId}")
    JsonNode deleteDestination(@PathParam("detectorId") String detectorId, @PathParam("destinationId") String destinationId);

    /** Vigil's ListLogSources: {@code {logSourceIds: [...]}}. */
    @GET
    @Path("/detector/{detectorId}/logsource")
    JsonNode logSources(@PathParam("detectorId") String detectorId);

    /** Vigil's GetLogSource: {@code {logSourceId, name, kind, logType, status, ...}}. */
    @GET
    @Path("/detector/{detectorId}/logsource/{logSourceId}")
    JsonNode logSource(@PathParam("detectorId") String detectorId, @PathParam("logSourceId") String logSourceId);

    /** Any answer of 400 or more: GuardDuty's error shape read into an {@link ApiException}. */
    @ClientExceptionMapper
    static ApiException toException(Response response) {
        return ApiException.of(response);
    }
}
