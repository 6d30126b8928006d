package dev.vigil.accounts.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/** GuardDuty member and invitation shapes; member names are the model's {@code locationName}s. */
public final class MemberDtos {

    private MemberDtos() {
    }

    /** AccountDetail. */
    public record AccountDetail(String accountId, String email) {
    }

    /** CreateMembersRequest. */
    public record CreateMembersRequest(List<AccountDetail> accountDetails) {
    }

    /** Requests that only carry {@code accountIds} (GetMembers, DeleteMembers, DeclineInvitations, ...). */
    public record AccountIdsRequest(List<String> accountIds) {
    }

    /** InviteMembersRequest. */
    public record InviteMembersRequest(List<String> accountIds, Boolean disableEmailNotification, String message) {
    }

    /** UnprocessedAccount. */
    public record UnprocessedAccount(String accountId, String result) {
    }

    /** Responses that only carry {@code unprocessedAccounts}. */
    public record UnprocessedResponse(List<UnprocessedAccount> unprocessedAccounts) {
    }

    /** Member; times are ISO-8601 strings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String accountId, String detectorId, String masterId, String email, String relationshipStatus,
            String invitedAt, String updatedAt, String administratorId) {
    }

    /** GetMembersResponse. */
    public record GetMembersResponse(List<Member> members, List<UnprocessedAccount> unprocessedAccounts) {
    }

    /** ListMembersResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListMembersResponse(List<Member> members, String nextToken) {
    }

    /** Invitation / Administrator / Master (same members). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Invitation(String accountId, String invitationId, String relationshipStatus, String invitedAt) {
    }

    /** ListInvitationsResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListInvitationsResponse(List<Invitation> invitations, String nextToken) {
    }

    /** GetInvitationsCountResponse. */
    public record InvitationsCountResponse(int invitationsCount) {
    }

    /** AcceptAdministratorInvitationRequest. */
    public record AcceptAdministratorRequest(String administratorId, String invitationId) {
    }

    /** AcceptInvitationRequest (deprecated name). */
    public record AcceptMasterRequest(String masterId, String invitationId) {
    }

    /** GetAdministratorAccountResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record AdministratorResponse(Invitation administrator) {
    }

    /** GetMasterAccountResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record MasterResponse(Invitation master) {
    }

    /** MemberDataSourceConfiguration. */
    public record MemberDataSources(String accountId, Map<String, Object> dataSources) {
    }

    /** GetMemberDetectorsResponse. */
    public record GetMemberDetectorsResponse(List<MemberDataSources> members, List<UnprocessedAccount> unprocessedAccounts) {
    }
}
