package dev.vigil.detector.network;

import dev.vigil.detector.behavior.BehaviorConfig;
import dev.vigil.detector.behavior.BehaviorTopology;
import dev.vigil.detector.rules.FindingFactory;
import dev.vigil.detector.rules.FlowView;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The flow-log types added after GuardDuty's 2023 set, in the detector topology:
 *
 * <pre>
 * flows (key account/ENI) ├─► {@link EmrPortProbe} (stateless) ─────────────────────────────┐
 *                         └─► untrusted remotes ─► process [store network-resolver-profiles] ├─► candidates
 *                              ({@link ResolverBehavior})  ────────────────────────────────────┘
 * </pre>
 */
public final class NetworkTopology {

    /** Resolver profiles of network interfaces, keyed {@code account/ENI}. */
    public static final String RESOLVER_STORE = "network-resolver-profiles";

    private final FindingFactory findings;
    private final EmrPortProbe emr;
    private final ResolverBehavior resolvers;
    private final BehaviorTopology behavior;

    /** The family with {@code findings}, the built-in lists {@code intel}, and {@code behavior} keeping profiles. */
    public NetworkTopology(FindingFactory findings, BuiltInThreatIntel intel, BehaviorConfig config,
            BehaviorTopology behavior) {
        this.findings = findings;
        this.emr = new EmrPortProbe(intel);
        this.resolvers = new ResolverBehavior(config);
        this.behavior = behavior;
    }

    /** The candidates of the flows in {@code flows} (values of any type, read through the accessors). */
    public <V> KStream<String, FindingCandidate> candidates(StreamsBuilder builder, KStream<String, V> flows,
            Function<V, FlowLogRecord> record, Function<V, Tenant> tenant) {
        KStream<String, FindingCandidate> probes = flows.flatMap((k, v) -> {
            try {
                Tenant t = tenant.apply(v);
                return emr.evaluate(record.apply(v), t).map(h -> {
                    FindingCandidate c = findings.candidate(h, t.scope());
                    return List.of(KeyValue.pair(c.finding().id(), c));
                }).orElse(List.of());
            } catch (RuntimeException e) {
                Log.warnf(e, "EMR port-probe rule failed on a record of %s; record skipped", k);
                return List.<KeyValue<String, FindingCandidate>>of();
            }
        }, Named.as("network-emr-port-probe"));
        // a trusted peer is neither reported nor learned (GuardDuty's trusted IP lists)
        KStream<String, V> untrusted = flows.filterNot((k, v) -> trusted(record.apply(v), tenant.apply(v)),
                Named.as("network-resolver-untrusted"));
        KStream<String, FindingCandidate> learned = behavior.profiled(builder, untrusted, RESOLVER_STORE,
                v -> record.apply(v).eventTimeMillis(), v -> tenant.apply(v).scope(),
                (p, v) -> resolvers.evaluate(p, record.apply(v)));
        return probes.merge(learned, Named.as("network-merge"));
    }

    private static boolean trusted(FlowLogRecord f, Tenant t) {
        FlowView v = FlowView.of(f);
        return v != null && v.remote() != null && t.lists() != null && t.lists().trusted().contains(v.remote());
    }
}
