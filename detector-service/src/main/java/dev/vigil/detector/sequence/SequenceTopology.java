package dev.vigil.detector.sequence;

import dev.vigil.detector.behavior.ApiTactics;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.detector.state.ObjectCachingStoreBuilder;
import dev.vigil.events.JsonSerde;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.apache.kafka.common.serialization.Serdes.StringSerde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * The correlation stage (GuardDuty's Extended Threat Detection) as a sub-topology of the detector:
 *
 * <pre>
 * finding candidates of every rule (created or updated) ─► FindingSignals ──┐
 * CloudTrail (tenant joined, trusted lists applied)     ─► ActivitySignals ─┤
 *                                                                           ▼
 *     repartition sequence-signals (key account/region/scope/actor) ─► CorrelationProcessor (store sequence-actors)
 *                                                                           ▼
 *                                            attack-sequence candidates (key: finding ID)
 * </pre>
 *
 * Why here and not in findings-service: see the detector README, "Attack sequences".
 */
public final class SequenceTopology {

    /** The name of the repartition step (topic {@code vigil-detector-sequence-signals-repartition}). */
    public static final String REPARTITION = "sequence-signals";
    private static final StringSerde KEY = new StringSerde();

    private final ActivitySignals activity = new ActivitySignals(new ApiTactics());
    private final Duration horizon;
    private final Duration flushEvery;
    private final LongSupplier clock;

    /** A stage with a rolling {@code horizon} per actor and pending updates flushed every {@code flushEvery}. */
    public SequenceTopology(Duration horizon, Duration flushEvery, LongSupplier clock) {
        this.horizon = horizon;
        this.flushEvery = flushEvery;
        this.clock = clock;
    }

    /**
     * Adds the stage to {@code builder}: {@code candidates} are the single-signal finding candidates, {@code trail}
     * the analysed CloudTrail records; returns the attack-sequence candidates keyed by finding ID.
     */
    public <A> KStream<String, FindingCandidate> build(StreamsBuilder builder, KStream<String, FindingCandidate> candidates,
            KStream<String, A> trail, Function<A, CloudTrailRecord> record, Function<A, Tenant> tenant) {
        // CorrelationProcessor puts every state it changes: kept deserialised between signals
        builder.addStateStore(ObjectCachingStoreBuilder.persistent(CorrelationProcessor.STORE,
                new ActorStateSerde()));
        KStream<String, SequenceSignal> fromFindings = candidates.flatMap((k, c) -> FindingSignals.of(c).stream()
                .map(s -> KeyValue.pair(s.stateKey(), s)).toList(), Named.as("sequence-finding-signals"));
        KStream<String, SequenceSignal> fromTrail = trail.flatMap((k, a) -> activity.of(record.apply(a), tenant.apply(a))
                .map(s -> java.util.List.of(KeyValue.pair(s.stateKey(), s))).orElse(java.util.List.of()),
                Named.as("sequence-activity-signals"));
        return fromFindings.merge(fromTrail, Named.as("sequence-merge-signals"))
                .repartition(Repartitioned.<String, SequenceSignal>as(REPARTITION).withKeySerde(KEY)
                        .withValueSerde(new JsonSerde<>(SequenceSignal.class)))
                .process(() -> new CorrelationProcessor(horizon, flushEvery, clock), Named.as("sequence-correlation"),
                        CorrelationProcessor.STORE);
    }
}
