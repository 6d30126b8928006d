package dev.vigil.console.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vigil.console.api.Api;
import dev.vigil.console.api.ApiException;
import dev.vigil.console.pages.ApiError;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

/**
 * Accounts ({@code /accounts}): for an administrator account, its members with their relationship status (ListMembers),
 * invite by account ID and email (CreateMembers then InviteMembers), start or stop monitoring and disassociate; for a
 * member account, its invitations with accept (AcceptAdministratorInvitation) and decline (DeclineInvitations). The
 * actions are for the {@code admin} role; the API decides, and its refusal is shown beside the field it names.
 */
@Path("/accounts")
public class AccountsPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance accounts(List<Relationship> members, List<Relationship> invitations, InviteForm form,
                String notice, ApiError error);
    }

    /** The values of the invite form, kept when the API refuses them. */
    public record InviteForm(String accountId, String email, String message) {
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Map<String, String> NOTICES = Map.of("invited", "Invited the account.",
            "start", "Monitoring started.", "stop", "Monitoring stopped.", "disassociate", "Disassociated the member.",
            "accepted", "Accepted the invitation.", "declined", "Declined the invitation.");

    private final Api api;
    private final MembersClient members;

    AccountsPage(Api api, @RestClient MembersClient members) {
        this.api = api;
        this.members = members;
    }

    /** Members and invitations; {@code notice} names the action just done. */
    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response show(@RestQuery String notice) {
        return render(new InviteForm("", "", ""), notice == null ? null : NOTICES.get(notice), null);
    }

    /** CreateMembers then InviteMembers of one account; a refusal (or an unprocessed account) beside its field. */
    @POST
    @Path("/invite")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    public Response invite(@RestForm String accountId, @RestForm String email, @RestForm String message) {
        InviteForm form = new InviteForm(trim(accountId), trim(email), message == null ? "" : message);
        ObjectNode create = JSON.objectNode();
        create.putArray("accountDetails").addObject().put("accountId", form.accountId()).put("email", form.email());
        ObjectNode invite = accountIds(form.accountId());
        if (!form.message().isBlank()) {
            invite.put("message", form.message());
        }
        try {
            String refused = unprocessed(members.createMembers(api.detectorId(), create));
            if (refused == null) {
                refused = unprocessed(members.members(api.detectorId(), "invite", invite));
            }
            if (refused != null) {
                return render(form, null, new ApiError(ApiError.fieldIn(refused, "accountId", "email", "message"), refused));
            }
        } catch (ApiException e) {
            return render(form, null, ApiError.of(e, ApiError.fieldIn(e.getMessage(), "accountId", "email", "message")));
        }
        return seeOther("invited");
    }

    /** StartMonitoringMembers, StopMonitoringMembers or DisassociateMembers ({@code operation}) of one member. */
    @POST
    @Path("/member")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response member(@RestForm String accountId, @RestForm String operation) {
        if (!List.of("start", "stop", "disassociate").contains(operation)) {
            throw new ApiException(400, "BadRequestException", "operation must be start, stop or disassociate.");
        }
        String refused = unprocessed(members.members(api.detectorId(), operation, accountIds(trim(accountId))));
        if (refused != null) {
            throw new ApiException(400, "BadRequestException", refused);
        }
        return seeOther(operation);
    }

    /** AcceptAdministratorInvitation of {@code administratorId}'s invitation {@code invitationId}. */
    @POST
    @Path("/accept")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response accept(@RestForm String administratorId, @RestForm String invitationId) {
        members.accept(api.detectorId(), JSON.objectNode().put("administratorId", trim(administratorId))
                .put("invitationId", trim(invitationId)));
        return seeOther("accepted");
    }

    /** DeclineInvitations of {@code administratorId}'s invitation. */
    @POST
    @Path("/decline")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decline(@RestForm String administratorId) {
        String refused = unprocessed(members.decline(accountIds(trim(administratorId))));
        if (refused != null) {
            throw new ApiException(400, "BadRequestException", refused);
        }
        return seeOther("declined");
    }

    private Response render(InviteForm form, String notice, ApiError error) {
        List<Relationship> memberList = Relationship.of(members.listMembers(api.detectorId(), "false"), "members");
        List<Relationship> invitations = Relationship.of(members.listInvitations(), "invitations");
        return Response.status(error == null ? 200 : error.status())
                .entity(Templates.accounts(memberList, invitations, form, notice, error))
                .type(MediaType.TEXT_HTML_TYPE).build();
    }

    private static ObjectNode accountIds(String id) {
        ObjectNode body = JSON.objectNode();
        body.putArray("accountIds").add(id);
        return body;
    }

    /** The first unprocessed account's result ("accountId: result"), or null when every account was processed. */
    private static String unprocessed(JsonNode answer) {
        JsonNode first = answer == null ? null : answer.path("unprocessedAccounts").path(0);
        return first == null || first.isMissingNode() ? null
                : "accountId " + first.path("accountId").asText() + ": " + first.path("result").asText();
    }

    private static String trim(String s) {
        return s == null ? "" : s.trim();
    }

    private static Response seeOther(String notice) {
        return Response.seeOther(URI.create("/accounts?notice=" + notice)).build();
    }
}
