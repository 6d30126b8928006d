package dev.vigil.accounts.rest;

import dev.vigil.accounts.model.Unprocessed;
import dev.vigil.accounts.rest.dto.DetectorDtos.FeatureConfiguration;
import dev.vigil.accounts.rest.dto.MemberDtos.AcceptAdministratorRequest;
import dev.vigil.accounts.rest.dto.MemberDtos.AcceptMasterRequest;
import dev.vigil.accounts.rest.dto.MemberDtos.AccountDetail;
import dev.vigil.accounts.rest.dto.MemberDtos.AccountIdsRequest;
import dev.vigil.accounts.rest.dto.MemberDtos.AdministratorResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.CreateMembersRequest;
import dev.vigil.accounts.rest.dto.MemberDtos.GetMemberDetectorsResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.GetMembersResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.Invitation;
import dev.vigil.accounts.rest.dto.MemberDtos.InviteMembersRequest;
import dev.vigil.accounts.rest.dto.MemberDtos.ListMembersResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.MasterResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.Member;
import dev.vigil.accounts.rest.dto.MemberDtos.UnprocessedResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.UpdateMemberDetectorsRequest;
import dev.vigil.accounts.service.AdministratorService;
import dev.vigil.accounts.service.MemberAccountService;
import dev.vigil.web.GuardDutyException;
import dev.vigil.web.TenantContext;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;

/**
 * GuardDuty member operations under {@code /detector/{detectorId}/...}: the administrator side (member, invite,
 * start/stop monitoring) and the member side (accept, administrator/master, disassociate).
 */
