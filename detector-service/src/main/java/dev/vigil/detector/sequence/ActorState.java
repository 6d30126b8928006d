package dev.vigil.detector.sequence;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The correlation state of one actor (a principal) or instance group, store {@value CorrelationProcessor#STORE}:
 * its signals of the current chain aggregated by signal ({@link Agg}), and what was last emitted for its sequence.
 * A chain ends when no signal arrived for the horizon (24 h), or, once it is a sequence, when none of the sequence's
 * own signals did: the actor's everyday work (its own calls from its own addresses, signals too but never steps of
 * the sequence) does not keep a finished attack open, so the same thief back a week later is a new sequence, not
 * last week's stretched. The next signal then starts a new chain. Public fields, stored in {@link ActorStateSerde}'s
 * binary form (JSON before issue 26's eleventh pass, still read).
 */
public final class ActorState {

    /** At most this many signals per actor, GuardDuty's limit for {@code Sequence.signals}. */
    public static final int MAX_SIGNALS = 100;
    /** At most this many resources or endpoints per signal. */
    public static final int MAX_PER_SIGNAL = 5;
    /** At most this many endpoints per finding signal (a Tor user changes exit every few minutes). */
    public static final int MAX_FINDING_ENDPOINTS = 20;

    public String accountId;
    public String region;
    public String detectorId;
    public SequenceSignal.Scope scope;
    public String key;
    /** Event time of the newest signal of the chain (UTC ms). */
    public long newestMs;
    /** The sequence finding's ID, fixed when the chain first qualified; {@code null} before. */
    public String sequenceId;
    /** The type emitted last, or {@code null}. */
    public String type;
    /** Events (sum of signal counts) and distinct signals when the sequence was last emitted. */
    public long emittedEvents;
    public int emittedSignals;
    /** Event time of the newest occurrence of a signal of the emitted sequence (UTC ms; 0 before a sequence). */
    public long sequenceNewestMs;
    /** Event time of the last emission. */
    public long emittedAtMs;
    /** Whether events arrived since the last emission that were not emitted yet (flushed by the wall clock). */
    public boolean dirty;
    /** The actor of the chain's newest signal that named one (signals keep their own only when it differs). */
    public SequenceSignal.Actor actor;
    public List<Agg> signals = new ArrayList<>();

    /** One signal of the chain: a finding, or one API's calls, with its occurrences (empty members not stored). */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    public static final class Agg {
        public String source;
        public String name;
        public String uid;
        public String tactic;
        public String technique;
        public Double severity;
        public long firstMs;
        public long lastMs;
        public long count;
        public boolean s3Data;
        public SequenceSignal.Actor actor;
        public List<SequenceSignal.Resource> resources = new ArrayList<>();
        public List<String> endpoints = new ArrayList<>();
        public Map<String, String> indicators = new LinkedHashMap<>();
    }

    /** The actor of signal {@code a}: its own, else the chain's ({@code null} for instance groups). */
    public SequenceSignal.Actor actorOf(Agg a) {
        return a.actor != null ? a.actor : scope == SequenceSignal.Scope.IAM ? actor : null;
    }

    /** The sum of the signals' counts. */
    public long events() {
        long n = 0;
        for (Agg a : signals) {
            n += a.count;
        }
        return n;
    }

    /**
     * Adds {@code s}. A signal more than {@code horizonMs} after the chain's newest, or after the newest of its
     * sequence's signals once it is one, starts a new chain (the state is cleared first); before a sequence exists,
     * signals older than the horizon before the newest are dropped.
     *
     * @return whether {@code s} was a signal the chain did not have yet
     */
    public boolean add(SequenceSignal s, long horizonMs) {
        boolean idle = !signals.isEmpty() && s.timeMs() > newestMs + horizonMs;
        // 0: a state stored before this field existed, whose sequence is judged by the chain's newest signal alone
        boolean sequenceOver = sequenceId != null && sequenceNewestMs > 0 && s.timeMs() > sequenceNewestMs + horizonMs;
        if (idle || sequenceOver) {
            signals.clear();
            sequenceId = null;
            type = null;
            emittedEvents = 0;
            emittedSignals = 0;
            sequenceNewestMs = 0;
            dirty = false;
        }
        accountId = s.accountId();
        region = s.region();
        detectorId = s.detectorId() != null ? s.detectorId() : detectorId;
        scope = s.scope();
        key = s.key();
        newestMs = Math.max(newestMs, s.timeMs());
        if (sequenceId == null) {
            signals.removeIf(a -> a.lastMs < newestMs - horizonMs);
        }
        Agg agg = null;
        for (Agg a : signals) {
            if (a.uid.equals(s.uid())) {
                agg = a;
                break;
            }
        }
        boolean added = agg == null;
        if (added) {
            if (signals.size() >= MAX_SIGNALS) {
                evictOne();
            }
            agg = new Agg();
            agg.source = s.source();
            agg.name = s.name();
            agg.uid = s.uid();
            agg.firstMs = s.firstMs();
            signals.add(agg);
        }
        agg.tactic = s.tactic();
        agg.technique = s.technique();
        agg.s3Data |= s.s3Data();
        if (s.severity() != null) {
            agg.severity = agg.severity == null ? s.severity() : Math.max(agg.severity, s.severity());
        }
        agg.firstMs = Math.min(agg.firstMs, s.firstMs());
        agg.lastMs = Math.max(agg.lastMs, s.timeMs());
        agg.count += s.count();
        if (s.actor() != null) {
            if (actor == null) {
                actor = s.actor();
            }
            agg.actor = s.actor().equals(actor) ? null : s.actor();
        }
        if (s.resource() != null && agg.resources.size() < MAX_PER_SIGNAL
                && agg.resources.stream().noneMatch(r -> r.uid().equals(s.resource().uid()))) {
            agg.resources.add(s.resource());
        }
        int endpointCap = s.finding() ? MAX_FINDING_ENDPOINTS : MAX_PER_SIGNAL;
        if (s.endpoint() != null && agg.endpoints.size() < endpointCap && !agg.endpoints.contains(s.endpoint())) {
            agg.endpoints.add(s.endpoint());
        }
        if (s.indicators() != null) {
            s.indicators().forEach(agg.indicators::putIfAbsent);
        }
        return added;
    }

    /** Makes room: the oldest Discovery API signal goes first (the weakest), else the oldest API signal. */
    private void evictOne() {
        Agg victim = null;
        for (Agg a : signals) {
            if (!"FINDING".equals(a.source) && (victim == null || weaker(a, victim))) {
                victim = a;
            }
        }
        signals.remove(victim != null ? victim : signals.get(0));
    }

    private static boolean weaker(Agg a, Agg b) {
        boolean da = "Discovery".equals(a.tactic);
        boolean db = "Discovery".equals(b.tactic);
        return da != db ? da : a.lastMs < b.lastMs;
    }
}
