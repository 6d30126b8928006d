package dev.vigil.console.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.console.api.ApiException;
import dev.vigil.console.api.UserToken;
import io.quarkus.rest.client.reactive.ClientExceptionMapper;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * GuardDuty's multi-account operations as the console calls them (same gateway and user token as
 * {@link dev.vigil.console.api.GuardDutyClient}); bodies are GuardDuty's JSON shapes, an error answer becomes an
 * {@link ApiException}.
 */
@RegisterRestClient(configKey = "guardduty")
@RegisterProvider(UserToken.class)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface MembersClient {

    /** ListMembers: {@code {"members": [{accountId, email, relationshipStatus, invitedAt, updatedAt}], ...}}. */
    @GET
    @Path("/detector/{detectorId}/member")
    JsonNode listMembers(@PathParam("detectorId") String detectorId, @QueryParam("onlyAssociated") String onlyAssociated);

    /** CreateMembers ({@code {"accountDetails": [{accountId, email}]}}): {@code {"unprocessedAccounts": [...]}}. */
    @POST
    @Path("/detector/{detectorId}/member")
    JsonNode createMembers(@PathParam("detectorId") String detectorId, JsonNode body);

    /**
     * InviteMembers ({@code invite}), StartMonitoringMembers ({@code start}), StopMonitoringMembers ({@code stop})
     * or DisassociateMembers ({@code disassociate}) of {@code {"accountIds": [...]}}: {@code {"unprocessedAccounts": [...]}}.
     */
    @POST
    @Path("/detector/{detectorId}/member/{operation}")
    JsonNode members(@PathParam("detectorId") String detectorId, @PathParam("operation") String operation, JsonNode body);

    /** ListInvitations: {@code {"invitations": [{accountId, invitationId, relationshipStatus, invitedAt}]}}. */
    @GET
    @Path("/invitation")
    JsonNode listInvitations();

    /** AcceptAdministratorInvitation ({@code {"administratorId", "invitationId"}}). */
    @POST
    @Path("/detector/{detectorId}/administrator")
    JsonNode accept(@PathParam("detectorId") String detectorId, JsonNode body);

    /** DeclineInvitations ({@code {"accountIds": [administrator IDs]}}): {@code {"unprocessedAccounts": [...]}}. */
    @POST
    @Path("/invitation/decline")
    JsonNode decline(JsonNode body);

    /** Any answer of 400 or more: GuardDuty's error shape read into an {@link ApiException}. */
    @ClientExceptionMapper
    static ApiException toException(Response response) {
        return ApiException.of(response);
    }
}
