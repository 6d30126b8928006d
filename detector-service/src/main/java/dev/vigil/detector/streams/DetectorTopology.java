package dev.vigil.detector.streams;

import dev.vigil.detector.config.RulesConfig;
import dev.vigil.detector.behavior.BehaviorTopology;
import dev.vigil.detector.enrichment.GeoIp;
import dev.vigil.detector.rules.CloudTrailSignatures;
import dev.vigil.detector.rules.DnsSignatures;
import dev.vigil.detector.rules.FindingFactory;
import dev.vigil.detector.rules.Hit;
import dev.vigil.detector.rules.Scope;
import dev.vigil.detector.rules.Tenant;
import dev.vigil.detector.rules.ThreatListRules;
import dev.vigil.detector.rules.window.Observation;
import dev.vigil.detector.rules.window.WindowAgg;
import dev.vigil.detector.rules.window.WindowAggSerde;
import dev.vigil.detector.rules.window.WindowRules;
import dev.vigil.detector.sequence.SequenceTopology;
import dev.vigil.detector.state.ObjectCachingStoreBuilder;
import dev.vigil.detector.threatintel.BuiltInThreatIntel;
import dev.vigil.detector.threatintel.TenantLists;
import dev.vigil.events.AccountState;
import dev.vigil.events.CloudTrailRecord;
import dev.vigil.events.DnsLogRecord;
import dev.vigil.events.FindingCandidate;
import dev.vigil.events.FlowLogRecord;
import dev.vigil.events.JsonSerde;
import dev.vigil.events.KeyGuard;
import dev.vigil.events.S3DataEvents;
import dev.vigil.detector.s3data.S3DataTopology;
import dev.vigil.detector.network.NetworkTopology;
import dev.vigil.detector.resourcecreds.ResourceCredsTopology;
import dev.vigil.events.Keys;
import dev.vigil.events.Serdes;
import dev.vigil.events.ThreatListState;
import dev.vigil.events.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.logging.Log;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes.StringSerde;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;

/**
 * The detector's Kafka Streams topology, independent of CDI so that tests and the benchmark build it directly.
 *
 * <pre>
 * vigil.accounts.state.v1 ──► GlobalKTable accounts-state-store
 * vigil.threat-lists.v1   ──► GlobalKTable threat-lists-store
 * vigil.flow-logs.v1 / vigil.dns-logs.v1 / vigil.cloudtrail.v1
 *   ─► join accounts (key's account; detector ENABLED in the record's region) ─► left join threat lists
 *   ─► (flow) the interface's own address, learned per interface, sets flow-direction
 *   ├─► (flow) network.NetworkTopology: EMR port probes, learned DNS-resolver evasion (UnusualDNSResolver/DoH/DoT)
 *   ├─► (cloudtrail) resourcecreds.ResourceCredsTopology: Lambda/ECS credentials used outside AWS; their calls
 *   │     from inside AWS go to behavior's origin stage (InsideAWS), as do instances' addresses from flow logs
 *   ├─► (cloudtrail) S3 data events to their own family (s3data.S3DataTopology), the rest as management events
 *   ├─► stateless rules (signatures, threat lists) ───────────────────────────────┐
 *   └─► observations ─► tumbling event-time windows in the input task, a clock per  │
 *        account and log source, idle flush on the wall clock ─► evaluate once closed ┤
 *                                                                                  ▼
 *                          enrich remoteIpDetails (GeoIP City / ASN, only when configured)
 *                                                                                  ▼
 *            + attack sequences of those candidates and CloudTrail (sequence.SequenceTopology)
 *                                                                                  ▼
 *                                         vigil.findings.candidates.v1 (key: finding ID)
 * </pre>
 *
 * <p>Tenancy ({@link KeyGuard}): a log record whose {@code accountId} is not the account of its key
 * ({@code accountId/resourceId}) is dropped before the joins. A value of the account-state or threat-list table whose
 * {@code accountId} is not its key is never used: a log record that would join such an account state is dropped,
 * such threat lists are ignored; each use is counted under the table's topic.
 *
 * <p>Windows are kept by {@link WindowProcessor} (why not Kafka Streams' windowed aggregation: see there) in the
 * changelogged stores {@value WindowProcessor#WINDOWS} and {@value WindowProcessor#CLOCKS}, so with exactly-once
 * processing a restart neither loses a window nor emits one twice. Their findings do not depend on the order in
 * which records arrive within {@code detector.rules.lateness-horizon}.
 */
