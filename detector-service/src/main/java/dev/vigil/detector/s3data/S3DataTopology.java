package dev.vigil.detector.s3data;

import dev.vigil.detector.behavior.BehaviorConfig;
import dev.vigil.detector.behavior.BehaviorTopology;
import dev.vigil.detector.rules.FindingFactory;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Net;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.S3DataEvents;
import io.quarkus.logging.Log;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * The S3 data-event family of the detector topology (GuardDuty's S3 Protection):
 *
 * <pre>
 * trail (key account/principal) ─► S3 data events ({@link S3DataEvents}) of tenants whose detector has
 *   S3_DATA_EVENTS on; the others are dropped here (never analysed)
 *   ├─► stateless ({@link S3DataSignatures}) ─────────────────────────────┐
 *   └─► untrusted callers ─► process [store s3data-principal-profiles]     ├─► candidates keyed by finding ID
 *        ({@link S3DataBehavior}) ─────────────────────────────────────────┘
 * </pre>
 */
public final class S3DataTopology {

    /** Profiles of principals' S3 data events, keyed {@code account/principalId}. */
    public static final String PROFILE_STORE = "s3data-principal-profiles";

    private final FindingFactory findings;
    private final S3DataSignatures signatures;
    private final S3DataBehavior learned;
    private final BehaviorTopology behavior;

    /**
     * The family with candidates made by {@code findings}, the built-in lists {@code intel}, the learned rules'
     * {@code config}, and {@code behavior} keeping their profiles.
     */
    public S3DataTopology(FindingFactory findings, BuiltInThreatIntel intel, BehaviorConfig config,
            BehaviorTopology behavior) {
        this.findings = findings;
        this.signatures = new S3DataSignatures(intel);
        this.learned = new S3DataBehavior(config);
        this.behavior = behavior;
    }

    /** The candidates of the S3 data events in {@code trail} (values of any type, read through the accessors). */
    public <V> KStream<String, FindingCandidate> candidates(StreamsBuilder builder, KStream<String, V> trail,
            Function<V, CloudTrailRecord> record, Function<V, Tenant> tenant) {
        KStream<String, V> s3 = trail.filter((k, v) -> S3DataEvents.is(record.apply(v))
                && tenant.apply(v).s3DataEvents(), Named.as("s3data-enabled"));
        KStream<String, FindingCandidate> stateless = s3.flatMap((k, v) -> {
            try {
                Tenant t = tenant.apply(v);
                List<Hit> hits = signatures.evaluate(record.apply(v), t);
                return hits.stream().map(h -> {
                    FindingCandidate c = findings.candidate(h, t.scope());
                    return KeyValue.pair(c.finding().id(), c);
                }).toList();
            } catch (RuntimeException e) {
                Log.warnf(e, "S3 data-event rules failed on a record of %s; record skipped", k);
                return List.<KeyValue<String, FindingCandidate>>of();
            }
        }, Named.as("s3data-signatures"));
        // a trusted caller is neither reported nor learned (GuardDuty's trusted IP lists)
        KStream<String, V> untrusted = s3.filterNot((k, v) -> trusted(record.apply(v), tenant.apply(v)),
                Named.as("s3data-untrusted"));
        KStream<String, FindingCandidate> profiled = behavior.profiled(builder, untrusted, PROFILE_STORE,
                v -> record.apply(v).eventTimeMillis(), v -> tenant.apply(v).scope(),
                (p, v) -> learned.evaluate(p, record.apply(v)));
        return stateless.merge(profiled, Named.as("s3data-merge"));
    }

    private static boolean trusted(CloudTrailRecord ct, Tenant t) {
        var ip = Net.parse(ct.sourceIPAddress());
        return ip != null && t.lists() != null && t.lists().trusted().contains(ip);
    }
}
