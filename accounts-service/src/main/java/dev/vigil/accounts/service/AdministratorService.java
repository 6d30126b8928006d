package dev.vigil.accounts.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vigil.accounts.config.VigilConfig;
import dev.vigil.accounts.model.Detector;
import dev.vigil.accounts.model.Member;
import dev.vigil.accounts.model.MemberDetector;
import dev.vigil.accounts.model.Processed;
import dev.vigil.accounts.model.Unprocessed;
import dev.vigil.accounts.repository.DetectorRepository;
import dev.vigil.accounts.repository.MembershipEntity;
import dev.vigil.accounts.repository.MembershipRepository;
import dev.vigil.events.Keys;
import dev.vigil.web.GuardDutyException;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The administrator side of GuardDuty's administrator/member relationships (GuardDuty user guide, "Managing accounts
 * by invitation"): CreateMembers (Created), InviteMembers (Invited), Start/StopMonitoringMembers
 * (Enabled ⇄ Disabled), DisassociateMembers (Removed), DeleteMembers (row deleted), GetMembers, ListMembers,
 * GetMemberDetectors and UpdateMemberDetectors. At most {@code vigil.member-limit} members per administrator and region; an administrator is
 * never a member itself (refused when it would accept). Before a member accepts, its administrator sees nothing of it
 * but what it gave: no detector ID, and CreateMembers answers alike for every well-formed account. Per-account failures are reported as unprocessed accounts; whole-request failures are
 * 400 BadRequestException. Changes are committed and published through {@link Memberships#commit}.
 */
@ApplicationScoped
public class AdministratorService {

    private final DetectorRepository detectors;
    private final MembershipRepository relationships;
    private final DetectorService detectorService;
    private final Memberships memberships;
    private final VigilConfig config;

    public AdministratorService(DetectorRepository detectors, MembershipRepository relationships,
            DetectorService detectorService, Memberships memberships, VigilConfig config) {
        this.detectors = detectors;
        this.relationships = relationships;
        this.detectorService = detectorService;
        this.memberships = memberships;
        this.config = config;
    }

    /** CreateMembers. */
    public Uni<List<Unprocessed>> create(String admin, String region, String detectorId, List<Member.Detail> details) {
        if (details == null || details.isEmpty() || details.size() > 50) {
            throw GuardDutyException.badRequest("accountDetails must contain 1 to 50 accounts.");
        }
        List<Unprocessed> unprocessed = new ArrayList<>();
        Affected affected = Affected.none();
        return memberships.commit(() -> detectorService.require(admin, region, detectorId)
                .chain(d -> memberships.requireNotMember(admin, region, "add members"))
                .chain(x -> relationships.countMembers(admin, region))
                .chain(count -> {
                    long[] n = {count};
                    return Multi.createFrom().iterable(details).onItem().transformToUniAndConcatenate(detail -> {
                        String id = detail == null ? null : detail.accountId();
                        if (!Keys.isAccountId(id)) {
                            unprocessed.add(new Unprocessed(id, "The account ID is not a valid 12-digit account ID."));
                            return Uni.createFrom().voidItem();
                        }
                        String email = detail.email();
                        if (email == null || !email.matches("^[^@\\s]+@[^@\\s]+$") || email.length() > 64) {
                            unprocessed.add(new Unprocessed(id, "The email address is not valid."));
                            return Uni.createFrom().voidItem();
                        }
                        if (id.equals(admin)) {
                            unprocessed.add(new Unprocessed(id, "The current account cannot add itself as a member."));
                            return Uni.createFrom().voidItem();
                        }
                        return relationships.member(admin, region, id).chain(existing -> {
                            if (existing != null) {
                                unprocessed.add(new Unprocessed(id, "The account is already a member of the current account."));
                                return Uni.createFrom().voidItem();
                            }
                            // nothing about the account itself (has it a detector, members, an administrator?) is
                            // told before it accepts: an administrator account is refused at acceptance
                            // (MemberAccountService.accept), so this answer is the same for every account (issue 23,
                            // defect 3)
                            return Uni.createFrom().voidItem().chain(none -> {
                                if (n[0] >= config.memberLimit()) {
                                    unprocessed.add(new Unprocessed(id, "The member account limit (" + config.memberLimit() + ") has been reached."));
                                    return Uni.createFrom().voidItem();
                                }
                                n[0]++;
                                MembershipEntity m = new MembershipEntity();
                                m.accountId = admin;
                                m.region = region;
                                m.memberAccountId = id;
                                m.email = email;
                                m.relationshipStatus = "Created";
                                m.updatedAt = Memberships.now();
                                affected.relationship(admin, id);
                                return relationships.persist(m).replaceWithVoid();
                            });
                        });
                    }).collect().asList();
                })
                .map(x -> new Memberships.Outcome(unprocessed, affected)));
    }

    /** Applies {@code change} to each listed member of {@code admin}; missing ones are unprocessed. */
    private Uni<Memberships.Outcome> forMembers(String admin, String region, String detectorId, List<String> accountIds, Memberships.MemberChange change) {
        List<String> ids = Memberships.accountIds(accountIds);
        List<Unprocessed> unprocessed = new ArrayList<>();
        Affected affected = Affected.none();
        return detectorService.require(admin, region, detectorId)
                .chain(d -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> relationships.member(admin, region, id)
                        .chain(m -> {
                            if (m == null) {
                                unprocessed.add(new Unprocessed(id, "The request is rejected because the input account ID is not associated with the current account."));
                                return Uni.createFrom().voidItem();
                            }
                            String problem = change.apply(m);
                            if (problem != null) {
                                unprocessed.add(new Unprocessed(id, problem));
                                return Uni.createFrom().voidItem();
                            }
                            affected.relationship(admin, id);
                            m.updatedAt = Memberships.now();
                            return "DELETE".equals(m.relationshipStatus) ? relationships.delete(m) : Uni.createFrom().voidItem();
                        })).collect().asList())
                .map(x -> new Memberships.Outcome(unprocessed, affected));
    }

    /** InviteMembers: Created, Invited (re-sent), Removed or Resigned → Invited with a new invitation ID. */
    public Uni<List<Unprocessed>> invite(String admin, String region, String detectorId, List<String> accountIds) {
        return memberships.commit(() -> memberships.requireNotMember(admin, region, "invite members").chain(x -> forMembers(admin, region, detectorId, accountIds, m -> {
            if (Memberships.ASSOCIATED.contains(m.relationshipStatus)) {
                return "The account is already associated with the current account.";
            }
            m.relationshipStatus = "Invited";
            m.invitationId = UUID.randomUUID().toString().replace("-", "");
            m.invitedAt = Memberships.now();
            m.invitationHidden = false;
            return null;
        })));
    }

    /** DisassociateMembers: any status → Removed. */
    public Uni<List<Unprocessed>> disassociate(String admin, String region, String detectorId, List<String> accountIds) {
        return memberships.commit(() -> forMembers(admin, region, detectorId, accountIds, m -> {
            m.relationshipStatus = "Removed";
            return null;
        }));
    }

    /** DeleteMembers: the relationship is deleted whatever its status. */
    public Uni<List<Unprocessed>> delete(String admin, String region, String detectorId, List<String> accountIds) {
        return memberships.commit(() -> forMembers(admin, region, detectorId, accountIds, m -> {
            m.relationshipStatus = "DELETE";
            return null;
        }));
    }

    /** StartMonitoringMembers: Disabled → Enabled (Enabled stays). */
    public Uni<List<Unprocessed>> start(String admin, String region, String detectorId, List<String> accountIds) {
        return monitor(admin, region, detectorId, accountIds, "Enabled");
    }

    /** StopMonitoringMembers: Enabled → Disabled (Disabled stays). */
    public Uni<List<Unprocessed>> stop(String admin, String region, String detectorId, List<String> accountIds) {
        return monitor(admin, region, detectorId, accountIds, "Disabled");
    }

    /** Sets associated members' monitoring status; any other member is unprocessed with its status. */
    private Uni<List<Unprocessed>> monitor(String admin, String region, String detectorId, List<String> accountIds, String status) {
        return memberships.commit(() -> forMembers(admin, region, detectorId, accountIds, m -> {
            if (!Memberships.ASSOCIATED.contains(m.relationshipStatus)) {
                return "The account is not associated with the current account (status " + m.relationshipStatus + ").";
            }
            m.relationshipStatus = status;
            return null;
        }));
    }

    /**
     * The Member shape of a relationship; the member's own {@code detectorId} only while it is associated (Enabled or
     * Disabled: it accepted), as GuardDuty shows it, so that an administrator learns nothing about an account that has
     * not accepted (issue 23, defect 3).
     */
    private Uni<Member> withDetector(MembershipEntity m) {
        if (!Memberships.ASSOCIATED.contains(m.relationshipStatus)) {
            return Uni.createFrom().item(toMember(m, null));
        }
        return detectors.inRegion(m.memberAccountId, m.region).map(d -> toMember(m, d == null ? null : d.detectorId));
    }

    /** GetMembers. */
    @WithSession
    public Uni<Processed<Member>> get(String admin, String region, String detectorId, List<String> accountIds) {
        List<String> ids = Memberships.accountIds(accountIds);
        List<Unprocessed> unprocessed = new ArrayList<>();
        return detectorService.require(admin, region, detectorId)
                .chain(d -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> relationships.member(admin, region, id)
                        .chain(m -> {
                            if (m == null) {
                                unprocessed.add(new Unprocessed(id, "The request is rejected because the input account ID is not associated with the current account."));
                                return Uni.createFrom().nullItem();
                            }
                            return withDetector(m);
                        })).collect().asList())
                .map(ms -> new Processed<>(ms.stream().filter(x -> x != null).toList(), unprocessed));
    }

    /** ListMembers; {@code onlyAssociated} (default true) keeps Enabled and Disabled members only. */
    @WithSession
    public Uni<List<Member>> list(String admin, String region, String detectorId, boolean onlyAssociated) {
        return detectorService.require(admin, region, detectorId).chain(d -> relationships.members(admin, region))
                .chain(ms -> Multi.createFrom().iterable(ms.stream().filter(m -> !onlyAssociated || Memberships.ASSOCIATED.contains(m.relationshipStatus)).toList())
                        .onItem().transformToUniAndConcatenate(this::withDetector).collect().asList());
    }

    /** GetMemberDetectors: data source statuses of associated members' detectors. */
    @WithSession
    public Uni<Processed<MemberDetector>> memberDetectors(String admin, String region, String detectorId, List<String> accountIds) {
        List<String> ids = Memberships.accountIds(accountIds);
        List<Unprocessed> unprocessed = new ArrayList<>();
        return detectorService.require(admin, region, detectorId)
                .chain(d -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> relationships.member(admin, region, id)
                        .chain(m -> {
                            if (m == null || !Memberships.ASSOCIATED.contains(m.relationshipStatus)) {
                                unprocessed.add(new Unprocessed(id, "The request is rejected because the input account ID is not associated with the current account."));
                                return Uni.createFrom().<MemberDetector>nullItem();
                            }
                            return detectors.inRegion(id, region).map(md -> {
                                if (md == null) {
                                    unprocessed.add(new Unprocessed(id, "The member account has no detector in this region."));
                                    return null;
                                }
                                return new MemberDetector(id, DetectorService.toDetector(md));
                            });
                        })).collect().asList())
                .map(l -> new Processed<>(l.stream().filter(x -> x != null).toList(), unprocessed));
    }

    /**
     * UpdateMemberDetectors: applies {@code dataSources} and {@code features} to the detector of each associated
     * (Enabled or Disabled) member in the region, exactly as the member's own UpdateDetector would; a member that is
     * not associated or has no detector there is an unprocessed account. Names and statuses are validated first (400
     * before any change).
     */
    @WithSession
    public Uni<List<Unprocessed>> updateMemberDetectors(String admin, String region, String detectorId,
            List<String> accountIds, JsonNode dataSources, List<Detector.Feature> features) {
        List<String> ids = Memberships.accountIds(accountIds);
        DetectorService.applyFeatures(new TreeMap<>(), dataSources, features);
        Detector.Settings settings = new Detector.Settings(null, null, null, dataSources, null, features);
        List<Unprocessed> unprocessed = new ArrayList<>();
        return detectorService.require(admin, region, detectorId)
                .chain(d -> Multi.createFrom().iterable(ids).onItem().transformToUniAndConcatenate(id -> relationships
                        .member(admin, region, id).chain(m -> {
                            if (m == null || !Memberships.ASSOCIATED.contains(m.relationshipStatus)) {
                                unprocessed.add(new Unprocessed(id, "The request is rejected because the input account "
                                        + "ID is not associated with the current account."));
                                return Uni.createFrom().voidItem();
                            }
                            return detectors.inRegion(id, region).chain(md -> {
                                if (md == null) {
                                    unprocessed.add(new Unprocessed(id, "The member account has no detector in this region."));
                                    return Uni.createFrom().voidItem();
                                }
                                return detectorService.update(id, region, md.detectorId, settings);
                            });
                        })).collect().asList())
                .map(x -> unprocessed);
    }

    /** The Member shape of a relationship ({@code detectorId} is the member's own detector, if any). */
    static Member toMember(MembershipEntity m, String memberDetectorId) {
        return new Member(m.memberAccountId, memberDetectorId, m.accountId, m.email, m.relationshipStatus, m.invitedAt,
                m.updatedAt);
    }
}
