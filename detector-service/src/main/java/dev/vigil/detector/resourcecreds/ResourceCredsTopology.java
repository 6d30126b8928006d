package dev.vigil.detector.resourcecreds;

import dev.vigil.detector.behavior.BehaviorTopology;
import dev.vigil.detector.behavior.CloudTrailBehavior;
import dev.vigil.detector.rules.FindingFactory;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Scope;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.detector.state.ObjectCachingStoreBuilder;
import dev.vigil.events.JsonSerde;
import dev.vigil.events.Keys;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * ResourceCredentialExfiltration in the detector topology:
 *
 * <pre>
 * trail ─► AssumeRole by Lambda/ECS (key account/assumedRoleId) + role-session calls from outside AWS, from AWS
 *          addresses or through VPC endpoints (key account/principalId, the same ID)
 *       ─► repartition resourcecreds-by-session
 *       ─► process [store resourcecreds-sessions: the live Lambda/ECS sessions]
 *            ├─► OutsideAWS candidates
 *            └─► the session's calls from inside AWS, keyed by origin ({@link Streams#insideAws()}), judged by the
 *                origin stage of {@code behavior.BehaviorTopology} against the origins' owners (InsideAWS)
 * </pre>
 *
 * <p>Every role-session call from an AWS address or a VPC endpoint crosses {@code resourcecreds-by-session}, not
 * only those of Lambda and ECS sessions: which sessions those are is known only on the session's partition. Only the
 * Lambda and ECS ones go on to the origin stage.
 *
 * Expired sessions are deleted every hour of stream time. A call delivered before its session's AssumeRole event
 * (the two travel through different input partitions: the AssumeRole is keyed by the service, the call by the
 * session) is held in {@value #PENDING} (at most {@value #MAX_PENDING} per session, for {@link #PENDING_HOURS} hours
 * of stream time) and judged when the AssumeRole arrives, so the order of delivery does not change the findings.
 * Each held call is a row of its own ({@code <session>#<n>}) and {@value #HELD} counts them per session, so holding
 * a call writes that call and the count, not the session's whole list again (issue 26, eleventh pass: rewritten
 * lists were 152 MB of the drain benchmark's changelogs, 10.8 KB per write). Lists held whole under the session's
 * key by earlier versions are still judged and purged.
 */
public final class ResourceCredsTopology {

    /** Live Lambda and ECS role sessions, keyed {@code account/assumedRoleId}. */
    public static final String STORE = "resourcecreds-sessions";
    /**
     * Calls of sessions whose AssumeRole has not arrived yet, one per row keyed {@code account/assumedRoleId#n}
     * ({@code n} from 0; earlier versions kept a session's list under {@code account/assumedRoleId}).
     */
    public static final String PENDING = "resourcecreds-pending-calls";
    /** How many calls each session holds in {@value #PENDING}, keyed {@code account/assumedRoleId}. */
    public static final String HELD = "resourcecreds-held-calls";
    /** Calls held per session; a session's first calls are the ones that matter (the attacker-first case). */
    static final int MAX_PENDING = 20;
    /** How long a call waits for its session's AssumeRole: the longest role session AWS allows (12 h). */
    static final long PENDING_HOURS = 12;

    private final ResourceSessions rules = new ResourceSessions();
    private final CloudTrailBehavior origins;
    private final FindingFactory findings;

    /** The family with candidates made by {@code findings}. */
    public ResourceCredsTopology(FindingFactory findings) {
        this.findings = findings;
        this.origins = new CloudTrailBehavior(BehaviorTopology.configured());
    }

    /**
     * What the family yields: OutsideAWS candidates keyed by finding ID, and the Lambda/ECS sessions' calls from
     * inside AWS keyed by origin, for the origin stage ({@code BehaviorTopology.cloudTrail(..., more)}).
     */
    public record Streams(KStream<String, FindingCandidate> candidates,
            KStream<String, CloudTrailBehavior.InstanceUse> insideAws) {
    }

    /** One judged call: a candidate or a use for the origin stage. */
    private record Outcome(FindingCandidate candidate, CloudTrailBehavior.InstanceUse use) {
    }

    /**
     * A session's creation or a call to judge (without its payloads, {@code CloudTrailRecord.withoutPayloads}: it is
     * sent through a repartition topic and may be held), on its way to the session's partition.
     */
    public record SessionEvent(ResourceSessions.Session session, CloudTrailRecord call, String accountId, String region,
            String detectorId) {
    }

    /** Calls held until their session's AssumeRole arrives: one per row (earlier versions: a session's list). */
    public record PendingCalls(List<SessionEvent> calls) {
    }

    /**
     * The calls a session holds in {@value #PENDING}.
     *
     * @param count    rows {@code <session>#0} to {@code <session>#<count - 1>}
     * @param newestMs the newest held call's event time (UTC epoch ms)
     */
    public record HeldCalls(int count, long newestMs) {
    }

    /** The candidates of {@code trail} (values of any type, read through the accessors); see {@link Streams}. */
    public <V> Streams build(StreamsBuilder builder, KStream<String, V> trail,
            Function<V, CloudTrailRecord> record, Function<V, Tenant> tenant) {
        // values are immutable records, replaced (never changed) by every put: kept deserialised between records
        builder.addStateStore(ObjectCachingStoreBuilder.persistent(STORE,
                new JsonSerde<>(ResourceSessions.Session.class)));
        builder.addStateStore(ObjectCachingStoreBuilder.persistent(PENDING, new JsonSerde<>(PendingCalls.class)));
        builder.addStateStore(ObjectCachingStoreBuilder.persistent(HELD, new JsonSerde<>(HeldCalls.class)));
        KStream<String, Outcome> judged = trail.flatMap((k, v) -> {
            List<KeyValue<String, SessionEvent>> out = new ArrayList<>();
            try {
                CloudTrailRecord ct = record.apply(v);
                Tenant t = tenant.apply(v);
                rules.session(ct).ifPresent(e -> out.add(KeyValue.pair(Keys.logKey(t.accountId(), e.getKey()),
                        new SessionEvent(e.getValue(), null, t.accountId(), t.region(), t.detectorId()))));
                if ((rules.fromOutsideAws(ct) || rules.insideAws(ct)) && !trusted(ct, t)) {
                    out.add(KeyValue.pair(Keys.logKey(t.accountId(), ct.principalId()),
                            new SessionEvent(null, ct.withoutPayloads(), t.accountId(), t.region(), t.detectorId())));
                }
            } catch (RuntimeException e) {
                Log.warnf(e, "resource-session rules failed on a record of %s; record skipped", k);
            }
            return out;
        }, Named.as("resourcecreds-events"))
                .repartition(Repartitioned.with(Serdes.String(), new JsonSerde<>(SessionEvent.class))
                        .withName("resourcecreds-by-session"))
                .process(SessionProcessor::new, Named.as("resourcecreds-judge"), STORE, PENDING, HELD);
        return new Streams(
                judged.filter((k, o) -> o.candidate() != null, Named.as("resourcecreds-candidates"))
                        .mapValues(Outcome::candidate, Named.as("resourcecreds-candidate")),
                judged.filter((k, o) -> o.use() != null, Named.as("resourcecreds-inside-aws"))
                        .mapValues(Outcome::use, Named.as("resourcecreds-use")));
    }

    private static boolean trusted(CloudTrailRecord ct, Tenant t) {
        var ip = Net.parse(ct.sourceIPAddress());
        return ip != null && t.lists() != null && t.lists().trusted().contains(ip);
    }

    private final class SessionProcessor implements Processor<String, SessionEvent, String, Outcome> {

        private KeyValueStore<String, ResourceSessions.Session> store;
        private KeyValueStore<String, PendingCalls> pending;
        private KeyValueStore<String, HeldCalls> held;
        private ProcessorContext<String, Outcome> context;

        @Override
        public void init(ProcessorContext<String, Outcome> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
            this.pending = context.getStateStore(PENDING);
            this.held = context.getStateStore(HELD);
            context.schedule(Duration.ofHours(1), PunctuationType.STREAM_TIME, this::purge);
        }

        @Override
        public void process(Record<String, SessionEvent> r) {
            SessionEvent e = r.value();
            if (r.key() == null || e == null) {
                return;
            }
            try {
                if (e.session() != null) {
                    store.put(r.key(), e.session());
                    release(r.key()).forEach(call -> judge(r, e.session(), call));
                } else if (e.call() != null) {
                    ResourceSessions.Session session = store.get(r.key());
                    if (session != null) {
                        judge(r, session, e);
                    } else {
                        hold(r.key(), e);
                    }
                }
            } catch (RuntimeException ex) {
                Log.warnf(ex, "resource-session judging failed on a record of %s; record skipped", r.key());
            }
        }

        private void judge(Record<String, SessionEvent> r, ResourceSessions.Session session, SessionEvent e) {
            if (!rules.fromOutsideAws(e.call())) {
                if (rules.live(session, e.call())) {
                    origins.resourceUse(e.call(), session.kind() + " " + session.name(), e.accountId(), e.region(),
                            e.detectorId()).ifPresent(u -> context.forward(r.withKey(u.origin())
                                    .withValue(new Outcome(null, u))));
                }
                return;
            }
            rules.judge(session, e.call()).ifPresent(h -> {
                FindingCandidate c = findings.candidate(h, new Scope(e.accountId(), e.region(), e.detectorId()));
                context.forward(r.withKey(c.finding().id()).withValue(new Outcome(c, null)));
            });
        }

        private void hold(String key, SessionEvent e) {
            HeldCalls h = held.get(key);
            int n = h == null ? 0 : h.count();
            if (n < MAX_PENDING) {
                pending.put(key + "#" + n, new PendingCalls(List.of(e)));
                held.put(key, new HeldCalls(n + 1, Math.max(h == null ? 0 : h.newestMs(), e.call().eventTimeMillis())));
            }
        }

        /** The calls session {@code key} held, in the order held (a list of an earlier version first), deleted. */
        private List<SessionEvent> release(String key) {
            List<SessionEvent> calls = new ArrayList<>();
            PendingCalls list = pending.get(key);
            if (list != null) {
                pending.delete(key);
                calls.addAll(list.calls());
            }
            HeldCalls h = held.get(key);
            if (h != null) {
                held.delete(key);
                for (int i = 0; i < h.count(); i++) {
                    PendingCalls row = pending.delete(key + "#" + i);
                    if (row != null) {
                        calls.addAll(row.calls());
                    }
                }
            }
            return calls;
        }

        private void purge(long streamTime) {
            long cutoff = streamTime - Duration.ofHours(PENDING_HOURS).toMillis();
            List<String> stale = new ArrayList<>();
            try (KeyValueIterator<String, PendingCalls> it = pending.all()) {
                it.forEachRemaining(kv -> {
                    long newest = kv.value == null ? 0 : kv.value.calls().stream()
                            .mapToLong(c -> c.call().eventTimeMillis()).max().orElse(0);
                    if (newest < cutoff) {
                        stale.add(kv.key);
                    }
                });
            }
            stale.forEach(pending::delete);
            List<String> idle = new ArrayList<>();
            try (KeyValueIterator<String, HeldCalls> it = held.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value == null || kv.value.newestMs() < cutoff) {
                        idle.add(kv.key);
                    }
                });
            }
            idle.forEach(held::delete);
            List<String> expired = new ArrayList<>();
            try (KeyValueIterator<String, ResourceSessions.Session> it = store.all()) {
                it.forEachRemaining(kv -> {
                    if (kv.value == null || kv.value.expiresMs() < streamTime) {
                        expired.add(kv.key);
                    }
                });
            }
            expired.forEach(store::delete);
        }
    }
}
