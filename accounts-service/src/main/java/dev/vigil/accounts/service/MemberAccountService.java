package dev.vigil.accounts.service;

import dev.vigil.accounts.model.Invitation;
import dev.vigil.accounts.model.Unprocessed;
import dev.vigil.accounts.repository.MembershipEntity;
import dev.vigil.accounts.repository.MembershipRepository;
import dev.vigil.events.Ids;
import dev.vigil.web.GuardDutyException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The member side of GuardDuty's administrator/member relationships: the invitations an account received
 * (ListInvitations, GetInvitationsCount, DeclineInvitations → Resigned and hidden, DeleteInvitations → hidden) and its
 * administrator (AcceptAdministratorInvitation → Enabled, GetAdministratorAccount, DisassociateFromAdministratorAccount
 * → Resigned). An account has at most one administrator per region, needs its own detector to accept, and cannot
 * accept while it administers members. Changes are committed and published through {@link Memberships#commit} or
 * {@link StateChanges}.
 */
@ApplicationScoped
public class MemberAccountService {

    private final MembershipRepository relationships;
    private final DetectorService detectorService;
    private final Memberships memberships;
    private final StateChanges changes;

    public MemberAccountService(MembershipRepository relationships, DetectorService detectorService,
            Memberships memberships, StateChanges changes) {
        this.relationships = relationships;
        this.detectorService = detectorService;
        this.memberships = memberships;
        this.changes = changes;
    }

    private static Invitation toInvitation(MembershipEntity m) {
        return new Invitation(m.accountId, m.invitationId, m.relationshipStatus, m.invitedAt);
    }

    /** ListInvitations: invitations sent to {@code member} in {@code region} that it has not deleted or declined. */
    @WithSession
    public Uni<List<Invitation>> invitations(String member, String region) {
        return relationships.asMember(member, region).map(l -> l.stream()
                .filter(m -> m.invitationId != null && !m.invitationHidden && !"Removed".equals(m.relationshipStatus))
                .map(MemberAccountService::toInvitation).toList());
    }

    /** GetInvitationsCount: pending invitations (all listed ones except the accepted one). */
    @WithSession
    public Uni<Integer> invitationsCount(String member, String region) {
        return relationships.asMember(member, region).map(l -> (int) l.stream()
                .filter(m -> m.invitationId != null && !m.invitationHidden && "Invited".equals(m.relationshipStatus)).count());
    }

    /**
     * AcceptAdministratorInvitation / AcceptInvitation.
     *
     * @throws GuardDutyException 400 if the member has no such detector, already has an administrator, administers
     *                            members itself, or the invitation is not a pending one from {@code administratorId}
     */
    public Uni<Void> accept(String member, String region, String detectorId, String administratorId, String invitationId) {
        if (administratorId == null || invitationId == null) {
            throw GuardDutyException.badRequest("administratorId and invitationId are required.");
        }
        for (String problem : new String[] {Ids.problem("administratorId", administratorId),
                Ids.problem("invitationId", invitationId)}) {
            if (problem != null) {
                throw GuardDutyException.badRequest(problem);
            }
        }
        return changes.commit(() -> detectorService.require(member, region, detectorId)
                .chain(d -> relationships.countMembers(member, region))
                .chain(n -> {
                    if (n > 0) {
                        throw GuardDutyException.badRequest("The request is rejected because the current account is an administrator account and cannot become a member.");
                    }
                    return relationships.asMember(member, region);
                })
                .map(rels -> {
                    if (rels.stream().anyMatch(m -> Memberships.ASSOCIATED.contains(m.relationshipStatus))) {
                        throw GuardDutyException.badRequest("The request is rejected because the current account already has an administrator account.");
                    }
                    MembershipEntity inv = rels.stream().filter(m -> m.accountId.equals(administratorId) && invitationId.equals(m.invitationId)
                            && "Invited".equals(m.relationshipStatus) && !m.invitationHidden).findFirst()
                            .orElseThrow(() -> GuardDutyException.badRequest("The request is rejected because the input invitationId is not valid."));
                    inv.relationshipStatus = "Enabled";
                    inv.updatedAt = Memberships.now();
                    return Affected.none().relationship(administratorId, member).result();
                }));
    }

    /** DeclineInvitations: pending invitations from the listed administrators → Resigned, hidden from the list. */
    public Uni<List<Unprocessed>> decline(String member, String region, List<String> accountIds) {
        return memberships.commit(() -> memberSide(member, region, accountIds, m -> {
            if (!"Invited".equals(m.relationshipStatus)) {
                return "The invitation is not pending (status " + m.relationshipStatus + ").";
            }
            m.relationshipStatus = "Resigned";
            m.invitationHidden = true;
            return null;
        }));
    }

    /** DeleteInvitations: hides any invitation except an accepted one (disassociate first). */
    public Uni<List<Unprocessed>> deleteInvitations(String member, String region, List<String> accountIds) {
        return memberships.commit(() -> memberSide(member, region, accountIds, m -> {
            if (Memberships.ASSOCIATED.contains(m.relationshipStatus)) {
                return "The invitation was accepted; disassociate from the administrator account first.";
            }
            if ("Invited".equals(m.relationshipStatus)) {
                m.relationshipStatus = "Resigned";
            }
            m.invitationHidden = true;
            return null;
        }));
    }

    private Uni<Memberships.Outcome> memberSide(String member, String region, List<String> accountIds, Memberships.MemberChange change) {
        List<String> ids = Memberships.accountIds(accountIds);
        List<Unprocessed> unprocessed = new ArrayList<>();
        Affected affected = Affected.none();
        return relationships.asMember(member, region).map(rels -> {
            for (String id : ids) {
                MembershipEntity m = rels.stream().filter(r -> r.accountId.equals(id) && r.invitationId != null && !r.invitationHidden)
                        .findFirst().orElse(null);
                if (m == null) {
                    unprocessed.add(new Unprocessed(id, "The request is rejected because no invitation from this account exists."));
                    continue;
                }
                String problem = change.apply(m);
                if (problem != null) {
                    unprocessed.add(new Unprocessed(id, problem));
                } else {
                    m.updatedAt = Memberships.now();
                    affected.relationship(id, member);
                }
            }
            return new Memberships.Outcome(unprocessed, affected);
        });
    }

    /** GetAdministratorAccount: the associated administrator, or null. */
    @WithSession
    public Uni<Invitation> administrator(String member, String region, String detectorId) {
        return detectorService.require(member, region, detectorId).chain(d -> relationships.asMember(member, region))
                .map(rels -> rels.stream().filter(m -> Memberships.ASSOCIATED.contains(m.relationshipStatus)).findFirst()
                        .map(MemberAccountService::toInvitation).orElse(null));
    }

    /** DisassociateFromAdministratorAccount: Enabled/Disabled → Resigned. */
    public Uni<Void> disassociateFromAdministrator(String member, String region, String detectorId) {
        return changes.commit(() -> detectorService.require(member, region, detectorId).chain(d -> relationships.asMember(member, region))
                .map(rels -> {
                    MembershipEntity m = rels.stream().filter(r -> Memberships.ASSOCIATED.contains(r.relationshipStatus)).findFirst()
                            .orElseThrow(() -> GuardDutyException.badRequest("The request is rejected because the current account is not associated with an administrator account."));
                    m.relationshipStatus = "Resigned";
                    m.updatedAt = Memberships.now();
                    return Affected.none().relationship(m.accountId, member).result();
                }));
    }
}