public final class DetectorTopology {

    /** Global store of account states. */
    public static final String ACCOUNTS_STORE = "accounts-state-store";
    /** Global store of threat lists. */
    public static final String THREAT_LISTS_STORE = "threat-lists-store";

    private static final StringSerde KEY = new StringSerde();
    /** GuardDuty's correlation window for attack sequences: 24 hours per actor. */
    static final Duration SEQUENCE_HORIZON = Duration.ofHours(24);
    /** How often pending attack-sequence updates are flushed (wall clock). */
    static final Duration SEQUENCE_FLUSH = Duration.ofSeconds(10);

    private final CloudTrailSignatures cloudTrailSignatures;
    private final DnsSignatures dnsSignatures = new DnsSignatures();
    private final ThreatListRules threatLists;
    private final BuiltInThreatIntel intel;
    private final WindowRules windowRules;
    private final RulesConfig config;
    private final FindingFactory findings;
    private final GeoIp geo;
    private final KeyGuard keys;
    private final BeyondHorizon beyondHorizon;
    private final EventTimeDelay delay;

    /** A topology for {@code config} with the built-in lists {@code intel}, without enrichment. */
    public DetectorTopology(RulesConfig config, BuiltInThreatIntel intel) {
        this(config, intel, GeoIp.none(), new KeyGuard(new SimpleMeterRegistry()));
    }

    /** As {@link #DetectorTopology(RulesConfig, BuiltInThreatIntel, GeoIp, KeyGuard)}, counting nowhere visible. */
    public DetectorTopology(RulesConfig config, BuiltInThreatIntel intel, GeoIp geo) {
        this(config, intel, geo, new KeyGuard(new SimpleMeterRegistry()));
    }

    /** As {@link #DetectorTopology(RulesConfig, BuiltInThreatIntel, GeoIp, KeyGuard)}, without enrichment. */
    public DetectorTopology(RulesConfig config, BuiltInThreatIntel intel, KeyGuard keys) {
        this(config, intel, GeoIp.none(), keys);
    }

    /**
     * A topology for {@code config} with the built-in lists {@code intel}; every candidate's {@code remoteIpDetails}
     * are enriched from {@code geo} (the AnomalousBehavior rules group callers by its ASN when it has one), and
     * records whose account does not match their key are dropped and counted by {@code keys}.
     */
    public DetectorTopology(RulesConfig config, BuiltInThreatIntel intel, GeoIp geo, KeyGuard keys) {
        this(config, intel, geo, keys, new SimpleMeterRegistry());
    }

    /**
     * As {@link #DetectorTopology(RulesConfig, BuiltInThreatIntel, GeoIp, KeyGuard)}; observations beyond the
     * lateness horizon are counted in {@code registry} ({@link BeyondHorizon}).
     */
    public DetectorTopology(RulesConfig config, BuiltInThreatIntel intel, GeoIp geo, KeyGuard keys,
            io.micrometer.core.instrument.MeterRegistry registry) {
        this.beyondHorizon = new BeyondHorizon(registry);
        this.delay = new EventTimeDelay(registry);
        this.geo = geo;
        this.keys = keys;
        this.config = config;
        this.findings = new FindingFactory(config.severity());
        this.cloudTrailSignatures = new CloudTrailSignatures(config);
        this.threatLists = new ThreatListRules(intel, config);
        this.intel = intel;
        this.windowRules = new WindowRules(config);
    }

    /** A record of an analysed account with its tenant context. */
    record Analysed<T>(T record, Tenant tenant) {
    }

    private record WithAccount<T>(T record, AccountState account) {
    }

