package dev.vigil.accounts.service;

import dev.vigil.accounts.config.VigilConfig;
import dev.vigil.accounts.repository.DetectorRepository;
import dev.vigil.accounts.repository.MembershipEntity;
import dev.vigil.accounts.repository.MembershipRepository;
import dev.vigil.accounts.rest.dto.MemberDtos.AccountDetail;
import dev.vigil.accounts.rest.dto.MemberDtos.GetMemberDetectorsResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.GetMembersResponse;
import dev.vigil.accounts.rest.dto.MemberDtos.Invitation;
import dev.vigil.accounts.rest.dto.MemberDtos.Member;
import dev.vigil.accounts.rest.dto.MemberDtos.MemberDataSources;
import dev.vigil.accounts.rest.dto.MemberDtos.UnprocessedAccount;
import dev.vigil.events.Ids;
import dev.vigil.events.Keys;
import dev.vigil.web.GuardDutyException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Administrator/member relationships with GuardDuty's states and rules (GuardDuty user guide, "Managing accounts by
 * invitation"): Created → Invited → Enabled ⇄ Disabled (Start/StopMonitoringMembers); DisassociateMembers → Removed;
 * member DisassociateFromAdministratorAccount or DeclineInvitations → Resigned; DeleteMembers removes the row. At most
 * one administrator per account and region; no account is administrator and member at once; a member needs its own
 * detector to accept; at most {@code vigil.member-limit} members per administrator and region. Per-account failures
 * are reported in {@code unprocessedAccounts}; whole-request failures are 400 BadRequestException.
 */
@ApplicationScoped
public class MemberService {

    static final Set<String> ASSOCIATED = Set.of("Enabled", "Disabled");

    private final DetectorRepository detectors;
    private final MembershipRepository memberships;
    private final DetectorService detectorService;
    private final VigilConfig config;
    private final StateChanges changes;

    public MemberService(DetectorRepository detectors, MembershipRepository memberships, DetectorService detectorService,
            VigilConfig config, StateChanges changes) {
        this.detectors = detectors;
        this.memberships = memberships;
        this.detectorService = detectorService;
        this.config = config;
        this.changes = changes;
    }

    /** Per-call result: the unprocessed accounts and what to publish. */
    record Outcome(List<UnprocessedAccount> unprocessed, Affected affected) {

        Affected.Result<List<UnprocessedAccount>> result() {
            return affected.with(unprocessed);
        }
    }

    /** Commits {@code change} and publishes what it affected; the item is its unprocessed accounts. */
    private Uni<List<UnprocessedAccount>> committed(java.util.function.Supplier<Uni<Outcome>> change) {
        return changes.commit(() -> change.get().map(Outcome::result));
    }

