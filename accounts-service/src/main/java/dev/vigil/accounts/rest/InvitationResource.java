package dev.vigil.accounts.rest;

import dev.vigil.accounts.rest.dto.MemberDtos.AccountIdsRequest;
import dev.vigil.accounts.rest.dto.MemberDtos.Invitation;
import dev.vigil.accounts.rest.dto.MemberDtos.InvitationsCountResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.ListInvitationsResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.UnprocessedResponse;
import dev.vigil.accounts.service.MemberAccountService;
import dev.vigil.web.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** GuardDuty invitation operations of the member side under {@code /invitation}. */
@Path("/invitation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationResource {

    private final TenantContext tenant;
    private final MemberAccountService service;

    public InvitationResource(TenantContext tenant, MemberAccountService service) {
        this.tenant = tenant;
        this.service = service;
    }

    /** ListInvitations: GET /invitation. */
    @GET
    @RolesAllowed({"admin", "analyst"})
    public Uni<ListInvitationsResponse> list(@QueryParam("maxResults") Integer maxResults, @QueryParam("nextToken") String nextToken) {
        return service.invitations(tenant.accountId(), tenant.region()).map(all -> {
            Pages.Page<Invitation> p = Pages.page(all.stream().map(Invitation::of).toList(), maxResults, nextToken);
            return new ListInvitationsResponse(p.items(), p.nextToken());
        });
    }

    /** GetInvitationsCount: GET /invitation/count. */
    @GET
    @Path("/count")
    @RolesAllowed({"admin", "analyst"})
    public Uni<InvitationsCountResponse> count() {
        return service.invitationsCount(tenant.accountId(), tenant.region()).map(InvitationsCountResponse::new);
    }

    /** DeclineInvitations: POST /invitation/decline. */
    @POST
    @Path("/decline")
    @RolesAllowed("admin")
    public Uni<UnprocessedResponse> decline(AccountIdsRequest b) {
        return service.decline(tenant.accountId(), tenant.region(), b == null ? null : b.accountIds())
                .map(UnprocessedResponse::of);
    }

    /** DeleteInvitations: POST /invitation/delete. */
    @POST
    @Path("/delete")
    @RolesAllowed("admin")
    public Uni<UnprocessedResponse> delete(AccountIdsRequest b) {
        return service.deleteInvitations(tenant.accountId(), tenant.region(), b == null ? null : b.accountIds())
                .map(UnprocessedResponse::of);
    }
}
