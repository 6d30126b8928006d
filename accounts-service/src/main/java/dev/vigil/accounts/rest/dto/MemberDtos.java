package dev.vigil.accounts.rest.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.accounts.model.MemberDetector;
import dev.vigil.accounts.model.Processed;
import dev.vigil.accounts.model.Unprocessed;
import java.util.List;
import java.util.Map;

/** GuardDuty member and invitation shapes; member names are the model's {@code locationName}s. */
public final class MemberDtos {

    private MemberDtos() {
    }

    /** AccountDetail. */
    public record AccountDetail(String accountId, String email) {

        /** The accounts to add ({@code null} stays {@code null}, also for an entry). */
        public static List<dev.vigil.accounts.model.Member.Detail> details(List<AccountDetail> list) {
            return list == null ? null : list.stream()
                    .map(d -> d == null ? null : new dev.vigil.accounts.model.Member.Detail(d.accountId, d.email)).toList();
        }
    }

    /** CreateMembersRequest. */
    public record CreateMembersRequest(List<AccountDetail> accountDetails) {
    }

    /** Requests that only carry {@code accountIds} (GetMembers, DeleteMembers, DeclineInvitations, ...). */
    public record AccountIdsRequest(List<String> accountIds) {
    }

    /** UpdateMemberDetectorsRequest: the members and the data sources or features to set on their detectors. */
    public record UpdateMemberDetectorsRequest(List<String> accountIds, JsonNode dataSources,
            List<DetectorDtos.FeatureConfiguration> features) {
    }

    /** InviteMembersRequest. */
    public record InviteMembersRequest(List<String> accountIds, Boolean disableEmailNotification, String message) {
    }

    /** UnprocessedAccount. */
    public record UnprocessedAccount(String accountId, String result) {

        /** The wire shape of {@code unprocessed}. */
        public static List<UnprocessedAccount> of(List<Unprocessed> unprocessed) {
            return unprocessed.stream().map(u -> new UnprocessedAccount(u.accountId(), u.reason())).toList();
        }
    }

    /** Responses that only carry {@code unprocessedAccounts}. */
    public record UnprocessedResponse(List<UnprocessedAccount> unprocessedAccounts) {

        /** The answer listing {@code unprocessed}. */
        public static UnprocessedResponse of(List<Unprocessed> unprocessed) {
            return new UnprocessedResponse(UnprocessedAccount.of(unprocessed));
        }
    }

    /** Member; times are ISO-8601 strings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Member(String accountId, String detectorId, String masterId, String email, String relationshipStatus,
            String invitedAt, String updatedAt, String administratorId) {

        /** The wire shape of {@code m} ({@code masterId} is the deprecated name of {@code administratorId}). */
        public static Member of(dev.vigil.accounts.model.Member m) {
            return new Member(m.accountId(), m.detectorId(), m.administratorId(), m.email(), m.relationshipStatus(),
                    m.invitedAt() == null ? null : m.invitedAt().toString(), m.updatedAt().toString(), m.administratorId());
        }
    }

    /** GetMembersResponse. */
    public record GetMembersResponse(List<Member> members, List<UnprocessedAccount> unprocessedAccounts) {

        /** The answer for {@code p}. */
        public static GetMembersResponse of(Processed<dev.vigil.accounts.model.Member> p) {
            return new GetMembersResponse(p.items().stream().map(Member::of).toList(), UnprocessedAccount.of(p.unprocessed()));
        }
    }

    /** ListMembersResponse. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ListMembersResponse(List<Member> members, String nextToken) {
    }

    /** Invitation / Administrator / Master (same members). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Invitation(String accountId, String invitationId, String relationshipStatus, String invitedAt) {

        /** The wire shape of {@code i} ({@code null} stays {@code null}). */
        public static Invitation of(dev.vigil.accounts.model.Invitation i) {
            return i == null ? null : new Invitation(i.administratorId(), i.invitationId(), i.relationshipStatus(),
                    i.invitedAt() == null ? null : i.invitedAt().toString());
        }
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

        /** The answer for {@code p}. */
        public static GetMemberDetectorsResponse of(Processed<MemberDetector> p) {
            return new GetMemberDetectorsResponse(p.items().stream()
                    .map(m -> new MemberDataSources(m.accountId(), DetectorDtos.dataSources(m.detector()))).toList(),
                    UnprocessedAccount.of(p.unprocessed()));
        }
    }
}