    static List<String> ids(List<String> accountIds) {
        if (accountIds == null || accountIds.isEmpty() || accountIds.size() > 50) {
            throw GuardDutyException.badRequest("accountIds must contain 1 to 50 account IDs.");
        }
        for (String id : accountIds) {
            if (!Keys.isAccountId(id)) {
                throw GuardDutyException.badRequest("The request is rejected because accountIds contains a value that"
                        + " is not a 12-digit account ID.");
            }
        }
        return new ArrayList<>(new LinkedHashSet<>(accountIds));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    /** The Member shape of a relationship ({@code detectorId} is the member's own detector, if any). */
    static Member toMember(MembershipEntity m, String memberDetectorId) {
        return new Member(m.memberAccountId, memberDetectorId, m.accountId, m.email, m.relationshipStatus,
                m.invitedAt == null ? null : m.invitedAt.toString(), m.updatedAt.toString(), m.accountId);
    }

    /** Whether {@code accountId} has an associated administrator in {@code region}. */
    private Uni<Boolean> isMember(String accountId, String region) {
        return memberships.asMember(accountId, region).map(l -> l.stream().anyMatch(m -> ASSOCIATED.contains(m.relationshipStatus)));
    }

    /**
     * Fails with 400 if {@code accountId} is an associated member in {@code region}: members cannot manage members or
     * lists (GuardDuty: only the administrator manages them).
     */
    public Uni<Void> requireNotMember(String accountId, String region, String what) {
        return isMember(accountId, region).map(m -> {
            if (m) {
                throw GuardDutyException.badRequest("The request is rejected because a member account cannot " + what + ".");
            }
            return null;
        });
    }

    /** CreateMembers. */
    public Uni<List<UnprocessedAccount>> create(String admin, String region, String detectorId, List<AccountDetail> details) {
        if (details == null || details.isEmpty() || details.size() > 50) {
            throw GuardDutyException.badRequest("accountDetails must contain 1 to 50 accounts.");
        }
        List<UnprocessedAccount> unprocessed = new ArrayList<>();
        Affected affected = Affected.none();
        return committed(() -> detectorService.require(admin, region, detectorId)
                .chain(d -> requireNotMember(admin, region, "add members"))
                .chain(x -> memberships.countMembers(admin, region))
                .chain(count -> {
                    long[] n = {count};
                    return Multi.createFrom().iterable(details).onItem().transformToUniAndConcatenate(detail -> {
                        String id = detail == null ? null : detail.accountId();
                        if (!Keys.isAccountId(id)) {
                            unprocessed.add(new UnprocessedAccount(id, "The account ID is not a valid 12-digit account ID."));
                            return Uni.createFrom().voidItem();
                        }
                        String email = detail.email();
                        if (email == null || !email.matches("^[^@\\s]+@[^@\\s]+$") || email.length() > 64) {
                            unprocessed.add(new UnprocessedAccount(id, "The email address is not valid."));
                            return Uni.createFrom().voidItem();
                        }
                        if (id.equals(admin)) {
                            unprocessed.add(new UnprocessedAccount(id, "The current account cannot add itself as a member."));
                            return Uni.createFrom().voidItem();
                        }
                        return memberships.member(admin, region, id).chain(existing -> {
                            if (existing != null) {
                                unprocessed.add(new UnprocessedAccount(id, "The account is already a member of the current account."));
                                return Uni.createFrom().voidItem();
                            }
                            return memberships.countMembers(id, region).chain(hisMembers -> {
                                if (hisMembers > 0) {
                                    unprocessed.add(new UnprocessedAccount(id, "The account is an administrator account and cannot be a member."));
                                    return Uni.createFrom().voidItem();
                                }
                                if (n[0] >= config.memberLimit()) {
                                    unprocessed.add(new UnprocessedAccount(id, "The member account limit (" + config.memberLimit() + ") has been reached."));
                                    return Uni.createFrom().voidItem();
                                }
                                n[0]++;
                                MembershipEntity m = new MembershipEntity();
                                m.accountId = admin;
                                m.region = region;
                                m.memberAccountId = id;
                                m.email = email;
                                m.relationshipStatus = "Created";
                                m.updatedAt = now();
                                affected.relationship(admin, id);
                                return memberships.persist(m).replaceWithVoid();
                            });
                        });
                    }).collect().asList();
                })
                .map(x -> new Outcome(unprocessed, affected)));
    }

    /** Applies {@code change} to each listed member of {@code admin}; missing ones are unprocessed. */
    private Uni<Outcome> forMembers(String admin, String region, String detectorId, List<String> accountIds, MemberChange change) {
        List<String> ids = ids(accountIds);
        List<UnprocessedAccount> unprocessed = new ArrayList<>();
        Affected affected = Affected.none();
        return detectorService.require(admin, region, detectorId)
                .chain(d -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> memberships.member(admin, region, id)
                        .chain(m -> {
                            if (m == null) {
                                unprocessed.add(new UnprocessedAccount(id, "The request is rejected because the input account ID is not associated with the current account."));
                                return Uni.createFrom().voidItem();
                            }
                            String problem = change.apply(m);
                            if (problem != null) {
                                unprocessed.add(new UnprocessedAccount(id, problem));
                                return Uni.createFrom().voidItem();
                            }
                            affected.relationship(admin, id);
                            m.updatedAt = now();
                            return "DELETE".equals(m.relationshipStatus) ? memberships.delete(m) : Uni.createFrom().voidItem();
                        })).collect().asList())
                .map(x -> new Outcome(unprocessed, affected));
    }

    /** A change of one relationship; returns null if done, else the unprocessed reason. */
    @FunctionalInterface
    interface MemberChange {
        String apply(MembershipEntity m);
    }

    /** InviteMembers: Created, Invited (re-sent), Removed or Resigned → Invited with a new invitation ID. */
    public Uni<List<UnprocessedAccount>> invite(String admin, String region, String detectorId, List<String> accountIds) {
        return committed(() -> requireNotMember(admin, region, "invite members").chain(x -> forMembers(admin, region, detectorId, accountIds, m -> {
            if (ASSOCIATED.contains(m.relationshipStatus)) {
                return "The account is already associated with the current account.";
            }
            m.relationshipStatus = "Invited";
            m.invitationId = UUID.randomUUID().toString().replace("-", "");
            m.invitedAt = now();
            m.invitationHidden = false;
            return null;
        })));
    }

    /** DisassociateMembers: any status → Removed. */
    public Uni<List<UnprocessedAccount>> disassociate(String admin, String region, String detectorId, List<String> accountIds) {
        return committed(() -> forMembers(admin, region, detectorId, accountIds, m -> {
            m.relationshipStatus = "Removed";
            return null;
        }));
    }

