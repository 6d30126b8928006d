package dev.vigil.accounts.messaging;

import dev.vigil.accounts.repository.DetectorEntity;
import dev.vigil.accounts.repository.DetectorRepository;
import dev.vigil.accounts.repository.MembershipEntity;
import dev.vigil.accounts.repository.MembershipRepository;
import dev.vigil.accounts.repository.ThreatListEntity;
import dev.vigil.accounts.repository.ThreatListRepository;
import dev.vigil.accounts.service.Affected;
import dev.vigil.accounts.service.StatePublication;
import dev.vigil.accounts.service.ListKind;
import dev.vigil.events.AccountState;
import dev.vigil.events.ThreatListState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * Publishes each affected account's whole current state: {@link AccountState} on channel {@code accounts-state-out}
 * (topic {@code vigil.accounts.state.v1}) and its effective lists (own ACTIVE lists plus those of its Enabled
 * administrator in the same region) as {@link ThreatListState} on {@code threat-lists-out}
 * ({@code vigil.threat-lists.v1}), keyed by account ID. The returned Uni completes when the broker acknowledged.
 * Changes reach it through {@code service.StateChanges} only, after their transaction committed.
 */
@ApplicationScoped
public class StatePublisher implements StatePublication {

    private final MutinyEmitter<AccountState> states;
    private final MutinyEmitter<ThreatListState> lists;
    private final DetectorRepository detectors;
    private final MembershipRepository memberships;
    private final ThreatListRepository threatLists;

    public StatePublisher(@Channel("accounts-state-out") MutinyEmitter<AccountState> states,
            @Channel("threat-lists-out") MutinyEmitter<ThreatListState> lists, DetectorRepository detectors,
            MembershipRepository memberships, ThreatListRepository threatLists) {
        this.states = states;
        this.lists = lists;
        this.detectors = detectors;
        this.memberships = memberships;
        this.threatLists = threatLists;
    }

    /** Reads the current state of every affected account in one session, then sends and awaits the acks. */
    @Override
    public Uni<Void> publish(Affected affected) {
        if (affected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withSession(() -> Multi.createFrom().iterable(affected.states())
                        .onItem().transformToUniAndConcatenate(this::accountState).collect().asList()
                        .chain(accountStates -> Multi.createFrom().iterable(affected.lists())
                                .onItem().transformToUniAndConcatenate(this::listState).collect().asList()
                                .map(listStates -> new Object[] {accountStates, listStates})))
                .chain(both -> {
                    @SuppressWarnings("unchecked")
                    List<AccountState> a = (List<AccountState>) both[0];
                    @SuppressWarnings("unchecked")
                    List<ThreatListState> l = (List<ThreatListState>) both[1];
                    List<Uni<Void>> sends = new ArrayList<>();
                    a.forEach(s -> sends.add(states.sendMessage(keyed(s.accountId(), s))));
                    l.forEach(s -> sends.add(lists.sendMessage(keyed(s.accountId(), s))));
                    return sends.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(sends).andFailFast().replaceWithVoid();
                });
    }

    private static <T> Message<T> keyed(String key, T value) {
        return Message.of(value).addMetadata(OutgoingKafkaRecordMetadata.<String>builder().withKey(key).build());
    }

    private Uni<Long> nextVersion() {
        return Panache.getSession().chain(s -> s.createNativeQuery("select nextval('state_version')", Long.class).getSingleResult());
    }

    /** Builds the whole AccountState of {@code accountId} (must run inside a session). */
    public Uni<AccountState> accountState(String accountId) {
        return detectors.ofAccount(accountId).chain(ds -> memberships.membersAllRegions(accountId)
                .chain(ms -> memberships.asMemberAllRegions(accountId)
                        .chain(as -> nextVersion().map(v -> new AccountState(AccountState.SCHEMA_VERSION, accountId, v,
                                ds.stream().map(StatePublisher::detector).toList(), administrator(as), members(ms),
                                System.currentTimeMillis())))));
    }

    private static AccountState.Detector detector(DetectorEntity d) {
        boolean on = "ENABLED".equals(d.status);
        List<String> features = dev.vigil.accounts.service.DetectorService.readMap(d.features).entrySet().stream()
                .filter(e -> "ENABLED".equals(e.getValue())).map(Map.Entry::getKey).sorted().toList();
        return new AccountState.Detector(d.detectorId, d.region, d.status, d.findingPublishingFrequency, on, on, on,
                d.createdAt.toEpochMilli(), features.isEmpty() ? null : features);
    }

    private static final List<String> ADMIN_PREFERENCE = Arrays.asList("Enabled", "Disabled", "Invited");

    /** The relationship to report as administrator: Enabled before Disabled before a pending invitation. */
    private static AccountState.Relationship administrator(List<MembershipEntity> asMember) {
        return asMember.stream().filter(m -> ADMIN_PREFERENCE.contains(m.relationshipStatus))
                .min(Comparator.comparingInt((MembershipEntity m) -> ADMIN_PREFERENCE.indexOf(m.relationshipStatus)))
                .map(m -> new AccountState.Relationship(m.accountId, m.relationshipStatus)).orElse(null);
    }

    /** Members over all regions, one entry per member account (Enabled wins if regions differ). */
    private static List<AccountState.Relationship> members(List<MembershipEntity> ms) {
        Map<String, String> byAccount = new LinkedHashMap<>();
        for (MembershipEntity m : ms) {
            byAccount.merge(m.memberAccountId, m.relationshipStatus, (a, b) -> "Enabled".equals(a) ? a : b);
        }
        return byAccount.entrySet().stream().map(e -> new AccountState.Relationship(e.getKey(), e.getValue())).toList();
    }

    /** Builds the effective ThreatListState of {@code accountId} (must run inside a session). */
    public Uni<ThreatListState> listState(String accountId) {
        return threatLists.ofAccount(accountId).chain(own -> memberships.asMemberAllRegions(accountId)
                .chain(rels -> {
                    List<MembershipEntity> enabled = rels.stream().filter(r -> "Enabled".equals(r.relationshipStatus)).toList();
                    return Multi.createFrom().iterable(enabled)
                            .onItem().transformToUniAndConcatenate(r -> threatLists.ofAccount(r.accountId)
                                    .map(l -> l.stream().filter(x -> x.region.equals(r.region)).toList()))
                            .collect().asList()
                            .chain(inherited -> nextVersion().map(v -> {
                                List<ThreatListEntity> all = new ArrayList<>(own);
                                inherited.forEach(all::addAll);
                                List<ThreatListState.ListContent> trusted = new ArrayList<>();
                                List<ThreatListState.ListContent> threats = new ArrayList<>();
                                for (ThreatListEntity l : all) {
                                    if (!"ACTIVE".equals(l.status)) {
                                        continue;
                                    }
                                    ThreatListState.ListContent c = new ThreatListState.ListContent(l.listId, l.accountId,
                                            l.region, l.name, lines(l.cidrs), lines(l.domains));
                                    (ListKind.of(l.kind).trusted() ? trusted : threats).add(c);
                                }
                                return new ThreatListState(ThreatListState.SCHEMA_VERSION, accountId, v, trusted, threats,
                                        System.currentTimeMillis());
                            }));
                }));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : List.of(text.split("\n"));
    }
}