@Path("/detector")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class MemberResource {

    private final TenantContext tenant;
    private final AdministratorService administrator;
    private final MemberAccountService member;

    public MemberResource(TenantContext tenant, AdministratorService administrator, MemberAccountService member) {
        this.tenant = tenant;
        this.administrator = administrator;
        this.member = member;
    }

    private static Uni<UnprocessedResponse> unprocessed(Uni<List<Unprocessed>> unprocessed) {
        return unprocessed.map(UnprocessedResponse::of);
    }

    private static AccountIdsRequest body(AccountIdsRequest b) {
        return b == null ? new AccountIdsRequest(null) : b;
    }

    /** CreateMembers: POST /detector/{detectorId}/member. */
    @POST
    @Path("/{detectorId}/member")
    @RolesAllowed("admin")
    public Uni<UnprocessedResponse> create(@PathParam("detectorId") String detectorId, CreateMembersRequest b) {
        return unprocessed(administrator.create(tenant.accountId(), tenant.region(), detectorId,
                AccountDetail.details(b == null ? null : b.accountDetails())));
    }

    /** InviteMembers: POST /detector/{detectorId}/member/invite. */
    @POST
    @Path("/{detectorId}/member/invite")
    @RolesAllowed("admin")
    public Uni<UnprocessedResponse> invite(@PathParam("detectorId") String detectorId, InviteMembersRequest b) {
        if (b != null && b.message() != null && b.message().length() > 1000) {
            throw GuardDutyException.badRequest("message must be at most 1000 characters.");
        }
        return unprocessed(administrator.invite(tenant.accountId(), tenant.region(), detectorId, b == null ? null : b.accountIds()));
    }

    /** GetMembers: POST /detector/{detectorId}/member/get. */
    @POST
    @Path("/{detectorId}/member/get")
    @RolesAllowed({"admin", "analyst"})
    public Uni<GetMembersResponse> get(@PathParam("detectorId") String detectorId, AccountIdsRequest b) {
        return administrator.get(tenant.accountId(), tenant.region(), detectorId, body(b).accountIds()).map(GetMembersResponse::of);
    }

    /** ListMembers: GET /detector/{detectorId}/member?onlyAssociated=true|false. */
    @GET
    @Path("/{detectorId}/member")
    @RolesAllowed({"admin", "analyst"})
    public Uni<ListMembersResponse> list(@PathParam("detectorId") String detectorId, @QueryParam("maxResults") Integer maxResults,
            @QueryParam("nextToken") String nextToken, @QueryParam("onlyAssociated") String onlyAssociated) {
        if (onlyAssociated != null && !onlyAssociated.equalsIgnoreCase("true") && !onlyAssociated.equalsIgnoreCase("false")) {
            throw GuardDutyException.badRequest("onlyAssociated must be true or false.");
        }
        boolean only = onlyAssociated == null || onlyAssociated.equalsIgnoreCase("true");
        return administrator.list(tenant.accountId(), tenant.region(), detectorId, only).map(all -> {
            Pages.Page<Member> p = Pages.page(all.stream().map(Member::of).toList(), maxResults, nextToken);
            return new ListMembersResponse(p.items(), p.nextToken());
        });
    }

    /** DisassociateMembers: POST /detector/{detectorId}/member/disassociate. */
    @POST
    @Path("/{detectorId}/member/disassociate")
    @RolesAllowed("admin")
    public Uni<UnprocessedResponse> disassociate(@PathParam("detectorId") String detectorId, AccountIdsRequest b) {
        return unprocessed(administrator.disassociate(tenant.accountId(), tenant.region(), detectorId, body(b).accountIds()));
    }

    /** DeleteMembers: POST /detector/{detectorId}/member/delete. */
    @POST
    @Path("/{detectorId}/member/delete")
    @RolesAllowed("admin")
    public Uni<UnprocessedResponse> delete(@PathParam("detectorId") String detectorId, AccountIdsRequest b) {
        return unprocessed(administrator.delete(tenant.accountId(), tenant.region(), detectorId, body(b).accountIds()));
    }

    /** StartMonitoringMembers: POST /detector/{detectorId}/member/start. */
    @POST
    @Path("/{detectorId}/member/start")
    @RolesAllowed("admin")
    public Uni<UnprocessedResponse> start(@PathParam("detectorId") String detectorId, AccountIdsRequest b) {
        return unprocessed(administrator.start(tenant.accountId(), tenant.region(), detectorId, body(b).accountIds()));
    }

    /** StopMonitoringMembers: POST /detector/{detectorId}/member/stop. */
    @POST
    @Path("/{detectorId}/member/stop")
    @RolesAllowed("admin")
    public Uni<UnprocessedResponse> stop(@PathParam("detectorId") String detectorId, AccountIdsRequest b) {
        return unprocessed(administrator.stop(tenant.accountId(), tenant.region(), detectorId, body(b).accountIds()));
    }

    /** GetMemberDetectors: POST /detector/{detectorId}/member/detector/get. */
    @POST
    @Path("/{detectorId}/member/detector/get")
    @RolesAllowed({"admin", "analyst"})
    public Uni<GetMemberDetectorsResponse> memberDetectors(@PathParam("detectorId") String detectorId, AccountIdsRequest b) {
        return administrator.memberDetectors(tenant.accountId(), tenant.region(), detectorId, body(b).accountIds())
                .map(GetMemberDetectorsResponse::of);
    }

    /**
     * UpdateMemberDetectors: POST /detector/{detectorId}/member/detector/update, body {@code accountIds} (1 to 50),
     * {@code dataSources} and/or {@code features} as UpdateDetector takes them; answer {@code unprocessedAccounts}.
     */
    @POST
    @Path("/{detectorId}/member/detector/update")
    @RolesAllowed("admin")
    public Uni<UnprocessedResponse> updateMemberDetectors(@PathParam("detectorId") String detectorId,
            UpdateMemberDetectorsRequest b) {
        UpdateMemberDetectorsRequest r = b == null ? new UpdateMemberDetectorsRequest(null, null, null) : b;
        return unprocessed(administrator.updateMemberDetectors(tenant.accountId(), tenant.region(), detectorId,
                r.accountIds(), r.dataSources(), FeatureConfiguration.features(r.features())));
    }

    /** AcceptAdministratorInvitation: POST /detector/{detectorId}/administrator. */
    @POST
    @Path("/{detectorId}/administrator")
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> accept(@PathParam("detectorId") String detectorId, AcceptAdministratorRequest b) {
        return member.accept(tenant.accountId(), tenant.region(), detectorId, b == null ? null : b.administratorId(),
                b == null ? null : b.invitationId()).map(x -> Map.of());
    }

    /** AcceptInvitation (deprecated): POST /detector/{detectorId}/master. */
    @POST
    @Path("/{detectorId}/master")
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> acceptMaster(@PathParam("detectorId") String detectorId, AcceptMasterRequest b) {
        return member.accept(tenant.accountId(), tenant.region(), detectorId, b == null ? null : b.masterId(),
                b == null ? null : b.invitationId()).map(x -> Map.of());
    }

    /** GetAdministratorAccount: GET /detector/{detectorId}/administrator. */
    @GET
    @Path("/{detectorId}/administrator")
    @RolesAllowed({"admin", "analyst"})
    public Uni<AdministratorResponse> administrator(@PathParam("detectorId") String detectorId) {
        return member.administrator(tenant.accountId(), tenant.region(), detectorId).map(i -> new AdministratorResponse(Invitation.of(i)));
    }

    /** GetMasterAccount (deprecated): GET /detector/{detectorId}/master. */
    @GET
    @Path("/{detectorId}/master")
    @RolesAllowed({"admin", "analyst"})
    public Uni<MasterResponse> master(@PathParam("detectorId") String detectorId) {
        return member.administrator(tenant.accountId(), tenant.region(), detectorId).map(i -> new MasterResponse(Invitation.of(i)));
    }

    /**
     * DisassociateFromAdministratorAccount: POST /detector/{detectorId}/administrator/disassociate. The operation has
     * no input body, so any (or no) Content-Type is accepted: a bodyless call reaches the security check (401/403) and
     * the operation instead of a 415.
     */
    @POST
    @Path("/{detectorId}/administrator/disassociate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> disassociateFromAdministrator(@PathParam("detectorId") String detectorId) {
        return member.disassociateFromAdministrator(tenant.accountId(), tenant.region(), detectorId).map(x -> Map.of());
    }

    /** DisassociateFromMasterAccount (deprecated): POST /detector/{detectorId}/master/disassociate (no input body). */
    @POST
    @Path("/{detectorId}/master/disassociate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed("admin")
    public Uni<Map<String, Object>> disassociateFromMaster(@PathParam("detectorId") String detectorId) {
        return disassociateFromAdministrator(detectorId);
    }
}