    /** DeleteMembers: the relationship is deleted whatever its status. */
    public Uni<List<UnprocessedAccount>> delete(String admin, String region, String detectorId, List<String> accountIds) {
        return committed(() -> forMembers(admin, region, detectorId, accountIds, m -> {
            m.relationshipStatus = "DELETE";
            return null;
        }));
    }

    /** StartMonitoringMembers: Disabled → Enabled (Enabled stays). */
    public Uni<List<UnprocessedAccount>> start(String admin, String region, String detectorId, List<String> accountIds) {
        return committed(() -> forMembers(admin, region, detectorId, accountIds, m -> {
            if (!ASSOCIATED.contains(m.relationshipStatus)) {
                return "The account is not associated with the current account (status " + m.relationshipStatus + ").";
            }
            m.relationshipStatus = "Enabled";
            return null;
        }));
    }

    /** StopMonitoringMembers: Enabled → Disabled (Disabled stays). */
    public Uni<List<UnprocessedAccount>> stop(String admin, String region, String detectorId, List<String> accountIds) {
        return committed(() -> forMembers(admin, region, detectorId, accountIds, m -> {
            if (!ASSOCIATED.contains(m.relationshipStatus)) {
                return "The account is not associated with the current account (status " + m.relationshipStatus + ").";
            }
            m.relationshipStatus = "Disabled";
            return null;
        }));
    }

    private Uni<Member> withDetector(MembershipEntity m) {
        return detectors.inRegion(m.memberAccountId, m.region).map(d -> toMember(m, d == null ? null : d.detectorId));
    }