    /** Builds the topology with the default (RocksDB) stores. */
    public Topology build() {
        return build(new StreamsBuilder());
    }

    /**
     * Builds the topology with the DSL store suppliers of {@code streamsConfig} ({@code dsl.store.suppliers.class}:
     * tests and the benchmark may choose in-memory stores).
     */
    public Topology build(java.util.Properties streamsConfig) {
        return build(new StreamsBuilder(new org.apache.kafka.streams.TopologyConfig(
                new org.apache.kafka.streams.StreamsConfig(streamsConfig))));
    }

    private Topology build(StreamsBuilder builder) {
        // every record reads both tables: in-memory stores (restored from their compacted topics at start) cost a map
        // lookup where RocksDB cost a JNI call (issue 26: the two RocksDB gets were 14 % of the stream thread's CPU)
        GlobalKTable<String, AccountState> accounts = builder.globalTable(Topics.ACCOUNTS_STATE,
                Consumed.with(KEY, new CachingAccountSerde()),
                Materialized.<String, AccountState>as(Stores.inMemoryKeyValueStore(ACCOUNTS_STORE)));
        GlobalKTable<String, ThreatListState> lists = builder.globalTable(Topics.THREAT_LISTS,
                Consumed.with(KEY, new CachingThreatListSerde()),
                Materialized.<String, ThreatListState>as(Stores.inMemoryKeyValueStore(THREAT_LISTS_STORE)));

        // small values read and written per record stay deserialised (state.ObjectCachingStore): each processor
        // here puts every value it changes
        builder.addStateStore(ObjectCachingStoreBuilder.persistent(OwnAddressProcessor.STORE,
                new JsonSerde<>(dev.vigil.detector.interfaces.OwnAddress.class),
                ObjectCachingStoreBuilder.SMALL_VALUE_ENTRIES));
        KStream<String, Analysed<FlowLogRecord>> flows = analysed(builder, Topics.FLOW_LOGS, new Serdes.FlowLog(),
                FlowLogRecord::accountId, FlowLogRecord::region, FlowLogRecord::eventTimeMillis, accounts, lists,
                "flow")
                .processValues(OwnAddressProcessor::new, Named.as("flow-own-address"), OwnAddressProcessor.STORE);
        KStream<String, Analysed<DnsLogRecord>> dns = analysed(builder, Topics.DNS_LOGS, new Serdes.DnsLog(),
                DnsLogRecord::accountId, DnsLogRecord::region, DnsLogRecord::eventTimeMillis, accounts, lists, "dns");
        KStream<String, Analysed<CloudTrailRecord>> allTrail = analysed(builder, Topics.CLOUDTRAIL,
                new Serdes.CloudTrail(), CloudTrailRecord::accountId, CloudTrailRecord::region,
                CloudTrailRecord::eventTimeMillis, accounts, lists, "cloudtrail");
        // S3 data events are their own family (s3data), never analysed as IAM management events
        KStream<String, Analysed<CloudTrailRecord>> trail = allTrail.filterNot(
                (k, a) -> S3DataEvents.is(a.record()), Named.as("cloudtrail-management"));

        KStream<String, FindingCandidate> candidates = candidates(flows, "flow-threat-lists",
                a -> threatLists.flow(a.record(), a.tenant()))
                .merge(candidates(dns, "dns-rules", a -> {
                    List<Hit> hits = new ArrayList<>(dnsSignatures.evaluate(a.record(), a.tenant()));
                    hits.addAll(threatLists.dns(a.record(), a.tenant()));
                    return hits;
                }), Named.as("merge-dns"))
                .merge(candidates(trail, "cloudtrail-rules", a -> {
                    List<Hit> hits = new ArrayList<>(cloudTrailSignatures.evaluate(a.record()));
                    hits.addAll(threatLists.cloudTrail(a.record(), a.tenant()));
                    return hits;
                }), Named.as("merge-cloudtrail"));

        KStream<String, Observation> observations = observations(flows, "flow",
                a -> windowRules.flow(a.record(), a.tenant()))
                .merge(observations(dns, "dns", a -> windowRules.dns(a.record(), a.tenant())), Named.as("merge-obs-dns"))
                .merge(observations(trail, "cloudtrail", a -> windowRules.cloudTrail(a.record(), a.tenant())),
                        Named.as("merge-obs-cloudtrail"));
        // windows are many, mostly touched a few times, and up to 1,000 elements each: no object cache (measured: the
        // cached windows filled the 256 MB heap and cost more in full collections than they saved in parsing; as a
        // write buffer of 10,000 per task, flushed as one sorted RocksDB batch, they cost more in young collections
        // than the batch saved: 34.8 against 27-33 stream-thread microseconds per record)
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WindowProcessor.WINDOWS), KEY,
                new WindowAggSerde()));
        builder.addStateStore(ObjectCachingStoreBuilder.persistent(WindowProcessor.CLOCKS,
                new JsonSerde<>(WindowProcessor.Clock.class), ObjectCachingStoreBuilder.SMALL_VALUE_ENTRIES));
        candidates = candidates.merge(observations.process(() -> new WindowProcessor(windowRules, config.grace(),
                config.latenessHorizon(), config.updateInterval(), this::windowCandidates, beyondHorizon),
                Named.as("windows"), WindowProcessor.WINDOWS, WindowProcessor.CLOCKS), Named.as("merge-windows"));
        BehaviorTopology behavior = new BehaviorTopology(BehaviorTopology.configured(), intel, geo, findings);
        ResourceCredsTopology.Streams resourceCreds = new ResourceCredsTopology(findings)
                .build(builder, trail, Analysed::record, Analysed::tenant);
        // the origin stage also judges Lambda/ECS calls from inside AWS and learns addresses from flow logs
        KStream<String, dev.vigil.detector.behavior.CloudTrailBehavior.InstanceUse> moreOrigins = resourceCreds
                .insideAws().merge(behavior.flowClaims(builder, flows, Analysed::record, Analysed::tenant),
                        Named.as("merge-more-origins"));
        candidates = candidates.merge(behavior.flows(builder, flows, Analysed::record, Analysed::tenant),
                Named.as("merge-behavior-flow"))
                .merge(behavior.dns(builder, dns, Analysed::record, Analysed::tenant), Named.as("merge-behavior-dns"))
                .merge(behavior.cloudTrail(builder, trail, Analysed::record, Analysed::tenant, moreOrigins),
                        Named.as("merge-behavior-cloudtrail"));
        candidates = candidates.merge(new NetworkTopology(findings, intel, BehaviorTopology.configured(), behavior)
                .candidates(builder, flows, Analysed::record, Analysed::tenant), Named.as("merge-network"));
        candidates = candidates.merge(resourceCreds.candidates(), Named.as("merge-resource-creds"));
        candidates = candidates.merge(new S3DataTopology(findings, intel, BehaviorTopology.configured(), behavior)
                .candidates(builder, allTrail, Analysed::record, Analysed::tenant), Named.as("merge-s3-data"));
        candidates = candidates.peek((k, c) -> geo.enrich(c.finding().service().action()), Named.as("enrich-remote-ip"));
        // attack sequences see management events and, where the detector analyses them, S3 data events
        KStream<String, Analysed<CloudTrailRecord>> sequenceTrail = allTrail.filter(
                (k, a) -> !S3DataEvents.is(a.record()) || a.tenant().s3DataEvents(), Named.as("sequence-cloudtrail"));
        candidates.merge(new SequenceTopology(SEQUENCE_HORIZON, SEQUENCE_FLUSH, System::currentTimeMillis)
                        .build(builder, candidates, sequenceTrail, Analysed::record, Analysed::tenant),
                        Named.as("merge-sequences"))
                .to(Topics.FINDINGS_CANDIDATES, Produced.with(KEY, new Serdes.Candidate()).withName("candidates-out"));
        return builder.build();
    }

    /**
     * The candidate of a window that crossed its threshold, keyed by finding ID, adding {@code count} events (see
     * {@link WindowProcessor}); none when the window has no rule or is under its threshold.
     */
    private List<KeyValue<String, FindingCandidate>> windowCandidates(WindowAgg agg, long start, long count,
            String evidence) {
        if (agg.rule == null) {
            return List.of();
        }
        Scope where = new Scope(agg.accountId, agg.region, agg.detectorId);
        return windowRules.evaluate(agg, start)
                .map(h -> List.of(pair(findings.candidate(h.withCount(count, evidence), where)))).orElse(List.of());
    }

    /** The counter of observations beyond the lateness horizon (tests read it). */
    double beyondHorizon() {
        return beyondHorizon.counted();
    }

    private static KeyValue<String, FindingCandidate> pair(FindingCandidate c) {
        return KeyValue.pair(c.finding().id(), c);
    }

    private <T> KStream<String, Analysed<T>> analysed(StreamsBuilder builder, String topic, Serde<T> serde,
            Function<T, String> account, Function<T, String> region, java.util.function.ToLongFunction<T> eventTime,
            GlobalKTable<String, AccountState> accounts, GlobalKTable<String, ThreatListState> lists, String name) {
        return builder.stream(topic, Consumed.with(KEY, serde).withName(name + "-in"))
                .filter((k, v) -> v != null && Keys.isAccountId(accountOrNull(k)), Named.as(name + "-valid"))
                .peek((k, v) -> delay.seen(topic, eventTime.applyAsLong(v)), Named.as(name + "-event-time"))
                .filter((k, v) -> keys.accept(topic, k, account.apply(v)), Named.as(name + "-key-matches"))
                .join(accounts, (k, v) -> Keys.accountOf(k), WithAccount::new, Named.as(name + "-accounts"))
                .filter((k, w) -> keys.accept(Topics.ACCOUNTS_STATE, Keys.accountOf(k), w.account().accountId()),
                        Named.as(name + "-account-key-matches"))
                .filter((k, w) -> region.apply(w.record()) != null && w.account().analyses(region.apply(w.record())),
                        Named.as(name + "-enabled"))
                .leftJoin(lists, (k, w) -> Keys.accountOf(k), (k, w, tl) -> {
                    String acc = Keys.accountOf(k);
                    ThreatListState own = tl == null || keys.accept(Topics.THREAT_LISTS, acc, tl.accountId()) ? tl : null;
                    String r = region.apply(w.record());
                    String detectorId = w.account().detector(r).map(AccountState.Detector::detectorId).orElse(null);
                    return new Analysed<>(w.record(), new Tenant(acc, r, detectorId, TenantLists.of(own, r),
                            w.account().analysesS3DataEvents(r)));
                }, Named.as(name + "-lists"));
    }

    private static String accountOrNull(String key) {
        if (key == null) {
            return null;
        }
        int slash = key.indexOf('/');
        return slash < 0 ? key : key.substring(0, slash);
    }

    private <T> KStream<String, FindingCandidate> candidates(KStream<String, Analysed<T>> in, String name,
            Function<Analysed<T>, List<Hit>> rules) {
        return in.flatMap((k, a) -> {
            try {
                List<KeyValue<String, FindingCandidate>> out = new ArrayList<>();
                Scope where = a.tenant().scope();
                for (Hit h : rules.apply(a)) {
                    out.add(pair(findings.candidate(h, where)));
                }
                return out;
            } catch (RuntimeException e) {
                Log.warnf(e, "%s failed on a record of %s; record skipped", name, k);
                return List.<KeyValue<String, FindingCandidate>>of();
            }
        }, Named.as(name));
    }

    private <T> KStream<String, Observation> observations(KStream<String, Analysed<T>> in, String name,
            Function<Analysed<T>, List<Observation>> rules) {
        return in.flatMap((k, a) -> {
            try {
                return rules.apply(a).stream().map(o -> KeyValue.pair(o.groupKey(), o)).toList();
            } catch (RuntimeException e) {
                Log.warnf(e, "windowed %s rules failed on a record of %s; record skipped", name, k);
                return List.<KeyValue<String, Observation>>of();
            }
        }, Named.as(name + "-observations"));
    }
}
