package dev.vigil.console.lists;

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
 * The list operations of GuardDuty for every {@link ListKind} ({@code kind} is its {@link ListKind#path}): same gateway
 * and user token as {@link dev.vigil.console.api.GuardDutyClient}; an error answer becomes an {@link ApiException}.
 */
@RegisterRestClient(configKey = "guardduty")
@RegisterProvider(UserToken.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface ListsClient {

    /** ListIPSets etc.: the IDs under {@link ListKind#idsMember} (first page, at most 50). */
    @GET
    @Path("/detector/{detectorId}/{kind}")
    JsonNode list(@PathParam("detectorId") String detectorId, @PathParam("kind") String kind);

    /** GetIPSet etc.: {@code {name, format, location, status, tags}}. */
    @GET
    @Path("/detector/{detectorId}/{kind}/{id}")
    JsonNode get(@PathParam("detectorId") String detectorId, @PathParam("kind") String kind, @PathParam("id") String id);

    /** CreateIPSet etc. ({@code {name, format, location, activate}}): the new ID. */
    @POST
    @Path("/detector/{detectorId}/{kind}")
    JsonNode create(@PathParam("detectorId") String detectorId, @PathParam("kind") String kind, JsonNode body);

    /** UpdateIPSet etc. ({@code {"activate": true|false}} here). */
    @POST
    @Path("/detector/{detectorId}/{kind}/{id}")
    JsonNode update(@PathParam("detectorId") String detectorId, @PathParam("kind") String kind, @PathParam("id") String id,
            JsonNode body);

    /** DeleteIPSet etc. */
    @DELETE
    @Path("/detector/{detectorId}/{kind}/{id}")
    JsonNode delete(@PathParam("detectorId") String detectorId, @PathParam("kind") String kind, @PathParam("id") String id);

    /** Any answer of 400 or more: GuardDuty's error shape read into an {@link ApiException}. */
    @ClientExceptionMapper
    static ApiException toException(Response response) {
        return ApiException.of(response);
    }
}