    /** GetMembers. */
    @WithSession
    public Uni<GetMembersResponse> get(String admin, String region, String detectorId, List<String> accountIds) {
        List<String> ids = ids(accountIds);
        List<UnprocessedAccount> unprocessed = new ArrayList<>();
        return detectorService.require(admin, region, detectorId)
                .chain(d -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> memberships.member(admin, region, id)
                        .chain(m -> {
                            if (m == null) {
                                unprocessed.add(new UnprocessedAccount(id, "The request is rejected because the input account ID is not associated with the current account."));
                                return Uni.createFrom().nullItem();
                            }
                            return withDetector(m);
                        })).collect().asList())
                .map(ms -> new GetMembersResponse(ms.stream().filter(x -> x != null).toList(), unprocessed));
    }

    /** ListMembers; {@code onlyAssociated} (default true) keeps Enabled and Disabled members only. */
    @WithSession
    public Uni<List<Member>> list(String admin, String region, String detectorId, boolean onlyAssociated) {
        return detectorService.require(admin, region, detectorId).chain(d -> memberships.members(admin, region))
                .chain(ms -> Multi.createFrom().iterable(ms.stream().filter(m -> !onlyAssociated || ASSOCIATED.contains(m.relationshipStatus)).toList())
                        .onItem().transformToUniAndConcatenate(this::withDetector).collect().asList());
    }

    /** GetMemberDetectors: data source statuses of associated members' detectors. */
    @WithSession
    public Uni<GetMemberDetectorsResponse> memberDetectors(String admin, String region, String detectorId, List<String> accountIds) {
        List<String> ids = ids(accountIds);
        List<UnprocessedAccount> unprocessed = new ArrayList<>();
        return detectorService.require(admin, region, detectorId)
                .chain(d -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> memberships.member(admin, region, id)
                        .chain(m -> {
                            if (m == null || !ASSOCIATED.contains(m.relationshipStatus)) {
                                unprocessed.add(new UnprocessedAccount(id, "The request is rejected because the input account ID is not associated with the current account."));
                                return Uni.createFrom().<MemberDataSources>nullItem();
                            }
                            return detectors.inRegion(id, region).map(md -> {
                                if (md == null) {
                                    unprocessed.add(new UnprocessedAccount(id, "The member account has no detector in this region."));
                                    return null;
                                }
                                return new MemberDataSources(id, DetectorService.toResponse(md).dataSources());
                            });
                        })).collect().asList())
                .map(l -> new GetMemberDetectorsResponse(l.stream().filter(x -> x != null).toList(), unprocessed));
    }

    // ---- member side ----

    private static Invitation toInvitation(MembershipEntity m) {
        return new Invitation(m.accountId, m.invitationId, m.relationshipStatus, m.invitedAt == null ? null : m.invitedAt.toString());
    }

    /** ListInvitations: invitations sent to {@code member} in {@code region} that it has not deleted or declined. */
    @WithSession
    public Uni<List<Invitation>> invitations(String member, String region) {
        return memberships.asMember(member, region).map(l -> l.stream()
                .filter(m -> m.invitationId != null && !m.invitationHidden && !"Removed".equals(m.relationshipStatus))
                .map(MemberService::toInvitation).toList());
    }

    /** GetInvitationsCount: pending invitations (all listed ones except the accepted one). */
    @WithSession
    public Uni<Integer> invitationsCount(String member, String region) {
        return memberships.asMember(member, region).map(l -> (int) l.stream()
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
                .chain(d -> memberships.countMembers(member, region))
                .chain(n -> {
                    if (n > 0) {
                        throw GuardDutyException.badRequest("The request is rejected because the current account is an administrator account and cannot become a member.");
                    }
                    return memberships.asMember(member, region);
                })
                .map(rels -> {
                    if (rels.stream().anyMatch(m -> ASSOCIATED.contains(m.relationshipStatus))) {
                        throw GuardDutyException.badRequest("The request is rejected because the current account already has an administrator account.");
                    }
                    MembershipEntity inv = rels.stream().filter(m -> m.accountId.equals(administratorId) && invitationId.equals(m.invitationId)
                            && "Invited".equals(m.relationshipStatus) && !m.invitationHidden).findFirst()
                            .orElseThrow(() -> GuardDutyException.badRequest("The request is rejected because the input invitationId is not valid."));
                    inv.relationshipStatus = "Enabled";
                    inv.updatedAt = now();
                    return Affected.none().relationship(administratorId, member).result();
                }));
    }

    /** DeclineInvitations: pending invitations from the listed administrators → Resigned, hidden from the list. */
    public Uni<List<UnprocessedAccount>> decline(String member, String region, List<String> accountIds) {
        return committed(() -> memberSide(member, region, accountIds, m -> {
            if (!"Invited".equals(m.relationshipStatus)) {
                return "The invitation is not pending (status " + m.relationshipStatus + ").";
            }
            m.relationshipStatus = "Resigned";
            m.invitationHidden = true;
            return null;
        }));
    }

    /** DeleteInvitations: hides any invitation except an accepted one (disassociate first). */
    public Uni<List<UnprocessedAccount>> deleteInvitations(String member, String region, List<String> accountIds) {
        return committed(() -> memberSide(member, region, accountIds, m -> {
            if (ASSOCIATED.contains(m.relationshipStatus)) {
                return "The invitation was accepted; disassociate from the administrator account first.";
            }
            if ("Invited".equals(m.relationshipStatus)) {
                m.relationshipStatus = "Resigned";
            }
            m.invitationHidden = true;
            return null;
        }));
    }

    private Uni<Outcome> memberSide(String member, String region, List<String> accountIds, MemberChange change) {
        List<String> ids = ids(accountIds);
        List<UnprocessedAccount> unprocessed = new ArrayList<>();
        Affected affected = Affected.none();
        return memberships.asMember(member, region).map(rels -> {
            for (String id : ids) {
                MembershipEntity m = rels.stream().filter(r -> r.accountId.equals(id) && r.invitationId != null && !r.invitationHidden)
                        .findFirst().orElse(null);
                if (m == null) {
                    unprocessed.add(new UnprocessedAccount(id, "The request is rejected because no invitation from this account exists."));
                    continue;
                }
                String problem = change.apply(m);
                if (problem != null) {
                    unprocessed.add(new UnprocessedAccount(id, problem));
                } else {
                    m.updatedAt = now();
                    affected.relationship(id, member);
                }
            }
            return new Outcome(unprocessed, affected);
        });
    }

    /** GetAdministratorAccount: the associated administrator, or null. */
    @WithSession
    public Uni<Invitation> administrator(String member, String region, String detectorId) {
        return detectorService.require(member, region, detectorId).chain(d -> memberships.asMember(member, region))
                .map(rels -> rels.stream().filter(m -> ASSOCIATED.contains(m.relationshipStatus)).findFirst()
                        .map(MemberService::toInvitation).orElse(null));
    }

    /** DisassociateFromAdministratorAccount: Enabled/Disabled → Resigned. */
    public Uni<Void> disassociateFromAdministrator(String member, String region, String detectorId) {
        return changes.commit(() -> detectorService.require(member, region, detectorId).chain(d -> memberships.asMember(member, region))
                .map(rels -> {
                    MembershipEntity m = rels.stream().filter(r -> ASSOCIATED.contains(r.relationshipStatus)).findFirst()
                            .orElseThrow(() -> GuardDutyException.badRequest("The request is rejected because the current account is not associated with an administrator account."));
                    m.relationshipStatus = "Resigned";
                    m.updatedAt = now();
                    return Affected.none().relationship(m.accountId, member).result();
                }));
    }
}
